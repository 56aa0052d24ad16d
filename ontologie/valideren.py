"""Validate a planregel set against the SHACL shapes in ontologie/vormen/planregels/ (pySHACL).

The shapes are data: each has dct:identifier (the check, P1 ... P10), sh:severity, dct:source,
sh:message and aw:herstel. A region adds its own shapes file (`extra_vormen`) without Python.
The knowledge base (kennis/*.ttl) is part of the data graph, so P2 accepts exactly the ids the
knowledge base defines and the SHACL-AF rule of P10 can chain over Bkl bijlage VII.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from .namen import AW, DCTERMS, ID, RDF, SH, SKOS, VORMEN_MAP
from .planregels import MAX_BYTES, PlanFout, lees_bytes, lees_rdf
from .rapport import Bevinding, Rapport

PLANREGEL_VORMEN = VORMEN_MAP / "planregels"
ERNST = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


Resultaat = Bevinding  # a P-check finding


# ------------------------------------------------------------------ shapes and knowledge (cached)
class _Datagraaf(Graph):
    """A Graph that prepares each SPARQL text once: pySHACL runs the same query per focus node,
    and parsing it (≈5 ms) would otherwise dominate (≈0.03 ms to run it)."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _voorbereid(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _voorbereid(tekst: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(tekst)


@lru_cache(maxsize=1)
def standaardvormen() -> Graph:
    g = Graph()
    for pad in sorted(PLANREGEL_VORMEN.glob("*.ttl")):
        g.parse(pad, format="turtle")
    return g




def laad_vormen(extra: list[Path] | tuple[Path, ...] = (), max_bytes: int = MAX_BYTES) -> Graph:
    """The planregel shapes plus a region's own shape files (Turtle, parsed locally)."""
    vormen = Graph()
    vormen += standaardvormen()
    for pad in extra:
        pad = Path(pad)
        eigen = lees_rdf(lees_bytes(pad, max_bytes), "turtle", pad.name)
        if not any(True for _ in eigen.subjects(RDF.type, SH.NodeShape)) and \
                not any(True for _ in eigen.subjects(RDF.type, SH.PropertyShape)):
            raise PlanFout(f"{pad.name}: bevat geen SHACL-vormen (sh:NodeShape of sh:PropertyShape)")
        vormen += eigen
    return vormen


# ------------------------------------------------------------------ validate
def valideer(plan: Graph, kennisgraaf: Graph, extra_vormen: list[Path] | tuple[Path, ...] = (),
             vormen: Graph | None = None, motor: str = "oxigraph") -> Rapport:
    """Validate a planregel graph (see ontologie/planregels.py) against the shapes, with the knowledge
    base (`kennisgraaf`, from kennis.laad_graaf: the vocabulary the ids must come from); never fetches
    anything.

    `motor` "oxigraph" runs every shape it can translate as set-based queries (shacl_oxigraph.py) and
    leaves the rest to pySHACL; "pyshacl" runs everything in pySHACL (the reference, for tests)."""
    vormen = vormen if vormen is not None else laad_vormen(extra_vormen)
    if motor == "pyshacl":
        data = _Datagraaf()
        data += kennisgraaf
        data += plan
        return _rapport(data, vormen, _pyshacl(data, vormen))
    return _valideer_oxigraph(plan, kennisgraaf, vormen)


def _pyshacl(data: Graph, vormen: Graph) -> Graph:
    from pyshacl import validate

    try:
        _conform, rapportgraaf, _tekst = validate(
            data, shacl_graph=vormen, advanced=True, inplace=True, inference="none",
            abort_on_first=False, allow_infos=True, allow_warnings=True, meta_shacl=False,
            do_owl_imports=False, iterate_rules=False)
    except Exception as fout:  # pySHACL reports a broken (regional) shape as a runtime error
        if type(fout).__name__ in ("ConstraintLoadError", "ShapeLoadError", "ReportableRuntimeError"):
            raise PlanFout(f"ongeldige SHACL-vorm: {str(fout).strip().splitlines()[0]}") from None
        raise
    return rapportgraaf


def _valideer_oxigraph(plan: Graph, kennis: Graph, vormen: Graph) -> Rapport:
    import pyoxigraph as ox

    from .shacl_oxigraph import NietVertaalbaar, Vertaler, laad_store, naar_rdflib, voer_uit

    vertaler = Vertaler(vormen)
    controles, regels, over = [], [], []
    for vorm in vertaler.doelvormen():
        if (vorm, SH.deactivated, Literal(True)) in vormen:
            continue
        try:
            regels_van_vorm, controles_van_vorm = vertaler.regels(vorm), vertaler.controles(vorm)
        except NietVertaalbaar:
            over.append(vorm)  # pySHACL evaluates this one below
            continue
        regels += regels_van_vorm
        controles += controles_van_vorm
    try:
        store = laad_store(_kennis_nt(kennis), plan)
        afgeleid_triples = []
        for tekst in regels:  # SHACL-AF rules first, one pass (as pySHACL with iterate_rules=False)
            for triple in list(store.query(tekst)):
                store.add(ox.Quad(triple.subject, triple.predicate, triple.object))
                afgeleid_triples.append(tuple(naar_rdflib(t) for t in (triple.subject, triple.predicate, triple.object)))
        overtredingen = voer_uit(store, controles, vormen)
    except SyntaxError as fout:  # a region's SPARQL that Oxigraph cannot parse
        raise PlanFout(f"ongeldige SPARQL in een SHACL-vorm: {str(fout).splitlines()[0]}") from None
    rapportgraaf = _rapportgraaf(overtredingen)
    data = _Samen(plan, kennis)
    if over:
        rest = Graph()
        rest += vormen
        for vorm in set(vertaler.doelvormen()) - set(over):
            rest.add((vorm, SH.deactivated, Literal(True)))
        volledig = _Datagraaf()
        volledig += kennis
        volledig += plan
        for triple in afgeleid_triples:
            volledig.add(triple)
        rapportgraaf = _voeg_samen(rapportgraaf, _pyshacl(volledig, rest))
        data = volledig
    vereist = [(s, o) for s, p, o in afgeleid_triples if p == AW.vereistAandachtsgebied]
    return _rapport(data, vormen, rapportgraaf, vereist)


class _Samen:
    """Look-ups in the plan and then the knowledge base, without copying either (for naming results)."""

    def __init__(self, *grafen: Graph):
        self.grafen = grafen

    def objects(self, s=None, p=None):
        for g in self.grafen:
            yield from g.objects(s, p)

    def subjects(self, p=None, o=None):
        for g in self.grafen:
            yield from g.subjects(p, o)

    def subject_objects(self, p=None):
        for g in self.grafen:
            yield from g.subject_objects(p)

    def value(self, s=None, p=None):
        return next(self.objects(s, p), None)

    def __contains__(self, triple) -> bool:
        return any(triple in g for g in self.grafen)


@lru_cache(maxsize=2)
def _kennis_nt(kennis: Graph) -> bytes:
    """The knowledge base as N-Triples (blank nodes skolemized), made once per knowledge graph."""
    return kennis.skolemize().serialize(format="nt", encoding="utf-8")


def _rapportgraaf(overtredingen) -> Graph:
    """The standard sh:ValidationReport for the violations found by the queries."""
    g = Graph()
    g.bind("sh", SH)
    rapport = BNode()
    g.add((rapport, RDF.type, SH.ValidationReport))
    g.add((rapport, SH.conforms, Literal(not any(o.ernst == SH.Violation for o in overtredingen))))
    for o in overtredingen:
        r = BNode()
        g.add((rapport, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, o.focus))
        g.add((r, SH.resultSeverity, o.ernst))
        g.add((r, SH.sourceShape, o.vorm))
        g.add((r, SH.sourceConstraintComponent, o.component))
        if o.pad is not None:
            g.add((r, SH.resultPath, o.pad))
        if o.waarde is not None:
            g.add((r, SH.value, o.waarde))
        for bericht in o.berichten:
            g.add((r, SH.resultMessage, bericht))
    return g


def _voeg_samen(rapportgraaf: Graph, extra: Graph) -> Graph:
    """Add the results of pySHACL's report (for the shapes it evaluated) to ours."""
    rapport = next(rapportgraaf.subjects(RDF.type, SH.ValidationReport))
    for r in extra.objects(None, SH.result):
        rapportgraaf.add((rapport, SH.result, r))
        for t in extra.triples((r, None, None)):
            rapportgraaf.add(t)
        if (r, SH.resultSeverity, SH.Violation) in extra:
            rapportgraaf.set((rapport, SH.conforms, Literal(False)))
    for s, p, o in extra:  # nested details and paths hang off the results
        if isinstance(s, BNode) and (None, None, s) in extra:
            rapportgraaf.add((s, p, o))
    return rapportgraaf


def naam(data: Graph, knoop) -> str:
    """A node as the user wrote it: its identificatie, else its notation, else its local name."""
    for eigenschap in (AW.identificatie, SKOS.notation):
        waarden = sorted(str(w) for w in data.objects(knoop, eigenschap))
        if waarden:
            return waarden[0]
    return re.sub(r"^.*[/#]", "", str(knoop)) if isinstance(knoop, URIRef) else str(knoop)


def _shape_eigenschap(vormen: Graph, vorm, eigenschap):
    """A property of a shape, or of the shape it is a sh:property of."""
    gezien = set()
    while vorm is not None and vorm not in gezien:
        gezien.add(vorm)
        waarde = vormen.value(vorm, eigenschap)
        if waarde is not None:
            return waarde
        vorm = next(vormen.subjects(SH.property, vorm), None)
    return None


def _soort_focus(data: Graph, knoop) -> str:
    if (knoop, RDF.type, AW.Planregel) in data:
        return "regel"
    if (knoop, RDF.type, AW.Werkingsgebied) in data:
        return "werkingsgebied"
    if (knoop, SKOS.inScheme, AW.Gebiedstypen) in data:
        return "gebiedstype"
    if (knoop, SKOS.inScheme, AW.Activiteiten) in data:
        return "activiteit"
    return "knoop"


def _rapport(data, vormen: Graph, rapportgraaf: Graph, vereist: list | None = None) -> Rapport:
    resultaten = []
    # only the top-level results: nested ones (sh:detail of sh:node) explain, they are not findings
    for r in rapportgraaf.objects(None, SH.result):
        focusknoop = rapportgraaf.value(r, SH.focusNode)
        vorm = rapportgraaf.value(r, SH.sourceShape)
        waarde = rapportgraaf.value(r, SH.value)
        focus = naam(data, focusknoop)
        check = _shape_eigenschap(vormen, vorm, DCTERMS.identifier)
        bron = _shape_eigenschap(vormen, vorm, DCTERMS.source)
        herstel = _shape_eigenschap(vormen, vorm, AW.herstel)
        berichten = list(rapportgraaf.objects(r, SH.resultMessage))
        ingevuld = []
        for bericht in berichten:
            tekst = str(bericht).replace("{focus}", f"'{focus}'")
            if waarde is not None:
                tekst = tekst.replace("{waarde}", naam(data, waarde))
            ingevuld.append(tekst)
            if tekst != str(bericht):
                rapportgraaf.remove((r, SH.resultMessage, bericht))
                rapportgraaf.add((r, SH.resultMessage, Literal(tekst, lang="nl")))
        bericht = " ".join(sorted(ingevuld)) or "(geen bericht)"
        suggestie = _bedoelt_u(data, vormen, vorm, waarde)
        if suggestie:
            bericht += f" Bedoelt u '{suggestie}'?"
        artikel = data.value(focusknoop, AW.artikel)
        resultaten.append(Resultaat(
            ernst=ERNST.get(rapportgraaf.value(r, SH.resultSeverity), "Violation"),
            check=str(check) if check is not None else naam(vormen, vorm),
            focus=focus, bericht=bericht,
            bron=str(bron) if bron is not None else "", herstel=str(herstel) if herstel is not None else "",
            soort_focus=_soort_focus(data, focusknoop), artikel=str(artikel) if artikel is not None else ""))
    resultaten.sort(key=lambda x: (_checkvolgorde(x.check), x.focus, x.bericht))
    afgeleid: dict[str, list[str]] = {}
    paren = vereist if vereist is not None else data.subject_objects(AW.vereistAandachtsgebied)
    for wg, ag in paren:
        afgeleid.setdefault(naam(data, wg), []).append(naam(data, ag))
    afgeleid = {wg: sorted(set(ags)) for wg, ags in sorted(afgeleid.items())}
    return Rapport(resultaten, rapportgraaf, afgeleid)


def _bedoelt_u(data, vormen: Graph, vorm, waarde) -> str:
    """For an unknown id (P2): the nearest id in the concept scheme(s) the shape asks for, if close."""
    if not isinstance(waarde, URIRef) or not str(waarde).startswith(str(ID)) or \
            (waarde, SKOS.inScheme, None) in data:
        return ""
    schemas, te_doen, gezien = set(), [vorm], set()
    while te_doen:  # the schemes named by sh:hasValue anywhere in the shape (sh:node, sh:or, sh:property)
        knoop = te_doen.pop()
        if knoop in gezien:
            continue
        gezien.add(knoop)
        for p, o in vormen.predicate_objects(knoop):
            if p == SH.hasValue and (o, RDF.type, SKOS.ConceptScheme) in data:
                schemas.add(o)
            elif p in (SH.node, SH.property, SH["or"], SH["and"], RDF.first, RDF.rest) and not isinstance(o, Literal):
                te_doen.append(o)
    kandidaten = {str(n) for s in schemas for c in data.subjects(SKOS.inScheme, s) for n in data.objects(c, SKOS.notation)}
    gevonden = get_close_matches(str(waarde)[len(str(ID)):], sorted(kandidaten), n=1, cutoff=0.6)
    return gevonden[0] if gevonden else ""


def afgeleid_samengevat(afgeleid: dict[str, list[str]], per_gebied_tot: int = 10) -> list[str]:
    """One line per werkingsgebied, or, in a large plan, one line per set of required gebieden."""
    if len(afgeleid) <= per_gebied_tot:
        return [f"werkingsgebied '{wg}' vraagt om: {', '.join(ags)}" for wg, ags in afgeleid.items()]
    per_set: dict[tuple, list[str]] = {}
    for wg, ags in afgeleid.items():
        per_set.setdefault(tuple(ags), []).append(wg)
    return [f"{len(wgs)} werkingsgebieden (bv. {', '.join(repr(w) for w in wgs[:3])}) vragen om: {', '.join(ags)}"
            for ags, wgs in sorted(per_set.items())]


def _checkvolgorde(check: str) -> tuple:
    m = re.fullmatch(r"([A-Za-z]*)(\d+)", check)
    return (m.group(1) != "P", m.group(1), int(m.group(2))) if m else (True, check, 0)


# ------------------------------------------------------------------ text report
def als_tekst(rapport: Rapport) -> str:
    """Grouped per regel / werkingsgebied / gebiedstype, each finding with its fix and source."""
    tel = rapport.aantallen
    kop = "De planregels voldoen." if rapport.conform else "De planregels voldoen niet."
    regels = [f"{kop} {tel['Violation']} Violation, {tel['Warning']} Warning, {tel['Info']} Info."]
    groepen: dict[tuple[str, str], list[Resultaat]] = {}
    for r in rapport.resultaten:
        groepen.setdefault((r.soort_focus, r.focus), []).append(r)
    volgorde = {"regel": 0, "werkingsgebied": 1, "gebiedstype": 2, "activiteit": 3}
    for (soort, focus), lijst in sorted(groepen.items(), key=lambda kv: (volgorde.get(kv[0][0], 4), kv[0][1])):
        artikel = next((r.artikel for r in lijst if r.artikel), "")
        regels.append(f"\n{soort} '{focus}'" + (f" ({artikel})" if artikel else ""))
        for r in lijst:
            regels.append(f"  [{r.check} {r.ernst}] {r.bericht}")
            if r.herstel:
                regels.append(f"      herstel: {r.herstel}")
            if r.bron:
                regels.append(f"      bron: {r.bron}")
    if rapport.afgeleid:
        regels.append("\nAfgeleid uit de activiteiten van werkingsgebieden (Bkl bijlage VII):")
        regels += [f"  {regel}" for regel in afgeleid_samengevat(rapport.afgeleid)]
    return "\n".join(regels)
