"""`kennis controleer`: the knowledge base checks itself.

Two kinds of checks, one report:

- SHACL shapes (ontologie/vormen/kennisbank.ttl) on the form: every kruisje has a partner,
  a role from the list, a trigger that exists and a source; every concept a Dutch label;
  every contract id exists (K1-K5, the number is the shape's dct:identifier);
- graph checks (networkx) on what the knowledge means: a cycle in the activity taxonomy (K6),
  an activity that no rule can ever route to anyone (K7), a rule whose trigger cannot occur
  (K8), a partner that nothing routes to (K9), a regional kruisje that repeats the national list
  and so adds nothing to an advice (K10, Info).

Exit status of the command: 1 when there is a Violation, else 0.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from advieswijzer.ontologie.namen import AW, DCTERMS, RDF, SH, SKOS, VORMEN_MAP, lokale_naam
from advieswijzer.ontologie.rapport import Bevinding, Rapport

VORMEN = VORMEN_MAP / "kennisbank.ttl"
ERNST = ("Violation", "Warning", "Info")
TRIGGERLIJSTEN = ("Activiteiten", "Soorten", "Kenmerken")

CONTROLES = {
    "K1": ("kruisje, regel of begrip mist een verplicht gegeven", "contract §8; DESIGN.md (elk feit met dct:source)"),
    "K2": ("id niet in de begrippenlijsten", "contract §3"),
    "K3": ("begrip zonder Nederlands label of met ongeldige notatie", "contract §3"),
    "K4": ("contract-id ontbreekt", "contract §3"),
    "K5": ("ongeldige voorwaarde of geldigheid", "contract §8; ontologie (aw:geldigVanaf, aw:geldigTot)"),
    "K6": ("cyclus in de activiteitentaxonomie", "kennis/activiteiten.ttl (skos:broader)"),
    "K7": ("activiteit die door geen enkele regel naar een partner leidt", "handreiking-rgs, bijlage 4"),
    "K8": ("regel waarvan de aanleiding nooit kan voorkomen", "contract §1 en §3"),
    "K9": ("partner waar niets naartoe leidt", "contract §3.7"),
    "K10": ("regionaal kruisje herhaalt een landelijk kruisje", "contract §8"),
}


def voeg_toe(rapport: Rapport, ernst: str, check: str, focus: str, bericht: str) -> None:
    rapport.voeg_toe(Bevinding(ernst, check, focus, bericht, CONTROLES[check][1]))


def als_tekst(rapport: Rapport) -> str:
    a = rapport.aantallen
    kop = ("Kennisbank in orde" if rapport.conform else "Kennisbank NIET in orde") + \
        f": {a['Violation']} Violation, {a['Warning']} Warning, {a['Info']} Info"
    return "\n".join([kop, *(f"  {b.ernst:<9} {b.check}  {b.focus}: {b.bericht}" for b in rapport.gesorteerd())])


lokaal = lokale_naam  # the name other modules (formaten/graaf.py) import from here


# ---------------------------------------------------------------------------- SHACL
def _vormen():
    from rdflib import Graph

    return Graph().parse(VORMEN, format="turtle")


def _controle_van(vormen, vorm) -> str | None:
    ident = vormen.value(vorm, DCTERMS.identifier)
    if ident is not None:
        return str(ident)
    for ouder in vormen.subjects(SH.property, vorm):
        ident = vormen.value(ouder, DCTERMS.identifier)
        if ident is not None:
            return str(ident)
    return None


def shacl_controles(g, rapport: Rapport) -> None:
    from pyshacl import validate

    vormen = _vormen()
    _, resultaat, _ = validate(g, shacl_graph=vormen, inference="none", advanced=True, allow_warnings=True)
    for r in resultaat.subjects(RDF.type, SH.ValidationResult):
        vorm = resultaat.value(r, SH.sourceShape)
        check = _controle_van(vormen, vorm) or "K1"
        ernst = lokaal(resultaat.value(r, SH.resultSeverity))
        bericht = str(resultaat.value(r, SH.resultMessage) or "")
        waarde = resultaat.value(r, SH.value)
        pad = resultaat.value(r, SH.resultPath)
        if waarde is not None and check in ("K2", "K5"):
            bericht += f" ({lokaal(pad)}: {lokaal(waarde)})" if pad is not None else f" ({lokaal(waarde)})"
        voeg_toe(rapport, ernst, check, lokaal(resultaat.value(r, SH.focusNode)), bericht)


# --------------------------------------------------------------------- graph checks
def _begrippen(g, schema: str) -> set:
    return set(g.subjects(SKOS.inScheme, AW[schema]))


def routes(g) -> list[tuple[object, object, object]]:
    """(rule, partner, aanleiding) for every kruisje and statutory rule, regional withdrawals applied."""
    ingetrokken = {(g.value(i, AW.partner), a)
                   for i in g.subjects(RDF.type, AW.Intrekking) for a in g.objects(i, AW.aanleiding)}
    uit = []
    for klasse in (AW.Adviesafspraak, AW.WettelijkeRegel):
        for regel in g.subjects(RDF.type, klasse):
            partner = g.value(regel, AW.partner)
            regionaal = g.value(regel, AW.regio) is not None
            for a in g.objects(regel, AW.aanleiding):
                if klasse == AW.WettelijkeRegel or regionaal or (partner, a) not in ingetrokken:
                    uit.append((regel, partner, a))
    return uit


def taxonomie(g):
    """The activity taxonomy as a networkx DiGraph: narrower -> broader."""
    import networkx as nx

    t = nx.DiGraph()
    t.add_nodes_from(_begrippen(g, "Activiteiten"))
    for smal, breed in g.subject_objects(SKOS.broader):
        t.add_edge(smal, breed)
    return t


def _leeg_venster(g, regel) -> bool:
    vanaf, tot = g.value(regel, AW.geldigVanaf), g.value(regel, AW.geldigTot)
    try:
        return vanaf is not None and tot is not None and \
            date.fromisoformat(str(vanaf)) >= date.fromisoformat(str(tot))
    except ValueError:
        return False  # a malformed date is K5 (SHACL)


def graaf_controles(g, rapport: Rapport) -> None:
    import networkx as nx

    t = taxonomie(g)
    for cyclus in sorted(nx.simple_cycles(t), key=lambda c: sorted(map(str, c))):
        namen = [lokaal(n) for n in cyclus]
        voeg_toe(rapport, "Violation", "K6", min(namen),
                         f"Cyclus in de activiteitentaxonomie: {' -> '.join([*namen, namen[0]])}.")

    mogelijk = set().union(*(_begrippen(g, s) for s in TRIGGERLIJSTEN))
    for klasse, soort in ((AW.Adviesafspraak, "Kruisje"), (AW.WettelijkeRegel, "Wettelijke regel"),
                          (AW.Intrekking, "Intrekking")):
        for regel in g.subjects(RDF.type, klasse):
            for a in g.objects(regel, AW.aanleiding):
                if a not in mogelijk:
                    voeg_toe(rapport, "Violation", "K8", lokaal(regel),
                                     f"{soort} reageert op '{lokaal(a)}', maar dat is geen activiteit, soort of "
                                     "kenmerk uit de begrippenlijsten: deze aanleiding komt in geen aanvraag voor.")
            if klasse == AW.Adviesafspraak and _leeg_venster(g, regel):
                voeg_toe(rapport, "Violation", "K8", lokaal(regel),
                                 "Kruisje geldt nooit: geldigVanaf ligt niet voor geldigTot.")
            reikwijdte = g.value(regel, AW.reikwijdte) if klasse == AW.Adviesafspraak else None
            soorten = set(g.objects(reikwijdte, AW.bijSoort)) if reikwijdte is not None else set()
            for a in g.objects(regel, AW.aanleiding):
                if soorten and a in _begrippen(g, "Soorten") and a not in soorten:
                    voeg_toe(rapport, "Violation", "K8", lokaal(regel),
                                     f"Kruisje reageert op soort '{lokaal(a)}', maar zijn reikwijdte "
                                     f"'{lokaal(reikwijdte)}' geldt alleen bij {', '.join(sorted(map(lokaal, soorten)))}: "
                                     "het kan nooit vuren.")

    landelijk = {(g.value(r, AW.partner), a) for r in g.subjects(RDF.type, AW.Adviesafspraak)
                 if g.value(r, AW.regio) is None for a in g.objects(r, AW.aanleiding)}
    for i in g.subjects(RDF.type, AW.Intrekking):
        partner = g.value(i, AW.partner)
        for a in g.objects(i, AW.aanleiding):
            if a in mogelijk and (partner, a) not in landelijk:
                voeg_toe(rapport, "Warning", "K8", lokaal(i),
                                 f"Intrekking voor '{lokaal(partner)}' bij '{lokaal(a)}' trekt niets in: "
                                 "de landelijke kruisjeslijst heeft daar geen kruisje.")

    alle_routes = routes(g)
    aanleidingen = {a for _, _, a in alle_routes}
    for activiteit in sorted(_begrippen(g, "Activiteiten")):
        bereik = {activiteit} | (nx.descendants(t, activiteit) if activiteit in t else set())
        if not bereik & aanleidingen:
            voeg_toe(rapport, "Warning", "K7", lokaal(activiteit),
                             f"Activiteit '{lokaal(activiteit)}' leidt via geen enkel kruisje of wettelijke regel "
                             "naar een partner (ook niet via een breder begrip).")

    bestemd = {p for _, p, _ in alle_routes} | _begrippen(g, "BevoegdGezagen") | set(g.objects(None, AW.bevoegdGezag))
    for partner in sorted(_begrippen(g, "Partners") - bestemd):
        voeg_toe(rapport, "Info", "K9", lokaal(partner),
                         f"Partner '{lokaal(partner)}' staat in geen kruisje of wettelijke regel en is geen bevoegd "
                         "gezag; alleen een regioprofiel kan hem betrekken.")


def herhalingen(g, rapport: Rapport) -> None:
    """K10: a regional kruisje that the national list already covers (same partner, role, voorwaarde and
    validity; onderwerpen covered) adds nothing; the engine skips it, the maintainer hears of it."""
    from .laden import bouw_kennis

    kennis = bouw_kennis(g, "controle", None)
    for a, aanleiding, landelijk in kennis.herhalingen():
        voeg_toe(rapport, "Info", "K10", a.naam,
                         f"Regionaal kruisje voor '{a.partner}' bij '{aanleiding}' herhaalt het landelijke kruisje "
                         f"({', '.join(landelijk)}): het voegt niets toe aan een advies en kan weg.")


# ---------------------------------------------------------------------------- entry
def controleer_graaf(g) -> Rapport:
    rapport = Rapport()
    shacl_controles(g, rapport)
    graaf_controles(g, rapport)
    herhalingen(g, rapport)
    rapport.resultaten[:] = rapport.gesorteerd()  # the report lists severest first, then by check
    return rapport


def controleer(regio: str | None = None, paden: list[Path] | None = None) -> Rapport:
    """Check the shipped knowledge (plus a regional profile), or the given Turtle files."""
    from .laden import laad_graaf

    return controleer_graaf(laad_graaf(paden, regio=regio))
