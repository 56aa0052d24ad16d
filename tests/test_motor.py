"""The engine: rules compiled from knowledge, hand-written rules with sources, chaining, dates."""

from __future__ import annotations

import dataclasses

import pytest
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.kennis.model import Afspraak
from advieswijzer.regels.advies import maak_advies
from advieswijzer.regels.motor import alle_regels
from advieswijzer.regels.risicogericht import RISICO_REGELS
from advieswijzer.regels.wettelijk import WETTELIJKE_REGELS

BRONNEN = ("handreiking-rgs", "modelconvenant-rgs", "handreiking-rbc", "omgevingsbesluit", "omgevingswet",
           "bal", "bkl", "bbl", "advieswijzer-duiding")


@pytest.mark.parametrize("regel", [*WETTELIJKE_REGELS, *RISICO_REGELS], ids=lambda r: r.naam)
def test_handgeschreven_regel_heeft_uitleg_en_bron(regel):
    assert len(regel.uitleg) > 20
    assert regel.bron.startswith(BRONNEN), regel.bron


def test_elke_afspraak_heeft_bron_en_wordt_regel(kennis):
    namen = {r.naam for r in alle_regels(kennis)}
    for a in kennis.afspraken:
        assert a.bron.startswith(BRONNEN), a.naam
        assert a.naam in namen


def test_elke_conclusie_draagt_regel_en_bron(adviseer):
    advies = adviseer({"soort": "omgevingsvergunning", "activiteiten": ["tanken-lpg", "bouwactiviteit"],
                       "gevolgklasse": 3, "bevoegd_gezag": "provincie"}, uitleg=True)
    assert advies["uitleg"]["conclusies"]
    for c in advies["uitleg"]["conclusies"]:
        assert c["regel"] and c["bron"].startswith(BRONNEN)
    for p in advies["partners"]:
        assert p["redenen"], p
        assert all(r["bron"] for r in p["redenen"])


def test_taxonomie_lpg_is_mba(adviseer):
    advies = adviseer({"soort": "melding", "activiteiten": ["tanken-lpg"]}, uitleg=True)
    afgeleid = {f["v"]: f for f in advies["uitleg"]["feiten"] if f.get("herkomst") == "taxonomie"}
    assert afgeleid["milieubelastende-activiteit"]["via"] == ["tanken-lpg"]
    vr = next(p for p in advies["partners"] if p["partner"] == "veiligheidsregio")
    mba = next(r for r in vr["redenen"] if r["regel"] == "vr-mba")
    assert "via tanken-lpg" in mba["aanleiding"]


def test_voorwaarts_redeneren_op_een_conclusie(adviseer):
    """gemeenteraad-adviseur-instemming fires on the concluded instemming of the college."""
    advies = adviseer({"soort": "omgevingsvergunning", "activiteiten": ["buitenplanse-omgevingsplanactiviteit"],
                       "bevoegd_gezag": "provincie", "kenmerken": ["aangewezen-geval-gemeenteraad"]}, uitleg=True)
    volgorde = [c["regel"] for c in advies["uitleg"]["conclusies"]]
    assert volgorde.index("college-instemming-omgevingsplanactiviteit") < volgorde.index(
        "gemeenteraad-adviseur-instemming")
    raad = next(c for c in advies["uitleg"]["conclusies"] if c["regel"] == "gemeenteraad-adviseur-instemming")
    assert any(f.get("t") == "conclusie" for f in raad["op"])


def _met_afspraak(kennis, **velden):
    nieuw = Afspraak(naam="test-ggd-windturbine", partner="ggd", rol="betrokken", aanleidingen=["windturbine"],
                     onderwerpen=["gezondheid"], uitleg="GGD bij windturbines (test).", bron="modelconvenant-rgs, art. 3.6",
                     **velden)
    return dataclasses.replace(kennis, afspraken=[*kennis.afspraken, nieuw],
                               versie=kennis.versie + "-test-" + "-".join(f"{k}{v}" for k, v in velden.items()))


def _partners(kennis, datum="2026-11-23"):
    a = lees_aanvraag({"id": "t", "soort": "melding", "activiteiten": ["windturbine"], "datum": datum}, kennis)
    return {p["partner"] for p in maak_advies(a, kennis)["partners"]}


def test_een_kruisje_toevoegen_is_data(kennis):
    assert "ggd" not in _partners(kennis)
    assert "ggd" in _partners(_met_afspraak(kennis))


@pytest.mark.parametrize(("datum", "verwacht"), [("2026-12-31", False), ("2027-01-01", True),
                                                 ("2027-12-31", True), ("2028-01-01", False)])
def test_geldigheidsdatums_aan_beide_kanten_van_de_grens(kennis, datum, verwacht):
    k = _met_afspraak(kennis, geldig_vanaf="2027-01-01", geldig_tot="2028-01-01")
    assert ("ggd" in _partners(k, datum)) is verwacht


def test_onthouden_scheidt_datums_aan_weerszijden_van_een_geldigheidsgrens(kennis):
    from advieswijzer.regels.motor import motor_voor

    motor = motor_voor(_met_afspraak(kennis, geldig_vanaf="2027-01-01"))
    voor, grens, later = (lees_aanvraag({"id": "t", "soort": "melding", "activiteiten": ["windturbine"], "datum": d},
                                        motor.kennis) for d in ("2026-06-01", "2027-01-01", "2027-06-01"))
    try:
        motor.onthoud(8)
        assert motor.beoordeel(grens) is motor.beoordeel(later)
        assert motor.beoordeel(voor) is not motor.beoordeel(grens)
        assert "ggd" not in {c.get("partner") for c in motor.beoordeel(voor)[1]}
        assert "ggd" in {c.get("partner") for c in motor.beoordeel(grens)[1]}
    finally:
        motor.onthoud(0)


def test_contract_voorbeeld_veiligheidsregio(adviseer):
    """Contract §2: for the waterstof example the veiligheidsregio is betrokken on externe-veiligheid,
    with vr-energietransitie among its reasons."""
    import json

    from .conftest import VOORBEELDEN

    advies = adviseer(json.loads((VOORBEELDEN / "aanvragen" / "waterstoftankstation.json").read_text()))
    vr = next(p for p in advies["partners"] if p["partner"] == "veiligheidsregio")
    assert vr["rollen"] == ["betrokken"] and vr["onderwerpen"] == ["externe-veiligheid"]
    assert "vr-energietransitie" in {r["regel"] for r in vr["redenen"]}
    assert advies["risicogericht"]["criteria"] == ["nieuw-of-onbekend-risico", "kennis-partner-nodig"]


def test_afgeleid_feit_met_geldigheid_uit_turtle(tmp_path, monkeypatch):
    """A region marks windturbine as a new risk from 2027 on (an Afleiding with a validity date)."""
    from advieswijzer.kennis.laden import laad_kennis

    regio = tmp_path / "regio"
    regio.mkdir()
    (regio / "nieuw.ttl").write_text("""
@prefix aw: <https://advieswijzer.nl/def#> . @prefix id: <https://advieswijzer.nl/id/> .
@prefix dct: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:windturbine aw:nieuwRisico true .
[] a aw:Afleiding ; aw:eigenschap aw:nieuwRisico ; aw:betreft id:windturbine ;
   aw:geldigVanaf "2027-01-01"^^xsd:date ; dct:source "modelconvenant-rgs, art. 3.3 (regio nieuw)" .
""", encoding="utf-8")
    monkeypatch.setenv("ADVIESWIJZER_REGIO_MAP", str(regio))
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "cache"))
    k = laad_kennis("nieuw")
    assert k.nieuw_risico["windturbine"].bron.startswith("modelconvenant-rgs")

    def criteria(datum):
        a = lees_aanvraag({"id": "t", "soort": "melding", "activiteiten": ["windturbine"], "datum": datum}, k)
        return maak_advies(a, k)["risicogericht"]["criteria"]

    assert criteria("2026-12-31") == []
    assert criteria("2027-01-01") == ["nieuw-of-onbekend-risico"]
