"""Compile the kruisjeslijst (adviesafspraken in kennis/*.ttl) into rules.

One rule per (afspraak, aanleiding): the aanleiding is an activity, soort or kenmerk fact;
a minimal gevolgklasse and validity dates become conditions on that fact, so the rule
set itself decides what applies on the aanvraag's date. An afspraak with a reikwijdte also
needs that reikwijdte's fact (derived by the rule `reikwijdte`, regels/afleiding.py). A regional
kruisje that repeats the national list adds nothing and gets no rule, so its reason is not doubled.
"""

from __future__ import annotations

from advieswijzer.kennis.model import Afspraak, Kennisbank
from durable.lang import m

from .regel import Regel, geldig, partner, soort_van


def aanleiding_van(afspraak: Afspraak, soort: str, aanleiding: str, gevolgklasse: bool = True):
    """The condition on the aanleiding's fact: its value, the minimal gevolgklasse and the validity."""
    expr = (m.t == soort) & (m.v == aanleiding)
    if gevolgklasse and afspraak.minimale_gevolgklasse:
        expr = expr & (m.gk >= afspraak.minimale_gevolgklasse)
    return geldig(expr, afspraak.geldig_vanaf, afspraak.geldig_tot)


def _regel(kennis: Kennisbank, afspraak: Afspraak, aanleiding: str) -> Regel:
    soort = soort_van(kennis, aanleiding)

    def bouw(_kennis):
        conclusie = partner(afspraak.partner, afspraak.rol, afspraak.onderwerpen)
        condities = [("aanleiding", aanleiding_van(afspraak, soort, aanleiding))]
        if afspraak.reikwijdte:
            condities.append(("reikwijdte", (m.t == "reikwijdte") & (m.v == afspraak.reikwijdte)))
        return condities, lambda f: [conclusie]

    return Regel(naam=afspraak.naam, bron=afspraak.volledige_bron, uitleg=afspraak.uitleg, bouw=bouw)


def kruisjesregels(kennis: Kennisbank) -> list[Regel]:
    return [_regel(kennis, a, aanleiding) for a in kennis.afspraken for aanleiding in a.aanleidingen
            if soort_van(kennis, aanleiding) and (a.naam, aanleiding) not in kennis.herhaald]
