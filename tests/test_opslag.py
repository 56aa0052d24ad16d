"""The shared store on a real SPARQL server (issue 13, parts 2-4): publish, read back, advice identical to
the folder's, version switch, reproducing an old version, server down (cached version with a warning),
wrong password (exit 2, no traceback).

`.ci/run` starts Virtuoso and sets ADVIESWIJZER_TEST_SPARQL (query endpoint), ADVIESWIJZER_TEST_GRAPHSTORE
(Graph Store endpoint) and ADVIESWIJZER_TEST_GEBRUIKER/_WACHTWOORD; without them these tests are skipped.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from urllib.parse import urlsplit

import pytest
from advieswijzer.cli import main
from advieswijzer.kennis.laden import Kennisbron, laad_graaf, laad_kennis
from click.testing import CliRunner
from rdflib.compare import isomorphic

from .conftest import VOORBEELDEN

SPARQL = os.environ.get("ADVIESWIJZER_TEST_SPARQL")
GRAPHSTORE = os.environ.get("ADVIESWIJZER_TEST_GRAPHSTORE")
pytestmark = pytest.mark.skipif(
    not (SPARQL and GRAPHSTORE),
    reason="geen SPARQL-server ingesteld: zet ADVIESWIJZER_TEST_SPARQL en ADVIESWIJZER_TEST_GRAPHSTORE "
           "(.ci/run start Virtuoso en zet ze)")

AANVRAGEN = sorted((VOORBEELDEN / "aanvragen").glob("*.json"))
WINDTURBINE = json.dumps({"id": "W-1", "soort": "omgevingsvergunning", "activiteiten": ["windturbine"],
                          "datum": "2026-11-23"})
KOP = "trigger_type,trigger,voorwaarde,ggd,veiligheidsregio,onderwerpen,bron\n"


@pytest.fixture(autouse=True)
def omgeving(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ADVIESWIJZER_KENNISMAP", str(tmp_path / "kennismap"))
    monkeypatch.setenv("ADVIESWIJZER_KENNISBRON_GEBRUIKER", os.environ.get("ADVIESWIJZER_TEST_GEBRUIKER", "dba"))
    monkeypatch.setenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD", os.environ.get("ADVIESWIJZER_TEST_WACHTWOORD", "dba"))


def cli(*args, invoer=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=invoer)


def ok(uit):
    assert uit.exit_code == 0, (uit.exit_code, uit.stdout, uit.stderr)
    assert "Traceback" not in uit.stdout + uit.stderr
    return uit


@pytest.fixture(scope="module")
def gepubliceerd():
    """The shipped knowledge (national and voorbeeld) in the store, as `.ci/run` loads it."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ADVIESWIJZER_KENNISBRON_GEBRUIKER", os.environ.get("ADVIESWIJZER_TEST_GEBRUIKER", "dba"))
    mp.setenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD", os.environ.get("ADVIESWIJZER_TEST_WACHTWOORD", "dba"))
    uit = ok(cli("kennis", "publiceer", "--naar", GRAPHSTORE, "--regio", "voorbeeld"))
    mp.undo()
    return uit.stdout


def nieuwe_regio() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def profiel(tmp_path, regio, *rijen, overschrijf=False):
    pad = tmp_path / f"{regio}.csv"
    pad.write_text(KOP + "".join(rijen), encoding="utf-8")
    ok(cli("kennis", "importeer", pad, "--regio", regio, *(["--overschrijf"] if overschrijf else [])))
    return ok(cli("kennis", "publiceer", "--naar", GRAPHSTORE, "--regio", regio))


def partners(uit) -> set[str]:
    return {p["partner"] for p in json.loads(ok(uit).stdout)["partners"]}


# ------------------------------------------------------------------ publish and read back
def test_publiceren_noemt_elk_profiel_met_de_versie_van_de_mappen(gepubliceerd):
    assert f"landelijk: kennisversie {laad_kennis(cache=False).versie} -> " in gepubliceerd
    assert f"voorbeeld: kennisversie {laad_kennis('voorbeeld', cache=False).versie} -> " in gepubliceerd
    lijst = json.loads(ok(cli("kennis", "regio's", "--kennisbron", SPARQL, "--format", "json")).stdout)
    huidig = {p["regio"]: p for p in lijst if p["huidig"]}
    assert huidig["landelijk"]["versie"] == laad_kennis(cache=False).versie
    assert huidig["voorbeeld"]["versie"] == laad_kennis("voorbeeld", cache=False).versie
    assert huidig["voorbeeld"]["herkomst"] == "kennisbron"
    assert huidig["voorbeeld"]["plaats"].endswith("/regio/voorbeeld/" + huidig["voorbeeld"]["versie"].replace(":", "-"))


@pytest.mark.parametrize("regio", [None, "voorbeeld"])
def test_teruggelezen_graaf_is_die_van_de_mappen(gepubliceerd, regio):
    uit_opslag = laad_graaf(regio=regio, bron=Kennisbron(url=SPARQL))
    assert isomorphic(uit_opslag, laad_graaf(regio=regio))


@pytest.mark.parametrize("regio", [None, "voorbeeld"])
def test_gecompileerde_kennis_is_die_van_de_mappen(gepubliceerd, regio):
    assert laad_kennis(regio, cache=False, bron=Kennisbron(url=SPARQL)).naar_json() == \
        laad_kennis(regio, cache=False).naar_json()


@pytest.mark.parametrize("regio", [[], ["--regio", "voorbeeld"]], ids=["landelijk", "voorbeeld"])
@pytest.mark.parametrize("aanvraag", AANVRAGEN, ids=[a.stem for a in AANVRAGEN])
def test_advies_uit_de_opslag_is_dat_uit_de_mappen(gepubliceerd, aanvraag, regio):
    map_ = ok(cli("advies", aanvraag, "--format", "json", "--uitleg", *regio))
    opslag = ok(cli("advies", aanvraag, "--format", "json", "--uitleg", "--kennisbron", SPARQL, *regio))
    assert opslag.stdout == map_.stdout


def test_kruisjeslijst_uit_de_opslag_is_die_uit_de_mappen(gepubliceerd, tmp_path):
    ok(cli("kennis", "kruisjeslijst", "-o", tmp_path / "map.csv", "--regio", "voorbeeld"))
    ok(cli("kennis", "kruisjeslijst", "-o", tmp_path / "opslag.csv", "--regio", "voorbeeld", "--kennisbron", SPARQL))
    assert (tmp_path / "opslag.csv").read_bytes() == (tmp_path / "map.csv").read_bytes()
    controle = ok(cli("kennis", "controleer", "--format", "json", "--kennisbron", SPARQL))
    assert json.loads(controle.stdout)["conform"] is True


# ------------------------------------------------------------------ fast: one small query when warm
@pytest.fixture
def verzoeken(monkeypatch):
    """Every HTTP request the store client makes (method, the query's first keyword)."""
    import requests

    gedaan = []
    echt = requests.Session.request

    def tel(self, methode, url, **kwargs):
        query = (kwargs.get("data") or {}).get("query", "") if isinstance(kwargs.get("data"), dict) else ""
        woord = next((w for w in ("SELECT", "CONSTRUCT") if w in query), "")
        gedaan.append((methode, woord))
        return echt(self, methode, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", tel)
    return gedaan


def test_warm_alleen_de_versievraag_koud_ook_de_grafen(gepubliceerd, verzoeken):
    bron = Kennisbron(url=SPARQL)
    laad_kennis("voorbeeld", bron=bron)
    assert verzoeken == [("POST", "SELECT"), ("POST", "CONSTRUCT"), ("POST", "CONSTRUCT")]
    verzoeken.clear()
    laad_kennis("voorbeeld", bron=bron)
    assert verzoeken == [("POST", "SELECT")]


# ------------------------------------------------------------------ versions
def test_nieuwe_versie_wordt_gebruikt_en_de_oude_blijft_na_te_maken(gepubliceerd, tmp_path, monkeypatch):
    regio = nieuwe_regio()
    profiel(tmp_path, regio, 'activiteit,windturbine,,x,,gezondheid,"modelconvenant-rgs, art. 3 (test)"\n')
    eerst = ok(cli("advies", "-", "--format", "json", "--regio", regio, "--kennisbron", SPARQL, invoer=WINDTURBINE))
    v1 = json.loads(eerst.stdout)["kennis"]["versie"]
    assert "ggd" in partners(eerst)

    profiel(tmp_path, regio, 'activiteit,windturbine,,,x,externe-veiligheid,"modelconvenant-rgs, art. 3 (test)"\n',
            overschrijf=True)
    daarna = ok(cli("advies", "-", "--format", "json", "--regio", regio, "--kennisbron", SPARQL, invoer=WINDTURBINE))
    v2 = json.loads(daarna.stdout)["kennis"]["versie"]
    assert v2 != v1 and "ggd" not in partners(daarna) and "veiligheidsregio" in partners(daarna)

    # the old version: from the cache, and on a machine that never saw it, from the store
    for cache in ("cache", "lege-cache"):
        monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / cache))
        terug = ok(cli("advies", "-", "--format", "json", "--regio", regio, "--kennisbron", SPARQL,
                       "--kennisversie", v1, invoer=WINDTURBINE))
        assert terug.stdout == eerst.stdout

    uit = cli("advies", "-", "--regio", regio, "--kennisbron", SPARQL, "--kennisversie", "sha256:0000000000000000",
              invoer=WINDTURBINE)
    assert uit.exit_code == 2 and "Traceback" not in uit.stderr
    assert "kennisversie sha256:0000000000000000" in uit.stderr and "niet beschikbaar" in uit.stderr
    assert v1 in uit.stderr and v2 in uit.stderr  # it says which versions there are

    lijst = json.loads(ok(cli("kennis", "regio's", "--kennisbron", SPARQL, "--format", "json")).stdout)
    assert [(p["versie"], p["huidig"]) for p in lijst if p["regio"] == regio] == [(v2, True), (v1, False)]


def test_onbekend_regioprofiel_in_de_opslag(gepubliceerd):
    uit = cli("advies", str(AANVRAGEN[0]), "--regio", nieuwe_regio(), "--kennisbron", SPARQL)
    assert uit.exit_code == 2 and "staat niet in kennisbron" in uit.stderr and "voorbeeld" in uit.stderr


# ------------------------------------------------------------------ server down
class Doorgever:
    """A TCP relay on 127.0.0.1 in front of the real server: stopping it takes the store 'down' at the same URL."""

    def __init__(self, doel: str):
        delen = urlsplit(doel)
        self.doel = (delen.hostname, delen.port or 80)
        self.luister = socket.create_server(("127.0.0.1", 0))
        self.poort = self.luister.getsockname()[1]
        self.url = f"{delen.scheme}://127.0.0.1:{self.poort}{delen.path}"
        self.open: list[socket.socket] = []
        threading.Thread(target=self._aanvaard, daemon=True).start()

    def _aanvaard(self):
        while True:
            try:
                klant, _ = self.luister.accept()
            except OSError:
                return
            server = socket.create_connection(self.doel)
            self.open += [klant, server]
            for van, naar in ((klant, server), (server, klant)):
                threading.Thread(target=self._pomp, args=(van, naar), daemon=True).start()

    @staticmethod
    def _pomp(van, naar):
        try:
            while data := van.recv(65536):
                naar.sendall(data)
        except OSError:
            pass
        finally:
            for s in (van, naar):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self):
        try:  # wakes the blocked accept(); close() alone leaves the kernel socket listening
            self.luister.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.luister.close()
        for s in self.open:
            s.close()


def test_server_weg_dan_laatst_opgehaalde_versie_met_waarschuwing(gepubliceerd, tmp_path, monkeypatch):
    doorgever = Doorgever(SPARQL)
    try:
        eerst = ok(cli("advies", str(AANVRAGEN[0]), "--format", "json", "--regio", "voorbeeld",
                       "--kennisbron", doorgever.url))
        assert eerst.stderr == ""
    finally:
        doorgever.stop()
    versie = json.loads(eerst.stdout)["kennis"]["versie"]
    daarna = ok(cli("advies", str(AANVRAGEN[0]), "--format", "json", "--regio", "voorbeeld",
                    "--kennisbron", doorgever.url))
    assert daarna.stdout == eerst.stdout
    waarschuwing = daarna.stderr.strip()
    assert waarschuwing.startswith("waarschuwing: ") and len(waarschuwing.splitlines()) == 1
    assert "niet bereikbaar" in waarschuwing and versie in waarschuwing and "voorbeeld" in waarschuwing

    # a machine that never fetched anything from this store: no silent answer, exit 2
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "andere-cache"))
    uit = cli("advies", str(AANVRAGEN[0]), "--kennisbron", doorgever.url)
    assert uit.exit_code == 2 and uit.stdout == "" and "Traceback" not in uit.stderr
    assert "niet bereikbaar" in uit.stderr and "nog geen versie" in uit.stderr


# ------------------------------------------------------------------ credentials
def test_verkeerd_wachtwoord_is_exit_2_zonder_traceback(monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD", "fout-wachtwoord")
    uit = cli("kennis", "publiceer", "--naar", GRAPHSTORE, "--regio", "voorbeeld")
    assert uit.exit_code == 2, uit.stderr
    assert "Traceback" not in uit.stdout + uit.stderr and "fout-wachtwoord" not in uit.stdout + uit.stderr
    assert "weigert" in uit.stderr and "HTTP 401" in uit.stderr and "ADVIESWIJZER_KENNISBRON_WACHTWOORD" in uit.stderr


def test_zonder_inloggegevens_weigert_de_graph_store(monkeypatch, tmp_path):
    monkeypatch.delenv("ADVIESWIJZER_KENNISBRON_GEBRUIKER")
    monkeypatch.delenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD")
    monkeypatch.setenv("NETRC", str(tmp_path / "bestaat-niet"))
    uit = cli("kennis", "publiceer", "--naar", GRAPHSTORE, "--regio", "voorbeeld")
    assert uit.exit_code == 2 and "zonder inloggegevens" in uit.stderr


def test_inloggegevens_uit_netrc(monkeypatch, tmp_path, gepubliceerd):
    gebruiker = os.environ["ADVIESWIJZER_KENNISBRON_GEBRUIKER"]
    wachtwoord = os.environ["ADVIESWIJZER_KENNISBRON_WACHTWOORD"]
    monkeypatch.delenv("ADVIESWIJZER_KENNISBRON_GEBRUIKER")
    monkeypatch.delenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD")
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {urlsplit(GRAPHSTORE).hostname} login {gebruiker} password {wachtwoord}\n",
                     encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    ok(cli("kennis", "publiceer", "--naar", GRAPHSTORE, "--regio", "voorbeeld"))


# ------------------------------------------------------------------ batch
def test_batch_uit_de_opslag_is_die_uit_de_mappen(gepubliceerd, tmp_path):
    invoer = VOORBEELDEN / "batch" / "inkomend.csv"
    for jobs in ("1", "2"):
        map_ = cli("batch", invoer, "-o", tmp_path / f"map-{jobs}.jsonl", "--regio", "voorbeeld", "--jobs", jobs)
        opslag = cli("batch", invoer, "-o", tmp_path / f"opslag-{jobs}.jsonl", "--regio", "voorbeeld", "--jobs", jobs,
                     "--kennisbron", SPARQL)
        assert opslag.exit_code == map_.exit_code
        assert (tmp_path / f"opslag-{jobs}.jsonl").read_text() == (tmp_path / f"map-{jobs}.jsonl").read_text()


def test_verkeerd_eindpunt_zegt_welk_eindpunt_het_moet_zijn():
    uit = cli("advies", str(AANVRAGEN[0]), "--kennisbron", SPARQL.rsplit("/", 1)[0] + "/nergens")
    assert uit.exit_code == 2 and "Traceback" not in uit.stderr
    assert "HTTP 404" in uit.stderr and ".../sparql" in uit.stderr
