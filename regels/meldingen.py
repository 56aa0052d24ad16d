"""Warnings for the intake that follow from the rules: a kruisje that would involve a partner from a
gevolgklasse on, while the aanvraag gives none and the partner is not involved otherwise. The other
meldingen (what the omschrijving mentions, a kruisje that needs activities, a bevoegd gezag that
differs from the usual one) are assembled with the advies (regels/advies.py)."""

from __future__ import annotations

from advieswijzer.kennis.model import Afspraak
from durable.lang import m

from .kruisjes import aanleiding_van, eigen_aanleidingen, reikwijdte_van
from .regel import AFGEROND, Regel, conclusie, geen, melding, regel, soort_van

MELDINGEN: list[Regel] = []


@regel("gevolgklasse-ontbreekt", MELDINGEN, fase=AFGEROND)
def gevolgklasse_ontbreekt(kennis):
    """De aanvraag noemt geen gevolgklasse, terwijl een kruisje de partner pas vanaf een gevolgklasse betrekt en de partner er verder niet bij is: vraag de gevolgklasse op.

    Bron: handreiking-rgs, bijlage 4, Brandweer/Veiligheidsregio (aanvragen over brandveiligheid/bouwplantoetsing, gevolgklasse 2/3)
    """
    # One rule per partner, reikwijdte and validity, for all their kruisjes; per aanleiding the first kruisje speaks.
    groepen: dict[tuple, dict[str, Afspraak]] = {}
    for a in kennis.afspraken:
        if a.minimale_gevolgklasse:
            groep = groepen.setdefault((a.partner, a.reikwijdte, a.geldig_vanaf, a.geldig_tot), {})
            for aanleiding in eigen_aanleidingen(kennis, a):
                if soort_van(kennis, aanleiding) != "soort":
                    groep.setdefault(aanleiding, a)

    def alternatief(per_aanleiding: dict[str, Afspraak]):
        a = next(iter(per_aanleiding.values()))
        # the kruisje's own condition on its aanleiding, without the gevolgklasse: none is given (0)
        condities = [("aanleiding", aanleiding_van(a, list(per_aanleiding), kennis, gevolgklasse=False) & (m.gk == 0))]
        if a.reikwijdte:
            condities.append(("reikwijdte", reikwijdte_van(a)))
        condities.append(geen(conclusie(a.partner)))

        def actie(f):
            aanleiding = f["aanleiding"]["v"]
            k = per_aanleiding[aanleiding]
            return [melding(kennis.tekst("melding-gevolgklasse-ontbreekt", aanleiding=aanleiding,
                                         gevolgklasse=k.minimale_gevolgklasse, partner=kennis.label(k.partner),
                                         bron=k.bron))]

        return condities, actie

    return [alternatief(g) for g in groepen.values() if g]
