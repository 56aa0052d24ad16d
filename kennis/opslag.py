"""The shared knowledge store: each profile and knowledge version as a named graph on a SPARQL 1.1 server.

Writing uses the SPARQL 1.1 Graph Store HTTP Protocol (PUT, one graph per profile and version, the
version in the graph IRI): a publication never changes an older one, and publishing the same version
again is harmless. Each graph describes itself (subject = its own IRI, standard terms only:
dct:isVersionOf the profile, owl:versionInfo the kennis.versie, dct:requires the national graph a
regional profile builds on, void:triples, dct:issued, dct:valid). The most recently issued graph of a
profile is its current version, so there is no shared catalogue that two publishers could overwrite.

Reading uses the SPARQL 1.1 Protocol: one small SELECT for the current version, one CONSTRUCT per graph.
Values reach a query only as rdflib terms in a VALUES block (rdflib's `n3()` escapes them, and refuses
an IRI that is not one); the block sits inside the WHERE pattern because Virtuoso 7 refuses a trailing
VALUES on CONSTRUCT.

Credentials come from ADVIESWIJZER_KENNISBRON_GEBRUIKER/_WACHTWOORD or a netrc entry for the host, never
from the command line. Digest is tried before Basic, so the password is never sent in clear text to a
server that can do better.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from advieswijzer.ontologie.namen import KENNISGRAAF
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, VOID, XSD

from .laden import KennisFout

TIJDSLIMIET = (3.05, 60)  # seconds: connecting, then reading a response
GEBRUIKER, WACHTWOORD = "ADVIESWIJZER_KENNISBRON_GEBRUIKER", "ADVIESWIJZER_KENNISBRON_WACHTWOORD"
PREFIXEN = ("PREFIX dct: <http://purl.org/dc/terms/>\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
            "PREFIX void: <http://rdfs.org/ns/void#>\n")


class OpslagFout(KennisFout):
    """The store refused or failed; the message says what to do."""


class Onbereikbaar(OpslagFout):
    """The store cannot be reached (no connection, no answer in time, 502-504)."""


def profiel_iri(regio: str | None) -> URIRef:
    return KENNISGRAAF["landelijk"] if regio is None else KENNISGRAAF[f"regio/{regio}"]


def graaf_iri(regio: str | None, versie: str) -> URIRef:
    return URIRef(f"{profiel_iri(regio)}/{versie.replace(':', '-')}")


def regio_van(profiel: str) -> str | None:
    lokaal = str(profiel).removeprefix(str(KENNISGRAAF))
    return None if lokaal == "landelijk" else lokaal.removeprefix("regio/")


@dataclass(frozen=True)
class Publicatie:
    """One published graph: a profile (landelijk or a regio) in one knowledge version."""

    graaf: str
    regio: str | None
    versie: str
    uitgegeven: str  # ISO 8601
    basis: str | None = None  # the national graph a regional profile builds on
    geldig: str | None = None  # dct:valid, ISO 8601 interval with '..' for an open end

    @property
    def profiel(self) -> str:
        return self.regio or "landelijk"


def beschrijving(pub: Publicatie, triples: int) -> Graph:
    """The triples by which a published graph describes itself."""
    g = Graph()
    s = URIRef(pub.graaf)
    g.add((s, DCTERMS.isVersionOf, profiel_iri(pub.regio)))
    g.add((s, OWL.versionInfo, Literal(pub.versie)))
    g.add((s, DCTERMS.issued, Literal(pub.uitgegeven, datatype=XSD.dateTime)))
    g.add((s, VOID.triples, Literal(triples)))
    if pub.basis:
        g.add((s, DCTERMS.requires, URIRef(pub.basis)))
    if pub.geldig:
        g.add((s, DCTERMS.valid, Literal(pub.geldig)))
    return g


def waarden(variabelen: tuple[str, ...], rijen: list[tuple]) -> str:
    """A VALUES block; variable names are the caller's constants, values rdflib terms serialised by rdflib."""
    for rij in rijen:
        if len(rij) != len(variabelen) or not all(isinstance(t, URIRef | Literal) for t in rij):
            raise TypeError("VALUES takes rdflib URIRef or Literal terms only")
    kop = " ".join(f"?{v}" for v in variabelen)
    return f"VALUES ({kop}) {{ " + " ".join("(" + " ".join(t.n3() for t in rij) + ")" for rij in rijen) + " }"


def controleer_url(url: str, soort: str) -> str:
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.hostname:
        raise OpslagFout(f"{soort} {url!r} is geen http(s)-adres")
    if delen.username or delen.password:
        raise OpslagFout(f"{soort}: zet geen gebruiker of wachtwoord in het adres (het komt dan in de shellgeschiedenis); "
                         f"gebruik {GEBRUIKER} en {WACHTWOORD}, of ~/.netrc")
    return url


def inloggegevens(url: str) -> tuple[tuple[str, str] | None, str]:
    """(user, password) and where they came from: the environment first, then netrc ($NETRC or ~/.netrc)."""
    gebruiker, wachtwoord = os.environ.get(GEBRUIKER), os.environ.get(WACHTWOORD)
    if gebruiker or wachtwoord:
        if not (gebruiker and wachtwoord):
            raise OpslagFout(f"zet {GEBRUIKER} en {WACHTWOORD} allebei, of geen van beide (dan geldt ~/.netrc)")
        return (gebruiker, wachtwoord), f"gebruiker {gebruiker!r} uit {GEBRUIKER}"
    from requests.utils import get_netrc_auth

    uit_netrc = get_netrc_auth(url)
    if uit_netrc:
        return uit_netrc, f"gebruiker {uit_netrc[0]!r} uit netrc"
    return None, "zonder inloggegevens"


class Verbinding:
    """HTTP to one endpoint: credentials, time limits, and HTTP errors as Dutch messages."""

    def __init__(self, url: str, soort: str):
        import requests

        self.url = controleer_url(url, soort)
        self.soort = soort
        self.inlog, self.herkomst = inloggegevens(url)
        self.sessie = requests.Session()

    def verstuur(self, methode: str, wat: str, **kwargs):
        import requests
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        try:
            r = self.sessie.request(methode, self.url, auth=HTTPDigestAuth(*self.inlog) if self.inlog else None,
                                    timeout=TIJDSLIMIET, **kwargs)
            if r.status_code == 401 and self.inlog and "basic" in r.headers.get("WWW-Authenticate", "").lower():
                r = self.sessie.request(methode, self.url, auth=HTTPBasicAuth(*self.inlog), timeout=TIJDSLIMIET, **kwargs)
        except requests.Timeout:
            raise Onbereikbaar(f"{self.soort} {self.url} gaf geen antwoord binnen {TIJDSLIMIET[1]:.0f} s") from None
        except requests.ConnectionError as fout:
            reden = "verbinding geweigerd" if "refused" in str(fout).lower() else "geen verbinding"
            raise Onbereikbaar(f"{self.soort} {self.url} is niet bereikbaar ({reden})") from None
        except requests.RequestException as fout:
            raise OpslagFout(f"{self.soort} {self.url}: {type(fout).__name__}") from None
        self._controleer(r, wat)
        return r

    def _controleer(self, r, wat: str) -> None:
        if r.status_code < 400:
            return
        host = urlsplit(self.url).hostname
        if r.status_code in (401, 403):
            raise OpslagFout(f"{self.soort} {self.url} weigert {wat} (HTTP {r.status_code}, {self.herkomst}); zet de "
                             f"juiste gebruiker en het wachtwoord in {GEBRUIKER} en {WACHTWOORD}, of in ~/.netrc "
                             f"('machine {host} login ... password ...')")
        if r.status_code in (502, 503, 504):
            raise Onbereikbaar(f"{self.soort} {self.url} is niet beschikbaar (HTTP {r.status_code})")
        if r.status_code in (404, 405, 501):
            raise OpslagFout(f"{self.soort} {self.url} bestaat niet of kan dit niet (HTTP {r.status_code} bij {wat}); "
                             "bij Virtuoso is het SPARQL-eindpunt .../sparql en het Graph Store-eindpunt "
                             ".../sparql-graph-crud-auth")
        eerste = next((regel.strip() for regel in r.text.splitlines() if regel.strip()), "")[:200]
        raise OpslagFout(f"{self.soort} {self.url} gaf HTTP {r.status_code} bij {wat}" + (f": {eerste}" if eerste else ""))


class Opslag:
    """Reading a shared store through its SPARQL 1.1 query endpoint."""

    def __init__(self, url: str):
        self.verbinding = Verbinding(url, "kennisbron")
        self.url = self.verbinding.url

    def _vraag(self, query: str, accept: str, wat: str):
        # POST with a form body (SPARQL 1.1 Protocol 2.1.2): no length limit, nothing in server logs' URLs
        return self.verbinding.verstuur("POST", wat, data={"query": query}, headers={"Accept": accept})

    def _select(self, query: str, wat: str) -> list[dict[str, str]]:
        """The bindings of a SELECT as plain strings. Read with json: rdflib's result parser would import
        its whole SPARQL engine (about half a second) on the warm path, which is only this one question."""
        r = self._vraag(query, "application/sparql-results+json", wat)
        try:
            return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise OpslagFout(f"kennisbron {self.url} gaf geen SPARQL-resultaat in JSON bij {wat}") from None

    def publicaties(self, regio: str | None = None, versie: str | None = None, *, alle_profielen: bool = False,
                    alleen_nieuwste: bool = False) -> list[Publicatie]:
        """Published graphs, newest first: of one profile (optionally one version), or of every profile."""
        if alle_profielen:
            filter_ = ""
        elif versie:
            filter_ = waarden(("profiel", "versie"), [(profiel_iri(regio), Literal(versie))])
        else:
            filter_ = waarden(("profiel",), [(profiel_iri(regio),)])
        query = PREFIXEN + (
            "SELECT ?graaf ?profiel ?versie ?uitgegeven ?basis ?geldig WHERE {\n"
            f"  {filter_}\n"
            "  GRAPH ?graaf { ?graaf dct:isVersionOf ?profiel ; owl:versionInfo ?versie ; dct:issued ?uitgegeven .\n"
            "    OPTIONAL { ?graaf dct:requires ?basis } OPTIONAL { ?graaf dct:valid ?geldig } }\n"
            "} ORDER BY DESC(?uitgegeven)" + (" LIMIT 1" if alleen_nieuwste else ""))
        uit = []
        for b in self._select(query, "de vraag naar de kennisversie"):
            if not b["profiel"].startswith(str(KENNISGRAAF)):
                continue  # someone else's graph in the same store
            uit.append(Publicatie(b["graaf"], regio_van(b["profiel"]), b["versie"], b["uitgegeven"],
                                  b.get("basis"), b.get("geldig")))
        return uit

    def huidige(self, regio: str | None) -> Publicatie | None:
        """The current version of a profile: one small query."""
        return next(iter(self.publicaties(regio, alleen_nieuwste=True)), None)

    def zoek(self, regio: str | None, versie: str) -> Publicatie | None:
        return next(iter(self.publicaties(regio, versie, alleen_nieuwste=True)), None)

    def graaf(self, iri: str) -> Graph:
        """One named graph without its self-description; fails when the server returned fewer triples."""
        query = ("CONSTRUCT { ?s ?p ?o } WHERE {\n  " + waarden(("g",), [(URIRef(iri),)]) +
                 "\n  GRAPH ?g { ?s ?p ?o }\n}")
        r = self._vraag(query, "application/n-triples, text/turtle;q=0.9", f"het lezen van {iri}")
        soort = r.headers.get("Content-Type", "").split(";")[0].strip()
        g = Graph()
        try:
            g.parse(data=r.text, format="turtle" if soort == "text/turtle" else "nt")
        except Exception as fout:  # rdflib's parsers raise several types
            raise OpslagFout(f"kennisbron {self.url} gaf voor {iri} geen leesbare RDF ({fout})") from None
        s = URIRef(iri)
        verwacht = g.value(s, VOID.triples)
        g.remove((s, None, None))
        if verwacht is None:
            raise OpslagFout(f"graaf {iri} staat niet (volledig) in kennisbron {self.url}")
        if len(g) != int(verwacht):
            raise OpslagFout(f"kennisbron {self.url} gaf {len(g)} van de {int(verwacht)} triples van {iri}; "
                             "staat het maximum aantal resultaatrijen van de server te laag (Virtuoso: "
                             "ResultSetMaxRows in [SPARQL])?")
        return g

    def lees(self, pub: Publicatie) -> Graph:
        """The knowledge of a publication: the national graph plus, for a regio, its profile."""
        g = Graph()
        for iri in (pub.basis, pub.graaf) if pub.basis else (pub.graaf,):
            g += self.graaf(iri)
        return g


def schrijf_graaf(naar: Verbinding, pub: Publicatie, inhoud: Graph) -> None:
    """PUT the graph with its self-description (Graph Store HTTP Protocol 5.3: replaces that graph only)."""
    data = inhoud + beschrijving(pub, len(inhoud))
    naar.verstuur("PUT", f"het schrijven van {pub.graaf}", params={"graph": pub.graaf},
                  data=data.serialize(format="nt", encoding="utf-8"),
                  headers={"Content-Type": "application/n-triples; charset=utf-8"})
