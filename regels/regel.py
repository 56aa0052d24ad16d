"""A rule: a name, its source, durable-rules conditions on facts and the conclusions it draws.

Hand-written rules are functions decorated with @regel; the docstring's first paragraph
is the explanation and its line `Bron: ...` the source, so the text a reader sees in the
code is the text an intake officer sees in the advice. A rule compiled from the knowledge
(kruisjes, statutory rules) takes both from the Turtle.

`bouw(kennis)` gives the conditions and the action, or a list of such alternatives (one
durable-rules rule each, one name: e.g. one per concept of a ranking). A rule whose conditions
say that something is absent (`geen(...)`) runs in a later `fase` than the rules that could
derive it: durable-rules checks `none` when the other conditions are met and does not take the
action back when the absent fact arrives afterwards (see regels/motor.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from advieswijzer.kennis.model import Kennisbank
from durable.lang import m, none

# A condition is (name, expression) or (None, none(...)); an action gets the matched facts.
Conditie = tuple[str | None, object]
Actie = Callable[[dict[str, dict]], list[dict]]


Bouw = tuple[list[Conditie], Actie]

# Phases (Regel.fase). A rule that requires something to be absent runs after every rule that could derive it.
AFGELEID = 1  # after what follows from the aanvraag without absence: taxonomy, reikwijdten, procedure grounds
BESLOTEN = 2  # after the bevoegd gezag, the procedure and the exceptions to statutory rules
AFGEROND = 3  # after every partner


@dataclass(frozen=True)
class Regel:
    naam: str
    bron: str
    uitleg: str
    bouw: Callable[[Kennisbank], Bouw | list[Bouw]]
    fase: int = 0  # 0: as soon as the facts are there; n: once everything of the phases before n is concluded


def leg_uit(functie) -> tuple[str, str]:
    doc = inspect.getdoc(functie) or ""
    alineas = doc.split("\n\n")
    uitleg = " ".join(alineas[0].split())
    bronnen = [r.removeprefix("Bron:").strip() for r in doc.splitlines() if r.startswith("Bron:")]
    if not uitleg or not bronnen:
        raise ValueError(f"regel {functie.__name__}: docstring mist uitleg of 'Bron:'-regel")
    return uitleg, bronnen[0]


def regel(naam: str, register: list[Regel], fase: int = 0):
    """Register a hand-written rule under `naam`; explanation and source come from its docstring."""

    def verpak(functie):
        uitleg, bron = leg_uit(functie)
        register.append(Regel(naam=naam, bron=bron, uitleg=uitleg, bouw=functie, fase=fase))
        return functie

    return verpak


# ------------------------------------------------------------ condition helpers
def feit(soort: str, *waarden: str):
    """A fact of this type, with one of these values (any value when none are given)."""
    expr = m.t == soort
    if waarden:
        keuze = m.v == waarden[0]
        for w in waarden[1:]:
            keuze = keuze | (m.v == w)
        expr = expr & keuze
    return expr


def of(*delen):
    """Any of these conditions on one fact (None for none at all)."""
    uit = None
    for d in delen:
        uit = d if uit is None else uit | d
    return uit


def soort_van(kennis: Kennisbank, aanleiding: str) -> str | None:
    """activiteit, soort or kenmerk: which fact an aanleiding is."""
    for lijst in ("activiteit", "soort", "kenmerk"):
        if aanleiding in kennis.ids(lijst):
            return lijst
    return None


def een_van(kennis: Kennisbank, ids):
    """A fact that is one of these activities, soorten or kenmerken (each as the fact it is)."""
    return of(*((m.t == soort_van(kennis, i)) & (m.v == i) for i in ids))


def datum_getal(tekst: str) -> int:
    return int(tekst.replace("-", ""))


def geldig(expr, vanaf: str | None, tot: str | None):
    """`expr` on a fact of an aanvraag whose datum lies in [vanaf, tot) (open ends always match)."""
    if vanaf:
        expr = expr & (m.datum >= datum_getal(vanaf))
    if tot:
        expr = expr & (m.datum < datum_getal(tot))
    return expr


def buiten(vanaf: str | None, tot: str | None):
    """The datum of the aanvraag lies outside [vanaf, tot); None when that cannot be (no ends)."""
    return of(*([m.datum < datum_getal(vanaf)] if vanaf else []), *([m.datum >= datum_getal(tot)] if tot else []))


def bevoegd_gezag_is(partner: str):
    return (m.t == "bevoegd-gezag") & (m.v == partner)


def bevoegd_gezag_niet(partner: str):
    return (m.t == "bevoegd-gezag") & (m.v != partner)


def conclusie(partner: str | None = None, rol: str | None = None, regel_naam: str | None = None,
              criterium: str | None = None):
    expr = m.t == "conclusie"
    if partner:
        expr = expr & (m.partner == partner)
    if rol:
        expr = expr & (m.rol == rol)
    if regel_naam:
        expr = expr & (m.regel == regel_naam)
    if criterium:
        expr = expr & (m.criterium == criterium)
    return expr


def een_criterium():
    """Any concluded criterion of risk-based collaboration."""
    return (m.t == "conclusie") & (m.soort == "criterium")


def geen(expr):
    return None, none(expr)


def partner(naam: str, rol: str, onderwerpen=()) -> dict:
    return {"soort": "partner", "partner": naam, "rol": rol, "onderwerpen": list(onderwerpen)}


def afgeleid(t: str, v: str, herkomst: str, bron: str, uit=()) -> dict:
    """A derived fact `t` = `v` that other rules build on. `herkomst` says in words where it came from;
    '{uit}' in it becomes the values in `uit` (the facts it came from), gathered over every derivation
    of the same fact (regels/herkomst.py); without '{uit}' they are its `via`."""
    return {"soort": "feit", "t": t, "v": v, "herkomst": herkomst, "bron": bron, "uit": list(uit)}


def melding(tekst: str) -> dict:
    return {"soort": "melding", "tekst": tekst}
