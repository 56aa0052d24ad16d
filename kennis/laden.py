"""Load the Turtle knowledge base into a Kennisbank, with a cache so `advies` starts fast.

The cache key is a hash of every knowledge file (and the regional profile), so an
edited Turtle file is always picked up; the hash is also the `kennis.versie` of an advies.
Regional profiles come from the user's own knowledge folder or the package (kennismap.py);
with a `Kennisbron.url` the knowledge comes from a shared SPARQL store instead (kennisbron.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from advieswijzer.ontologie.bestanden import schrijf_tekst_atomair
from advieswijzer.ontologie.fouten import OnbruikbareInvoer, SchrijfFout

from .model import SCHEMAS, Afspraak, Feitbron, Kennisbank, Reikwijdte

KENNIS_MAP = Path(__file__).parent
ONTOLOGIE_BESTAND = KENNIS_MAP.parent / "ontologie" / "advieswijzer.ttl"
CACHE_SCHEMA = "7"  # bump when the Kennisbank layout changes
REGIONAAM = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
VERSIE = re.compile(r"^sha256:[0-9a-f]{16}$")


class KennisFout(OnbruikbareInvoer):
    """The knowledge base or a regional profile cannot be loaded."""


@dataclass(frozen=True)
class Kennisbron:
    """Where the knowledge comes from; the default is the shipped Turtle plus the own knowledge folder."""

    kennismap: Path | None = None  # own folder with regional profiles (None: see kennismap.kennismap)
    url: str | None = None  # SPARQL 1.1 query endpoint of a shared store
    versie: str | None = None  # exactly this knowledge version (an earlier advice's kennis.versie)

    def gecontroleerd(self) -> Kennisbron:
        if self.versie is not None and not VERSIE.match(self.versie):
            raise KennisFout(f"ongeldige kennisversie {self.versie!r}: verwacht 'sha256:' en 16 tekens 0-9/a-f, "
                             "zoals kennis.versie in een advies")
        return self

    def vast(self, versie: str) -> Kennisbron:
        """The same source pinned to `versie` (so batch workers load exactly what the main process checked)."""
        return replace(self, versie=versie)


def bestanden(regio: str | None = None, kennismap: Path | None = None) -> list[Path]:
    """The Turtle files that make up the knowledge (national, plus the regional profile)."""
    lijst = [ONTOLOGIE_BESTAND, *sorted(KENNIS_MAP.glob("*.ttl"))]
    if regio:
        from .kennismap import zoek_profiel

        lijst.append(zoek_profiel(regio, kennismap))
    return lijst


def versie(paden: list[Path]) -> str:
    h = hashlib.sha256(CACHE_SCHEMA.encode())
    for pad in paden:
        h.update(pad.name.encode())
        h.update(pad.read_bytes())
    return "sha256:" + h.hexdigest()[:16]


def cache_map() -> Path:
    basis = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(os.environ.get("ADVIESWIJZER_CACHE", Path(basis) / "advieswijzer"))


def _cachebestand(sleutel: str, regio: str | None) -> Path:
    return cache_map() / f"kennis-{sleutel.split(':')[1]}-{regio or 'landelijk'}.json"


def uit_cache(sleutel: str, regio: str | None) -> Kennisbank | None:
    """The compiled knowledge of this version, if this machine has it."""
    pad = _cachebestand(sleutel, regio)
    if pad.is_file():
        try:
            return Kennisbank.uit_json(json.loads(pad.read_text(encoding="utf-8")))
        except (ValueError, TypeError, KeyError):
            pass  # a stale or damaged cache is rebuilt by the caller
    return None


def naar_cache(kennis: Kennisbank) -> None:
    pad = _cachebestand(kennis.versie, kennis.regio)
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        schrijf_tekst_atomair(pad, json.dumps(kennis.naar_json(), ensure_ascii=False))
    except (OSError, SchrijfFout):
        pass  # no writable cache: slower start, same answer


def versies_in_cache(regio: str | None) -> list[str]:
    return sorted("sha256:" + p.name.split("-")[1] for p in cache_map().glob(f"kennis-*-{regio or 'landelijk'}.json"))


def laad_kennis(regio: str | None = None, cache: bool = True, bron: Kennisbron | None = None) -> Kennisbank:
    """The compiled knowledge (national, or with the regional profile `regio`) from `bron`."""
    bron = (bron or Kennisbron()).gecontroleerd()
    if bron.url:
        from .kennisbron import laad_uit_opslag

        return laad_uit_opslag(regio, bron, cache)
    paden = bestanden(regio, bron.kennismap)
    sleutel = versie(paden)
    if bron.versie and bron.versie != sleutel:
        kennis = uit_cache(bron.versie, regio)
        if kennis is None:
            in_cache = ", ".join(versies_in_cache(regio)) or "geen"
            raise KennisFout(f"kennisversie {bron.versie} ({regio or 'landelijk'}) is niet beschikbaar: de kennis in de "
                             f"mappen is {sleutel} en de cache ({cache_map()}) heeft alleen {in_cache}; haal haar uit "
                             "een gedeelde opslag met --kennisbron URL")
        return kennis
    if cache and (kennis := uit_cache(sleutel, regio)) is not None:
        return kennis
    kennis = bouw_kennis(laad_graaf(paden), sleutel, regio)
    if cache:
        naar_cache(kennis)
    return kennis


def laad_graaf(paden: list[Path] | None = None, regio: str | None = None, bron: Kennisbron | None = None):
    """Parse the knowledge files into one rdflib Graph (local files only), or read it from the store of `bron`."""
    from rdflib import Graph

    bron = (bron or Kennisbron()).gecontroleerd()
    if paden is None and bron.url:
        from .kennisbron import graaf_uit_opslag

        return graaf_uit_opslag(regio, bron)
    if paden is None:
        paden = bestanden(regio, bron.kennismap)
        if bron.versie and bron.versie != versie(paden):
            raise KennisFout(f"kennisversie {bron.versie} staat niet in de mappen (daar staat {versie(paden)}); "
                             "de kennisbank van een oudere versie is er alleen in een gedeelde opslag (--kennisbron URL)")
    g = Graph()
    for pad in paden:
        try:
            g.parse(pad, format="turtle")
        except Exception as fout:  # rdflib raises several unrelated types for bad Turtle
            raise KennisFout(f"{pad}: ongeldige Turtle: {fout}") from fout
    return g


def bouw_kennis(g, sleutel: str, regio: str | None) -> Kennisbank:
    """Compile the RDF graph into a Kennisbank (taxonomy closure via networkx)."""
    import networkx as nx
    from advieswijzer.ontologie.namen import AW, lokale_naam
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

    from . import naslag
    from .begrippen import lees_labels
    from .naslag import lokaal
    from .wettelijk import lees_wettelijke_regels

    def tekst(s, p) -> str:
        return naslag.tekst(g, s, p)

    begrippen: dict[str, dict[str, str]] = {}
    bronnen: dict[str, str] = {}
    for lijst, schema in SCHEMAS.items():
        leden = {}
        for begrip in g.subjects(SKOS.inScheme, AW[schema]):
            notatie = tekst(begrip, SKOS.notation) or lokaal(begrip)
            leden[notatie] = tekst(begrip, SKOS.prefLabel) or notatie
            bronnen[notatie] = tekst(begrip, DCTERMS.source)
        begrippen[lijst] = dict(sorted(leden.items()))

    taxonomie = nx.DiGraph()
    taxonomie.add_nodes_from(begrippen["activiteit"])
    for smal, breed in g.subject_objects(SKOS.broader):
        if lokaal(smal) in begrippen["activiteit"]:  # the activity taxonomy (aandachtsgebieden have one too)
            taxonomie.add_edge(lokaal(smal), lokaal(breed))
    bredere = {a: sorted(nx.descendants(taxonomie, a)) for a in taxonomie.nodes if taxonomie.out_degree(a)}

    def feitbron(begrip, eigenschap, waarde) -> Feitbron:
        """The fact with the source and validity of the Afleiding that supports it (else the concept's source)."""
        for afleiding in g.subjects(AW.betreft, begrip):
            if (afleiding, AW.eigenschap, eigenschap) in g:
                vanaf, tot = g.value(afleiding, AW.geldigVanaf), g.value(afleiding, AW.geldigTot)
                return Feitbron(waarde, tekst(afleiding, DCTERMS.source),
                                str(vanaf) if vanaf else None, str(tot) if tot else None)
        return Feitbron(waarde, tekst(begrip, DCTERMS.source))

    def feiten(eigenschap) -> dict[str, Feitbron]:
        return {lokaal(s): feitbron(s, eigenschap, lokaal(o) if not isinstance(o, Literal) else str(o))
                for s, o in g.subject_objects(eigenschap)
                if not isinstance(o, Literal) or o.toPython() is True}

    ingetrokken = {(lokaal(g.value(i, AW.partner)), lokaal(a))
                   for i in g.subjects(RDF.type, AW.Intrekking) for a in g.objects(i, AW.aanleiding)}
    afspraken = []
    for s in sorted(g.subjects(RDF.type, AW.Adviesafspraak)):
        partner = lokaal(g.value(s, AW.partner))
        aanleidingen = sorted(lokaal(a) for a in g.objects(s, AW.aanleiding)
                              if (partner, lokaal(a)) not in ingetrokken or g.value(s, AW.regio))
        if not aanleidingen:
            continue
        gk = g.value(s, AW.minimaleGevolgklasse)
        vanaf, tot, eigen_regio = g.value(s, AW.geldigVanaf), g.value(s, AW.geldigTot), g.value(s, AW.regio)
        afspraken.append(Afspraak(
            naam=lokale_naam(s), partner=partner, rol=lokaal(g.value(s, AW.rol)),
            aanleidingen=aanleidingen, onderwerpen=sorted(lokaal(o) for o in g.objects(s, AW.onderwerp)),
            uitleg=tekst(s, AW.uitleg), bron=tekst(s, DCTERMS.source), label=tekst(s, RDFS.label),
            minimale_gevolgklasse=int(gk) if gk is not None else None,
            geldig_vanaf=str(vanaf) if vanaf else None, geldig_tot=str(tot) if tot else None,
            regio=str(eigen_regio) if eigen_regio else None,
            reikwijdte=lokaal(g.value(s, AW.reikwijdte)) if g.value(s, AW.reikwijdte) else None,
            onderwerp_bron=tekst(s, AW.onderwerpBron)))

    reikwijdten = {lokaal(r): Reikwijdte(lokaal(r), sorted(lokaal(o) for o in g.objects(r, AW.bijSoort)),
                                         sorted(lokaal(o) for o in g.objects(r, AW.bijAanleiding)),
                                         sorted(lokaal(o) for o in g.objects(r, AW.bijBevoegdGezag)),
                                         tekst(r, DCTERMS.source))
                   for r in g.subjects(SKOS.inScheme, AW.Reikwijdten)}

    def lijst_per(eigenschap) -> dict[str, list[str]]:
        uit: dict[str, list[str]] = {}
        for s, o in g.subject_objects(eigenschap):
            uit.setdefault(lokaal(s), []).append(lokaal(o))
        return {k: sorted(v) for k, v in sorted(uit.items())}

    procedures = {}
    for p in g.subjects(SKOS.inScheme, AW.Procedures):
        procedures[lokaal(p)] = {"label": tekst(p, SKOS.prefLabel), "bron": tekst(p, DCTERMS.source),
                                 "termijn_weken": int(g.value(p, AW.termijnWeken)),
                                 "verlenging_weken": int(g.value(p, AW.verlengingWeken))}

    stappen = [{"label": tekst(s, SKOS.prefLabel), "uitleg": tekst(s, SKOS.definition), "bron": tekst(s, DCTERMS.source)}
               for s in sorted(g.subjects(SKOS.inScheme, AW.StappenRisicogerichtWerken),
                               key=lambda s: int(g.value(s, SKOS.notation)))]

    trefwoorden: dict[str, list[str]] = {}
    for s, woord in g.subject_objects(AW.trefwoord):
        trefwoorden.setdefault(lokaal(s), []).append(str(woord).lower())

    volgorden = naslag.volgorden(g)
    return Kennisbank(
        versie=sleutel, regio=regio, begrippen=begrippen, bredere=bredere, afspraken=afspraken,
        bevoegd_gezag=feiten(AW.bevoegdGezag), geen_instemming=feiten(AW.geenInstemmingCollege),
        nieuw_risico=feiten(AW.nieuwRisico), procedure_van=feiten(AW.procedure), procedures=procedures,
        trefwoorden={k: sorted(v) for k, v in sorted(trefwoorden.items())}, bronnen_begrip=bronnen,
        reikwijdten=dict(sorted(reikwijdten.items())), eigen_onderwerpen=lijst_per(AW.eigenOnderwerp),
        criterium_partners=lijst_per(AW.criteriumPartner),
        labels=lees_labels(g), stappen=stappen, wettelijk=lees_wettelijke_regels(g),
        standaard=naslag.standaardwaarden(g), volgorden=volgorden, teksten=naslag.teksten(g),
        legenda=naslag.legenda(g, volgorden.get("legenda", [])), korte_namen=naslag.korte_namen(g))
