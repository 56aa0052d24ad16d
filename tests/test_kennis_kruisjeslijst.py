"""`kennis kruisjeslijst` and `kennis toon`: the matrix of contract §8 from the knowledge base."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date

import pytest
from advieswijzer.cli import main
from advieswijzer.kennis.kruisjeslijst import KOP_NA, KOP_VOOR, bouw_matrix
from advieswijzer.kennis.model import Afspraak
from click.testing import CliRunner
from openpyxl import load_workbook


@pytest.fixture(autouse=True)
def eigen_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def rij_van(matrix, trigger, partner):
    return [r for r in matrix.rijen if r.trigger == trigger and partner in r.tekens]


def test_elk_kruisje_staat_in_de_matrix(kennis):
    matrix = bouw_matrix(kennis)
    for a in kennis.afspraken:
        for t in a.aanleidingen:
            rijen = rij_van(matrix, t, a.partner)
            assert rijen, (a.naam, t)
            assert any(set(a.onderwerpen) <= set(r.onderwerpen) and a.volledige_bron in r.bronnen for r in rijen), \
                (a.naam, t)


def test_tekens_en_voorwaarden(kennis):
    matrix = bouw_matrix(kennis)
    assert {r.trigger_type for r in matrix.rijen} == {"activiteit", "soort", "kenmerk"}
    [bouw] = rij_van(matrix, "bouwactiviteit", "veiligheidsregio")
    assert bouw.tekens["veiligheidsregio"] == "x" and bouw.voorwaarde == "gevolgklasse>=2; bouwplantoetsing"
    [vergunning] = rij_van(matrix, "omgevingsvergunning", "omgevingsdienst")
    assert vergunning.tekens["omgevingsdienst"] == "U" and vergunning.voorwaarde == "basistaak-omgevingsdienst"
    [mba] = rij_van(matrix, "milieubelastende-activiteit", "veiligheidsregio")
    assert mba.voorwaarde == "milieuvergunning-of-melding"
    assert mba.bronnen == ["handreiking-rgs, bijlage 4, Brandweer/Veiligheidsregio; "
                           "onderwerpen: advieswijzer-duiding, bij handreiking-rgs bijlage 4"]
    wettelijk = {r.tekens["gemeente"] for r in rij_van(matrix, "milieubelastende-activiteit", "gemeente")}
    assert wettelijk == {"A", "I"}
    assert all(r.voorwaarde and "omgevingsvergunning" in r.voorwaarde
               for r in rij_van(matrix, "milieubelastende-activiteit", "gemeente"))
    # the specialists of the omgevingsdienst on a windturbine share one row with all their topics
    [wind] = rij_van(matrix, "windturbine", "omgevingsdienst")
    assert set(wind.onderwerpen) == {"licht", "geluid", "luchtvaart"}
    assert wind.bronnen == ["advieswijzer-duiding, bij handreiking-rgs bijlage 4 (Omgevingsdienst, specialisten)"]


def test_zonder_wettelijk_geen_a_of_i(kennis):
    tekens = {t for r in bouw_matrix(kennis, wettelijk=False).rijen for t in r.tekens.values()}
    assert tekens == {"x", "U"}


def test_een_cel_betekent_een_ding(kennis):
    """A trigger gets a second row only when partners differ; no row holds a partner twice."""
    matrix = bouw_matrix(kennis)
    sleutels = [(r.trigger, r.voorwaarde, r.onderwerpen, r.geldig_vanaf, r.geldig_tot) for r in matrix.rijen]
    for r in matrix.rijen:
        assert r.tekens
    assert len({r.trigger for r in matrix.rijen}) <= len(matrix.rijen) == len(sleutels)


def test_datum_selecteert_kruisjes(kennis):
    nieuw = Afspraak(naam="ggd-wind-2027", partner="ggd", rol="betrokken", aanleidingen=["windturbine"],
                     onderwerpen=["gezondheid"], uitleg="Test.", bron="modelconvenant-rgs, art. 3",
                     geldig_vanaf="2027-01-01", geldig_tot="2028-01-01")
    k = dataclasses.replace(kennis, afspraken=[*kennis.afspraken, nieuw])
    assert not rij_van(bouw_matrix(k, datum=date(2026, 12, 31)), "windturbine", "ggd")
    assert rij_van(bouw_matrix(k, datum=date(2027, 1, 1)), "windturbine", "ggd")
    assert rij_van(bouw_matrix(k, datum=date(2027, 12, 31)), "windturbine", "ggd")
    assert not rij_van(bouw_matrix(k, datum=date(2028, 1, 1)), "windturbine", "ggd")
    [alles] = rij_van(bouw_matrix(k), "windturbine", "ggd")
    assert (alles.geldig_vanaf, alles.geldig_tot) == ("2027-01-01", "2028-01-01")


def test_csv_export(tmp_path, kennis):
    pad = tmp_path / "lijst.csv"
    uit = CliRunner().invoke(main, ["kennis", "kruisjeslijst", "-o", str(pad)])
    assert uit.exit_code == 0, uit.output
    rijen = list(csv.reader(pad.open(encoding="utf-8")))
    kop = rijen[0]
    assert kop[:3] == list(KOP_VOOR) and kop[-len(KOP_NA):] == list(KOP_NA)
    assert {"gemeente", "omgevingsdienst", "veiligheidsregio", "ggd", "provincie", "waterschap"} <= set(kop)
    assert len(rijen) - 1 == len(bouw_matrix(kennis).rijen)
    assert all(r[kop.index("bron")] for r in rijen[1:])


def test_xlsx_export_leesbaar(tmp_path):
    pad = tmp_path / "lijst.xlsx"
    uit = CliRunner().invoke(main, ["kennis", "kruisjeslijst", "-o", str(pad)])
    assert uit.exit_code == 0, uit.output
    wb = load_workbook(pad)
    ws = wb["kruisjeslijst"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == ws.dimensions
    assert ws["A1"].font.bold
    kop = [c.value for c in ws[1]]
    breedte = {k: ws.column_dimensions[chr(ord("A") + i)].width for i, k in enumerate(kop) if i < 26}
    assert breedte["trigger"] >= len("binnenplanse-omgevingsplanactiviteit")
    assert 6 <= breedte["gemeente"] <= 20 and breedte["bron"] <= 62
    assert "legenda" in wb.sheetnames
    # every reikwijdte in the voorwaarde column is explained, with its source, on the legend sheet
    legenda = {r[0]: r[1] for r in wb["legenda"].iter_rows(values_only=True) if r[0]}
    gebruikt = {d.strip() for r in ws.iter_rows(min_row=2, values_only=True)
                for d in str(r[kop.index("voorwaarde")] or "").split(";") if d.strip() and ">=" not in d}
    reikwijdten = {d for d in gebruikt if d in legenda}
    assert {"milieuvergunning-of-melding", "tafel-milieu-of-bouw", "bouwplantoetsing", "omgevingsplanproces",
            "basistaak-omgevingsdienst"} <= reikwijdten
    assert "handreiking-rgs, bijlage 4" in legenda["milieuvergunning-of-melding"]


def test_verkeerde_extensie(tmp_path):
    uit = CliRunner().invoke(main, ["kennis", "kruisjeslijst", "-o", str(tmp_path / "lijst.pdf")])
    assert uit.exit_code == 2 and "lijst.pdf" in uit.stderr and "\n" not in uit.stderr.strip()


def test_terminaltabel_en_toon():
    uit = CliRunner().invoke(main, ["kennis", "kruisjeslijst"])
    assert uit.exit_code == 0 and "windturbine" in uit.stdout and "Kruisjeslijst" in uit.stdout
    uit = CliRunner().invoke(main, ["kennis", "toon", "--datum", "2026-11-23"])
    assert uit.exit_code == 0 and "geldig op 2026-11-23" in uit.stdout
    uit = CliRunner().invoke(main, ["kennis", "toon", "--datum", "23-11-2026"])
    assert uit.exit_code == 2
