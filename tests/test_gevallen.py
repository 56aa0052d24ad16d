"""Data-driven cases: every YAML file in tests/gevallen/ is a list of cases a domain expert can extend.

A case has `naam`, `aanvraag` (contract §1; `id` and `activiteiten` may be left out) and
`verwacht`, with any of:
  partners:       {partner: [rollen]}  each partner must have exactly these roles
  geen_partners:  [partner]            must not appear
  regels:         [regel]              must have fired (as a reason)
  niet_regels:    [regel]              must not have fired
  onderwerpen:    {partner: [onderwerp]} must be among the partner's topics
  risicogericht:  true/false
  criteria:       [criterium]          exactly these criteria
  meldingen:      [tekst]              each must occur in some melding
"""

from __future__ import annotations

import pytest
import yaml

from .conftest import GEVALLEN, regels_gevuurd, rollen


def _gevallen():
    for bestand in sorted(GEVALLEN.glob("*.yaml")):
        for geval in yaml.safe_load(bestand.read_text(encoding="utf-8")):
            yield pytest.param(geval, id=f"{bestand.stem}: {geval['naam']}")


@pytest.mark.parametrize("geval", list(_gevallen()))
def test_geval(geval, adviseer):
    advies = adviseer(geval["aanvraag"])
    verwacht = geval["verwacht"]
    gevonden = rollen(advies)
    for partner, verwachte_rollen in verwacht.get("partners", {}).items():
        assert gevonden.get(partner) == verwachte_rollen, f"{partner}: {gevonden.get(partner)}"
    for partner in verwacht.get("geen_partners", []):
        assert partner not in gevonden, f"{partner} hoort er niet bij: {gevonden[partner]}"
    gevuurd = regels_gevuurd(advies)
    for r in verwacht.get("regels", []):
        assert r in gevuurd, f"regel {r} vuurde niet; wel: {sorted(gevuurd)}"
    for r in verwacht.get("niet_regels", []):
        assert r not in gevuurd, f"regel {r} vuurde onterecht"
    onderwerpen = {p["partner"]: set(p["onderwerpen"]) for p in advies["partners"]}
    for partner, verwacht_onderwerpen in verwacht.get("onderwerpen", {}).items():
        assert set(verwacht_onderwerpen) <= onderwerpen.get(partner, set())
    if "risicogericht" in verwacht:
        assert advies["risicogericht"]["van_toepassing"] is verwacht["risicogericht"]
    if "criteria" in verwacht:
        assert advies["risicogericht"]["criteria"] == verwacht["criteria"]
    for tekst in verwacht.get("meldingen", []):
        assert any(tekst in m for m in advies["meldingen"]), advies["meldingen"]
