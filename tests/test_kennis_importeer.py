"""`kennis importeer`: a region's table into a regional profile, and what `--regio` then changes.

"Same knowledge" (round trip) means: the same set of
(trigger, partner, rol, minimale gevolgklasse, reikwijdte, geldig_vanaf, geldig_tot) -> onderwerpen,
where the onderwerpen of all kruisjes with the same key are united (that is what the advice
shows: one partner, its roles, the union of its topics).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict

import pytest
import yaml
from advieswijzer.cli import main
from advieswijzer.formaten.kruisjeslijst import schrijf
from advieswijzer.formaten.regiotabel import ImportFout, importeer
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.kennis.kruisjeslijst import bouw_matrix
from advieswijzer.kennis.laden import laad_kennis
from advieswijzer.ontologie.namen import AW, ID, RDF
from advieswijzer.regels.advies import maak_advies
from click.testing import CliRunner
from rdflib import Graph

from .conftest import GEVALLEN, ROOT

KOP = ["trigger_type", "trigger", "voorwaarde", "omgevingsdienst", "veiligheidsregio", "ggd", "gemeente",
       "onderwerpen", "bron"]
BRON = "modelconvenant-rgs, art. 3 (convenant testregio)"


@pytest.fixture(autouse=True)
def regio_map(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_REGIO_MAP", str(tmp_path / "regio"))
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "regio"


def tabel(tmp_path, *rijen, kop=KOP, naam="regio.csv"):
    pad = tmp_path / naam
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(kop)
        for r in rijen:
            w.writerow(r)
    return pad


def rij(trigger, soort="activiteit", voorwaarde="", od="", vr="", ggd="", gemeente="", onderwerpen="", bron=BRON):
    return [soort, trigger, voorwaarde, od, vr, ggd, gemeente, onderwerpen, bron]


def zelfde_kennis(afspraken) -> dict:
    samen: dict[tuple, set] = defaultdict(set)
    for a in afspraken:
        for t in a.aanleidingen:
            samen[(t, a.partner, a.rol, a.minimale_gevolgklasse, a.reikwijdte, a.geldig_vanaf, a.geldig_tot)] |= \
                set(a.onderwerpen)
    return dict(samen)


def advies(kennis, datum="2026-11-23", **data):
    aanvraag = lees_aanvraag({"id": "t", "datum": datum, **data}, kennis)
    return {p["partner"]: (p["rollen"], p["onderwerpen"]) for p in maak_advies(aanvraag, kennis)["partners"]}


def aanvragen(kennis):
    """One aanvraag per trigger of the kruisjeslijst, so every kruisje is exercised."""
    for t in kennis.ids("activiteit"):
        yield {"soort": "omgevingsvergunning", "activiteiten": [t], "gevolgklasse": 3}
    for s in kennis.ids("soort"):
        yield {"soort": s, "activiteiten": []}
    for k in kennis.ids("kenmerk"):
        yield {"soort": "omgevingsvergunning", "activiteiten": [], "kenmerken": [k]}


# ---------------------------------------------------------------------------- round trip
@pytest.mark.parametrize("extensie", ["csv", "xlsx"])
def test_export_dan_import_geeft_dezelfde_kennis(tmp_path, extensie):
    landelijk = laad_kennis(cache=False)
    pad = tmp_path / f"export.{extensie}"
    schrijf(bouw_matrix(landelijk, wettelijk=False), pad)
    doel, profiel = importeer(pad, "terug")
    assert not profiel.intrekkingen
    regionaal = laad_kennis("terug", cache=False)
    eigen = [a for a in regionaal.afspraken if a.regio == "terug"]
    assert zelfde_kennis(eigen) == zelfde_kennis(landelijk.afspraken)
    assert len(eigen) == len(profiel.afspraken) >= len(landelijk.afspraken)
    assert regionaal.versie != landelijk.versie
    if extensie == "csv":  # the advice does not change, for every trigger
        for data in aanvragen(landelijk):
            assert advies(regionaal, **data) == advies(landelijk, **data), data


def _volledig(kennis, data) -> dict:
    uit = maak_advies(lees_aanvraag({"id": "t", "activiteiten": [], **data}, kennis), kennis)
    return {k: v for k, v in uit.items() if k != "kennis"}


def test_landelijke_lijst_als_regio_verandert_geen_advies_en_verdubbelt_geen_reden(tmp_path):
    """The national list, exported and imported unchanged, is a region that agrees with the nation: every
    case of tests/gevallen gives the same advice, reason for reason (no repeat of a national kruisje)."""
    landelijk = laad_kennis(cache=False)
    pad = tmp_path / "landelijk.csv"
    assert CliRunner().invoke(main, ["kennis", "kruisjeslijst", "--zonder-wettelijk", "-o", str(pad)]).exit_code == 0
    _, profiel = importeer(pad, "zoals-landelijk")
    regionaal = laad_kennis("zoals-landelijk", cache=False)
    gevallen = [g["aanvraag"] for f in sorted(GEVALLEN.glob("*.yaml")) if f.stem != "regio-voorbeeld"
                for g in yaml.safe_load(f.read_text(encoding="utf-8"))]
    assert len(gevallen) > 100
    for data in gevallen:
        assert _volledig(regionaal, data) == _volledig(landelijk, data), data
    # every imported kruisje is reported as a repeat (Info), nothing else is found
    uit = CliRunner().invoke(main, ["kennis", "controleer", "--regio", "zoals-landelijk", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    resultaten = json.loads(uit.stdout)["resultaten"]
    herhaald = [r for r in resultaten if r["check"] == "K10"]
    assert len(herhaald) == len(profiel.afspraken) and {r["ernst"] for r in herhaald} == {"Info"}
    assert [r for r in resultaten if r["ernst"] != "Info"] == []


def test_x_neemt_de_onderwerpen_en_bron_van_de_eigen_rij(tmp_path):
    """Two partners on one trigger, each on its own row: each kruisje keeps its own row's topics and source."""
    importeer(tabel(tmp_path, rij("windturbine", ggd="x", onderwerpen="gezondheid", bron="convenant Twente, art. 4.1"),
                    rij("windturbine", vr="x", onderwerpen="brandveiligheid", bron="convenant Twente, art. 4.2")),
              "twente")
    k = laad_kennis("twente", cache=False)
    eigen = {a.partner: (a.onderwerpen, a.bron) for a in k.afspraken if a.regio == "twente"}
    assert eigen == {"ggd": (["gezondheid"], "convenant Twente, art. 4.1"),
                     "veiligheidsregio": (["brandveiligheid"], "convenant Twente, art. 4.2")}
    uit = maak_advies(lees_aanvraag({"id": "t", "soort": "melding", "activiteiten": ["windturbine"]}, k), k)
    ggd = next(p for p in uit["partners"] if p["partner"] == "ggd")
    assert ggd["onderwerpen"] == ["gezondheid"] and [r["bron"] for r in ggd["redenen"]] == ["convenant Twente, art. 4.1"]
    # the maintainer's own wording of the source is accepted without a warning
    rapport = CliRunner().invoke(main, ["kennis", "controleer", "--regio", "twente"])
    assert rapport.exit_code == 0 and "Warning" not in rapport.stdout.split("\n", 1)[1]
    assert "0 Warning" in rapport.stdout


def test_export_zet_partners_met_een_andere_bron_op_een_eigen_rij(kennis):
    """Seveso as kenmerk: the brandweer and the omgevingsdienst have the same topic but another source, so the
    export gives each its own row; a re-import can then never hand one partner the other's source."""
    matrix = bouw_matrix(kennis, wettelijk=False)
    seveso = [r for r in matrix.rijen if r.trigger == "seveso-hogedrempel"]
    assert sorted(tuple(r.tekens) for r in seveso) == [("omgevingsdienst",), ("veiligheidsregio",)]
    for r in matrix.rijen:
        [partner] = r.tekens if len(r.tekens) == 1 else [None]
        if partner:
            eigen = {a.volledige_bron for a in kennis.afspraken if r.trigger in a.aanleidingen and a.partner == partner}
            assert set(r.bronnen) <= eigen, (r.trigger, partner)


def test_ggd_zonder_onderwerp_in_de_rij_adviseert_over_gezondheid(tmp_path):
    """Modelconvenant art. 1.2 onder D: the GGD's own topic; a partner without one stays without."""
    importeer(tabel(tmp_path, rij("windturbine", ggd="x"), rij("evenement", vr="x")), "test")
    k = laad_kennis("test", cache=False)
    assert advies(k, soort="melding", activiteiten=["windturbine"])["ggd"] == (["betrokken"], ["gezondheid"])
    assert advies(k, soort="evenementenvergunning", activiteiten=["evenement"])["veiligheidsregio"] == \
        (["betrokken"], [])


def test_reikwijdte_als_voorwaarde(tmp_path):
    importeer(tabel(tmp_path, rij("windturbine", voorwaarde="milieuvergunning-of-melding", ggd="x",
                                  onderwerpen="gezondheid")), "test")
    k = laad_kennis("test", cache=False)
    [a] = [a for a in k.afspraken if a.regio == "test"]
    assert a.reikwijdte == "milieuvergunning-of-melding"
    assert "ggd" in advies(k, soort="melding", activiteiten=["windturbine"])
    assert "ggd" not in advies(k, soort="toezicht", activiteiten=["windturbine"])


def test_export_met_wettelijke_tekens_wordt_geweigerd(tmp_path, regio_map):
    pad = tmp_path / "export.csv"
    schrijf(bouw_matrix(laad_kennis(cache=False)), pad)
    with pytest.raises(ImportFout, match="wettelijk geregeld"):
        importeer(pad, "terug")
    assert not (regio_map / "terug.ttl").exists()


# ----------------------------------------------------------------- what x and - do
def test_x_maakt_een_regionale_adviesafspraak(tmp_path):
    doel, _ = importeer(tabel(tmp_path, rij("windturbine", ggd="x", onderwerpen="gezondheid")), "test")
    g = Graph().parse(doel)
    [afspraak] = g.subjects(RDF.type, AW.Adviesafspraak)
    assert str(g.value(afspraak, AW.regio)) == "test"
    assert g.value(afspraak, AW.partner) == ID.ggd and g.value(afspraak, AW.aanleiding) == ID.windturbine
    assert g.value(afspraak, AW.rol) == ID.betrokken and g.value(afspraak, AW.onderwerp) == ID.gezondheid

    landelijk, regionaal = laad_kennis(cache=False), laad_kennis("test", cache=False)
    wind = {"soort": "melding", "activiteiten": ["windturbine"]}
    voor, na = advies(landelijk, **wind), advies(regionaal, **wind)
    assert na.pop("ggd") == (["betrokken"], ["gezondheid"])
    assert na == voor
    uit = maak_advies(lees_aanvraag({"id": "t", **wind}, regionaal), regionaal)
    assert uit["kennis"]["regio"] == "test"
    assert any(r["regel"] == "test-ggd-windturbine" for p in uit["partners"] for r in p["redenen"])


def test_u_maakt_een_uitvoerder(tmp_path):
    importeer(tabel(tmp_path, rij("evenementenvergunning", soort="soort", od="U")), "test")
    uit = advies(laad_kennis("test", cache=False), soort="evenementenvergunning", activiteiten=[])
    assert uit["omgevingsdienst"][0] == ["uitvoerder"]


def test_streepje_trekt_precies_dat_kruisje_in(tmp_path):
    doel, profiel = importeer(tabel(tmp_path, rij("windturbine", od="-")), "test")
    assert [(i.partner, i.trigger) for i in profiel.intrekkingen] == [("omgevingsdienst", "windturbine")]
    g = Graph().parse(doel)
    [intrekking] = g.subjects(RDF.type, AW.Intrekking)
    assert g.value(intrekking, AW.partner) == ID.omgevingsdienst

    landelijk, regionaal = laad_kennis(cache=False), laad_kennis("test", cache=False)
    weg = {k: v for k, v in zelfde_kennis(landelijk.afspraken).items()
           if k[0] == "windturbine" and k[1] == "omgevingsdienst"}
    assert len(weg) == 1 and weg[next(iter(weg))] == {"licht", "geluid", "luchtvaart"}
    verwacht = {k: v for k, v in zelfde_kennis(landelijk.afspraken).items() if k not in weg}
    assert zelfde_kennis(regionaal.afspraken) == verwacht

    wind = {"soort": "omgevingsvergunning", "activiteiten": ["windturbine"]}
    voor, na = advies(landelijk, **wind), advies(regionaal, **wind)
    assert voor["omgevingsdienst"] == (["uitvoerder", "betrokken"], ["energie", "geluid", "licht", "luchtvaart"])
    # still preparing the permit (od-beschikkingen), and still energie through the broader trigger
    # energietransitie, which the region did not withdraw: exactly that kruisje is gone
    assert na["omgevingsdienst"] == (["uitvoerder", "betrokken"], ["energie"])
    assert {k: v for k, v in na.items() if k != "omgevingsdienst"} == \
        {k: v for k, v in voor.items() if k != "omgevingsdienst"}
    # the same afspraak still applies to the other triggers
    evenement = {"soort": "melding", "activiteiten": ["evenement"]}
    assert advies(regionaal, **evenement) == advies(landelijk, **evenement)


def test_streepje_en_x_vervangen_een_voorwaarde(tmp_path):
    importeer(tabel(tmp_path, rij("bouwactiviteit", vr="-"),
                    rij("bouwactiviteit", voorwaarde="gevolgklasse>=3", vr="x", onderwerpen="brandveiligheid")),
              "test")
    k = laad_kennis("test", cache=False)
    bouw = {"soort": "omgevingsvergunning", "activiteiten": ["bouwactiviteit"]}
    assert "veiligheidsregio" not in advies(k, gevolgklasse=2, **bouw)
    assert advies(k, gevolgklasse=3, **bouw)["veiligheidsregio"] == (["betrokken"], ["brandveiligheid"])


def test_geldigheid_aan_beide_kanten_van_de_grens(tmp_path):
    kop = [*KOP, "geldig_vanaf", "geldig_tot"]
    importeer(tabel(tmp_path, [*rij("windturbine", ggd="x", onderwerpen="gezondheid"), "2027-01-01", "2028-01-01"],
                    kop=kop), "test")
    k = laad_kennis("test", cache=False)
    wind = {"soort": "melding", "activiteiten": ["windturbine"]}
    for datum, verwacht in [("2026-12-31", False), ("2027-01-01", True), ("2027-12-31", True),
                            ("2028-01-01", False)]:
        assert ("ggd" in advies(k, datum=datum, **wind)) is verwacht, datum
    uit = CliRunner().invoke(main, ["kennis", "toon", "--regio", "test", "--datum", "2027-06-01"])
    assert uit.exit_code == 0 and "GGD" in uit.stdout and "gezondheid" in uit.stdout
    uit = CliRunner().invoke(main, ["kennis", "toon", "--regio", "test", "--datum", "2026-06-01"])
    assert uit.exit_code == 0 and "gezondheid" not in uit.stdout


# ------------------------------------------------------------------ invalid tables
@pytest.mark.parametrize(("rijen", "kolom", "woorden"), [
    ([rij("windturbien", ggd="x")], "trigger", "bedoelt u 'windturbine'"),
    ([rij("windturbine", soort="activiteiten", ggd="x")], "trigger_type", "triggertype"),
    ([rij("windturbine", ggd="y")], "ggd", "onbekend teken 'y'"),
    ([rij("bouwactiviteit", gemeente="A")], "gemeente", "wettelijk geregeld"),
    ([rij("milieubelastende-activiteit", gemeente="I")], "gemeente", "wettelijk geregeld"),
    ([rij("bouwactiviteit", gemeente="-")], "gemeente", "wettelijke regel"),
    ([rij("windturbine", ggd="-")], "ggd", "trekt niets in"),
    ([rij("windturbine", voorwaarde="gevolgklasse 2 of 3", ggd="x")], "voorwaarde", "gevolgklasse>=N"),
    ([rij("windturbine", voorwaarde="alleen-op-zondag", ggd="x")], "voorwaarde", "milieuvergunning-of-melding"),
    ([rij("windturbine", voorwaarde="bouwplantoetsing; milieuvergunning-of-melding", ggd="x")], "voorwaarde",
     "hoogstens een keer"),
    ([rij("windturbine", ggd="x", onderwerpen="gezondheid;geluidd")], "onderwerpen", "geluidd"),
    ([rij("windturbine", ggd="x", bron="")], "bron", "bron ontbreekt"),
])
def test_ongeldige_tabel_noemt_rij_en_kolom_en_schrijft_niets(tmp_path, regio_map, rijen, kolom, woorden):
    pad = tabel(tmp_path, rij("mestvergisting", ggd="x", onderwerpen="gezondheid"), *rijen)
    uit = CliRunner().invoke(main, ["kennis", "importeer", str(pad), "--regio", "test"])
    assert uit.exit_code == 2, uit.output
    melding = uit.stderr.strip()
    assert "\n" not in melding and "regio.csv" in melding
    assert f"rij 3, kolom '{kolom}'" in melding and woorden in melding, melding
    assert not regio_map.exists() or not list(regio_map.iterdir())


def test_onbekende_kolom(tmp_path, regio_map):
    pad = tabel(tmp_path, rij("windturbine", ggd="x"), kop=[*KOP[:5], "gdd", *KOP[6:]])
    with pytest.raises(ImportFout, match=r"rij 1, kolom 'gdd' \(F\): onbekende kolom.*bedoelt u 'ggd'"):
        importeer(pad, "test")
    assert not regio_map.exists()


def test_fout_laat_bestaand_profiel_heel(tmp_path, regio_map):
    doel, _ = importeer(tabel(tmp_path, rij("windturbine", ggd="x")), "test")
    voor = doel.read_bytes()
    uit = CliRunner().invoke(main, ["kennis", "importeer", str(tabel(tmp_path, rij("windturbine", ggd="?"))),
                                    "--regio", "test", "--overschrijf"])
    assert uit.exit_code == 2 and doel.read_bytes() == voor
    uit = CliRunner().invoke(main, ["kennis", "importeer", str(tabel(tmp_path, rij("windturbine", ggd="x"))),
                                    "--regio", "test"])
    assert uit.exit_code == 2 and "--overschrijf" in uit.stderr
    uit = CliRunner().invoke(main, ["kennis", "importeer", str(tabel(tmp_path, rij("windturbine", ggd="x"))),
                                    "--regio", "Test Regio"])
    assert uit.exit_code == 2 and "regionaam" in uit.stderr


def test_puntkomma_csv_en_zelfde_tabel_zelfde_versie(tmp_path):
    pad = tmp_path / "excel.csv"
    pad.write_text("\ufeff" + ";".join(KOP) + "\n" + ";".join(rij("windturbine", ggd="X", bron="bal, art. 3.13"))
                   + "\n", encoding="utf-8")
    doel, profiel = importeer(pad, "test")
    versie = laad_kennis("test", cache=False).versie
    importeer(pad, "test", overschrijf=True)
    assert laad_kennis("test", cache=False).versie == versie
    assert [a.partner for a in profiel.afspraken] == ["ggd"]


def test_meegeleverd_voorbeeld_komt_uit_de_voorbeeldtabel(tmp_path, regio_map):
    """kennis/regio/voorbeeld.ttl is exactly what the importer makes of examples/regio/voorbeeld.csv."""
    doel, _ = importeer(ROOT / "examples" / "regio" / "voorbeeld.csv", "voorbeeld")
    assert doel.read_text(encoding="utf-8") == (ROOT / "kennis" / "regio" / "voorbeeld.ttl").read_text(encoding="utf-8")
