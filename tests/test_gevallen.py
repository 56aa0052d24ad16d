"""Data-driven cases: every YAML file in tests/gevallen/ is a list of cases a domain expert can extend.

A case has `naam`, `aanvraag` (contract §1; `id` and `activiteiten` may be left out) and
`verwacht`, the WHOLE expected advice, compared for equality (as openfisca's YAML tests and
pySHACL's golden reports do), so a rule that adds a stray partner, role or topic fails:
  partners:       {partner: [rollen]}                            a partner without topics, or
                  {partner: {rollen: [...], onderwerpen: [...]}}  every partner of the advice, no more
  risicogericht:  true/false
  criteria:       [criterium]                                    exactly these (may be left out when false)
and optionally:
  regels:         [regel]              must have fired (as a reason)
  niet_regels:    [regel]              must not have fired
  meldingen:      [tekst]              each must occur in some melding (others may occur)
  niet_meldingen: [tekst]              none may occur in any melding
  regio:          naam                 advise with this regional profile (kennis/regio/NAAM.ttl)
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.kennis.laden import laad_kennis
from advieswijzer.regels.advies import maak_advies

from .conftest import GEVALLEN, regels_gevuurd

VERPLICHT = ("partners", "risicogericht")
BEKEND = {*VERPLICHT, "criteria", "regels", "niet_regels", "meldingen", "niet_meldingen"}


def _gevallen():
    for bestand in sorted(GEVALLEN.glob("*.yaml")):
        for geval in yaml.safe_load(bestand.read_text(encoding="utf-8")):
            yield pytest.param(geval, id=f"{bestand.stem}: {geval['naam']}")


def verwachte_partners(verwacht: dict) -> dict[str, tuple[list[str], list[str]]]:
    """partner -> (rollen, onderwerpen) as the case states them; a bare list is roles without topics."""
    uit = {}
    for partner, wat in verwacht["partners"].items():
        if isinstance(wat, dict):
            uit[partner] = (list(wat.get("rollen", [])), sorted(wat.get("onderwerpen", [])))
        else:
            uit[partner] = (list(wat), [])
    return uit


def gevonden_partners(advies: dict) -> dict[str, tuple[list[str], list[str]]]:
    return {p["partner"]: (p["rollen"], sorted(p["onderwerpen"])) for p in advies["partners"]}


def vergelijk(geval: dict, advies: dict) -> list[str]:
    """Every difference between the case and the advice, in words; [] when equal."""
    verwacht = geval["verwacht"]
    verschillen = [f"casus mist '{k}': noem het hele verwachte advies" for k in VERPLICHT if k not in verwacht]
    verschillen += [f"onbekende sleutel '{k}' in verwacht" for k in verwacht if k not in BEKEND]
    if verschillen:
        return verschillen
    v, g = verwachte_partners(verwacht), gevonden_partners(advies)
    for partner in sorted(v.keys() | g.keys()):
        if partner not in g:
            verschillen.append(f"{partner} ontbreekt (verwacht {v[partner]})")
        elif partner not in v:
            verschillen.append(f"{partner} hoort er niet bij: rollen {g[partner][0]}, onderwerpen {g[partner][1]}")
        elif v[partner] != g[partner]:
            verschillen.append(f"{partner}: verwacht rollen {v[partner][0]}, onderwerpen {v[partner][1]}; "
                               f"kreeg {g[partner][0]}, {g[partner][1]}")
    rg = advies["risicogericht"]
    if rg["van_toepassing"] is not verwacht["risicogericht"]:
        verschillen.append(f"risicogericht: verwacht {verwacht['risicogericht']}, kreeg {rg['van_toepassing']}")
    if rg["criteria"] != verwacht.get("criteria", []):
        verschillen.append(f"criteria: verwacht {verwacht.get('criteria', [])}, kreeg {rg['criteria']}")
    gevuurd = regels_gevuurd(advies)
    verschillen += [f"regel {r} vuurde niet" for r in verwacht.get("regels", []) if r not in gevuurd]
    verschillen += [f"regel {r} vuurde onterecht" for r in verwacht.get("niet_regels", []) if r in gevuurd]
    verschillen += [f"geen melding met '{t}': {advies['meldingen']}" for t in verwacht.get("meldingen", [])
                    if not any(t in m for m in advies["meldingen"])]
    verschillen += [f"onterechte melding met '{t}': {advies['meldingen']}" for t in verwacht.get("niet_meldingen", [])
                    if any(t in m for m in advies["meldingen"])]
    return verschillen


@cache
def _regionale_kennis(regio: str):
    return laad_kennis(regio, cache=False)


@pytest.mark.parametrize("geval", list(_gevallen()))
def test_geval(geval, adviseer):
    if geval.get("regio"):
        kennis = _regionale_kennis(geval["regio"])
        advies = maak_advies(lees_aanvraag({"id": "test", "activiteiten": [], **geval["aanvraag"]}, kennis), kennis)
    else:
        advies = adviseer(geval["aanvraag"])
    verschillen = vergelijk(geval, advies)
    assert not verschillen, "\n".join(verschillen)


# ------------------------------------------------------------------ the comparison itself can fail
STRAY = {"naam": "t", "aanvraag": {}, "verwacht": {"partners": {"gemeente": ["bevoegd-gezag"]},
                                                  "risicogericht": False}}


def _advies(*partners, criteria=()):
    return {"partners": [{"partner": p, "rollen": r, "onderwerpen": o, "redenen": []} for p, r, o in partners],
            "risicogericht": {"van_toepassing": bool(criteria), "criteria": list(criteria), "redenen": []},
            "meldingen": []}


def test_een_verdwaalde_partner_faalt():
    advies = _advies(("gemeente", ["bevoegd-gezag"], []), ("veiligheidsregio", ["betrokken"], []))
    assert vergelijk(STRAY, advies) == ["veiligheidsregio hoort er niet bij: rollen ['betrokken'], onderwerpen []"]


def test_een_extra_onderwerp_of_rol_faalt():
    assert vergelijk(STRAY, _advies(("gemeente", ["bevoegd-gezag"], ["geluid"])))
    assert vergelijk(STRAY, _advies(("gemeente", ["bevoegd-gezag", "adviseur"], [])))
    assert vergelijk(STRAY, _advies(("gemeente", ["bevoegd-gezag"], []))) == []


def test_een_ander_oordeel_faalt():
    assert vergelijk(STRAY, _advies(("gemeente", ["bevoegd-gezag"], []), criteria=["meerwaarde-partner"])) == [
        "risicogericht: verwacht False, kreeg True", "criteria: verwacht [], kreeg ['meerwaarde-partner']"]


def test_een_casus_zonder_volledig_advies_wordt_geweigerd():
    half = {"naam": "t", "aanvraag": {}, "verwacht": {"regels": ["vr-mba"]}}
    assert vergelijk(half, _advies()) == ["casus mist 'partners': noem het hele verwachte advies",
                                          "casus mist 'risicogericht': noem het hele verwachte advies"]
