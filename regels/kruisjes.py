"""Compile the kruisjeslijst (adviesafspraken in kennis/*.ttl) into rules.

One rule per afspraak: any of its aanleidingen (an activity, soort or kenmerk fact), with its
minimal gevolgklasse and validity dates as conditions on that fact, so the rule set itself decides
what applies on the aanvraag's date; it fires once per aanleiding the aanvraag has. An afspraak with
a reikwijdte also needs that reikwijdte's fact (derived by the rule `reikwijdte`, regels/afleiding.py).
A regional kruisje that repeats the national list on an aanleiding adds nothing there and does not fire
on it, so its reason is not doubled.
"""

from __future__ import annotations

from advieswijzer.kennis.model import Afspraak, Kennisbank
from durable.lang import m

from .regel import Regel, geldig, of, partner, soort_van


def aanleiding_van(afspraak: Afspraak, aanleidingen: list[str], kennis: Kennisbank, gevolgklasse: bool = True):
    """The condition on the fact of one of the aanleidingen: its value, the minimal gevolgklasse and the validity."""
    expr = of(*((m.t == soort_van(kennis, a)) & (m.v == a) for a in aanleidingen))
    if gevolgklasse and afspraak.minimale_gevolgklasse:
        expr = expr & (m.gk >= afspraak.minimale_gevolgklasse)
    return geldig(expr, afspraak.geldig_vanaf, afspraak.geldig_tot)


def reikwijdte_van(afspraak: Afspraak):
    return (m.t == "reikwijdte") & (m.v == afspraak.reikwijdte)


def eigen_aanleidingen(kennis: Kennisbank, afspraak: Afspraak) -> list[str]:
    """The aanleidingen the kruisje fires on: known ones, not repeating the national list."""
    return [a for a in afspraak.aanleidingen if soort_van(kennis, a) and (afspraak.naam, a) not in kennis.herhaald]


def _regel(kennis: Kennisbank, afspraak: Afspraak, aanleidingen: list[str]) -> Regel:
    def bouw(_kennis):
        conclusie = partner(afspraak.partner, afspraak.rol, afspraak.onderwerpen)
        condities = [("aanleiding", aanleiding_van(afspraak, aanleidingen, kennis))]
        if afspraak.reikwijdte:
            condities.append(("reikwijdte", reikwijdte_van(afspraak)))
        return condities, lambda f: [conclusie]

    return Regel(naam=afspraak.naam, bron=afspraak.volledige_bron, uitleg=afspraak.uitleg, bouw=bouw)


def kruisjesregels(kennis: Kennisbank) -> list[Regel]:
    return [_regel(kennis, a, aanleidingen) for a in kennis.afspraken if (aanleidingen := eigen_aanleidingen(kennis, a))]
