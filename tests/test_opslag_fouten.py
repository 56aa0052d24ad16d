"""How the store client handles a server that misbehaves, without needing Virtuoso: a small HTTP server on
127.0.0.1 answers what a real one might (a truncated CONSTRUCT, HTML instead of JSON, 503, a Basic challenge)."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from advieswijzer.kennis.laden import Kennisbron, KennisFout, laad_kennis
from advieswijzer.kennis.opslag import Opslag, OpslagFout, Publicatie, Verbinding, beschrijving, schrijf_graaf
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

GRAAF = "https://advieswijzer.nl/kennis/landelijk/sha256-0123456789abcdef"


class Antwoorden(BaseHTTPRequestHandler):
    antwoord = staticmethod(lambda verzoek: (500, {}, b""))
    verzoeken: list = []

    def _behandel(self):
        lengte = int(self.headers.get("Content-Length") or 0)
        verzoek = {"methode": self.command, "pad": self.path, "headers": dict(self.headers),
                   "body": self.rfile.read(lengte)}
        type(self).verzoeken.append(verzoek)
        status, headers, body = type(self).antwoord(verzoek)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _behandel

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ADVIESWIJZER_KENNISBRON_GEBRUIKER", raising=False)
    monkeypatch.delenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "geen-netrc"))
    klasse = type("Handler", (Antwoorden,), {"verzoeken": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), klasse)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield klasse, f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    httpd.shutdown()
    httpd.server_close()


def select_antwoord(*rijen: dict) -> bytes:
    return json.dumps({"head": {"vars": []}, "results": {"bindings": [
        {k: {"type": "uri" if v.startswith("http") else "literal", "value": v} for k, v in r.items()} for r in rijen]}}
    ).encode()


def test_afgekapt_constructresultaat_wordt_niet_gebruikt(server):
    klasse, url = server
    inhoud = Graph()
    for i in range(5):
        inhoud.add((URIRef(f"https://advieswijzer.nl/id/x{i}"), RDF.type, RDFS.Class))
    pub = Publicatie(GRAAF, None, "sha256:0123456789abcdef", "2026-11-26T00:00:00Z")
    afgekapt = Graph()
    for t in list(inhoud)[:3] + list(beschrijving(pub, len(inhoud))):
        afgekapt.add(t)
    klasse.antwoord = staticmethod(lambda v: (200, {"Content-Type": "application/n-triples"},
                                              afgekapt.serialize(format="nt", encoding="utf-8")))
    with pytest.raises(OpslagFout, match="3 van de 5 triples.*ResultSetMaxRows"):
        Opslag(url).lees(pub)


def test_html_in_plaats_van_sparql_resultaat(server):
    klasse, url = server
    klasse.antwoord = staticmethod(lambda v: (200, {"Content-Type": "text/html"}, b"<html>inloggen</html>"))
    with pytest.raises(KennisFout, match="geen SPARQL-resultaat in JSON"):
        laad_kennis(bron=Kennisbron(url=url))


def test_503_is_onbereikbaar_en_zonder_cache_een_fout(server):
    klasse, url = server
    klasse.antwoord = staticmethod(lambda v: (503, {}, b"onderhoud"))
    with pytest.raises(KennisFout, match=r"niet beschikbaar \(HTTP 503\).*nog geen versie van landelijk"):
        laad_kennis(bron=Kennisbron(url=url))


def test_de_versievraag_is_een_post_met_de_waarden_in_een_values_blok(server):
    klasse, url = server
    klasse.antwoord = staticmethod(lambda v: (200, {"Content-Type": "application/sparql-results+json"},
                                              select_antwoord()))
    assert Opslag(url).huidige("oost") is None
    [verzoek] = klasse.verzoeken
    assert verzoek["methode"] == "POST"
    query = parse_qs(verzoek["body"].decode())["query"][0]
    assert "VALUES (?profiel) { (<https://advieswijzer.nl/kennis/regio/oost>) }" in query
    assert query.rstrip().endswith("LIMIT 1")


def test_basic_als_de_server_geen_digest_vraagt(server, monkeypatch):
    klasse, url = server
    monkeypatch.setenv("ADVIESWIJZER_KENNISBRON_GEBRUIKER", "beheer")
    monkeypatch.setenv("ADVIESWIJZER_KENNISBRON_WACHTWOORD", "geheim")
    goed = "Basic " + base64.b64encode(b"beheer:geheim").decode()

    def antwoord(v):
        if v["headers"].get("Authorization") == goed:
            return 201, {}, b""
        return 401, {"WWW-Authenticate": 'Basic realm="opslag"'}, b""

    klasse.antwoord = staticmethod(antwoord)
    pub = Publicatie(GRAAF, None, "sha256:0123456789abcdef", "2026-11-26T00:00:00Z")
    schrijf_graaf(Verbinding(url, "Graph Store"), pub, Graph())
    eerste, tweede = klasse.verzoeken
    assert "Authorization" not in eerste["headers"]  # no password in clear text before the server asks for Basic
    assert tweede["methode"] == "PUT" and "graph=https" in tweede["pad"]
    assert tweede["headers"]["Content-Type"].startswith("application/n-triples")
