"""Statutory advice, instemming and bevoegd gezag (handreiking-rgs, bijlage 4, Gemeente;
Omgevingsbesluit afdeling 4.2).

The statutory rules are data: kennis/wettelijk.ttl, read into `kennis.wettelijk`. `wettelijke_regels`
compiles each into one rule of the engine, with the name, explanation, source and conditions of the
Turtle, so the engine concludes what the exported kruisjeslijst shows (tests/test_wettelijk_bron.py
checks it). What the table cannot say is a named exception here (UITZONDERINGEN, one docstring and
source each): it concludes the fact `uitzondering` = the name of the statutory rule it sets aside, and
that rule requires the fact to be absent. An exception whose rule is not in the knowledge, or a rule
that builds on one that is not, is a KennisFout: the engine is not built.
"""

from __future__ import annotations

from advieswijzer.kennis.laden import KennisFout
from advieswijzer.kennis.model import Kennisbank, WettelijkeRegel
from durable.lang import m

from .regel import (
    AFGELEID,
    BESLOTEN,
    Regel,
    afgeleid,
    bevoegd_gezag_is,
    buiten,
    conclusie,
    een_van,
    feit,
    geen,
    geldig,
    leg_uit,
    of,
    partner,
    regel,
    soort_van,
)

WETTELIJKE_REGELS: list[Regel] = []  # hand-written: who decides
UITZONDERINGEN: list[Regel] = []
UITGEZONDERD: dict[str, str] = {}  # exception -> the statutory rule of kennis/wettelijk.ttl it sets aside
MBA = "milieubelastende-activiteit"


@regel("bevoegd-gezag", WETTELIJKE_REGELS)
def bevoegd_gezag(kennis):
    """Dit bestuursorgaan is bevoegd gezag en beslist op de aanvraag (opgegeven, of afgeleid uit de activiteiten; anders de gemeente).

    Bron: omgevingswet, art. 5.8; omgevingsbesluit, art. 4.6 en 4.10
    """
    return [("bg", feit("bevoegd-gezag"))], lambda f: [partner(f["bg"]["v"], "bevoegd-gezag")]


def uitzondering(naam: str, op: str, fase: int = 0):
    """Register an exception to the statutory rule `op`. The function gives, per alternative, the conditions
    under which that rule does not hold; its docstring gives the explanation and the source."""

    def verpak(functie):
        uitleg, bron = leg_uit(functie)

        def bouw(kennis):
            return [(condities, lambda f: [afgeleid("uitzondering", op, naam, bron)]) for condities in functie(kennis)]

        UITZONDERINGEN.append(Regel(naam=naam, bron=bron, uitleg=uitleg, bouw=bouw, fase=fase))
        UITGEZONDERD[naam] = op
        return functie

    return verpak


@uitzondering("geen-instemming-gs-mba", op="college-instemming-omgevingsplanactiviteit")
def geen_instemming_gs_mba(kennis):
    """Geen instemming van het college bij de omgevingsplanactiviteit: gedeputeerde staten zijn bevoegd gezag en de aanvraag betreft ook een milieubelastende activiteit, waarvoor zij bevoegd gezag zijn (art. 4.16).

    Bron: handreiking-rgs, bijlage 4, Gemeente (instemming college, lid 2 onder a, uitzondering); omgevingsbesluit, art. 4.20 lid 2 onder a
    """
    return [[("bg", bevoegd_gezag_is("provincie")), ("opa", feit("activiteit", "omgevingsplanactiviteit")),
             ("mba", feit("activiteit", MBA))]]


@uitzondering("geen-instemming-uitgezonderde-mba", op="college-instemming-mba", fase=AFGELEID)
def geen_instemming_uitgezonderde_mba(kennis):
    """Geen instemming van het college bij de milieubelastende activiteit: elke milieubelastende activiteit die de aanvraag noemt is uitgezonderd (mijnbouw), of de intake geeft aan dat het om een uitgezonderde gaat.

    Bron: handreiking-rgs, bijlage 4, Gemeente (instemming college, lid 2 onder b); omgevingsbesluit, art. 4.20 lid 2 onder b (uitgezonderd: art. 4.6 lid 1 onder c, 4.10 lid 1 onder a, 4.11 lid 1 onder b)
    """
    uitgezonderd = kennis.geen_instemming
    genoemd = (m.t == "activiteit") & (m.herkomst == "aanvraag")
    wel, niet = [], []  # the MBAs the aanvraag may name that are exempt on its datum, and those that are not
    for a in kennis.ids("activiteit"):
        if a == MBA or MBA in kennis.bredere.get(a, []):
            f = uitgezonderd.get(a)
            if f is not None:
                wel.append(geldig(m.v == a, f.geldig_vanaf, f.geldig_tot))
            if f is None:
                niet.append(m.v == a)
            elif (daarbuiten := buiten(f.geldig_vanaf, f.geldig_tot)) is not None:
                niet.append((m.v == a) & daarbuiten)
    # one named MBA that is exempt and none that is not (a fact met by one condition cannot be another's)
    alle = [("uitgezonderd", genoemd & of(*wel)), *([geen(genoemd & of(*niet))] if niet else [])] if wel else []
    kenmerken = [geldig(een_van(kennis, [k]), f.geldig_vanaf, f.geldig_tot) for k, f in uitgezonderd.items()
                 if soort_van(kennis, k) == "kenmerk"]
    bij_kenmerk = [("mba", feit("activiteit", MBA)), ("kenmerk", of(*kenmerken))] if kenmerken else []
    return [c for c in (alle, bij_kenmerk) if c]


def _bevoegd_gezag(r: WettelijkeRegel):
    expr = m.t == "bevoegd-gezag"
    if r.bevoegd_gezag:
        expr = expr & of(*(m.v == b for b in r.bevoegd_gezag))
    for b in r.niet_bevoegd_gezag:
        expr = expr & (m.v != b)
    return expr


def _wettelijke_regel(kennis: Kennisbank, r: WettelijkeRegel, uitzonderingen: list[str]) -> Regel | None:
    aanleidingen = [a for a in r.aanleidingen if soort_van(kennis, a)]  # another one is K8 of `kennis controleer`
    if not aanleidingen:
        return None
    conclusies = [partner(r.partner, r.rol)]

    def bouw(_kennis):
        # the order of the facts is the order in which the reason names them: soort, bevoegd gezag, aanleiding
        condities = [("soort", feit("soort", *r.soorten))] if r.soorten else []
        if r.bevoegd_gezag or r.niet_bevoegd_gezag:
            condities.append(("bg", _bevoegd_gezag(r)))
        condities += [(f"vereist-{i}", een_van(kennis, [v])) for i, v in enumerate(r.vereist)]
        condities.append(("aanleiding", een_van(kennis, aanleidingen)))
        if r.na_regel:
            condities.append(("na", conclusie(regel_naam=r.na_regel)))
        afwezig = [*([een_van(kennis, r.niet_bij)] if r.niet_bij else []),
                   *([(m.t == "uitzondering") & (m.v == r.naam)] if uitzonderingen else [])]
        if afwezig:
            condities.append(geen(of(*afwezig)))
        return condities, lambda f: conclusies

    return Regel(naam=r.naam, bron=r.bron, uitleg=r.uitleg, bouw=bouw,
                 fase=BESLOTEN if r.niet_bij or uitzonderingen else 0)


def wettelijke_regels(kennis: Kennisbank) -> list[Regel]:
    """The statutory rules of the knowledge as rules of the engine, with their exceptions."""
    namen = {r.naam for r in kennis.wettelijk}
    for naam, op in UITGEZONDERD.items():
        if op not in namen:
            raise KennisFout(f"uitzondering '{naam}' (regels/wettelijk.py) hoort bij de wettelijke regel '{op}', maar "
                             "die staat niet in de kennisbank (kennis/wettelijk.ttl)")
    for r in kennis.wettelijk:
        if r.na_regel and r.na_regel not in namen:
            raise KennisFout(f"wettelijke regel '{r.naam}' bouwt voort op '{r.na_regel}', maar die staat niet in de "
                             "kennisbank (kennis/wettelijk.ttl)")
    regels = [_wettelijke_regel(kennis, r, [u for u, op in UITGEZONDERD.items() if op == r.naam])
              for r in kennis.wettelijk]
    return [*WETTELIJKE_REGELS, *(r for r in regels if r), *UITZONDERINGEN]
