"""Issue 15: batch never lies and never destroys. Engine errors fail the row loudly; output never
lands on the input; one bad cell is one error row; spreadsheets never get live formulas; files that
cannot be written fail before the work (or as an input error), never as a broken file with exit 0."""

from __future__ import annotations

import csv
import json
import os

import pytest
from advieswijzer.cli import main
from advieswijzer.formaten import batch
from advieswijzer.formaten.tabel import KOLOMMEN, BestandFout
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.regels.advies import maak_advies
from advieswijzer.regels.motor import Motor, MotorFout
from click.testing import CliRunner
from durable.engine import Ruleset
from openpyxl import Workbook, load_workbook

from .test_batch import GOED, lees_uitvoer, schrijf_csv, schrijf_jsonl


def draai(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def _advies(kennis, data):
    return maak_advies(lees_aanvraag(data, kennis), kennis)


# -- engine errors ------------------------------------------------------------

def test_motorfout_faalt_de_aanvraag_en_lekt_niet_naar_de_volgende(kennis, monkeypatch):
    motor = Motor(kennis)
    a1, a2 = (lees_aanvraag(d, kennis) for d in GOED[:2])
    goed = motor.beoordeel(a2)[1]
    echt = Ruleset.do_actions

    def faalt(self, toestand, klaar):  # the engine reports an error, as durable-rules' error 307 does
        klaar(RuntimeError("Could not complete and start action, error code: 307"), None)

    monkeypatch.setattr(Ruleset, "do_actions", faalt)
    with pytest.raises(MotorFout, match="307"):
        motor.beoordeel(a1)
    monkeypatch.setattr(Ruleset, "do_actions", echt)
    assert motor.beoordeel(a2)[1] == goed


def test_fout_in_een_actie_wordt_niet_ingeslikt(kennis, monkeypatch):
    """durable-rules catches an action's exception into the session state; the engine must not go on."""
    motor = Motor(kennis)
    aanvraag = lees_aanvraag(GOED[0], kennis)
    import advieswijzer.regels.motor as motormodule

    def kapot(ctx):
        raise ValueError("kapotte regel")

    echt = motormodule.Motor._actie
    monkeypatch.setattr(motormodule.Motor, "_actie", lambda self, r, namen, actie: echt(
        self, r, namen, lambda gevonden: kapot(gevonden)))
    with pytest.raises(MotorFout, match="kapotte regel"):
        Motor(kennis).beoordeel(aanvraag)
    assert motor.beoordeel(aanvraag)[1]  # an engine made before the patch is untouched


def test_batch_maakt_van_een_motorfout_een_foutrij_en_exit_1(tmp_path, kennis, monkeypatch):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.jsonl"
    schrijf_jsonl(invoer, GOED[:3])
    import advieswijzer.regels.motor as motormodule

    echt, echt_beoordeel = Ruleset.do_actions, motormodule.Motor._beoordeel
    aanvraag = {"n": 0}

    def tellend(self, a):
        aanvraag["n"] += 1
        return echt_beoordeel(self, a)

    def faalt_bij_de_tweede(self, toestand, klaar):  # every engine step of the second aanvraag fails
        if aanvraag["n"] == 2:
            return klaar(RuntimeError("error code: 307"), None)
        return echt(self, toestand, klaar)

    monkeypatch.setattr(motormodule.Motor, "_beoordeel", tellend)
    monkeypatch.setattr(Ruleset, "do_actions", faalt_bij_de_tweede)
    res = draai(invoer, "-o", uit)
    assert res.exit_code == 1, res.output
    monkeypatch.setattr(Ruleset, "do_actions", echt)
    rijen = [json.loads(r) for r in uit.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rijen] == ["ok", "fout", "ok"]
    assert "regelmotor" in rijen[1]["fout"] and "307" in rijen[1]["fout"]
    for r, data in zip([rijen[0], rijen[2]], [GOED[0], GOED[2]], strict=True):
        verwacht = _advies(kennis, data)
        assert {k: r[k] for k in verwacht} == verwacht


# -- output onto input ----------------------------------------------------------

@pytest.mark.parametrize("soort", ["zelfde", "symlink", "hardlink"])
def test_uitvoer_op_invoer_wordt_geweigerd_en_laat_invoer_heel(tmp_path, soort):
    invoer = tmp_path / "x.csv"
    schrijf_csv(invoer, GOED)
    voor = invoer.read_bytes()
    uit = invoer
    if soort != "zelfde":
        uit = tmp_path / "y.csv"
        (os.symlink if soort == "symlink" else os.link)(invoer, uit)
    res = draai(invoer, "-o", uit)
    assert res.exit_code == 2 and "invoerbestand zelf" in res.output
    assert invoer.read_bytes() == voor


# -- one bad cell is one error row ---------------------------------------------

def test_gevolgklasse_superscript_is_een_foutrij(tmp_path):
    invoer, uit = tmp_path / "in.csv", tmp_path / "uit.jsonl"
    schrijf_csv(invoer, [GOED[1], {**GOED[2], "gevolgklasse": "²"}, GOED[3]])
    res = draai(invoer, "-o", uit)
    assert res.exit_code == 1, res.output
    rijen = lees_uitvoer(uit)
    assert [r["status"] for r in rijen] == ["ok", "fout", "ok"]
    assert "kolom 'gevolgklasse'" in rijen[1]["fout"]


def test_vreemde_jsonwaarden_zijn_foutrijen_die_het_veld_noemen(tmp_path):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.jsonl"
    regels = [json.dumps(GOED[1]),
              '{"id": "G", "soort": "melding", "activiteiten": [], "gevolgklasse": ' + "7" * 5000 + "}",
              "[" * 100_000 + "]" * 100_000,
              '{"id": "\\ud800", "soort": "melding", "activiteiten": []}',
              '{"id": "B\\u0007", "soort": "melding", "activiteiten": []}',
              '{"id": "O", "soort": "melding", "activiteiten": [], "omschrijving": {"a": 1}}',
              json.dumps(GOED[3])]
    invoer.write_text("\n".join(regels) + "\n", encoding="utf-8")
    res = draai(invoer, "-o", uit)
    assert res.exit_code == 1, res.output
    rijen = [json.loads(r) for r in uit.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rijen] == ["ok", "fout", "fout", "fout", "fout", "fout", "ok"]
    assert "veld 'gevolgklasse'" in rijen[1]["fout"] and "5000 cijfers" in rijen[1]["fout"]
    assert "te diep genest" in rijen[2]["fout"]
    assert "veld 'id'" in rijen[3]["fout"] and "U+D800" in rijen[3]["fout"] and rijen[3]["id"] == "\\ud800"
    assert "veld 'id'" in rijen[4]["fout"] and "U+0007" in rijen[4]["fout"]
    assert "veld 'omschrijving'" in rijen[5]["fout"]


def test_xlsx_uitvoer_met_onschrijfbare_tekens_is_heropenbaar(tmp_path):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.xlsx"
    invoer.write_text('{"id": "\\ud800", "soort": "melding", "activiteiten": []}\n'
                      '{"id": "BEL\\u0007", "soort": "melding", "activiteiten": []}\n'
                      + json.dumps(GOED[1]) + "\n", encoding="utf-8")
    res = draai(invoer, "-o", uit)
    assert res.exit_code == 1, res.output
    rijen = lees_uitvoer(uit)
    assert [(r["id"], r["status"]) for r in rijen] == [("\\ud800", "fout"), ("BEL\\u0007", "fout"), ("A-2", "ok")]


@pytest.mark.parametrize("args", [["-"], []])
def test_advies_weigert_vreemde_json_met_exit_2_en_het_veld(tmp_path, args):
    gevallen = {
        '{"id": "G", "soort": "melding", "activiteiten": [], "gevolgklasse": ' + "7" * 5000 + "}": "gevolgklasse",
        "[" * 100_000: "te diep genest",
        '{"id": "\\ud800", "soort": "melding", "activiteiten": []}': "veld 'id'",
        '{"id": "O", "soort": "melding", "activiteiten": [], "omschrijving": ["x"]}': "veld 'omschrijving'",
    }
    for tekst, verwacht in gevallen.items():
        if args:
            res = CliRunner().invoke(main, ["advies", "-"], input=tekst)
        else:
            pad = tmp_path / "a.json"
            pad.write_text(tekst, encoding="utf-8")
            res = CliRunner().invoke(main, ["advies", str(pad)])
        assert res.exit_code == 2, (verwacht, res.output[-300:])
        assert verwacht in res.output and "Traceback" not in res.output


# -- spreadsheets never get live formulas --------------------------------------

FORMULE = '=HYPERLINK("http://voorbeeld.invalid","klik")'


def test_formule_als_id_blijft_tekst_in_csv_en_xlsx(tmp_path):
    invoer = tmp_path / "in.jsonl"
    schrijf_jsonl(invoer, [{**GOED[1], "id": FORMULE}, {**GOED[1], "id": "+31"}, {**GOED[1], "id": "@SUM(A1)"},
                           {**GOED[1], "id": "'al een apostrof"}])
    assert draai(invoer, "-o", tmp_path / "uit.csv").exit_code == 0
    with open(tmp_path / "uit.csv", encoding="utf-8", newline="") as f:
        ids = [r["id"] for r in csv.DictReader(f)]
    assert ids == ["'" + FORMULE, "'+31", "'@SUM(A1)", "''al een apostrof"]
    assert draai(invoer, "-o", tmp_path / "uit.xlsx").exit_code == 0
    blad = load_workbook(tmp_path / "uit.xlsx").worksheets[0]
    cellen = [blad.cell(r, 1) for r in range(2, 6)]
    assert [c.value for c in cellen] == [FORMULE, "+31", "@SUM(A1)", "'al een apostrof"]
    assert {c.data_type for c in cellen} == {"s"}


def test_hervat_leest_de_beschermde_ids_terug(tmp_path):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.csv"
    rijen = [{**GOED[1], "id": f"={i}"} for i in range(6)]
    schrijf_jsonl(invoer, rijen)
    assert draai(invoer, "-o", uit).exit_code == 0
    heel = uit.read_text(encoding="utf-8")
    uit.write_text("".join(heel.splitlines(keepends=True)[:3]), encoding="utf-8")
    assert draai(invoer, "-o", uit, "--hervat").exit_code == 0
    assert uit.read_text(encoding="utf-8") == heel


def test_jsonl_ids_met_spaties_hervatten(tmp_path):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.jsonl"
    schrijf_jsonl(invoer, [{**GOED[1], "id": f"  Z-{i}  "} for i in range(5)])
    assert draai(invoer, "-o", uit).exit_code == 0
    heel = uit.read_text(encoding="utf-8")
    uit.write_text("".join(heel.splitlines(keepends=True)[:2]), encoding="utf-8")
    res = draai(invoer, "-o", uit, "--hervat")
    assert res.exit_code == 0, res.output
    assert uit.read_text(encoding="utf-8") == heel


def test_formulecel_zonder_berekende_waarde_is_een_foutrij(tmp_path):
    boek = Workbook()
    blad = boek.active
    blad.append(list(KOLOMMEN))
    blad.append(["F-1", "omgevingsvergunning", "seveso-inrichting", *[None] * 6, "=TRUE()"])
    blad.append(["F-2", "melding", "stookinstallatie"])
    boek.save(tmp_path / "in.xlsx")
    res = draai(tmp_path / "in.xlsx", "-o", tmp_path / "uit.jsonl")
    assert res.exit_code == 1, res.output
    rijen = lees_uitvoer(tmp_path / "uit.jsonl")
    assert [r["status"] for r in rijen] == ["fout", "ok"]
    assert "kolom 'nieuw_of_onbekend' (cel J2)" in rijen[0]["fout"] and "=TRUE()" in rijen[0]["fout"]
    assert rijen[0]["id"] == "F-1"


# -- files that cannot be written ------------------------------------------------

@pytest.mark.parametrize("uitvoer", ["ontbreekt/uit.xlsx", "ontbreekt/uit.csv", "ontbreekt/uit.jsonl"])
def test_ontbrekende_map_faalt_voor_het_werk(tmp_path, monkeypatch, uitvoer):
    invoer = tmp_path / "in.jsonl"
    schrijf_jsonl(invoer, GOED)
    gedaan = []
    monkeypatch.setattr(batch, "verwerk_chunk", lambda rijen: gedaan.append(rijen))
    res = draai(invoer, "-o", tmp_path / uitvoer)
    assert res.exit_code == 2 and "kan niet schrijven" in res.output
    assert gedaan == []


def test_schijf_vol_is_exit_2_met_het_pad(tmp_path):
    invoer = tmp_path / "in.jsonl"
    schrijf_jsonl(invoer, GOED)
    res = draai(invoer, "-o", "/dev/full", "--format", "jsonl")
    assert res.exit_code == 2, res.output
    assert "/dev/full" in res.output and "Traceback" not in res.output


def test_schrijffout_halverwege_en_hervat_geeft_de_hele_uitvoer(tmp_path, monkeypatch):
    invoer, uit, referentie = tmp_path / "in.jsonl", tmp_path / "uit.jsonl", tmp_path / "ref.jsonl"
    schrijf_jsonl(invoer, [{**GOED[i % 4], "id": f"R-{i}"} for i in range(9)])
    batch.voer_uit(str(invoer), str(referentie), chunk=2)
    echt = batch.Schrijver.schrijf
    teller = {"n": 0}

    def vol(self, payloads):
        teller["n"] += 1
        if teller["n"] == 3:
            self._f.write(payloads[0][:20])  # half a line reached the disk
            raise batch.BestandFout(f"{self.pad}: schrijven mislukt: No space left on device")
        return echt(self, payloads)

    monkeypatch.setattr(batch.Schrijver, "schrijf", vol)
    with pytest.raises(BestandFout, match="No space left"):
        batch.voer_uit(str(invoer), str(uit), chunk=2)
    monkeypatch.setattr(batch.Schrijver, "schrijf", echt)
    batch.voer_uit(str(invoer), str(uit), chunk=2, hervat=True)
    assert uit.read_text(encoding="utf-8") == referentie.read_text(encoding="utf-8")


def test_xlsx_boven_de_excelgrens_stopt_met_melding(tmp_path, monkeypatch):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.xlsx"
    schrijf_jsonl(invoer, [{**GOED[1], "id": f"R-{i}"} for i in range(8)])
    monkeypatch.setattr(batch, "MAX_XLSX_RIJEN", 5)
    with pytest.raises(BestandFout, match="hoogstens 5 rijen"):
        batch.voer_uit(str(invoer), str(uit), chunk=2)
    assert not list(tmp_path.glob("*.tmp"))


def test_mislukte_xlsx_opslag_laat_geen_tmp_achter(tmp_path, monkeypatch):
    invoer, uit = tmp_path / "in.jsonl", tmp_path / "uit.xlsx"
    schrijf_jsonl(invoer, GOED)

    def kapot(self, bestand):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.Workbook.save", kapot)
    with pytest.raises(BestandFout, match="No space left"):
        batch.voer_uit(str(invoer), str(uit))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# -- the loket answers odd input with 400 naming the field ----------------------

@pytest.fixture()
def loket(kennis):
    from advieswijzer.loket.app import maak_app

    return maak_app(kennis=kennis).test_client()


@pytest.mark.parametrize(("body", "verwacht"), [
    ("[" * 100_000, "te diep genest"),
    ('{"id": "G", "soort": "melding", "activiteiten": [], "gevolgklasse": ' + "7" * 5000 + "}", "gevolgklasse"),
    ('{"id": "\\ud800", "soort": "melding", "activiteiten": []}', "veld 'id'"),
    ('{"id": "O", "soort": "melding", "activiteiten": [], "omschrijving": ["x"]}', "veld 'omschrijving'"),
])
def test_loket_api_geeft_400_met_het_veld(loket, body, verwacht):
    antwoord = loket.post("/api/advies", data=body, content_type="application/json")
    assert antwoord.status_code == 400
    assert verwacht in antwoord.get_json()["fout"]


@pytest.mark.parametrize("gk", ["²", "7" * 5000])
def test_loket_formulier_met_vreemde_gevolgklasse_is_400(loket, gk):
    antwoord = loket.post("/advies.json", data={"id": "L", "soort": "melding", "gevolgklasse": gk})
    assert antwoord.status_code == 400 and antwoord.get_json()["veld"] == "gevolgklasse"


# -- regional tables: bounded, no formulas in or out ------------------------------

KOP = ["trigger_type", "trigger", "voorwaarde", "ggd", "onderwerpen", "bron"]


def _regiotabel(pad, rijen):
    with open(pad, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(KOP)
        w.writerows(rijen)


@pytest.fixture()
def regio_map(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_REGIO_MAP", str(tmp_path / "regio"))
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "regio"


def test_import_weigert_een_formule_en_schrijft_niets(tmp_path, regio_map):
    _regiotabel(tmp_path / "r.csv", [["activiteit", "windturbine", "", "x", "gezondheid", "=cmd|' /C calc'!A0"]])
    res = CliRunner().invoke(main, ["kennis", "importeer", str(tmp_path / "r.csv"), "--regio", "f"])
    assert res.exit_code == 2 and "rij 2, kolom F" in res.output and "formule" in res.output
    assert not regio_map.exists() or not list(regio_map.iterdir())


def test_import_boven_de_grens_noemt_de_grens_uit_de_readme(tmp_path, regio_map):
    from advieswijzer.formaten.regiotabel import MAX_RIJEN

    from .conftest import ROOT

    _regiotabel(tmp_path / "r.csv", [["activiteit", "windturbine", "", "x", "gezondheid", "convenant, art. 1"]]
                * (MAX_RIJEN + 1))
    res = CliRunner().invoke(main, ["kennis", "importeer", str(tmp_path / "r.csv"), "--regio", "g"])
    grens = f"{MAX_RIJEN:,}".replace(",", ".")
    assert res.exit_code == 2 and f"hoogstens {grens} rijen" in res.output
    assert f"{grens} rijen" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_export_schrijft_een_formulebron_als_tekst(tmp_path, regio_map):
    """A profile made by hand (not through the import) with a formula as bron still exports as text."""
    regio_map.mkdir(parents=True)
    (regio_map / "h.ttl").write_text(f"""
@prefix aw: <https://advieswijzer.nl/def#> .
@prefix id: <https://advieswijzer.nl/id/> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://advieswijzer.nl/regel/h-ggd-windturbine> a aw:Adviesafspraak ; aw:regio "h" ;
    aw:partner id:ggd ; aw:rol id:betrokken ; aw:aanleiding id:windturbine ; aw:onderwerp id:gezondheid ;
    dct:source "{FORMULE.replace('"', "'")}" .
""", encoding="utf-8")
    for naam in ("k.csv", "k.xlsx"):
        res = CliRunner().invoke(main, ["kennis", "kruisjeslijst", "--regio", "h", "-o", str(tmp_path / naam)])
        assert res.exit_code == 0, res.output
    tekst = (tmp_path / "k.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in tekst and ",=HYPERLINK" not in tekst
    cellen = [c for r in load_workbook(tmp_path / "k.xlsx").worksheets[0].iter_rows() for c in r
              if isinstance(c.value, str) and c.value.startswith("=")]
    assert cellen and {c.data_type for c in cellen} == {"s"}


# -- threads (the loket serves requests on several threads) ------------------------

def test_gelijktijdige_threads_geven_hetzelfde_advies_als_een_voor_een(kennis):
    """Each thread gets its own compiled rule set; no thread sees another's session."""
    from concurrent.futures import ThreadPoolExecutor

    soorten = ["omgevingsvergunning", "melding", "vooroverleg", "toezicht"]
    activiteiten = ["tanken-lpg", "bouwactiviteit", "windturbine", "opslag-vuurwerk", "evenement", "mestvergisting"]
    gevallen = [{"id": f"T-{i}", "soort": soorten[i % 4], "activiteiten": [activiteiten[i % 6], activiteiten[i // 6 % 6]],
                 "gevolgklasse": 1 + i % 3, "risico": {"nieuw_of_onbekend": i % 5 == 0}, "datum": "2026-11-23"}
                for i in range(96)]
    een_voor_een = [_advies(kennis, g) for g in gevallen]
    with ThreadPoolExecutor(8) as pool:
        tegelijk = list(pool.map(lambda g: _advies(kennis, g), gevallen * 3))
    assert tegelijk == een_voor_een * 3
