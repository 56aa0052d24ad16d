"""Warnings for the intake that follow from the rules: a kruisje that would involve a partner from a
gevolgklasse on, while the aanvraag gives none and the partner is not involved otherwise. The other
meldingen (what the omschrijving mentions, a kruisje that needs activities, a bevoegd gezag that
differs from the usual one) are assembled with the advies (regels/advies.py)."""

from __future__ import annotations

from advieswijzer.kennis.model import Afspraak, Kennisbank
from durable.lang import m

from .kruisjes import aanleiding_van
from .regel import AFGEROND, Regel, conclusie, geen, melding, regel, soort_van

MELDINGEN: list[Regel] = []


@regel("gevolgklasse-ontbreekt", MELDINGEN, fase=AFGEROND)
def gevolgklasse_ontbreekt(kennis):
    """De aanvraag noemt geen gevolgklasse, terwijl een kruisje de partner pas vanaf een gevolgklasse betrekt en de partner er verder niet bij is: vraag de gevolgklasse op.

    Bron: handreiking-rgs, bijlage 4, Brandweer/Veiligheidsregio (aanvragen over brandveiligheid/bouwplantoetsing, gevolgklasse 2/3)
    """
    def alternatief(a: Afspraak, aanleiding: str, soort: str):
        # the kruisje's own condition on its aanleiding, without the gevolgklasse: none is given (0)
        condities = [("aanleiding", aanleiding_van(a, soort, aanleiding, gevolgklasse=False) & (m.gk == 0))]
        if a.reikwijdte:
            condities.append(("reikwijdte", (m.t == "reikwijdte") & (m.v == a.reikwijdte)))
        condities.append(geen(conclusie(a.partner)))
        tekst = kennis.tekst("melding-gevolgklasse-ontbreekt", aanleiding=aanleiding,
                             gevolgklasse=a.minimale_gevolgklasse, partner=kennis.label(a.partner), bron=a.bron)
        return condities, lambda _: [melding(tekst)]

    return [alternatief(a, aanleiding, soort) for a, aanleiding, soort in _met_gevolgklasse(kennis)]


def _met_gevolgklasse(kennis: Kennisbank):
    """(kruisje, aanleiding, fact type) of the kruisjes with a minimal gevolgklasse on an activity or kenmerk."""
    for a in kennis.afspraken:
        for aanleiding in a.aanleidingen if a.minimale_gevolgklasse else ():
            soort = soort_van(kennis, aanleiding)
            if soort in ("activiteit", "kenmerk") and (a.naam, aanleiding) not in kennis.herhaald:
                yield a, aanleiding, soort
