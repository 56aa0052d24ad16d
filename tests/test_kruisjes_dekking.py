"""Every kruisje and every reikwijdte in the knowledge base is covered by YAML cases in tests/gevallen/.

A maintainer who adds an aw:Adviesafspraak (or an aw:aanleiding of one) to kennis/*.ttl is told
here to add a case where it fires (`regels:`) and a case where it must not fire (`niet_regels:`);
one who adds a reikwijdte, a case where it lets a kruisje fire and one where it holds a kruisje back
whose aanleiding is there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import yaml
from advieswijzer.kennis.aanvraag import ID_PREFIX, lees_aanvraag
from advieswijzer.kennis.model import Afspraak
from advieswijzer.regels.feiten import maak_feiten

from .conftest import GEVALLEN


@dataclass(frozen=True)
class Geval:
    naam: str
    aanleidingen: frozenset[str]  # soort, kenmerken, activities and their broader activities
    regels: frozenset[str]
    niet_regels: frozenset[str]
    reikwijdten: frozenset[str] = frozenset()  # the reikwijdten that hold for the case's aanvraag


def _kaal(waarde: str) -> str:
    return str(waarde).removeprefix(ID_PREFIX)


def lees_gevallen(kennis) -> list[Geval]:
    uit = []
    for bestand in sorted(GEVALLEN.glob("*.yaml")):
        for g in yaml.safe_load(bestand.read_text(encoding="utf-8")) or []:
            a = g.get("aanvraag", {})
            verwacht = g.get("verwacht", {})
            aanleidingen = {_kaal(a.get("soort", ""))}
            aanleidingen |= {_kaal(k) for k in a.get("kenmerken", []) or []}
            for act in a.get("activiteiten", []) or []:
                aanleidingen |= set(kennis.met_bredere(_kaal(act)))
            feiten = [] if g.get("regio") else maak_feiten(lees_aanvraag({"id": "t", "activiteiten": [], **a}, kennis),
                                                           kennis)
            uit.append(Geval(f"{bestand.name}: {g['naam']}", frozenset(aanleidingen),
                             frozenset(verwacht.get("regels", [])), frozenset(verwacht.get("niet_regels", [])),
                             frozenset(f["v"] for f in feiten if f["t"] == "reikwijdte")))
    return uit


def ongedekt(afspraken: list[Afspraak], gevallen: list[Geval]) -> list[str]:
    """What is missing, one line per gap, in words a maintainer can act on."""
    gevuurd = set().union(*(g.regels for g in gevallen))
    verboden = set().union(*(g.niet_regels for g in gevallen))
    fouten = []
    for a in afspraken:
        if a.naam not in gevuurd:
            fouten.append(f"{a.naam}: geen casus waarin het kruisje vuurt (voeg een casus toe met regels: [{a.naam}])")
        if a.naam not in verboden:
            fouten.append(f"{a.naam}: geen casus waarin het kruisje niet mag vuren "
                          f"(voeg een casus toe met niet_regels: [{a.naam}])")
        for aanleiding in a.aanleidingen:
            if not any(a.naam in g.regels and aanleiding in g.aanleidingen for g in gevallen):
                fouten.append(f"{a.naam}: aanleiding '{aanleiding}' heeft geen casus waarin het kruisje erop vuurt "
                              f"(voeg een casus toe met '{aanleiding}' in de aanvraag en regels: [{a.naam}])")
    return fouten


@pytest.fixture(scope="module")
def gevallen(kennis):
    return lees_gevallen(kennis)


def test_er_zijn_kruisjes_en_gevallen(kennis, gevallen):
    assert len(kennis.afspraken) >= 30
    assert len(gevallen) >= 50


def test_elk_kruisje_vuurt_in_een_casus_en_mag_in_een_andere_niet_vuren(kennis, gevallen):
    fouten = ongedekt(kennis.afspraken, gevallen)
    assert not fouten, "Kruisjes zonder casus in tests/gevallen/*.yaml:\n  " + "\n  ".join(fouten)


def test_de_dekkingscontrole_ziet_een_nieuw_kruisje(kennis, gevallen):
    """The check itself can fail: a kruisje added to Turtle without cases is reported."""
    nieuw = Afspraak(naam="vr-nieuw-kruisje", partner="veiligheidsregio", rol="betrokken",
                     aanleidingen=["windturbine"], onderwerpen=[], uitleg="test", bron="handreiking-rgs")
    fouten = ongedekt([nieuw], gevallen)
    assert len(fouten) == 3
    assert "regels: [vr-nieuw-kruisje]" in fouten[0]
    assert "niet_regels: [vr-nieuw-kruisje]" in fouten[1]
    assert "'windturbine'" in fouten[2]


def test_de_dekkingscontrole_ziet_een_nieuwe_aanleiding(kennis, gevallen):
    """An aanleiding added to an existing kruisje needs its own firing case."""
    mba = next(a for a in kennis.afspraken if a.naam == "vr-mba")
    uitgebreid = Afspraak(**{**mba.__dict__, "aanleidingen": [*mba.aanleidingen, "evenement"]})
    fouten = ongedekt([uitgebreid], gevallen)
    assert len(fouten) == 1 and "'evenement'" in fouten[0]


def reikwijdte_ongedekt(kennis, gevallen: list[Geval]) -> list[str]:
    """Per reikwijdte: a case where it holds and a kruisje with it fires, and a case where a kruisje with it is
    held back although its aanleiding is there."""
    fouten = []
    for naam in kennis.reikwijdten:
        met = [a for a in kennis.afspraken if a.reikwijdte == naam]
        if not any(naam in g.reikwijdten and a.naam in g.regels for g in gevallen for a in met):
            fouten.append(f"reikwijdte {naam}: geen casus waarin hij geldt en een kruisje ermee vuurt")
        if not any(naam not in g.reikwijdten and a.naam in g.niet_regels and set(a.aanleidingen) & g.aanleidingen
                   for g in gevallen for a in met):
            fouten.append(f"reikwijdte {naam}: geen casus waarin de aanleiding er is maar de reikwijdte het kruisje "
                          "tegenhoudt (niet_regels)")
    return fouten


def test_elke_reikwijdte_heeft_een_casus_aan_beide_kanten(kennis, gevallen):
    assert kennis.reikwijdten
    fouten = reikwijdte_ongedekt(kennis, gevallen)
    assert not fouten, "Reikwijdten zonder casus in tests/gevallen/*.yaml:\n  " + "\n  ".join(fouten)


def test_de_dekkingscontrole_ziet_een_reikwijdte_zonder_tegengeval(kennis, gevallen):
    """Without the cases where the reikwijdte holds a kruisje back, the check reports it."""
    zonder = [g for g in gevallen if "basistaak-omgevingsdienst" in g.reikwijdten]
    fouten = reikwijdte_ongedekt(kennis, zonder)
    assert "reikwijdte basistaak-omgevingsdienst: geen casus waarin de aanleiding er is maar de reikwijdte het " \
           "kruisje tegenhoudt (niet_regels)" in fouten
    assert not any(f.startswith("reikwijdte basistaak-omgevingsdienst: geen casus waarin hij geldt") for f in fouten)


# Rules that fire on (almost) every case or only through their chain partner, with why no
# negative case is asked for.
ALTIJD = {"bevoegd-gezag"}  # every aanvraag has a bevoegd gezag


def test_elke_handgeschreven_regel_vuurt_in_een_casus_en_mag_in_een_andere_niet_vuren(gevallen):
    from advieswijzer.regels.risicogericht import RISICO_REGELS
    from advieswijzer.regels.wettelijk import WETTELIJKE_REGELS

    gevuurd = set().union(*(g.regels for g in gevallen))
    verboden = set().union(*(g.niet_regels for g in gevallen))
    fouten = []
    for r in [*WETTELIJKE_REGELS, *RISICO_REGELS]:
        if r.naam not in gevuurd:
            fouten.append(f"{r.naam}: geen casus met regels: [{r.naam}]")
        if r.naam not in verboden and r.naam not in ALTIJD:
            fouten.append(f"{r.naam}: geen casus met niet_regels: [{r.naam}]")
    assert not fouten, "Regels zonder casus in tests/gevallen/*.yaml:\n  " + "\n  ".join(fouten)
