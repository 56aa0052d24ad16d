"""`advieswijzer batch` (contract §4): one output row per input row, every format, resume, equality with `advies`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from advieswijzer.cli import main
from advieswijzer.formaten import batch
from advieswijzer.formaten.tabel import KOLOMMEN, Invoer
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.regels.advies import maak_advies
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from .conftest import VOORBEELDEN

BATCH = VOORBEELDEN.parent / "tests" / "batch"
GOED = [
    {"id": "A-1", "soort": "omgevingsvergunning", "activiteiten": ["tanken-waterstof", "bouwactiviteit"],
     "gevolgklasse": 1, "locatie": {"gebiedstype": "bedrijventerrein", "aandachtsgebieden": ["brandaandachtsgebied"]},
     "risico": {"kennis_nodig_van": ["veiligheidsregio"]}, "omschrijving": "Waterstof tanken", "datum": "2026-11-23"},
    {"id": "A-2", "soort": "melding", "activiteiten": ["stookinstallatie"], "datum": "2026-11-23"},
    {"id": "A-3", "soort": "omgevingsvergunning", "activiteiten": ["bouwactiviteit"], "gevolgklasse": 2,
     "omschrijving": "Nieuwbouw met batterij", "datum": "2026-11-23"},
    {"id": "A-4", "soort": "omgevingsvergunning", "activiteiten": ["seveso-inrichting"],
     "kenmerken": ["seveso-hogedrempel"], "risico": {"nieuw_of_onbekend": True}, "datum": "2026-11-23"},
]
FOUT_ID = {"id": "F-1", "soort": "omgevingsvergunning", "activiteiten": ["tanken-kerosine"], "datum": "2026-11-23"}
FOUT_GK = {"id": "F-2", "soort": "omgevingsvergunning", "activiteiten": ["bouwactiviteit"], "gevolgklasse": 4}


def _cellen(aanvraag: dict) -> dict:
    """An aanvraag dict as a table row (contract §4 columns)."""
    rij = {"id": aanvraag.get("id", ""), "soort": aanvraag.get("soort", ""),
           "gevolgklasse": aanvraag.get("gevolgklasse", ""),
           "omschrijving": aanvraag.get("omschrijving", ""), "datum": aanvraag.get("datum", "")}
    for k in ("activiteiten", "kenmerken"):
        rij[k] = ";".join(aanvraag.get(k, []))
    for k, v in {**aanvraag.get("locatie", {}), **aanvraag.get("risico", {})}.items():
        rij[k] = ("ja" if v else "nee") if isinstance(v, bool) else ";".join(v) if isinstance(v, list) else v
    return rij


def schrijf_csv(pad, aanvragen, scheiding=","):
    with open(pad, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, KOLOMMEN, delimiter=scheiding, restval="")
        w.writeheader()
        for a in aanvragen:
            w.writerow(_cellen(a) if isinstance(a, dict) else dict(zip(KOLOMMEN, a, strict=False)))


def schrijf_xlsx(pad, aanvragen, staart=0):
    boek = Workbook()
    blad = boek.active
    blad.append(list(KOLOMMEN))
    for a in aanvragen:
        cellen = _cellen(a)
        blad.append([cellen.get(k) or None for k in KOLOMMEN])
    if staart:  # Excel leftovers: formatted, merged, empty rows below the data
        eerste = blad.max_row + 1
        for r in range(eerste, eerste + staart):
            blad.cell(r, 1).number_format = "@"
        blad.merge_cells(start_row=eerste, start_column=1, end_row=eerste + 1, end_column=4)
    boek.save(pad)


def schrijf_jsonl(pad, aanvragen):
    pad.write_text("".join(json.dumps(a) + "\n" for a in aanvragen), encoding="utf-8")


SCHRIJVERS = {"csv": schrijf_csv, "xlsx": schrijf_xlsx, "jsonl": schrijf_jsonl}


def lees_uitvoer(pad) -> list[dict]:
    """Output rows as dicts with at least id, rij (int), status, partners (list), risicogericht (bool)."""
    soort = pad.suffix[1:]
    if soort == "jsonl":
        uit = []
        for regel in pad.read_text(encoding="utf-8").splitlines():
            d = json.loads(regel)
            d["partners_ids"] = [p["partner"] for p in d.get("partners", [])]
            d["rg"] = d.get("risicogericht", {}).get("van_toepassing", False)
            uit.append(d)
        return uit
    if soort == "csv":
        rijen = list(csv.DictReader(pad.read_text(encoding="utf-8").splitlines()))
    else:
        blad = load_workbook(pad, read_only=True).worksheets[0]
        waarden = list(blad.iter_rows(values_only=True))
        rijen = [dict(zip(waarden[0], (("" if c is None else c) for c in r), strict=False)) for r in waarden[1:]]
    for r in rijen:
        r["rij"] = int(r["rij"])
        r["partners_ids"] = [p for p in r["partners"].split(";") if p]
        r["rg"] = r["risicogericht"] == "ja"
    return rijen


def draai(*args, invoer=None):
    return CliRunner().invoke(main, ["batch", *map(str, args)], input=invoer)


# -- row count and error rows -----------------------------------------------

def test_fouten_aan_begin_midden_en_eind_behouden_elke_rij(tmp_path):
    rijen = [
        ("", "melding", "stookinstallatie"),                               # missing id (start)
        *[_cellen(a) for a in GOED[:2]],
        _cellen(FOUT_ID),                                                   # unknown id (middle)
        {**_cellen(GOED[2]), "nieuw_of_onbekend": "misschien"},             # bad boolean
        _cellen(GOED[3]),
        _cellen(FOUT_GK),                                                   # wrong gevolgklasse (end)
    ]
    pad = tmp_path / "in.csv"
    schrijf_csv(pad, [tuple(r.get(k, "") for k in KOLOMMEN) if isinstance(r, dict) else r for r in rijen])
    uit = tmp_path / "uit.jsonl"
    res = draai(pad, "-o", uit)
    assert res.exit_code == 1, res.output
    regels = lees_uitvoer(uit)
    assert [r["rij"] for r in regels] == [2, 3, 4, 5, 6, 7, 8]
    assert [r["status"] for r in regels] == ["fout", "ok", "ok", "fout", "fout", "ok", "fout"]
    assert [r["id"] for r in regels] == [None, "A-1", "A-2", "F-1", "A-3", "A-4", "F-2"]
    fouten = {r["rij"]: r["fout"] for r in regels if r["status"] == "fout"}
    assert "rij 2" in fouten[2] and "'id'" in fouten[2]
    assert "kolom 'activiteiten'" in fouten[5] and "tanken-kerosine" in fouten[5]
    assert "kolom 'nieuw_of_onbekend'" in fouten[6] and "misschien" in fouten[6]
    assert "kolom 'gevolgklasse'" in fouten[8] and "4" in fouten[8]
    assert set(regels[0]) == {"id", "rij", "status", "fout", "partners_ids", "rg"}
    assert "7 rijen, 3 ok, 4 fout" in res.stderr


def test_zonder_fouten_exit_0_en_samenvatting(tmp_path):
    pad = tmp_path / "in.jsonl"
    schrijf_jsonl(pad, GOED)
    res = draai(pad, "-o", tmp_path / "uit.csv")
    assert res.exit_code == 0, res.output
    assert "4 rijen, 4 ok, 0 fout" in res.stderr
    assert "risicogericht samenwerken: " in res.stderr and "veiligheidsregio " in res.stderr
    assert res.stdout == ""


def test_ongeldige_json_regel_wordt_foutregel(tmp_path):
    pad = tmp_path / "in.jsonl"
    pad.write_bytes(b'{"id": "x", "soort": "melding", "activiteiten": []}\n{kapot\n[1]\n\n'
                    b'{"id": "y", "soort": "melding", "activiteiten": [], "extra": 1}\n\n\n')
    regels = lees_uitvoer(_draai_ok(tmp_path, pad, "uit.jsonl", exit_code=1))
    assert [(r["rij"], r["status"]) for r in regels] == [(1, "ok"), (2, "fout"), (3, "fout"), (4, "fout"),
                                                         (5, "fout")]
    assert "geen geldige JSON" in regels[1]["fout"]
    assert "lege rij" in regels[3]["fout"]
    assert "veld 'extra'" in regels[4]["fout"] and regels[4]["id"] == "y"


def _draai_ok(tmp_path, invoer, naam, *extra, exit_code=0):
    uit = tmp_path / naam
    res = draai(invoer, "-o", uit, *extra)
    assert res.exit_code == exit_code, res.output
    return uit


# -- formats ----------------------------------------------------------------

@pytest.mark.parametrize("invoer", ["csv", "jsonl", "xlsx"])
@pytest.mark.parametrize("uitvoer", ["csv", "jsonl", "xlsx"])
def test_elk_invoerformaat_naar_elk_uitvoerformaat(tmp_path, invoer, uitvoer, kennis):
    pad = tmp_path / f"in.{invoer}"
    SCHRIJVERS[invoer](pad, [*GOED, FOUT_ID])
    regels = lees_uitvoer(_draai_ok(tmp_path, pad, f"uit.{uitvoer}", exit_code=1))
    verwacht = [maak_advies(lees_aanvraag(a, kennis), kennis) for a in GOED]
    assert [r["id"] for r in regels] == ["A-1", "A-2", "A-3", "A-4", "F-1"]
    assert [r["status"] for r in regels] == ["ok"] * 4 + ["fout"]
    assert [r["partners_ids"] for r in regels[:4]] == [[p["partner"] for p in v["partners"]] for v in verwacht]
    assert [r["rg"] for r in regels[:4]] == [v["risicogericht"]["van_toepassing"] for v in verwacht]
    eerste = 1 if invoer == "jsonl" else 2
    assert [r["rij"] for r in regels] == list(range(eerste, eerste + 5))
    if uitvoer != "jsonl":
        assert regels[0]["rollen"] == ";".join(f"{p['partner']}={'+'.join(p['rollen'])}"
                                               for p in verwacht[0]["partners"])
        assert regels[0]["criteria"] == ";".join(verwacht[0]["risicogericht"]["criteria"])


def test_xlsx_met_samengevoegde_en_lege_staartrijen(tmp_path):
    pad = tmp_path / "in.xlsx"
    schrijf_xlsx(pad, GOED[:2], staart=30)
    regels = lees_uitvoer(_draai_ok(tmp_path, pad, "uit.jsonl"))
    assert [(r["rij"], r["id"], r["status"]) for r in regels] == [(2, "A-1", "ok"), (3, "A-2", "ok")]


def test_xlsx_lege_rij_tussen_gegevens_is_foutregel(tmp_path):
    pad = tmp_path / "in.xlsx"
    schrijf_xlsx(pad, [GOED[0], {}, GOED[1]], staart=3)
    regels = lees_uitvoer(_draai_ok(tmp_path, pad, "uit.jsonl", exit_code=1))
    assert [(r["rij"], r["status"]) for r in regels] == [(2, "ok"), (3, "fout"), (4, "ok")]


def test_csv_van_nederlandse_excel_bom_puntkomma_gequote_lijsten(tmp_path, kennis):
    invoer = Invoer(str(BATCH / "nl-excel.csv"))
    rijen = list(invoer)
    invoer.close()
    assert [r.nummer for r in rijen] == [2, 3, 4]  # the two empty trailing rows are not rows
    eerste = rijen[0].data
    assert eerste["id"] == "NL-1"  # BOM not glued to the first column name or value
    assert eerste["activiteiten"] == ["tanken-waterstof", "bouwactiviteit"]
    assert eerste["locatie"]["aandachtsgebieden"] == ["brandaandachtsgebied", "explosieaandachtsgebied"]
    assert eerste["risico"] == {"nieuw_of_onbekend": False, "kennis_nodig_van": ["veiligheidsregio"]}
    assert eerste["omschrijving"] == "Waterstoftankstation, met opslag"
    assert eerste["datum"] == "2026-11-23"  # dd-mm-jjjj as Dutch Excel writes dates
    assert eerste["gevolgklasse"] == 1
    assert rijen[1].data["omschrijving"] == 'Stookinstallatie "bakkerij"'
    assert rijen[2].data["risico"]["nieuw_of_onbekend"] is True and rijen[2].data["omschrijving"].endswith("café")
    regels = lees_uitvoer(_draai_ok(tmp_path, BATCH / "nl-excel.csv", "uit.csv"))
    assert [r["status"] for r in regels] == ["ok", "ok", "ok"]
    assert regels[2]["rg"] is True


def test_csv_windows_1252_en_stdin(tmp_path):
    tekst = "id,soort,activiteiten,omschrijving\nW-1,melding,stookinstallatie,Caf\xe9\n"
    res = CliRunner().invoke(main, ["batch", "-"], input=tekst.encode("cp1252"))
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout.splitlines()[0])
    assert d["id"] == "W-1" and d["status"] == "ok" and d["rij"] == 2


def test_stdin_jsonl_herkend(tmp_path):
    res = CliRunner().invoke(main, ["batch", "-", "--format", "csv"], input=json.dumps(GOED[1]) + "\n")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[1].startswith("A-2,1,ok,")


@pytest.mark.parametrize("inhoud,naam,bericht", [
    (None, "bestaat-niet.csv", "kan niet lezen"),
    (b"id,soort,activiteit\n1,melding,x\n", "in.csv", "onbekende kolom 'activiteit'"),
    (b"soort,activiteiten\nmelding,\n", "in.csv", "mist de kolom(men) id"),
    (b"PK\x03\x04 kapot", "in.xlsx", "geen leesbaar XLSX"),
    (b"id,soort\n", "in.dat", "onbekende extensie"),
    (b"", "in.csv", "geen kopregel"),
])
def test_onleesbaar_bestand_exit_2(tmp_path, inhoud, naam, bericht):
    pad = tmp_path / naam
    if inhoud is not None:
        pad.write_bytes(inhoud)
    res = draai(pad, "-o", tmp_path / "uit.csv")
    assert res.exit_code == 2, res.output
    assert bericht in res.stderr and "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1


# -- same answer as `advies` ------------------------------------------------

def test_zelfde_antwoord_als_advies_voor_de_voorbeelden(tmp_path, kennis):
    voorbeelden = sorted((VOORBEELDEN / "aanvragen").glob("*.json"))
    assert voorbeelden
    aanvragen = [json.loads(p.read_text(encoding="utf-8")) for p in voorbeelden]
    pad = tmp_path / "in.jsonl"
    schrijf_jsonl(pad, aanvragen)
    regels = _draai_ok(tmp_path, pad, "uit.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(regels) == len(aanvragen)
    for regel, aanvraag in zip(regels, aanvragen, strict=True):
        d = json.loads(regel)
        assert d.pop("status") == "ok" and d.pop("rij") >= 1
        assert d == maak_advies(lees_aanvraag(aanvraag, kennis), kennis)


def test_hergebruik_van_conclusie_is_exact(tmp_path, kennis):
    """Identical requests reuse the conclusion, but id and the omschrijving-dependent meldingen are the row's own."""
    aanvragen = []
    for i in range(40):
        basis = GOED[i % 3]
        omschrijving = ["", "met batterij", "ook een festival", "buitenplans"][i % 4]
        aanvragen.append({**basis, "id": f"H-{i}", "omschrijving": omschrijving})
    pad = tmp_path / "in.jsonl"
    schrijf_jsonl(pad, aanvragen)
    regels = _draai_ok(tmp_path, pad, "uit.jsonl").read_text(encoding="utf-8").splitlines()
    meldingen = set()
    for regel, aanvraag in zip(regels, aanvragen, strict=True):
        d = json.loads(regel)
        del d["status"], d["rij"]
        assert d == maak_advies(lees_aanvraag(aanvraag, kennis), kennis)
        meldingen.add(tuple(d["meldingen"]))
    assert len(meldingen) > 3  # the omschrijving made a difference, and it was kept per row


def test_jobs_2_geeft_dezelfde_uitvoer(tmp_path):
    pad = tmp_path / "in.csv"
    schrijf_csv(pad, [*GOED, FOUT_ID, FOUT_GK] * 25)
    een = _draai_ok(tmp_path, pad, "een.jsonl", exit_code=1).read_bytes()
    twee = _draai_ok(tmp_path, pad, "twee.jsonl", "--jobs", "2", exit_code=1).read_bytes()
    assert een == twee and een.count(b"\n") == 150


# -- resume -----------------------------------------------------------------

@pytest.mark.parametrize("uitvoer", ["csv", "jsonl"])
def test_hervat_na_afgebroken_schrijven(tmp_path, uitvoer):
    pad = tmp_path / "in.csv"
    schrijf_csv(pad, [{**a, "id": f"{a['id']}-{i}"} for i in range(10) for a in [*GOED, FOUT_ID]])
    heel = _draai_ok(tmp_path, pad, f"heel.{uitvoer}", exit_code=1).read_bytes()
    deel = tmp_path / f"deel.{uitvoer}"
    deel.write_bytes(heel[: len(heel) * 2 // 5])  # cut in the middle of a line, as a kill would
    res = draai(pad, "-o", deel, "--hervat")
    assert res.exit_code == 1, res.output
    assert deel.read_bytes() == heel
    assert "hervat: " in res.stderr and "50 rijen, 40 ok, 10 fout" in res.stderr


@pytest.mark.parametrize("uitvoer", ["csv", "jsonl", "xlsx"])
def test_hervat_na_onderbreking(tmp_path, uitvoer):
    pad = tmp_path / "in.jsonl"
    schrijf_jsonl(pad, [{**a, "id": f"{a['id']}-{i}"} for i in range(6) for a in GOED])
    heel = tmp_path / f"heel.{uitvoer}"
    batch.voer_uit(str(pad), str(heel), chunk=5)
    deel = tmp_path / f"deel.{uitvoer}"

    def onderbreek(rijen, positie):
        if rijen >= 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.voer_uit(str(pad), str(deel), chunk=5, voortgang=onderbreek)
    prefix = lees_uitvoer(deel)  # a valid file holding the first rows
    assert [r["rij"] for r in prefix] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    samenvatting = batch.voer_uit(str(pad), str(deel), chunk=5, hervat=True)
    assert samenvatting.hervat_vanaf == 10 and samenvatting.rijen == 24 and samenvatting.ok == 24
    if uitvoer == "xlsx":
        assert lees_uitvoer(deel) == lees_uitvoer(heel)
    else:
        assert deel.read_bytes() == heel.read_bytes()


def test_hervat_met_andere_invoer_weigert(tmp_path):
    pad = tmp_path / "in.jsonl"
    schrijf_jsonl(pad, GOED)
    uit = _draai_ok(tmp_path, pad, "uit.jsonl")
    schrijf_jsonl(pad, [{**a, "id": "ander-" + a["id"]} for a in GOED])
    res = draai(pad, "-o", uit, "--hervat")
    assert res.exit_code == 2 and "past niet bij de invoer" in res.stderr


def test_classify_is_verborgen_alias(tmp_path):
    pad = tmp_path / "in.jsonl"
    schrijf_jsonl(pad, GOED[:1])
    res = CliRunner().invoke(main, ["classify", str(pad)])
    assert res.exit_code == 0 and json.loads(res.stdout)["id"] == "A-1"
    hulp = CliRunner().invoke(main, ["--help"]).output
    assert "batch" in hulp and "classify" not in hulp


def test_voorbeeldinstroom(tmp_path):
    regels = lees_uitvoer(_draai_ok(tmp_path, VOORBEELDEN / "batch" / "inkomend.csv", "uit.csv", exit_code=1))
    invoer = io.StringIO((VOORBEELDEN / "batch" / "inkomend.csv").read_text(encoding="utf-8"))
    assert len(regels) == len(list(csv.reader(invoer))) - 1


def test_motor_onthoudt_alleen_gelijke_sleutels(kennis):
    from advieswijzer.regels.motor import motor_voor

    motor = motor_voor(kennis)
    a = lees_aanvraag({**GOED[0], "id": "x", "omschrijving": "een"}, kennis)
    b = lees_aanvraag({**GOED[0], "id": "y", "omschrijving": "twee"}, kennis)
    c = lees_aanvraag({**GOED[0], "datum": "2026-11-24"}, kennis)
    try:
        motor.onthoud(2)
        assert motor.beoordeel(a) is motor.beoordeel(b)  # same key: reused
        # no validity date of any afspraak lies between the two dates: same conclusions, reused
        assert motor.beoordeel(c) is motor.beoordeel(a)
    finally:
        motor.onthoud(0)
    assert motor.beoordeel(a) is not motor.beoordeel(b)
    assert motor.beoordeel(a) == motor.beoordeel(b)
