"""The compiled knowledge base: plain data, cheap to cache, no rdflib needed to use it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property

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
    "reikwijdte": "Reikwijdten",
}


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
    reikwijdte: str | None = None  # an id of kennis/reikwijdten.ttl: the kruisje holds only within it
    onderwerp_bron: str = ""  # where the onderwerpen come from, when not from `bron`

    def geldt_op(self, dag: date) -> bool:
        return _geldig(self.geldig_vanaf, self.geldig_tot, dag)

    @property
    def volledige_bron(self) -> str:
        """The source as every advice and the kruisjeslijst show it: the kruisje's own source, and the
        source of its onderwerpen when that is another one (e.g. the project's own reading)."""
        if self.onderwerp_bron and self.onderwerpen and self.onderwerp_bron != self.bron:
            return f"{self.bron}; onderwerpen: {self.onderwerp_bron}"
        return self.bron

    def gedekt_door(self, afspraken: list[Afspraak], aanleiding: str) -> list[str]:
        """The national kruisjes that make this regional one add nothing on `aanleiding` (same partner, role,
        conditions and validity, their onderwerpen together covering its onderwerpen); [] when it adds something."""
        gelijk = [a for a in afspraken
                  if a.regio is None and aanleiding in a.aanleidingen
                  and (a.partner, a.rol, a.minimale_gevolgklasse, a.reikwijdte, a.geldig_vanaf, a.geldig_tot)
                  == (self.partner, self.rol, self.minimale_gevolgklasse, self.reikwijdte, self.geldig_vanaf,
                      self.geldig_tot)]
        if set(self.onderwerpen) <= {o for a in gelijk for o in a.onderwerpen}:
            return sorted(a.naam for a in gelijk)
        return []


@dataclass
class WettelijkeRegel:
    """Wettelijk advies of instemming (kennis/wettelijk.ttl): bij een van de aanleidingen en onder de
    voorwaarden krijgt de partner de rol. Lege lijsten stellen geen eis."""

    naam: str
    partner: str
    rol: str
    aanleidingen: list[str]
    uitleg: str
    bron: str
    label: str = ""
    voorwaarde: str = ""  # the conditions in words, for the kruisjeslijst
    soorten: list[str] = field(default_factory=list)
    bevoegd_gezag: list[str] = field(default_factory=list)
    niet_bevoegd_gezag: list[str] = field(default_factory=list)
    vereist: list[str] = field(default_factory=list)  # every one of these activities or kenmerken as well
    niet_bij: list[str] = field(default_factory=list)  # none of these activities or kenmerken
    na_regel: str | None = None  # only once this other statutory rule has concluded


@dataclass
class Reikwijdte:
    """When kruisjes with this scope hold: the soort, an activity or kenmerk, the bevoegd gezag (empty = any)."""

    naam: str
    soorten: list[str] = field(default_factory=list)
    aanleidingen: list[str] = field(default_factory=list)
    bevoegd_gezag: list[str] = field(default_factory=list)
    bron: str = ""


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
    reikwijdten: dict[str, Reikwijdte] = field(default_factory=dict)
    eigen_onderwerpen: dict[str, list[str]] = field(default_factory=dict)  # partner -> its own topics
    criterium_partners: dict[str, list[str]] = field(default_factory=dict)  # criterium -> partners meeting it
    labels: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # lijst -> id -> labels (begrippen.py)
    stappen: list[dict] = field(default_factory=list)  # Model Risicogericht werken: label, uitleg, bron
    wettelijk: list[WettelijkeRegel] = field(default_factory=list)
    standaard: dict[str, Feitbron] = field(default_factory=dict)  # derived property -> its default (kennis/naslag.py)
    volgorden: dict[str, list[str]] = field(default_factory=dict)  # name -> ids in order (skos:OrderedCollection)
    teksten: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> tekst, bron (aw:Adviestekst)
    legenda: list[dict[str, str]] = field(default_factory=list)  # teken, label, betekenis, rol (kruisjeslijst)
    korte_namen: dict[str, str] = field(default_factory=dict)  # partner -> column header (aw:korteNaam)

    def ids(self, lijst: str) -> dict[str, str]:
        return self.begrippen.get(lijst, {})

    def label(self, begrip: str) -> str:
        for lijst in self.begrippen.values():
            if begrip in lijst:
                return lijst[begrip]
        return begrip

    def volgorde(self, naam: str) -> list[str]:
        """The ids of the ordered collection `naam` (kennis/*.ttl); KeyError names a missing one."""
        if naam not in self.volgorden:
            raise KeyError(f"volgorde '{naam}' staat niet in de kennisbank (skos:OrderedCollection met skos:notation)")
        return self.volgorden[naam]

    def tekst(self, naam: str, **waarden) -> str:
        """The advice text `naam` (kennis/teksten.ttl) with its {placeholders} filled in."""
        if naam not in self.teksten:
            raise KeyError(f"tekst '{naam}' staat niet in de kennisbank (aw:Adviestekst)")
        return self.teksten[naam]["tekst"].format(**waarden)

    def met_bredere(self, activiteit: str) -> list[str]:
        """The activity itself followed by every broader activity."""
        return [activiteit, *self.bredere.get(activiteit, [])]

    def herhalingen(self) -> list[tuple[Afspraak, str, list[str]]]:
        """(regional kruisje, aanleiding, national kruisjes) where the regional one repeats the national list."""
        uit = []
        for a in self.afspraken:
            for aanleiding in a.aanleidingen if a.regio else ():
                landelijk = a.gedekt_door(self.afspraken, aanleiding)
                if landelijk:
                    uit.append((a, aanleiding, landelijk))
        return uit

    @cached_property
    def herhaald(self) -> frozenset[tuple[str, str]]:
        """(kruisje name, aanleiding) of the regional repeats: the rules and the meldingen skip them."""
        return frozenset((a.naam, aanleiding) for a, aanleiding, _ in self.herhalingen())

    def naar_json(self) -> dict:
        return asdict(self)

    @classmethod
    def uit_json(cls, data: dict) -> Kennisbank:
        data = dict(data)
        data["afspraken"] = [Afspraak(**a) for a in data["afspraken"]]
        data["reikwijdten"] = {k: Reikwijdte(**v) for k, v in data.get("reikwijdten", {}).items()}
        for naam in ("bevoegd_gezag", "geen_instemming", "nieuw_risico", "procedure_van", "standaard"):
            data[naam] = {k: Feitbron(**v) for k, v in data.get(naam, {}).items()}
        data["wettelijk"] = [WettelijkeRegel(**r) for r in data.get("wettelijk", [])]
        return cls(**data)
