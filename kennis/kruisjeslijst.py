"""The kruisjeslijst matrix of contract §8, generated from the knowledge base.

One row per trigger (activiteit, soort or kenmerk); a trigger gets a second row only where
its partners differ in voorwaarde, onderwerpen, source or validity, so every cell means exactly
one thing and a partner's `x` never carries another partner's onderwerpen or source. The
voorwaarde of a kruisje is its minimal gevolgklasse and its reikwijdte (an id of
kennis/reikwijdten.ttl), `;`-separated; `kennis importeer` reads them back. Marks: `x` betrokken, `U` uitvoerder (omgevingsdienst tasks; an extension of §8),
`A` wettelijk adviseur and `I` instemming (the statutory rules of kennis/wettelijk.ttl, with
their voorwaarde in words). Extra columns beyond §8: `geldig_vanaf`, `geldig_tot`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Kennisbank

TRIGGERTYPEN = ("activiteit", "soort", "kenmerk")
PARTNERVOLGORDE = ("gemeente", "gemeenteraad", "adviescommissie", "omgevingsdienst", "veiligheidsregio", "ggd",
                   "provincie", "waterschap")
TEKEN = {"betrokken": "x", "uitvoerder": "U", "adviseur": "A", "instemming": "I"}
ROL_VAN_TEKEN = {v: k for k, v in TEKEN.items()}
KORT = {"gemeente": "gem", "gemeenteraad": "raad", "adviescommissie": "cie", "omgevingsdienst": "OD",
        "veiligheidsregio": "VR", "ggd": "GGD", "provincie": "prov", "waterschap": "ws"}
KOP_VOOR = ("trigger_type", "trigger", "voorwaarde")
KOP_NA = ("onderwerpen", "bron", "geldig_vanaf", "geldig_tot")
LEGENDA = (
    ("x", "betrokken: de partner wordt betrokken op grond van een afspraak (kruisjeslijst, convenant)"),
    ("U", "uitvoerder: de omgevingsdienst bereidt voor of voert uit voor het bevoegd gezag (uitbreiding van §8)"),
    ("A", "wettelijk adviseur (Omgevingsbesluit afdeling 4.2); niet regionaal te wijzigen"),
    ("I", "instemming (Omgevingswet art. 16.16); niet regionaal te wijzigen"),
    ("-", "alleen in een regioprofiel: het landelijke kruisje geldt niet in deze regio"),
    ("leeg", "geen uitspraak"),
)


@dataclass
class Rij:
    trigger_type: str
    trigger: str
    voorwaarde: str = ""
    tekens: dict[str, str] = field(default_factory=dict)  # partner -> mark
    onderwerpen: tuple[str, ...] = ()
    bronnen: list[str] = field(default_factory=list)
    geldig_vanaf: str | None = None
    geldig_tot: str | None = None

    def waarden(self, partners: list[str]) -> list[str]:
        return [self.trigger_type, self.trigger, self.voorwaarde, *(self.tekens.get(p, "") for p in partners),
                ";".join(self.onderwerpen), "; ".join(self.bronnen), self.geldig_vanaf or "", self.geldig_tot or ""]


@dataclass
class Matrix:
    partners: list[str]
    rijen: list[Rij]
    datum: date | None = None
    versie: str = ""
    regio: str | None = None
    reikwijdten: dict[str, str] = field(default_factory=dict)  # id -> what it means, with its source

    def kop(self) -> list[str]:
        return [*KOP_VOOR, *self.partners, *KOP_NA]

    def tabel(self) -> list[list[str]]:
        return [self.kop(), *(r.waarden(self.partners) for r in self.rijen)]


def triggertype(kennis: Kennisbank, trigger: str) -> str | None:
    for soort in TRIGGERTYPEN:
        if trigger in kennis.ids(soort):
            return soort
    return None


def gevolgklasse_voorwaarde(gk: int | None) -> str:
    return f"gevolgklasse>={gk}" if gk else ""


def voorwaarde_van(gk: int | None, reikwijdte: str | None) -> str:
    """The voorwaarde cell of a kruisje: `gevolgklasse>=N` and/or the reikwijdte id."""
    return "; ".join(filter(None, [gevolgklasse_voorwaarde(gk), reikwijdte]))


def partners_op_volgorde(kennis: Kennisbank) -> list[str]:
    bekend = list(kennis.ids("partner"))
    return [p for p in PARTNERVOLGORDE if p in bekend] + sorted(p for p in bekend if p not in PARTNERVOLGORDE)


def wettelijke_regels(graaf) -> list[dict]:
    """The statutory rules as described in kennis/wettelijk.ttl (aw:WettelijkeRegel)."""
    from advieswijzer.ontologie.namen import AW, DCTERMS, RDF, id_van, lokale_naam

    lokaal = id_van

    uit = []
    for r in sorted(graaf.subjects(RDF.type, AW.WettelijkeRegel)):
        uit.append({"naam": lokale_naam(r), "partner": lokaal(graaf.value(r, AW.partner)),
                    "rol": lokaal(graaf.value(r, AW.rol)),
                    "aanleidingen": sorted(lokaal(a) for a in graaf.objects(r, AW.aanleiding)),
                    "voorwaarde": str(graaf.value(r, AW.voorwaarde) or ""),
                    "bron": str(graaf.value(r, DCTERMS.source) or "")})
    return uit


def bouw_matrix(kennis: Kennisbank, graaf=None, datum: date | None = None, wettelijk: bool = True) -> Matrix:
    """The matrix for this knowledge (national plus regional profile), on `datum` or, without one,
    every kruisje with its validity. `graaf` supplies the statutory rules (loaded when None)."""
    # (trigger, partner, mark, voorwaarde, vanaf, tot) -> (onderwerpen, bronnen)
    posten: dict[tuple, tuple[set[str], list[str]]] = {}

    def voeg_toe(trigger, partner, teken, voorwaarde, vanaf, tot, onderwerpen, bron):
        onderw, bronnen = posten.setdefault((trigger, partner, teken, voorwaarde, vanaf, tot), (set(), []))
        onderw.update(onderwerpen)
        if bron and bron not in bronnen:
            bronnen.append(bron)

    for a in kennis.afspraken:
        if datum is not None and not a.geldt_op(datum):
            continue
        for trigger in a.aanleidingen:
            voeg_toe(trigger, a.partner, TEKEN.get(a.rol, "x"), voorwaarde_van(a.minimale_gevolgklasse, a.reikwijdte),
                     None if datum else a.geldig_vanaf, None if datum else a.geldig_tot, a.onderwerpen,
                     a.volledige_bron)
    if wettelijk:
        if graaf is None:
            from .laden import laad_graaf

            graaf = laad_graaf(regio=kennis.regio)
        for r in wettelijke_regels(graaf):
            for trigger in r["aanleidingen"]:
                voeg_toe(trigger, r["partner"], TEKEN[r["rol"]], r["voorwaarde"], None, None, (), r["bron"])

    rijen: list[Rij] = []
    for (trigger, partner, teken, voorwaarde, vanaf, tot), (onderw, bronnen) in posten.items():
        soort = triggertype(kennis, trigger)
        if soort is None:
            continue  # a rule that can never fire: `kennis controleer` reports it (K8)
        sleutel = (soort, trigger, voorwaarde, tuple(sorted(onderw)), vanaf, tot, bronnen)
        rij = next((r for r in rijen if (r.trigger_type, r.trigger, r.voorwaarde, r.onderwerpen, r.geldig_vanaf,
                                         r.geldig_tot, r.bronnen) == sleutel and partner not in r.tekens), None)
        if rij is None:
            rij = Rij(soort, trigger, voorwaarde, {}, sleutel[3], list(bronnen), vanaf, tot)
            rijen.append(rij)
        rij.tekens[partner] = teken

    def volgorde(r: Rij):
        return (TRIGGERTYPEN.index(r.trigger_type), r.trigger, r.voorwaarde != "", r.voorwaarde, r.onderwerpen,
                r.geldig_vanaf or "", r.geldig_tot or "")

    reikwijdten = {r.naam: f"{kennis.label(r.naam)} ({r.bron})" for r in kennis.reikwijdten.values()}
    return Matrix(partners_op_volgorde(kennis), sorted(rijen, key=volgorde), datum, kennis.versie, kennis.regio,
                  reikwijdten)
