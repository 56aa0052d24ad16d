"""Compile the kruisjeslijst (adviesafspraken in kennis/*.ttl) into rules.

One rule per (afspraak, aanleiding): the aanleiding is an activity, soort or kenmerk fact;
a minimal gevolgklasse and validity dates become conditions on that fact, so the rule
set itself decides what applies on the aanvraag's date. An afspraak with a reikwijdte also
needs that reikwijdte's fact (derived in feiten.py). A regional kruisje that repeats the
national list adds nothing and gets no rule, so its reason is not doubled.
"""

from __future__ import annotations

from advieswijzer.kennis.model import Afspraak, Kennisbank
from durable.lang import m

from .regel import Regel, partner

SOORT_VAN_LIJST = {"activiteit": "activiteit", "soort": "soort", "kenmerk": "kenmerk"}


def soort_aanleiding(kennis: Kennisbank, aanleiding: str) -> str | None:
    """activiteit, soort or kenmerk: which fact an aanleiding is."""
    for lijst, soort in SOORT_VAN_LIJST.items():
        if aanleiding in kennis.ids(lijst):
            return soort
    return None


def datum_getal(tekst: str) -> int:
    return int(tekst.replace("-", ""))


def _regel(kennis: Kennisbank, afspraak: Afspraak, aanleiding: str) -> Regel:
    soort = soort_aanleiding(kennis, aanleiding)

    def bouw(_kennis):
        expr = (m.t == soort) & (m.v == aanleiding)
        if afspraak.minimale_gevolgklasse:
            expr = expr & (m.gk >= afspraak.minimale_gevolgklasse)
        if afspraak.geldig_vanaf:
            expr = expr & (m.datum >= datum_getal(afspraak.geldig_vanaf))
        if afspraak.geldig_tot:
            expr = expr & (m.datum < datum_getal(afspraak.geldig_tot))
        conclusie = partner(afspraak.partner, afspraak.rol, afspraak.onderwerpen)
        condities = [("aanleiding", expr)]
        if afspraak.reikwijdte:
            condities.append(("reikwijdte", (m.t == "reikwijdte") & (m.v == afspraak.reikwijdte)))
        return condities, lambda f: [conclusie]

    return Regel(naam=afspraak.naam, bron=afspraak.volledige_bron, uitleg=afspraak.uitleg, bouw=bouw)


def kruisjesregels(kennis: Kennisbank) -> list[Regel]:
    return [_regel(kennis, a, aanleiding) for a in kennis.afspraken for aanleiding in a.aanleidingen
            if soort_aanleiding(kennis, aanleiding) and (a.naam, aanleiding) not in kennis.herhaald]
