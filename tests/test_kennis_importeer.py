"""`kennis importeer`: a region's table into a regional profile, and what `--regio` then changes.

"Same knowledge" (round trip) means: the same set of
(trigger, partner, rol, minimale gevolgklasse, geldig_vanaf, geldig_tot) -> onderwerpen,
where the onderwerpen of all kruisjes with the same key are united (that is what the advice
shows: one partner, its roles, the union of its topics).
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from click.testing import CliRunner
from rdflib import Graph

from cli import main
from kennis.aanvraag import lees_aanvraag
from kennis.importeer import ImportFout, importeer
from kennis.kruisjeslijst import bouw_matrix, schrijf
from kennis.laden import laad_kennis
from ontologie.namen import AW, ID, RDF
from regels.advies import maak_advies

from .conftest import ROOT

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
            samen[(t, a.partner, a.rol, a.minimale_gevolgklasse, a.geldig_vanaf, a.geldig_tot)] |= set(a.onderwerpen)
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
