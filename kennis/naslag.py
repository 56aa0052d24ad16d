"""The small facts the rules and the writers refer to by name, read from the graph: orders
(skos:OrderedCollection: the ranking of the bevoegd gezag, the roles, the partner columns, the legend),
the texts of the advice (aw:Adviestekst), the marks of the kruisjeslijst (aw:Teken), the short names of
the partners and the default values of derived properties (aw:Standaardwaarde). Each has its source in
the Turtle; the code never spells one out.
"""

from __future__ import annotations

from advieswijzer.ontologie.namen import AW, DCTERMS, RDF, RDFS, SKOS, id_van

from .model import Feitbron

lokaal = id_van  # the id of a concept: its IRI without the id namespace (ontologie/namen.py)


def tekst(g, s, p) -> str:
    """The Dutch text of s p (else any text, else '')."""
    from rdflib import Literal

    waarden = list(g.objects(s, p))
    nl = [w for w in waarden if isinstance(w, Literal) and w.language == "nl"]
    return str((nl or waarden or [""])[0])


def volgorden(g) -> dict[str, list[str]]:
    """skos:notation -> the ids of its skos:memberList, in order."""
    from rdflib.collection import Collection

    uit = {}
    for s in g.subjects(RDF.type, SKOS.OrderedCollection):
        lijst = g.value(s, SKOS.memberList)
        if lijst is not None:
            uit[tekst(g, s, SKOS.notation) or lokaal(s)] = [lokaal(lid) for lid in Collection(g, lijst)]
    return dict(sorted(uit.items()))


def teksten(g) -> dict[str, dict[str, str]]:
    return {lokaal(s): {"tekst": tekst(g, s, AW.tekst), "bron": tekst(g, s, DCTERMS.source)}
            for s in sorted(g.subjects(RDF.type, AW.Adviestekst))}


def legenda(g, volgorde: list[str]) -> list[dict[str, str]]:
    """The marks of the kruisjeslijst in the order of the legend (a mark not in it last)."""
    tekens = {lokaal(s): s for s in g.subjects(RDF.type, AW.Teken)}
    rest = sorted((n for n in tekens if n not in volgorde), key=lambda n: tekst(g, tekens[n], AW.teken))
    return [{"teken": tekst(g, s, AW.teken), "label": tekst(g, s, RDFS.label), "betekenis": tekst(g, s, SKOS.definition),
             "rol": lokaal(g.value(s, AW.rol) or "")} for s in (tekens[n] for n in [*volgorde, *rest] if n in tekens)]


def korte_namen(g) -> dict[str, str]:
    return {lokaal(s): str(o) for s, o in sorted(g.subject_objects(AW.korteNaam))}


def standaardwaarden(g) -> dict[str, Feitbron]:
    """Derived property (local name, e.g. bevoegdGezag) -> its default value with the source."""
    uit = {}
    for s in g.subjects(RDF.type, AW.Standaardwaarde):
        eigenschap, waarde = g.value(s, AW.eigenschap), g.value(s, AW.waarde)
        if eigenschap is not None and waarde is not None:
            uit[str(eigenschap).removeprefix(str(AW))] = Feitbron(lokaal(waarde), tekst(g, s, DCTERMS.source))
    return dict(sorted(uit.items()))
