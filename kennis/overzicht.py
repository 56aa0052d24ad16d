"""`kennis regio's`: which profiles there are, where they come from, when they apply, and their version."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from advieswijzer.ontologie.namen import AW, RDF

from .kennismap import profielbestanden
from .laden import bestanden, laad_graaf, versie


@dataclass
class Profielinfo:
    regio: str  # 'landelijk' for the national knowledge
    herkomst: str  # meegeleverd, eigen map, kennisbron
    plaats: str  # the file, or the graph IRI in the store
    versie: str  # kennis.versie of an advice with this profile
    geldig_vanaf: str | None  # None: no start date (always)
    geldig_tot: str | None  # None: open end
    kruisjes: int | None = None
    intrekkingen: int | None = None
    gepubliceerd: str | None = None
    huidig: bool = True  # the store's current version of this profile

    def naar_json(self) -> dict:
        return asdict(self)


def geldigheid(g) -> tuple[str | None, str | None]:
    """The span in which the profile's kruisjes apply: the earliest start and the latest end,
    open (None) as soon as one kruisje has no start or no end."""
    vanaf, tot = [], []
    for a in g.subjects(RDF.type, AW.Adviesafspraak):
        vanaf.append(g.value(a, AW.geldigVanaf))
        tot.append(g.value(a, AW.geldigTot))
    begin = None if not vanaf or None in vanaf else str(min(vanaf, key=str))
    eind = None if not tot or None in tot else str(max(tot, key=str))
    return begin, eind


def als_interval(span: tuple[str | None, str | None]) -> str:
    """ISO 8601 interval for dct:valid, '..' for an open end (EDTF)."""
    return f"{span[0] or '..'}/{span[1] or '..'}"


def uit_interval(tekst: str | None) -> tuple[str | None, str | None]:
    if not tekst or "/" not in tekst:
        return None, None
    begin, eind = tekst.split("/", 1)
    return (None if begin == ".." else begin), (None if eind == ".." else eind)


def _info(regio: str, herkomst: str, plaats: Path, g, sleutel: str) -> Profielinfo:
    vanaf, tot = geldigheid(g)
    return Profielinfo(regio, herkomst, str(plaats), sleutel, vanaf, tot,
                       kruisjes=len(set(g.subjects(RDF.type, AW.Adviesafspraak))),
                       intrekkingen=len(set(g.subjects(RDF.type, AW.Intrekking))))


def uit_mappen(kennismap: Path | None = None) -> list[Profielinfo]:
    """The national knowledge and every visible regional profile (own folder and shipped)."""
    landelijk = bestanden(None)
    uit = [_info("landelijk", "meegeleverd", landelijk[-1].parent, laad_graaf(landelijk), versie(landelijk))]
    for naam, bestand in profielbestanden(kennismap).items():
        uit.append(_info(naam, bestand.herkomst, bestand.pad, laad_graaf([bestand.pad]),
                         versie([*landelijk, bestand.pad])))
    return uit


def uit_opslag(url: str) -> list[Profielinfo]:
    """Every version of every profile in a shared store, the current one of each profile marked."""
    from .opslag import Opslag

    uit, gezien = [], set()
    # newest first from the store; a stable sort keeps that order within each profile
    for pub in sorted(Opslag(url).publicaties(alle_profielen=True), key=lambda p: (p.regio is not None, p.profiel)):
        vanaf, tot = uit_interval(pub.geldig)
        uit.append(Profielinfo(pub.profiel, "kennisbron", pub.graaf, pub.versie, vanaf, tot,
                               gepubliceerd=pub.uitgegeven, huidig=pub.profiel not in gezien))
        gezien.add(pub.profiel)
    return uit
