"""The user's own knowledge folder (issue 13, part 1) and what works without a store: `kennis importeer`
writes outside the package, shipped profiles stay visible, `kennis regio's` lists them, an unwritable
folder is exit 2, `--kennisversie` reproduces from the cache or says it cannot, and store arguments are
checked before anything goes on the network."""

from __future__ import annotations

import json
import socket

import pytest
from advieswijzer.cli import main
from advieswijzer.kennis.kennismap import MEEGELEVERD, kennismap
from advieswijzer.kennis.laden import KennisFout, laad_kennis
from advieswijzer.kennis.opslag import waarden
from advieswijzer.kennis.overzicht import geldigheid
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from .conftest import ROOT, VOORBEELDEN

AANVRAAG = str(VOORBEELDEN / "aanvragen" / "waterstoftankstation.json")
WINDTURBINE = json.dumps({"id": "W-1", "soort": "omgevingsvergunning", "activiteiten": ["windturbine"],
                          "datum": "2026-11-23"})
KOP = "trigger_type,trigger,voorwaarde,ggd,onderwerpen,bron,geldig_vanaf,geldig_tot\n"
GGD_WINDTURBINE = 'activiteit,windturbine,,x,gezondheid,"modelconvenant-rgs, art. 3 (test)",{vanaf},{tot}\n'


@pytest.fixture(autouse=True)
def eigen_mappen(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ADVIESWIJZER_KENNISMAP", str(tmp_path / "standaard"))
    monkeypatch.delenv("ADVIESWIJZER_REGIO_MAP", raising=False)


def cli(*args, invoer=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=invoer)


def tabel(tmp_path, vanaf="", tot="", naam="regio.csv"):
    pad = tmp_path / naam
    pad.write_text(KOP + GGD_WINDTURBINE.format(vanaf=vanaf, tot=tot), encoding="utf-8")
    return pad


def fout(uit, *woorden):
    assert uit.exit_code == 2, (uit.exit_code, uit.stdout, uit.stderr)
    assert "Traceback" not in uit.stdout + uit.stderr
    assert uit.stderr.startswith("fout: ") and len(uit.stderr.strip().splitlines()) == 1, uit.stderr
    for woord in woorden:
        assert woord in uit.stderr, uit.stderr
    return uit.stderr


def partners(uit) -> list[str]:
    assert uit.exit_code == 0, uit.stderr
    return [p["partner"] for p in json.loads(uit.stdout)["partners"]]


# ------------------------------------------------------------------ the own folder
def test_importeer_schrijft_in_de_kennismap_en_advies_leest_hem(tmp_path):
    eigen = tmp_path / "eigen"
    uit = cli("kennis", "importeer", tabel(tmp_path), "--regio", "oost", "--kennismap", eigen)
    assert uit.exit_code == 0, uit.stderr
    assert (eigen / "regio" / "oost.ttl").is_file()
    assert not (MEEGELEVERD / "oost.ttl").exists()
    assert f"--kennismap {eigen}" in uit.stderr  # the hint to use it names the folder
    assert "ggd" in partners(cli("advies", "-", "--format", "json", "--regio", "oost", "--kennismap", eigen,
                                 invoer=WINDTURBINE))
    # the national advice has no GGD for a windturbine: the profile made the difference
    assert "ggd" not in partners(cli("advies", "-", "--format", "json", invoer=WINDTURBINE))


def test_zonder_die_kennismap_is_het_profiel_er_niet(tmp_path):
    cli("kennis", "importeer", tabel(tmp_path), "--regio", "oost", "--kennismap", tmp_path / "eigen")
    fout(cli("advies", AANVRAAG, "--regio", "oost"), "regioprofiel 'oost' bestaat niet", str(tmp_path / "standaard"),
         "voorbeeld")


def test_omgevingsvariabele_is_de_standaard_kennismap(tmp_path):
    assert cli("kennis", "importeer", tabel(tmp_path), "--regio", "west").exit_code == 0
    assert (tmp_path / "standaard" / "regio" / "west.ttl").is_file()
    assert "ggd" in partners(cli("advies", "-", "--format", "json", "--regio", "west", invoer=WINDTURBINE))


def test_zonder_instelling_de_gebruikersmap_van_platformdirs(tmp_path, monkeypatch):
    monkeypatch.delenv("ADVIESWIJZER_KENNISMAP")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert kennismap() == tmp_path / "data" / "advieswijzer"
    assert cli("kennis", "importeer", tabel(tmp_path), "--regio", "noord").exit_code == 0
    assert (tmp_path / "data" / "advieswijzer" / "regio" / "noord.ttl").is_file()


def test_map_die_niet_te_schrijven_is_geeft_exit_2_met_pad_en_herstel(tmp_path):
    bestand = tmp_path / "geen-map"
    bestand.write_text("dit is een bestand", encoding="utf-8")
    fout(cli("kennis", "importeer", tabel(tmp_path), "--regio", "oost", "--kennismap", bestand / "kennis"),
         str(bestand / "kennis" / "regio"), "--kennismap DIR", "ADVIESWIJZER_KENNISMAP")


def test_eigen_profiel_verbergt_het_meegeleverde_met_dezelfde_naam(tmp_path):
    meegeleverd = laad_kennis("voorbeeld", cache=False)
    uit = cli("kennis", "importeer", tabel(tmp_path), "--regio", "voorbeeld")
    assert uit.exit_code == 0 and "verbergt het meegeleverde profiel" in uit.stderr
    eigen = laad_kennis("voorbeeld", cache=False)
    assert eigen.versie != meegeleverd.versie
    assert {a.partner for a in eigen.afspraken if a.regio} == {"ggd"}
    assert (MEEGELEVERD / "voorbeeld.ttl").is_file()  # the package is left alone


# ------------------------------------------------------------------ kennis regio's
def regio_s(*args) -> dict[str, dict]:
    uit = cli("kennis", "regio's", "--format", "json", *args)
    assert uit.exit_code == 0, uit.stderr
    return {p["regio"]: p for p in json.loads(uit.stdout)}


def test_regios_toont_meegeleverde_en_eigen_profielen_met_versie(tmp_path):
    cli("kennis", "importeer", tabel(tmp_path, vanaf="2026-01-01", tot="2028-01-01"), "--regio", "oost")
    lijst = regio_s()
    assert list(lijst) == ["landelijk", "oost", "voorbeeld"]
    assert lijst["voorbeeld"]["herkomst"] == "meegeleverd" and lijst["oost"]["herkomst"] == "eigen map"
    assert lijst["oost"]["plaats"] == str(tmp_path / "standaard" / "regio" / "oost.ttl")
    for naam in ("oost", "voorbeeld"):
        assert lijst[naam]["versie"] == laad_kennis(naam, cache=False).versie
    assert lijst["landelijk"]["versie"] == laad_kennis(cache=False).versie
    assert (lijst["oost"]["geldig_vanaf"], lijst["oost"]["geldig_tot"]) == ("2026-01-01", "2028-01-01")
    assert (lijst["oost"]["kruisjes"], lijst["voorbeeld"]["intrekkingen"]) == (1, 1)
    tekst = cli("kennis", "regios")  # the alias without apostrophe, as a table
    assert tekst.exit_code == 0 and "eigen map" in tekst.stdout and "2028-01-01" in tekst.stdout


@pytest.mark.parametrize(("datums", "verwacht"), [
    ([("2026-01-01", "2027-01-01"), ("2025-06-01", "2026-06-01")], ("2025-06-01", "2027-01-01")),
    ([("2026-01-01", "2027-01-01"), (None, "2026-06-01")], (None, "2027-01-01")),
    ([("2026-01-01", None), ("2025-06-01", "2026-06-01")], ("2025-06-01", None)),
    ([], (None, None)),
])
def test_geldigheid_is_de_hele_spanne_en_open_zodra_een_kruisje_open_is(datums, verwacht):
    from advieswijzer.ontologie.namen import AW, RDF, REGEL, XSD

    g = Graph()
    for i, (vanaf, tot) in enumerate(datums):
        g.add((REGEL[f"k{i}"], RDF.type, AW.Adviesafspraak))
        for eigenschap, waarde in ((AW.geldigVanaf, vanaf), (AW.geldigTot, tot)):
            if waarde:
                g.add((REGEL[f"k{i}"], eigenschap, Literal(waarde, datatype=XSD.date)))
    assert geldigheid(g) == verwacht


# ------------------------------------------------------------------ --kennisversie without a store
def test_kennisversie_maakt_een_oud_advies_na_uit_de_cache(tmp_path):
    cli("kennis", "importeer", tabel(tmp_path), "--regio", "oost")
    eerst = cli("advies", "-", "--format", "json", "--regio", "oost", invoer=WINDTURBINE)
    oud = json.loads(eerst.stdout)["kennis"]["versie"]
    cli("kennis", "importeer", tabel(tmp_path, vanaf="2030-01-01"), "--regio", "oost", "--overschrijf")
    nu = cli("advies", "-", "--format", "json", "--regio", "oost", invoer=WINDTURBINE)
    assert json.loads(nu.stdout)["kennis"]["versie"] != oud and "ggd" not in partners(nu)
    terug = cli("advies", "-", "--format", "json", "--regio", "oost", "--kennisversie", oud, invoer=WINDTURBINE)
    assert terug.exit_code == 0 and terug.stdout == eerst.stdout


def test_kennisversie_die_er_niet_is_zegt_dat_duidelijk():
    fout(cli("advies", AANVRAAG, "--kennisversie", "sha256:0123456789abcdef"),
         "kennisversie sha256:0123456789abcdef (landelijk) is niet beschikbaar", "--kennisbron")


@pytest.mark.parametrize("versie", ["abc", "sha256:XYZ", "sha256:0123456789abcdef'"])
def test_ongeldige_kennisversie(versie):
    fout(cli("advies", AANVRAAG, "--kennisversie", versie), "ongeldige kennisversie")


# ------------------------------------------------------------------ store arguments, before the network
def test_wachtwoord_in_het_adres_wordt_geweigerd():
    fout(cli("advies", AANVRAAG, "--kennisbron", "http://dba:geheim@127.0.0.1:1/sparql"), "geen gebruiker of wachtwoord")


@pytest.mark.parametrize("url", ["ftp://host/sparql", "sparql", "file:///etc/passwd"])
def test_alleen_http_adressen(url):
    fout(cli("advies", AANVRAAG, "--kennisbron", url), "geen http(s)-adres")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_onbereikbare_kennisbron_zonder_cache_is_exit_2():
    url = f"http://127.0.0.1:{vrije_poort()}/sparql"
    fout(cli("advies", AANVRAAG, "--kennisbron", url), f"kennisbron {url} is niet bereikbaar",
         "nog geen versie van landelijk")


def test_regionaam_bereikt_nooit_de_query():
    fout(cli("advies", AANVRAAG, "--regio", 'x" } DROP ALL { "', "--kennisbron", "http://127.0.0.1:1/sparql"),
         "ongeldige regionaam")


def test_values_blok_neemt_alleen_rdflib_termen_en_laat_rdflib_escapen():
    blok = waarden(("profiel", "versie"), [(URIRef("https://advieswijzer.nl/kennis/landelijk"),
                                             Literal('x" } DROP ALL { "'))])
    assert blok == ('VALUES (?profiel ?versie) { (<https://advieswijzer.nl/kennis/landelijk> '
                    '"x\\" } DROP ALL { \\"") }')
    with pytest.raises(TypeError):
        waarden(("profiel",), [("https://advieswijzer.nl/kennis/landelijk",)])
    with pytest.raises(Exception, match="valid URI"):
        waarden(("g",), [(URIRef("http://x> } DROP ALL {"),)])


def test_publiceer_weigert_kennis_die_niet_door_de_controle_komt(tmp_path):
    kapot = tmp_path / "eigen" / "regio" / "kapot.ttl"
    kapot.parent.mkdir(parents=True)
    kapot.write_text((ROOT / "tests" / "opslag" / "kapot-profiel.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    # nothing listens on this port: the check refuses before any connection is tried
    fout(cli("kennis", "publiceer", "--naar", f"http://127.0.0.1:{vrije_poort()}/gsp", "--regio", "kapot",
             "--kennismap", tmp_path / "eigen"), "niet gepubliceerd: kapot voldoet niet", "bestaat-niet")


def test_kennisfout_is_de_basis_van_opslagfouten():
    from advieswijzer.kennis.opslag import Onbereikbaar, OpslagFout

    assert issubclass(Onbereikbaar, OpslagFout) and issubclass(OpslagFout, KennisFout)
