"""The compiled knowledge base: plain data, cheap to cache, no rdflib needed to use it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

# Begrippenlijsten van het contract (§3), naam -> concept scheme in ontologie/advieswijzer.ttl.
SCHEMAS = {
    "activiteit": "Activiteiten",
    "soort": "Soorten",
    "partner": "Partners",
    "rol": "Rollen",
    "onderwerp": "Onderwerpen",
    "gebiedstype": "Gebiedstypen",
    "aandachtsgebied": "Aandachtsgebieden",
    "kwetsbaar-object": "KwetsbareObjecten",
    "kenmerk": "Kenmerken",
    "criterium": "Criteria",
    "procedure": "Procedures",
    "bevoegd-gezag": "BevoegdGezagen",
    "kwalificatie": "Kwalificaties",
}

ROLVOLGORDE = ("bevoegd-gezag", "uitvoerder", "adviseur", "instemming", "betrokken")


def _geldig(vanaf: str | None, tot: str | None, dag: date) -> bool:
    """Valid from `vanaf` (inclusive) until `tot` (exclusive); open ends always match."""
    return (not vanaf or date.fromisoformat(vanaf) <= dag) and (not tot or dag < date.fromisoformat(tot))


@dataclass
class Afspraak:
    """Een kruisje: bij een van de aanleidingen wordt de partner in de rol betrokken."""

    naam: str
    partner: str
    rol: str
    aanleidingen: list[str]
    onderwerpen: list[str]
    uitleg: str
    bron: str
    label: str = ""
    minimale_gevolgklasse: int | None = None
    geldig_vanaf: str | None = None
    geldig_tot: str | None = None
    regio: str | None = None

    def geldt_op(self, dag: date) -> bool:
        return _geldig(self.geldig_vanaf, self.geldig_tot, dag)


@dataclass
class Feitbron:
    """A derived fact about a concept (new risk, bevoegd gezag, ...) with its source and validity."""

    waarde: str
    bron: str
    geldig_vanaf: str | None = None
    geldig_tot: str | None = None

    def geldt_op(self, dag: date) -> bool:
        return _geldig(self.geldig_vanaf, self.geldig_tot, dag)


@dataclass
class Kennisbank:
    versie: str
    regio: str | None
    begrippen: dict[str, dict[str, str]]  # lijst -> id -> label
    bredere: dict[str, list[str]]  # activiteit -> alle bredere activiteiten (transitief)
    afspraken: list[Afspraak]
    bevoegd_gezag: dict[str, Feitbron] = field(default_factory=dict)
    geen_instemming: dict[str, Feitbron] = field(default_factory=dict)
    nieuw_risico: dict[str, Feitbron] = field(default_factory=dict)
    procedure_van: dict[str, Feitbron] = field(default_factory=dict)
    procedures: dict[str, dict] = field(default_factory=dict)
    trefwoorden: dict[str, list[str]] = field(default_factory=dict)
    bronnen_begrip: dict[str, str] = field(default_factory=dict)
    labels: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # lijst -> id -> labels (begrippen.py)
    stappen: list[dict] = field(default_factory=list)  # Model Risicogericht werken: label, uitleg, bron

    def ids(self, lijst: str) -> dict[str, str]:
        return self.begrippen.get(lijst, {})

    def label(self, begrip: str) -> str:
        for lijst in self.begrippen.values():
            if begrip in lijst:
                return lijst[begrip]
        return begrip

    def met_bredere(self, activiteit: str) -> list[str]:
        """The activity itself followed by every broader activity."""
        return [activiteit, *self.bredere.get(activiteit, [])]

    def naar_json(self) -> dict:
        return asdict(self)

    @classmethod
    def uit_json(cls, data: dict) -> Kennisbank:
        data = dict(data)
        data["afspraken"] = [Afspraak(**a) for a in data["afspraken"]]
        for naam in ("bevoegd_gezag", "geen_instemming", "nieuw_risico", "procedure_van"):
            data[naam] = {k: Feitbron(**v) for k, v in data[naam].items()}
        return cls(**data)
