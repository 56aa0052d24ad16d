"""Honest sources: where the project reads more into bijlage 4 than it says (which activity brings which
specialist of the omgevingsdienst, which topics the brandweer's first list covers), the reason says so with
`advieswijzer-duiding, bij handreiking-rgs bijlage 4`; where the source itself says it, it cites the source.
Checked in every place a reader meets a source: JSON, text, Markdown, --uitleg and the kruisjeslijst.
"""

from __future__ import annotations

import csv
import json

from advieswijzer.cli import main
from click.testing import CliRunner

DUIDING = "advieswijzer-duiding, bij handreiking-rgs bijlage 4"
WIND_BOUW = {"id": "Z-BRON", "soort": "omgevingsvergunning", "activiteiten": ["windturbine", "bouwactiviteit"],
             "gevolgklasse": 2}


def _redenen(advies: dict) -> dict[str, str]:
    return {r["regel"]: r["bron"] for p in advies["partners"] for r in p["redenen"]}


def test_specialisten_van_de_omgevingsdienst_zijn_eigen_duiding(adviseer):
    bron = _redenen(adviseer(WIND_BOUW))
    for regel in ("od-licht", "od-geluid", "od-energie", "od-luchtvaart"):
        assert bron[regel].startswith(DUIDING), regel
    # the task itself is in bijlage 4: cited as the source, no reading
    assert bron["od-beschikkingen"] == "handreiking-rgs, bijlage 4, Omgevingsdienst"


def test_onderwerpen_van_de_brandweer_alleen_als_duiding_waar_de_bron_ze_niet_noemt(adviseer):
    bron = _redenen(adviseer(WIND_BOUW))
    assert bron["vr-mba"] == f"handreiking-rgs, bijlage 4, Brandweer/Veiligheidsregio; onderwerpen: {DUIDING}"
    # bouwplantoetsing names its own topics (brandveiligheid, bluswater en bereikbaarheid)
    assert "duiding" not in bron["vr-bouwplantoetsing"]
    assert bron["vr-bouwplantoetsing"].startswith("handreiking-rgs, bijlage 4, Brandweer/Veiligheidsregio")


def _cli(*args, invoer=None):
    uit = CliRunner().invoke(main, list(args), input=invoer)
    assert uit.exit_code == 0, uit.output
    return uit.stdout


def test_tekst_markdown_json_en_uitleg_tonen_de_duiding():
    invoer = json.dumps(WIND_BOUW)
    for args in (["advies", "-"], ["advies", "-", "--format", "md"], ["advies", "-", "--uitleg"]):
        uit = _cli(*args, invoer=invoer)
        # the renderers print each reason's source (their layout is theirs): the reading must be in it
        assert f"{DUIDING} (Omgevingsdienst, specialisten)" in uit and f"onderwerpen: {DUIDING}" in uit, args
    data = json.loads(_cli("advies", "-", "--format", "json", invoer=invoer))
    assert any(DUIDING in r["bron"] for p in data["partners"] for r in p["redenen"])
    uitleg = _cli("advies", "-", "--uitleg", invoer=invoer).split("Regels die vuurden")[1]
    assert f"od-licht: op [activiteit=windturbine] => omgevingsdienst als betrokken  (bron: {DUIDING}" in uitleg


def test_kruisjeslijst_toont_de_duiding_per_rij(tmp_path):
    pad = tmp_path / "lijst.csv"
    _cli("kennis", "kruisjeslijst", "-o", str(pad))
    rijen = list(csv.DictReader(pad.open(encoding="utf-8")))
    wind_od = [r for r in rijen if r["trigger"] == "windturbine" and r["omgevingsdienst"] == "x"]
    assert [r["bron"] for r in wind_od] == [f"{DUIDING} (Omgevingsdienst, specialisten)"]
    toets = [r for r in rijen if r["trigger"] == "ontvankelijkheidstoets" and r["veiligheidsregio"] == "x"]
    assert [r["bron"] for r in toets] == ["handreiking-rgs, bijlage 4, Brandweer/Veiligheidsregio"]
