"""`kennis graaf`: a picture of how activities, soorten and kenmerken route to partners.

Nodes are triggers (activiteit, soort, kenmerk) and partners; an edge trigger -> partner per
route (kruisje or statutory rule, labelled with its role marks), and narrower -> broader for the
activity taxonomy (dashed), so a maintainer sees why `tanken-lpg` reaches the veiligheidsregio.
Written with networkx (GraphML, GEXF) or pydot (DOT; SVG needs Graphviz's `dot` program).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from advieswijzer.kennis.controle import lokaal, routes, taxonomie
from advieswijzer.kennis.laden import KennisFout
from advieswijzer.ontologie.bestanden import schrijf_atomair, schrijf_tekst_atomair
from advieswijzer.ontologie.namen import AW
from rdflib.namespace import RDF, SKOS

TEKEN = {"betrokken": "x", "uitvoerder": "U", "adviseur": "A", "instemming": "I"}
VORMEN = {".dot", ".svg", ".graphml", ".gexf"}


def bouw_graaf(g):
    """networkx DiGraph of routes and taxonomy, node ids are the contract ids."""
    import networkx as nx

    graaf = nx.DiGraph()

    def knoop(term, soort: str) -> str:
        naam = lokaal(term)
        label = g.value(term, SKOS.prefLabel)
        graaf.add_node(naam, soort=soort, label=str(label) if label else naam)
        return naam

    soort_van = {AW.Activiteiten: "activiteit", AW.Soorten: "soort", AW.Kenmerken: "kenmerk"}
    for regel, partner, aanleiding in routes(g):
        schema = next((soort_van[s] for s in g.objects(aanleiding, SKOS.inScheme) if s in soort_van), "activiteit")
        van, naar = knoop(aanleiding, schema), knoop(partner, "partner")
        rol = lokaal(g.value(regel, AW.rol))
        teken = TEKEN.get(rol, rol)
        if graaf.has_edge(van, naar):
            rand = graaf.edges[van, naar]
            rand["regels"] = ", ".join(sorted({*rand["regels"].split(", "), lokaal(regel)}))
            rand["label"] = "".join(sorted({*rand["label"], teken}))
        else:
            wettelijk = (regel, RDF.type, AW.WettelijkeRegel) in g
            graaf.add_edge(van, naar, soort="route", label=teken, regels=lokaal(regel),
                           style="bold" if wettelijk else "solid")
    for smal, breed in taxonomie(g).edges:
        graaf.add_edge(knoop(smal, "activiteit"), knoop(breed, "activiteit"), soort="is-een", label="is een",
                       regels="", style="dashed")
    return graaf


def schrijf_graaf(graaf, pad: Path) -> None:
    import networkx as nx

    extensie = pad.suffix.lower()
    if extensie not in VORMEN:
        raise KennisFout(f"{pad}: onbekende extensie '{pad.suffix}'; gebruik {', '.join(sorted(VORMEN))}")
    if extensie == ".graphml":
        schrijf_atomair(pad, lambda f: nx.write_graphml(graaf, f))
        return
    if extensie == ".gexf":
        schrijf_atomair(pad, lambda f: nx.write_gexf(graaf, f))
        return
    dot = nx.nx_pydot.to_pydot(graaf)
    dot.set_rankdir("LR")
    for knoop in dot.get_nodes():
        soort = knoop.get("soort")
        knoop.set_shape({"partner": "box", "soort": "ellipse", "kenmerk": "diamond"}.get(soort, "oval"))
        if soort == "partner":
            knoop.set_style("filled")
            knoop.set_fillcolor("lightyellow")
    if extensie == ".dot":
        schrijf_tekst_atomair(pad, dot.to_string())
        return
    if shutil.which("dot") is None:
        raise KennisFout(f"{pad}: voor SVG is het programma 'dot' van Graphviz nodig (bv. apt install graphviz); "
                         "schrijf anders .dot, .graphml of .gexf")
    svg = dot.create_svg()
    schrijf_atomair(pad, lambda f: f.write(svg))
