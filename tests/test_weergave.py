"""The answer at a glance in text and Markdown (regels/weergave.py), and the command line around it:
BOM, a table given to `advies`, click's usage errors in Dutch."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import pytest
from advieswijzer.cli import main
from advieswijzer.formaten.weergave import als_markdown, als_tekst, datum_nl, volgende_stappen, wie_betrekken
from click.testing import CliRunner

from .conftest import VOORBEELDEN

WATERSTOF = json.loads((VOORBEELDEN / "aanvragen" / "waterstoftankstation.json").read_text(encoding="utf-8"))


def test_datum_in_het_nederlands():
    assert datum_nl(date(2026, 11, 23)) == "23 november 2026"
    assert datum_nl(date(2027, 3, 1)) == "1 maart 2027"


def test_wie_betrekken_bevoegd_gezag_eerst_dan_wettelijk_dan_kruisjeslijst(adviseer, kennis):
    advies = adviseer({"soort": "omgevingsvergunning", "activiteiten": ["seveso-inrichting"],
                       "kenmerken": ["provinciaal-of-nationaal-belang"]})
    wie = wie_betrekken(advies, kennis)
    rollen = {p["partner"]: p["rollen"] for p in advies["partners"]}
    volgorde = [w["partner"] for w in wie]
    assert volgorde[0] == "provincie" and "bevoegd-gezag" in rollen["provincie"]
    wettelijk = [p for p in volgorde if any(r in ("adviseur", "instemming") for r in rollen[p])
                 and "bevoegd-gezag" not in rollen[p]]
    rest = [p for p in volgorde[1:] if p not in wettelijk]
    assert volgorde == ["provincie", *wettelijk, *rest] and wettelijk, volgorde
    assert wie[0]["herkomst"].startswith("afgeleid uit 'seveso-inrichting' (")


def test_bevoegd_gezag_zegt_waar_het_vandaan_komt(adviseer, kennis):
    opgegeven = wie_betrekken(adviseer({"soort": "melding", "bevoegd_gezag": "gemeente"}), kennis)[0]
    standaard = wie_betrekken(adviseer({"soort": "melding"}), kennis)[0]
    assert opgegeven["herkomst"] == "opgegeven in de aanvraag"
    assert standaard["herkomst"].startswith("standaard (omgevingswet, art. 5.8")


def test_zes_stappen_uit_de_kennisbank(adviseer, kennis):
    advies = adviseer(WATERSTOF)
    stappen = volgende_stappen(advies, kennis)
    model = [s for s in stappen if s["stappen"]]
    assert len(model) == 1 and len(model[0]["stappen"]) == 6
    assert model[0]["stappen"][0].startswith("Context en doelen: ")
    # the text comes from kennis/risicogericht.ttl: a changed step changes the advice
    anders = dataclasses.replace(kennis, stappen=[{**kennis.stappen[0], "uitleg": "X"}, *kennis.stappen[1:]])
    assert volgende_stappen(advies, anders)[1]["stappen"][0] == "Context en doelen: X"
    regulier = volgende_stappen(adviseer({"soort": "melding", "activiteiten": ["tanken-lpg"]}), kennis)
    assert all(not s["stappen"] for s in regulier)


@pytest.mark.parametrize("weergave", [als_tekst, als_markdown])
def test_volgorde_wie_oordeel_stappen_meldingen_waarom(adviseer, kennis, weergave):
    advies = adviseer({**WATERSTOF, "omschrijving": "Waterstoftankstation met batterijcontainer"})
    assert advies["meldingen"]
    uit = weergave(advies, kennis, datum=date(2026, 11, 23))
    koppen = ["Wie betrekken", "Oordeel", "Volgende stappen", "Meldingen", "Waarom"]
    plekken = [uit.index(k) for k in koppen]
    assert plekken == sorted(plekken), uit
    assert "23 november 2026" in uit.splitlines()[0]
    wie = uit[uit.index("Wie betrekken"):uit.index("Oordeel")]
    assert [p for p in ("gemeente", "omgevingsdienst", "veiligheidsregio") if p in wie] == \
        ["gemeente", "omgevingsdienst", "veiligheidsregio"]
    assert len(re.findall(r"Context en doelen|Informatie:|Risicoanalyse|Risicoafweging|Communicatie|Evaluatie", uit)) == 6


def test_advies_leest_json_met_bom(tmp_path):
    pad = tmp_path / "kladblok.json"
    pad.write_bytes("\ufeff".encode() + json.dumps(WATERSTOF).encode())
    uit = CliRunner().invoke(main, ["advies", str(pad), "--format", "json"])
    assert uit.exit_code == 0, uit.stderr
    assert json.loads(uit.stdout)["id"] == WATERSTOF["id"]
    via_stdin = CliRunner().invoke(main, ["advies", "-", "--format", "json"], input=pad.read_bytes())
    assert via_stdin.exit_code == 0 and json.loads(via_stdin.stdout)["id"] == WATERSTOF["id"]


@pytest.mark.parametrize("naam", ["inkomend.csv", "inkomend.xlsx", "inkomend.jsonl"])
def test_advies_met_een_tabel_verwijst_naar_batch(tmp_path, naam):
    pad = tmp_path / naam
    pad.write_text("id,soort,activiteiten\nZ-1,melding,tanken-lpg\n", encoding="utf-8")
    uit = CliRunner().invoke(main, ["advies", str(pad)])
    assert uit.exit_code == 2 and f"advieswijzer batch {pad}" in uit.stderr and "Traceback" not in uit.stderr


def test_advies_met_csv_inhoud_onder_een_andere_naam_verwijst_naar_batch(tmp_path):
    pad = tmp_path / "export.txt"
    pad.write_text("id;soort;activiteiten\nZ-1;melding;tanken-lpg\n", encoding="utf-8")
    uit = CliRunner().invoke(main, ["advies", str(pad)])
    assert uit.exit_code == 2 and "CSV-tabel" in uit.stderr and "batch" in uit.stderr
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"id": ', encoding="utf-8")
    assert "geen geldige JSON" in CliRunner().invoke(main, ["advies", str(kapot)]).stderr


@pytest.mark.parametrize(("args", "verwacht"), [
    (["advies"], "fout: argument BESTAND ontbreekt"),
    (["advies", "x.json", "--format", "xml"], "fout: ongeldige waarde voor '--format': kies uit text, json, md"),
    (["advies", "x.json", "--formaat", "json"], "fout: onbekende optie '--formaat' (bedoelt u --format?)"),
    (["advies", "bestaat-niet.json"], "fout: ongeldige waarde voor BESTAND: het bestand bestaat niet"),
    (["advis"], "fout: onbekend commando 'advis'; kies uit: advies"),
    (["kennis", "controler"], "fout: onbekend commando 'controler'; kies uit: controleer"),
    (["loket", "--port", "0"], "fout: ongeldige waarde voor '--port': verwacht een geheel getal van 1 tot en met 65535"),
    (["loket", "--port"], "fout: optie '--port' vraagt een waarde"),
    (["kennis", "toon", "--datum", "gisteren"], "fout: ongeldige waarde voor '--datum': verwacht een datum als JJJJ-MM-DD"),
])
def test_gebruiksfouten_in_het_nederlands(args, verwacht):
    uit = CliRunner().invoke(main, args)
    assert uit.exit_code == 2
    assert verwacht in uit.stderr, uit.stderr
    assert "Error" not in uit.stderr and "Usage" not in uit.stderr and "Try" not in uit.stderr


def test_hulp_en_groep_zonder_commando_blijven_werken():
    runner = CliRunner()
    assert runner.invoke(main, ["--help"]).exit_code == 0
    kennis = runner.invoke(main, ["kennis"])
    assert kennis.exit_code == 0 and "controleer" in kennis.stdout
