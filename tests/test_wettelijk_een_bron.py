"""One source per statutory fact: the kruisjeslijst export (marks A and I) and the engine both come from
kennis/wettelijk.ttl and must agree. For every statutory rule and each of its triggers, an aanvraag that
meets the rule's conditions (as the Turtle states them) gets that role for that partner, and the export
shows that mark; the export shows no statutory mark the Turtle does not state."""

from __future__ import annotations

import pytest
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.kennis.kruisjeslijst import bouw_matrix
from advieswijzer.kennis.laden import laad_kennis
from advieswijzer.regels.advies import maak_advies

TEKEN = {"adviseur": "A", "instemming": "I"}
GEVALLEN = [(r, a) for r in laad_kennis().wettelijk for a in r.aanleidingen]  # one case per rule and trigger


def _aanvraag(kennis, regel, aanleiding) -> dict:
    """The simplest aanvraag that meets the rule's conditions, as kennis/wettelijk.ttl states them."""
    if regel.na_regel:  # built on another statutory rule: meet that one's conditions as well
        eerdere = next(r for r in kennis.wettelijk if r.naam == regel.na_regel)
        data = _aanvraag(kennis, eerdere, eerdere.aanleidingen[0])
    else:
        data = {"id": f"w-{regel.naam}", "soort": regel.soorten[0] if regel.soorten else "omgevingsvergunning",
                "activiteiten": [], "kenmerken": []}
    activiteiten = set(kennis.ids("activiteit"))
    for begrip in (aanleiding, *regel.vereist):
        # an abstract activity (omgevingsplanactiviteit) stands for a concrete one below it
        if begrip in activiteiten and begrip not in data["activiteiten"]:
            concreet = sorted(a for a, bredere in kennis.bredere.items() if begrip in bredere)
            data["activiteiten"].append(begrip if begrip not in {b for v in kennis.bredere.values() for b in v}
                                        else concreet[0])
        elif begrip not in activiteiten and begrip not in data["kenmerken"]:
            data["kenmerken"].append(begrip)
    if regel.bevoegd_gezag:
        data["bevoegd_gezag"] = regel.bevoegd_gezag[0]
    elif regel.niet_bevoegd_gezag and "bevoegd_gezag" not in data:
        data["bevoegd_gezag"] = next(p for p in ("provincie", "rijk", "waterschap") if p not in regel.niet_bevoegd_gezag)
    return data


def test_er_zijn_wettelijke_regels():
    assert len({r.naam for r, _ in GEVALLEN}) >= 8  # advies en instemming van bijlage 4, Gemeente


@pytest.mark.parametrize(("regel", "aanleiding"), GEVALLEN, ids=[f"{r.naam}-{a}" for r, a in GEVALLEN])
def test_motor_en_kruisjeslijst_geven_hetzelfde_wettelijke_teken(kennis, regel, aanleiding):
    data = _aanvraag(kennis, regel, aanleiding)
    advies = maak_advies(lees_aanvraag(data, kennis), kennis)
    rollen = {p["partner"]: p["rollen"] for p in advies["partners"]}
    assert regel.rol in rollen.get(regel.partner, []), (regel.naam, data, rollen)
    matrix = bouw_matrix(kennis)
    tekens = {r.tekens.get(regel.partner) for r in matrix.rijen if r.trigger == aanleiding}
    assert TEKEN[regel.rol] in tekens, (regel.naam, aanleiding, tekens)


def test_de_kruisjeslijst_toont_geen_wettelijk_teken_zonder_regel(kennis):
    verwacht = {(a, r.partner, TEKEN[r.rol]) for r in kennis.wettelijk for a in r.aanleidingen}
    getoond = {(rij.trigger, partner, teken) for rij in bouw_matrix(kennis).rijen
               for partner, teken in rij.tekens.items() if teken in ("A", "I")}
    assert getoond == verwacht
