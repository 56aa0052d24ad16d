"""`valideer`: data-driven cases per check (table and Turtle form), examples, CLI exit paths, security."""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pytest
import yaml
from advieswijzer.cli import main
from advieswijzer.formaten.planregels import lees_csv, lees_planregels, tabellen_naar_rdf
from advieswijzer.ontologie.namen import SH
from advieswijzer.ontologie.planregels import PlanFout, lees_rdf
from advieswijzer.ontologie.valideren import als_tekst
from click.testing import CliRunner
from rdflib import Graph

from .conftest import VOORBEELDEN, valideer

PLANREGELS = VOORBEELDEN / "planregels"
GEVALLEN = yaml.safe_load((Path(__file__).parent / "planregels" / "gevallen.yaml").read_text(encoding="utf-8"))
PREFIXEN = ("@prefix aw: <https://advieswijzer.nl/def#> .\n@prefix id: <https://advieswijzer.nl/id/> .\n"
            "@prefix : <https://example.org/plan/> .\n")
CHECKS = [f"P{n}" for n in range(1, 11)]


def _gevonden(rapport, check: str) -> set[str]:
    return {r.focus for r in rapport.resultaten if r.check == check}


def _als_tabel(geval) -> Graph:
    wg = lees_csv(geval["werkingsgebieden"].encode(), "wg") if geval.get("werkingsgebieden") else []
    return tabellen_naar_rdf(lees_csv(geval["regels"].encode(), "regels"), wg)


def _als_turtle(geval) -> Graph:
    return lees_rdf((PREFIXEN + geval["turtle"]).encode(), "turtle", "geval.ttl")


@pytest.mark.parametrize("vorm", ["tabel", "turtle"])
@pytest.mark.parametrize("geval", GEVALLEN, ids=[g["naam"] for g in GEVALLEN])
def test_geval(geval, vorm):
    plan = _als_tabel(geval) if vorm == "tabel" else _als_turtle(geval)
    rapport = valideer(plan)
    assert _gevonden(rapport, geval["check"]) == set(geval["vuurt"]), als_tekst(rapport)


def test_elke_check_heeft_een_positief_en_een_negatief_geval():
    for check in CHECKS:
        soorten = {bool(g["vuurt"]) for g in GEVALLEN if g["check"] == check}
        assert soorten == {True, False}, check


# ------------------------------------------------------------------ examples
def test_conform_voorbeeld_in_alle_vormen(tmp_path):
    for plan in (lees_planregels(PLANREGELS / "conform.ttl"),
                 lees_planregels(PLANREGELS / "regels.csv", PLANREGELS / "werkingsgebieden.csv"),
                 lees_planregels(_werkboek(tmp_path))):
        rapport = valideer(plan)
        assert rapport.resultaten == [], als_tekst(rapport)
        assert rapport.conform


@pytest.mark.parametrize("check", CHECKS)
def test_faalvoorbeeld_per_check(check):
    (pad,) = PLANREGELS.glob(f"{check.lower()}-*.ttl")
    rapport = valideer(lees_planregels(pad))
    assert {r.check for r in rapport.resultaten} == {check}, als_tekst(rapport)
    assert rapport.conform is (check in ("P5", "P8", "P9"))  # Warning / Info only


def test_p10_afgeleid_en_bericht():
    rapport = valideer(lees_planregels(PLANREGELS / "p10-aandachtsgebied-ontbreekt.ttl"))
    assert rapport.afgeleid["bedrijventerrein-noord"] == ["brandaandachtsgebied", "explosieaandachtsgebied",
                                                          "pr-contour"]
    berichten = [r.bericht for r in rapport.resultaten]
    assert all("tanken-lpg" in b and "Explosieaandachtsgebied" in b for b in berichten)
    assert all(r.bron.startswith("bkl") for r in rapport.resultaten)


def test_bericht_en_bron_zoals_contract():
    rapport = valideer(lees_planregels(PLANREGELS / "p3-aandachtsgebied-zonder-regel.ttl"))
    (r,) = rapport.resultaten
    assert r.naar_json() == {
        "ernst": "Violation", "check": "P3", "focus": "eag-tankstation-noord",
        "bericht": "Explosieaandachtsgebied 'eag-tankstation-noord' heeft geen enkele planregel.",
        "bron": "handreiking-rgs, bijlage 5, stap 1"}


def _werkboek(tmp_path: Path, regels: Path = PLANREGELS / "regels.csv") -> Path:
    from openpyxl import Workbook

    boek = Workbook()
    boek.remove(boek.active)
    for blad, pad in (("regels", regels), ("werkingsgebieden", PLANREGELS / "werkingsgebieden.csv")):
        werkblad = boek.create_sheet(blad)
        for rij in csv.reader(pad.read_text(encoding="utf-8").splitlines()):
            werkblad.append(rij)
    uit = tmp_path / "plan.xlsx"
    boek.save(uit)
    return uit


# ------------------------------------------------------------------ CLI
def _cli(*args):
    return CliRunner().invoke(main, ["valideer", *map(str, args)])


def test_cli_exit_0_en_1_en_json():
    assert _cli(PLANREGELS / "conform.ttl").exit_code == 0
    uit = _cli(PLANREGELS / "p6-kwetsbaar-in-pr-contour.ttl", "--format", "json")
    assert uit.exit_code == 1
    data = json.loads(uit.output)
    assert set(data) == {"conform", "aantallen", "resultaten"}
    assert data["aantallen"] == {"Violation": 1, "Warning": 0, "Info": 0}
    assert data["resultaten"][0]["check"] == "P6" and data["resultaten"][0]["focus"] == "R4"


def test_cli_warning_alleen_is_exit_0_en_tekst_met_herstel():
    uit = _cli(PLANREGELS / "p8-geen-grondslag.ttl")
    assert uit.exit_code == 0
    assert "regel 'R3'" in uit.output and "herstel:" in uit.output and "[P8 Warning]" in uit.output


def test_cli_ttl_is_validation_report():
    uit = _cli(PLANREGELS / "p4-zkg-zonder-voorschrift.ttl", "--format", "ttl")
    assert uit.exit_code == 1
    g = Graph().parse(data=uit.output, format="turtle")
    (rapport,) = g.subjects(None, SH.ValidationReport)
    berichten = [str(m) for m in g.objects(None, SH.resultMessage)]
    assert rapport is not None and any("'bag-tankstation-noord'" in m for m in berichten)
    assert not any("{focus}" in m or "{?label}" in m for m in berichten)


def test_cli_csv_paar_en_xlsx(tmp_path):
    assert _cli(PLANREGELS / "regels.csv", "--werkingsgebieden", PLANREGELS / "werkingsgebieden.csv").exit_code == 0
    assert _cli(_werkboek(tmp_path)).exit_code == 0
    fout = tmp_path / "fout.csv"
    fout.write_text((PLANREGELS / "regels.csv").read_text(encoding="utf-8").replace(",verbod,", ",toegestaan,"),
                    encoding="utf-8")
    uit = _cli(fout, "--werkingsgebieden", PLANREGELS / "werkingsgebieden.csv", "--format", "json")
    assert uit.exit_code == 1 and [r["check"] for r in json.loads(uit.output)["resultaten"]] == ["P6"]


def test_cli_regionale_vormen():
    uit = _cli(PLANREGELS / "conform.ttl", "--vormen", PLANREGELS / "regio-ambitie.ttl", "--format", "json")
    data = json.loads(uit.output)
    assert uit.exit_code == 0
    assert {(r["check"], r["focus"], r["ernst"]) for r in data["resultaten"]} == {("R1", "R3", "Warning"),
                                                                                   ("R1", "R4", "Warning")}


@pytest.mark.parametrize("naam, inhoud, melding", [
    ("kapot.ttl", "@prefix aw: <https://advieswijzer.nl/def#> .\naw:x aw:y", "ongeldige turtle"),
    ("plan.txt", "iets", "onbekende extensie"),
    ("plan.jsonld", '{"@context": "https://example.org/context.jsonld", "@id": "x"}', "externe context"),
    ("plan2.jsonld", '{"@context": [{"@import": "https://example.org/c"}], "@id": "x"}', "externe context"),
    ("plan3.jsonld", '{"@context": {"aw": ', "geen geldige JSON"),
    ("regels.csv", "identificatie,regeltekts\nR1,x\n", "onbekende kolom(men) regeltekts"),
])
def test_cli_exit_2_bij_onleesbare_invoer(tmp_path, naam, inhoud, melding):
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    uit = CliRunner().invoke(main, ["valideer", str(pad)])
    assert uit.exit_code == 2
    assert melding in uit.output and "Traceback" not in uit.output


def test_cli_exit_2_bij_ontbrekend_bestand():
    assert _cli("bestaat-niet.ttl").exit_code == 2


def test_grootte_is_begrensd(tmp_path):
    pad = tmp_path / "groot.ttl"
    pad.write_text("# " + "x" * 2000, encoding="utf-8")
    with pytest.raises(PlanFout, match="de grens is"):
        lees_planregels(pad, max_bytes=1000)


def test_jsonld_met_inline_context():
    data = json.dumps({"@context": {"aw": "https://advieswijzer.nl/def#", "id": "https://advieswijzer.nl/id/"},
                       "@id": "https://example.org/wg", "@type": "aw:Werkingsgebied",
                       "aw:soort": {"@id": "id:pr-contour"}, "aw:kaartverwijzing": "k"})
    rapport = valideer(lees_rdf(data.encode(), "json-ld", "plan.jsonld"))
    assert _gevonden(rapport, "P3") == {"wg"}


def test_niets_van_het_netwerk(monkeypatch):
    def geen_netwerk(*args, **kwargs):
        raise AssertionError("valideer probeerde het netwerk te gebruiken")

    monkeypatch.setattr(socket.socket, "connect", geen_netwerk)
    monkeypatch.setattr(socket, "create_connection", geen_netwerk)
    tekst = (PREFIXEN + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
             "<https://example.org/plan> a owl:Ontology ; owl:imports <http://example.org/vormen.ttl> .\n"
             ":wg a aw:Werkingsgebied ; aw:soort id:pr-contour .\n")
    rapport = valideer(lees_rdf(tekst.encode(), "turtle", "plan.ttl"))
    assert _gevonden(rapport, "P3") == {"wg"}


# ------------------------------------------------------------------ set-based engine = pySHACL
def _bevindingen(rapport) -> list[tuple]:
    return sorted((r.ernst, r.check, r.focus, r.bericht) for r in rapport.resultaten)


@pytest.mark.parametrize("geval", GEVALLEN, ids=[g["naam"] for g in GEVALLEN])
def test_oxigraph_vindt_hetzelfde_als_pyshacl(geval):
    for plan in (_als_tabel(geval), _als_turtle(geval)):
        assert _bevindingen(valideer(plan)) == _bevindingen(valideer(plan, motor="pyshacl"))


def test_oxigraph_vindt_hetzelfde_in_de_voorbeelden_met_regiovormen():
    from advieswijzer.ontologie.valideren import laad_vormen

    vormen = laad_vormen([PLANREGELS / "regio-ambitie.ttl"])
    for pad in sorted(PLANREGELS.glob("*.ttl")):
        if pad.name != "regio-ambitie.ttl":
            plan = lees_planregels(pad)
            assert _bevindingen(valideer(plan, vormen=vormen)) == \
                _bevindingen(valideer(plan, vormen=vormen, motor="pyshacl")), pad.name


def test_onvertaalbare_regiovorm_gaat_naar_pyshacl(tmp_path):
    # sh:equals is not translated to a query; pySHACL evaluates that shape, the rest stays set-based
    vorm = tmp_path / "gelijk.ttl"
    vorm.write_text("""@prefix aw: <https://advieswijzer.nl/def#> . @prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dct: <http://purl.org/dc/terms/> .
<urn:x:R9> a sh:PropertyShape ; sh:targetClass aw:Planregel ; sh:path aw:grondslag ; sh:equals aw:ambitieniveau ;
    sh:severity sh:Info ; dct:identifier "R9" ; sh:message "Regel {focus}: grondslag en ambitieniveau verschillen."@nl .
""", encoding="utf-8")
    rapport = valideer(lees_planregels(PLANREGELS / "conform.ttl"), extra_vormen=[vorm])
    assert {r.focus for r in rapport.resultaten if r.check == "R9"} == {"R1", "R2", "R3", "R4"}
    assert rapport.conform


def test_p10_eenmaal_per_activiteit_en_ontbrekend_gebied():
    regels = lees_csv(b"identificatie,regeltekst,kwalificatie,werkingsgebied\nR1,t,gebod,bag-1\n", "regels")
    wg = lees_csv(("werkingsgebied,soort,activiteiten\n" + "".join(
        f"bag-{i},brandaandachtsgebied,tanken-lpg\n" for i in range(1, 6))).encode(), "wg")
    p10 = [r for r in valideer(tabellen_naar_rdf(regels, wg)).resultaten if r.check == "P10"]
    assert sorted((r.focus, "Explosie" in r.bericht) for r in p10) == [("tanken-lpg", False), ("tanken-lpg", True)]
    assert all("5 werkingsgebied" in r.bericht and "risicobron" not in r.bericht for r in p10)


def test_p10_noemt_de_risicobron():
    regels = lees_csv(b"identificatie,regeltekst,kwalificatie,werkingsgebied\nR1,t,gebod,bag-zuid\n", "regels")
    wg = lees_csv(b"werkingsgebied,soort,activiteiten,risicobron\nbag-zuid,brandaandachtsgebied,tanken-lpg,LPG Zuid\n"
                  b"eag-zuid,explosieaandachtsgebied,tanken-lpg,LPG Zuid\n", "wg")
    (p10,) = [r for r in valideer(tabellen_naar_rdf(regels, wg)).resultaten if r.check == "P10"]
    assert p10.focus == "tanken-lpg" and "(risicobron 'LPG Zuid')" in p10.bericht and "Plaatsgebonden" in p10.bericht
