"""A rule: a name, its source, durable-rules conditions on facts and the conclusions it draws.

Hand-written rules are functions decorated with @regel; the docstring's first paragraph
is the explanation and its line `Bron: ...` the source, so the text a reader sees in the
code is the text an intake officer sees in the advice.
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


@dataclass(frozen=True)
class Regel:
    naam: str
    bron: str
    uitleg: str
    bouw: Callable[[Kennisbank], tuple[list[Conditie], Actie]]


def _leg_uit(functie) -> tuple[str, str]:
    doc = inspect.getdoc(functie) or ""
    alineas = doc.split("\n\n")
    uitleg = " ".join(alineas[0].split())
    bronnen = [r.removeprefix("Bron:").strip() for r in doc.splitlines() if r.startswith("Bron:")]
    if not uitleg or not bronnen:
        raise ValueError(f"regel {functie.__name__}: docstring mist uitleg of 'Bron:'-regel")
    return uitleg, bronnen[0]


def regel(naam: str, register: list[Regel]):
    """Register a hand-written rule under `naam`; explanation and source come from its docstring."""

    def verpak(functie):
        uitleg, bron = _leg_uit(functie)
        register.append(Regel(naam=naam, bron=bron, uitleg=uitleg, bouw=functie))
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
