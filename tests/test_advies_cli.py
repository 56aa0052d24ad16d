"""The `advies` command: input validation (contract §1, exit code 2), output shape (contract §2),
the text, Markdown and explanation views, stdin, and the shipped example aanvragen."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from advieswijzer.cli import main
from click.testing import CliRunner

from .conftest import ROOT, VOORBEELDEN

AANVRAGEN = sorted((VOORBEELDEN / "aanvragen").glob("*.json"))
ROLLEN = {"bevoegd-gezag", "uitvoerder", "adviseur", "instemming", "betrokken"}
CRITERIA = {"nieuw-of-onbekend-risico", "kennis-partner-nodig", "meerwaarde-partner", "startpunt-bredere-ontwikkeling"}
LPG = {"id": "Z-LPG", "soort": "melding", "activiteiten": ["tanken-lpg"]}


@pytest.fixture(autouse=True)
def eigen_cache(tmp_path_factory, monkeypatch):
    """The CLI caches the knowledge base; keep that cache out of the user's home."""
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def advies(*args: str, invoer: str | dict | list | None = None):
    if invoer is not None and not isinstance(invoer, str):
        invoer = json.dumps(invoer)
    return CliRunner().invoke(main, ["advies", *args], input=invoer)


def advies_json(data: dict) -> dict:
    uit = advies("-", "--format", "json", invoer=data)
    assert uit.exit_code == 0, uit.stderr
    return json.loads(uit.stdout)


# ------------------------------------------------------------------ invoerfouten

def _fout(uit, *verwacht: str) -> str:
    assert uit.exit_code == 2, (uit.exit_code, uit.stdout, uit.stderr)
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1, uit.stderr
    assert regels[0].startswith("fout:"), regels[0]
    assert "Traceback" not in uit.stderr + uit.stdout
    assert uit.stdout == ""
    for tekst in verwacht:
        assert tekst in regels[0], regels[0]
    return regels[0]


@pytest.mark.parametrize("invoer, verwacht", [
    pytest.param({**LPG, "activitieten": []}, ["activitieten", "onbekend veld"], id="onbekend-veld-bovenaan"),
    pytest.param({**LPG, "locatie": {"gebiedsype": "centrum"}}, ["locatie.gebiedsype"], id="onbekend-veld-in-locatie"),
    pytest.param({**LPG, "risico": {"nieuw": True}}, ["risico.nieuw"], id="onbekend-veld-in-risico"),
    pytest.param({**LPG, "activiteiten": ["tanken-lgp"]}, ["activiteiten[0]", "tanken-lgp", "tanken-lpg"],
                 id="onbekende-activiteit-met-suggestie"),
    pytest.param({**LPG, "activiteiten": ["bouwactiviteit", "stookinstalatie"]}, ["activiteiten[1]", "stookinstallatie"],
                 id="onbekende-tweede-activiteit"),
    pytest.param({**LPG, "soort": "meldin"}, ["soort", "melding"], id="onbekende-soort"),
    pytest.param({**LPG, "kenmerken": ["seveso-hoogdrempel"]}, ["kenmerken[0]", "seveso-hogedrempel"],
                 id="onbekend-kenmerk"),
    pytest.param({**LPG, "risico": {"kennis_nodig_van": ["brandweer"]}}, ["risico.kennis_nodig_van[0]"],
                 id="onbekende-partner"),
    pytest.param({**LPG, "gevolgklasse": "2"}, ["gevolgklasse"], id="gevolgklasse-als-tekst"),
    pytest.param({**LPG, "gevolgklasse": 4}, ["gevolgklasse"], id="gevolgklasse-4"),
    pytest.param({**LPG, "gevolgklasse": True}, ["gevolgklasse"], id="gevolgklasse-bool"),
    pytest.param({**LPG, "activiteiten": "tanken-lpg"}, ["activiteiten"], id="activiteiten-geen-lijst"),
    pytest.param({**LPG, "risico": {"nieuw_of_onbekend": "ja"}}, ["risico.nieuw_of_onbekend"], id="bool-als-tekst"),
    pytest.param({**LPG, "datum": "23-11-2026"}, ["datum"], id="datum-verkeerd"),
    pytest.param({"soort": "melding", "activiteiten": []}, ["id"], id="id-ontbreekt"),
    pytest.param({"id": "  ", "soort": "melding", "activiteiten": []}, ["id"], id="id-leeg"),
    pytest.param({"id": "Z-1", "activiteiten": []}, ["soort"], id="soort-ontbreekt"),
    pytest.param({"id": "Z-1", "soort": "melding"}, ["activiteiten"], id="activiteiten-ontbreekt"),
    pytest.param('{"id": "Z-1", "soort": ', ["geen geldige JSON"], id="ongeldige-json"),
    pytest.param("", ["geen geldige JSON"], id="lege-invoer"),
    pytest.param([LPG], ["JSON-object"], id="lijst-in-plaats-van-object"),
    pytest.param('"melding"', ["JSON-object"], id="tekst-in-plaats-van-object"),
])
def test_invoerfout_geeft_een_regel_en_exitcode_2(invoer, verwacht):
    _fout(advies("-", invoer=invoer), *verwacht)


def test_invoerfout_noemt_veld_en_suggestie_exact():
    regel = _fout(advies("-", invoer={**LPG, "activiteiten": ["tanken-lgp"]}))
    assert "'activiteiten[0]'" in regel
    assert "bedoelt u 'tanken-lpg'?" in regel


def test_invoerfout_ook_in_json_formaat_geen_halve_uitvoer():
    _fout(advies("-", "--format", "json", invoer={**LPG, "gevolgklasse": 4}), "gevolgklasse")


def test_onbekend_bestand_is_gebruiksfout(tmp_path):
    uit = advies(str(tmp_path / "bestaat-niet.json"))
    assert uit.exit_code == 2
    assert "Traceback" not in uit.output


def test_invoerfout_als_subprocess_vanuit_de_checkout():
    """`python cli.py advies` from a checkout: one line on stderr, exit 2, no traceback."""
    uit = subprocess.run([sys.executable, "cli.py", "advies", "-"], cwd=ROOT, capture_output=True, text=True,
                         input=json.dumps({**LPG, "activiteiten": ["tanken-lgp"]}), timeout=120)
    assert uit.returncode == 2, uit.stderr
    assert uit.stdout == ""
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("fout:"), uit.stderr
    assert "activiteiten[0]" in regels[0] and "tanken-lpg" in regels[0]
    assert "Traceback" not in uit.stderr


def test_advies_als_subprocess_vanuit_de_checkout():
    uit = subprocess.run([sys.executable, "cli.py", "advies", "examples/aanvragen/waterstoftankstation.json",
                          "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
    assert json.loads(uit.stdout)["id"] == "Z-2026-0042"


# ------------------------------------------------------------------ ids

def test_volledige_iri_als_id_wordt_geaccepteerd():
    kaal = advies_json(LPG)
    iri = advies_json({**LPG, "soort": "https://advieswijzer.nl/id/melding",
                       "activiteiten": ["https://advieswijzer.nl/id/tanken-lpg"]})
    assert iri["partners"] == kaal["partners"]
    assert "veiligheidsregio" in {p["partner"] for p in iri["partners"]}


def test_dubbele_activiteit_telt_een_keer():
    dubbel = advies_json({**LPG, "activiteiten": ["tanken-lpg", "https://advieswijzer.nl/id/tanken-lpg"]})
    assert dubbel["partners"] == advies_json(LPG)["partners"]


# ------------------------------------------------------------------ vorm van het advies (contract §2)

def controleer_advies(advies: dict, id: str) -> None:
    assert set(advies) == {"id", "partners", "risicogericht", "meldingen", "kennis"}
    assert advies["id"] == id
    namen = [p["partner"] for p in advies["partners"]]
    assert namen == sorted(namen), "partners gesorteerd op id"
    assert len(namen) == len(set(namen)), "elke partner een keer"
    for p in advies["partners"]:
        assert set(p) >= {"partner", "rollen", "onderwerpen", "redenen"}
        assert p["rollen"] and set(p["rollen"]) <= ROLLEN, p
        assert len(p["rollen"]) == len(set(p["rollen"])), p
        assert p["redenen"], p
        regels = [r["regel"] for r in p["redenen"]]
        assert len(regels) == len(set(regels)), f"dubbele reden bij {p['partner']}: {regels}"
        for r in p["redenen"]:
            assert r["regel"] and r["uitleg"] and r["bron"], r
    rg = advies["risicogericht"]
    assert set(rg) >= {"van_toepassing", "criteria", "aanbevelingen", "redenen"}
    assert isinstance(rg["van_toepassing"], bool)
    assert set(rg["criteria"]) <= CRITERIA
    assert rg["van_toepassing"] is bool(rg["criteria"])
    assert rg["aanbevelingen"]
    for r in rg["redenen"]:
        assert r["regel"] and r["uitleg"] and r["bron"], r
    assert isinstance(advies["meldingen"], list)
    assert advies["kennis"]["versie"].startswith("sha256:")
    assert "regio" in advies["kennis"]


def test_json_heeft_precies_de_velden_van_het_contract():
    data = {"id": "Z-VORM", "soort": "omgevingsvergunning",
            "activiteiten": ["tanken-lpg", "bouwactiviteit", "buitenplanse-omgevingsplanactiviteit"],
            "gevolgklasse": 2, "bevoegd_gezag": "provincie", "kenmerken": ["aangewezen-geval-gemeenteraad"],
            "risico": {"kennis_nodig_van": ["veiligheidsregio", "ggd"]}}
    uit = advies_json(data)
    controleer_advies(uit, "Z-VORM")
    rollen = {p["partner"]: p["rollen"] for p in uit["partners"]}
    # veiligheidsregio fires on several kruisjes and on the criterion, but appears once with one role
    assert rollen["veiligheidsregio"] == ["betrokken"]
    assert rollen["gemeente"] == ["adviseur", "instemming"]
    assert rollen["provincie"] == ["bevoegd-gezag"]
    assert rollen["ggd"] == ["betrokken"]
    ggd = next(p for p in uit["partners"] if p["partner"] == "ggd")
    # the GGD is involved on its own topic, but only the veiligheidsregio meets the criterion (Proces 1)
    assert [r["regel"] for r in ggd["redenen"]] == ["kennis-partner-betrokken"]
    assert ggd["onderwerpen"] == ["gezondheid"]
    assert uit["risicogericht"]["criteria"] == ["kennis-partner-nodig"]


def test_json_is_reproduceerbaar():
    assert advies_json(LPG) == advies_json(LPG)


# ------------------------------------------------------------------ tekst, Markdown, uitleg, stdin

def test_tekst_noemt_de_partner_ids_en_het_oordeel():
    uit = advies("-", invoer=LPG)
    assert uit.exit_code == 0, uit.stderr
    for partner in ("gemeente", "omgevingsdienst", "veiligheidsregio"):
        assert f"[{partner}]" in uit.stdout
    assert "REGULIERE SAMENWERKING" in uit.stdout
    assert "vr-mba" in uit.stdout and "handreiking-rgs, bijlage 4" in uit.stdout


def test_markdown_noemt_elke_partner_en_het_oordeel(kennis):
    uit = advies("-", "--format", "md", invoer=LPG)
    assert uit.exit_code == 0, uit.stderr
    assert uit.stdout.startswith("# Advies Z-LPG")
    for partner in ("gemeente", "omgevingsdienst", "veiligheidsregio"):
        assert f"| {kennis.label(partner)} (`{partner}`) |" in uit.stdout
    assert "## Risicogericht samenwerken" in uit.stdout
    assert "vr-mba" in uit.stdout


def test_uitleg_toont_het_afgeleide_feit_en_waar_het_vandaan_komt():
    uit = advies("-", "--uitleg", invoer=LPG)
    assert uit.exit_code == 0, uit.stderr
    afgeleid = uit.stdout.split("Afgeleide feiten:")[1].split("Regels die vuurden")[0]
    regel = next(r for r in afgeleid.splitlines() if "milieubelastende-activiteit" in r)
    assert "via tanken-lpg" in regel
    assert "vr-mba: op [activiteit=milieubelastende-activiteit, reikwijdte=milieuvergunning-of-melding]" in uit.stdout
    # the reikwijdte is a derived fact with the source's words, and the topic reading says it is one
    assert any("reikwijdte: milieuvergunning-of-melding (afgeleid uit soort 'melding'" in r
               for r in afgeleid.splitlines())
    assert "onderwerpen: advieswijzer-duiding, bij handreiking-rgs bijlage 4" in uit.stdout


def test_zonder_uitleg_geen_redenering():
    uit = advies("-", invoer=LPG)
    assert "Afgeleide feiten" not in uit.stdout


def test_uitleg_in_json():
    uit = advies("-", "--format", "json", "--uitleg", invoer=LPG)
    assert uit.exit_code == 0, uit.stderr
    feiten = json.loads(uit.stdout)["uitleg"]["feiten"]
    mba = next(f for f in feiten if f["v"] == "milieubelastende-activiteit")
    assert mba["herkomst"] == "taxonomie" and mba["via"] == ["tanken-lpg"]


def test_stdin_geeft_hetzelfde_als_het_bestand():
    bestand = VOORBEELDEN / "aanvragen" / "waterstoftankstation.json"
    via_bestand = advies(str(bestand), "--format", "json")
    via_stdin = advies("-", "--format", "json", invoer=bestand.read_text(encoding="utf-8"))
    assert via_bestand.exit_code == via_stdin.exit_code == 0
    assert json.loads(via_stdin.stdout) == json.loads(via_bestand.stdout)


def test_informatieplicht_zonder_activiteiten_zegt_dat_geen_partner_hoeft_te_adviseren():
    data = {"id": "Z-INFO", "soort": "informatieplicht", "activiteiten": []}
    uit = advies("-", invoer=data)
    assert uit.exit_code == 0, uit.stderr
    assert "Geen partner" in uit.stdout
    resultaat = advies_json(data)
    assert resultaat["risicogericht"]["van_toepassing"] is False
    assert resultaat["risicogericht"]["criteria"] == []
    assert {p["partner"]: p["rollen"] for p in resultaat["partners"]} == {"gemeente": ["bevoegd-gezag"]}


def test_met_een_adviserende_partner_niet_geen_partner():
    assert "Geen partner" not in advies("-", invoer=LPG).stdout


# ------------------------------------------------------------------ voorbeelden

VERWACHT = {
    "lpg-tankstation-melding.json": {"veiligheidsregio": ["betrokken"], "omgevingsdienst": ["uitvoerder", "betrokken"]},
    "rijksmonument-verbouwing.json": {"adviescommissie": ["adviseur"], "gemeente": ["bevoegd-gezag"]},
    "zonnepark-buitenplans.json": {"gemeenteraad": ["adviseur"], "veiligheidsregio": ["betrokken"],
                                   "gemeente": ["bevoegd-gezag"]},
    "gebruiksmelding-kinderdagverblijf.json": {"veiligheidsregio": ["betrokken"]},
    "waterstoftankstation.json": {"veiligheidsregio": ["betrokken"]},
}


def test_er_zijn_voorbeelden():
    assert {p.name for p in AANVRAGEN} >= set(VERWACHT)


@pytest.mark.parametrize("bestand", AANVRAGEN, ids=lambda p: p.name)
def test_elk_voorbeeld_geeft_een_geldig_advies(bestand):
    uit = advies(str(bestand), "--format", "json")
    assert uit.exit_code == 0, uit.stderr
    resultaat = json.loads(uit.stdout)
    controleer_advies(resultaat, json.loads(bestand.read_text(encoding="utf-8"))["id"])
    rollen = {p["partner"]: p["rollen"] for p in resultaat["partners"]}
    for partner, verwacht in VERWACHT.get(bestand.name, {}).items():
        assert rollen.get(partner) == verwacht, f"{partner}: {rollen.get(partner)}"
    for formaat in ("text", "md"):
        assert advies(str(bestand), "--format", formaat).exit_code == 0


@pytest.mark.parametrize("bestand", [p for p in AANVRAGEN if p.name in VERWACHT and p.name != "waterstoftankstation.json"],
                         ids=lambda p: p.name)
def test_nieuwe_voorbeelden_zijn_volledig_en_regulier(bestand):
    """The shipped examples are complete intakes: no warnings, and plain regular collaboration."""
    resultaat = json.loads(advies(str(bestand), "--format", "json").stdout)
    assert resultaat["meldingen"] == []
    assert resultaat["risicogericht"]["van_toepassing"] is False
