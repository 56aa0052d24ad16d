"""Read the statutory rules (aw:WettelijkeRegel, kennis/wettelijk.ttl) from the graph: the one source
the engine compiles them from (regels/wettelijk.py) and the kruisjeslijst shows (marks A and I)."""

from __future__ import annotations

from advieswijzer.ontologie.namen import AW, DCTERMS, RDF, RDFS

from .model import WettelijkeRegel
from .naslag import lokaal, tekst


def lees_wettelijke_regels(g) -> list[WettelijkeRegel]:
    def ids(s, p) -> list[str]:
        return sorted(lokaal(o) for o in g.objects(s, p))

    uit = []
    for s in sorted(g.subjects(RDF.type, AW.WettelijkeRegel)):
        na = g.value(s, AW.naRegel)
        uit.append(WettelijkeRegel(
            naam=str(s).rsplit("/", 1)[-1], partner=lokaal(g.value(s, AW.partner)), rol=lokaal(g.value(s, AW.rol)),
            aanleidingen=ids(s, AW.aanleiding), uitleg=tekst(g, s, AW.uitleg), bron=tekst(g, s, DCTERMS.source),
            label=tekst(g, s, RDFS.label), voorwaarde=tekst(g, s, AW.voorwaarde), soorten=ids(s, AW.bijSoort),
            bevoegd_gezag=ids(s, AW.bijBevoegdGezag), niet_bevoegd_gezag=ids(s, AW.nietBijBevoegdGezag),
            vereist=ids(s, AW.vereist), niet_bij=ids(s, AW.nietBij),
            na_regel=str(na).rsplit("/", 1)[-1] if na is not None else None))
    return uit
