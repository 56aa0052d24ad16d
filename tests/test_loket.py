"""The loket web app (contract §7): form from the knowledge, same advice as the library, JSON twins."""

from __future__ import annotations

import json
import re

import pytest
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.loket.app import LIJSTEN, concrete_activiteiten, formulier_naar_aanvraag, maak_app
from advieswijzer.regels.advies import maak_advies
from werkzeug.datastructures import MultiDict

from .conftest import ROOT, VOORBEELDEN

WATERSTOF = VOORBEELDEN / "aanvragen" / "waterstoftankstation.json"


@pytest.fixture(scope="module")
def client(kennis):
    app = maak_app(kennis=kennis)
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="module")
def waterstof() -> dict:
    return json.loads(WATERSTOF.read_text(encoding="utf-8"))


def als_formulier(a: dict) -> dict:
    """A contract §1 aanvraag as the form fields (= batch columns, contract §4)."""
    loc, risico = a.get("locatie", {}), a.get("risico", {})
    velden = {"id": a["id"], "omschrijving": a.get("omschrijving", ""), "soort": a["soort"],
              "activiteiten": a["activiteiten"], "bevoegd_gezag": a.get("bevoegd_gezag", ""),
              "gevolgklasse": str(a.get("gevolgklasse", "")), "gebiedstype": loc.get("gebiedstype", ""),
              "aandachtsgebieden": loc.get("aandachtsgebieden", []),
              "kwetsbare_objecten": loc.get("kwetsbare_objecten", []), "kenmerken": a.get("kenmerken", []),
              "kennis_nodig_van": risico.get("kennis_nodig_van", []),
              "meerwaarde_gezien_door": risico.get("meerwaarde_gezien_door", []), "datum": a.get("datum", "")}
    if risico.get("nieuw_of_onbekend"):
        velden["nieuw_of_onbekend"] = "ja"
    if risico.get("startpunt_bredere_ontwikkeling"):
        velden["startpunt_bredere_ontwikkeling"] = "ja"
    return velden


def test_formulier_toont_elk_id_uit_de_kennis(client, kennis):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    for veld, lijst in LIJSTEN.items():
        ids = concrete_activiteiten(kennis) if veld == "activiteiten" else kennis.ids(lijst)
        assert ids, lijst
        for ident in ids:
            assert f'name="{veld}" value="{ident}"' in html or f'<option value="{ident}"' in html, (veld, ident)


def test_formulier_biedt_alleen_concrete_activiteiten(client, kennis):
    """Categories (broader concepts in the taxonomy) are group headings, never an option to tick."""
    html = client.get("/").get_data(as_text=True)
    categorieen = {b for bredere in kennis.bredere.values() for b in bredere}
    assert {"milieubelastende-activiteit", "energietransitie"} <= categorieen
    for categorie in categorieen:
        assert f'value="{categorie}"' not in html, categorie
    assert "tanken-lpg" in concrete_activiteiten(kennis) and "energietransitie" not in concrete_activiteiten(kennis)
    # a category given anyway (an old link, the API) is kept, ticked, not lost
    html = client.get("/?activiteiten=milieubelastende-activiteit").get_data(as_text=True)
    assert 'value="milieubelastende-activiteit" data-label="Milieubelastende activiteit (MBA)" checked' in html


def test_formulier_gebruikt_geen_externe_bronnen(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert client.get("/static/loket.css").status_code == 200


def test_begrippen_is_de_json_tweeling_van_het_formulier(client, kennis):
    data = client.get("/api/begrippen").get_json()
    for veld, lijst in LIJSTEN.items():
        assert data["velden"][veld] == kennis.ids(lijst)
    gegroepeerd = [i for g in data["activiteitgroepen"] for i in g["ids"]]
    assert sorted(gegroepeerd) == sorted(data["concrete_activiteiten"]) == sorted(concrete_activiteiten(kennis))
    mba = next(g for g in data["activiteitgroepen"] if g["kop"] == "milieubelastende-activiteit")
    assert "tanken-waterstof" in mba["ids"]
    assert 'rel="alternate" type="application/json" href="/api/begrippen"' in client.get("/").get_data(as_text=True)


def test_formulier_geeft_dezelfde_partners_als_maak_advies(client, kennis, waterstof):
    verwacht = maak_advies(lees_aanvraag(waterstof, kennis), kennis)
    velden = MultiDict([(k, w) for k, v in als_formulier(waterstof).items()
                        for w in (v if isinstance(v, list) else [v])])
    assert lees_aanvraag(formulier_naar_aanvraag(velden), kennis) == lees_aanvraag(waterstof, kennis)
    antwoord = client.post("/advies", data=als_formulier(waterstof))
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True)
    for p in verwacht["partners"]:
        assert f'id="partner-{p["partner"]}"' in html
        for reden in p["redenen"]:
            assert reden["regel"] in html
    assert html.count('class="partner"') == len(verwacht["partners"])
    assert "risicogericht samenwerken" in html and verwacht["kennis"]["versie"] in html
    twin = client.post("/advies.json", data=als_formulier(waterstof)).get_json()
    assert twin == verwacht


def test_link_naar_advies_en_json_tweeling_werken_met_get(client, waterstof):
    html = client.post("/advies", data=als_formulier(waterstof)).get_data(as_text=True)
    json_link = re.search(r'href="(/advies\.json\?[^"]+)"', html).group(1).replace("&amp;", "&")
    pagina = re.search(r'href="(/advies\?[^"]+)"', html).group(1).replace("&amp;", "&")
    assert client.get(json_link).get_json()["id"] == waterstof["id"]
    assert client.get(pagina).status_code == 200


def test_api_geeft_contractsleutels(client, kennis, waterstof):
    antwoord = client.post("/api/advies", json=waterstof)
    assert antwoord.status_code == 200 and antwoord.mimetype == "application/json"
    data = antwoord.get_json()
    assert list(data) == ["id", "partners", "risicogericht", "meldingen", "kennis"]
    assert set(data["risicogericht"]) == {"van_toepassing", "criteria", "aanbevelingen", "redenen"}
    for p in data["partners"]:
        assert {"partner", "rollen", "onderwerpen", "redenen"} <= set(p)
    assert data == maak_advies(lees_aanvraag(waterstof, kennis), kennis)


@pytest.mark.parametrize(("invoer", "veld"), [
    ({"id": "x", "soort": "omgevingsvergunnig", "activiteiten": []}, "soort"),
    ({"id": "x", "soort": "melding", "activiteiten": ["tanken-lpgg"]}, "activiteiten[0]"),
    ({"id": "x", "soort": "melding", "activiteiten": [], "gevolgklasse": 7}, "gevolgklasse"),
    ({"id": "x", "soort": "melding", "activiteiten": [], "kleur": "rood"}, "kleur"),
    ({"id": "x", "soort": "melding", "activiteiten": [], "locatie": {"gebiedstype": "maan"}},
     "locatie.gebiedstype"),
    (["geen", "object"], "(aanvraag)"),
])
def test_api_foute_invoer_geeft_400_met_veldnaam(client, invoer, veld):
    antwoord = client.post("/api/advies", json=invoer)
    assert antwoord.status_code == 400
    assert antwoord.get_json()["fout"].startswith(f"veld '{veld}': ")


def test_api_geen_json_geeft_400(client):
    antwoord = client.post("/api/advies", data="{kapot", content_type="application/json")
    assert antwoord.status_code == 400 and antwoord.get_json()["fout"].startswith("veld '(aanvraag)'")


def test_formulier_met_fout_toont_het_formulier_opnieuw(client):
    antwoord = client.post("/advies", data={"id": "Z-1", "activiteiten": ["bouwactiviteit"]})
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert "veld &#39;soort&#39;: ontbreekt" in html
    assert 'name="activiteiten" value="bouwactiviteit" id="act-bouwactiviteit" data-label="Bouwactiviteit" checked' \
        in html  # the input is kept
    fout = client.post("/advies.json", data={"id": "Z-1", "soort": "melding", "gevolgklasse": "9"})
    assert fout.status_code == 400 and fout.get_json()["fout"].startswith("veld 'gevolgklasse'")


def test_html_ontsnapt_gebruikerstekst(client, waterstof):
    kwaad = '<script>alert("x")</script>'
    velden = {**als_formulier(waterstof), "omschrijving": kwaad, "id": "<b>Z</b>"}
    html = client.post("/advies", data=velden).get_data(as_text=True)
    assert "<script>" not in html and "<b>Z</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Z&lt;/b&gt;" in html
    fout = client.post("/advies", data={"omschrijving": kwaad, "soort": "<script>"}).get_data(as_text=True)
    assert "<script>" not in fout


def test_onbekende_pagina(client):
    assert client.get("/bestaat-niet").status_code == 404
    assert client.get("/api/bestaat-niet").get_json()["fout"].startswith("404")
    assert client.get("/api/advies").status_code == 405
    assert client.get("/advies").status_code == 302  # no fields: to the form
    groot = client.post("/api/advies", data="x" * (2 * 1024 * 1024), content_type="application/json")
    assert groot.status_code == 413 and groot.get_json()["fout"].startswith("413")


def test_interne_fout_geeft_500_zonder_traceback(kennis, monkeypatch):
    import advieswijzer.loket.app as module

    app = maak_app(kennis=kennis)
    monkeypatch.setattr(module, "adviseer", lambda *a, **k: 1 / 0)
    antwoord = app.test_client().post("/api/advies", json={"id": "x", "soort": "melding", "activiteiten": []})
    assert antwoord.status_code == 500 and antwoord.get_json()["fout"].startswith("interne fout")


def test_onbekende_regio_faalt_bij_het_starten():
    from advieswijzer.kennis.laden import KennisFout

    with pytest.raises(KennisFout):
        maak_app("bestaat-niet")


def test_commando_loket_invoerfouten_geven_exit_2():
    import socket

    from advieswijzer.cli import main
    from click.testing import CliRunner

    runner = CliRunner()
    assert "JSON-API" in runner.invoke(main, ["loket", "--help"]).output
    assert runner.invoke(main, ["loket", "--regio", "bestaat-niet"]).exit_code == 2
    with socket.create_server(("127.0.0.1", 0)) as bezet:
        resultaat = runner.invoke(main, ["loket", "--port", str(bezet.getsockname()[1])])
    assert resultaat.exit_code == 2 and "kan niet luisteren" in resultaat.output


# ------------------------------------------------------------------ issue 14: search, glance, service

def test_zoeken_vindt_concrete_activiteiten(client):
    data = client.get("/api/zoek?q=thuisbatterij").get_json()
    assert [b["id"] for b in data["resultaten"]] == ["energieopslagsysteem"] and data["resultaten"][0]["via"] == "batterij"
    assert client.get("/api/zoek?q=koffieautomaat").get_json()["resultaten"] == []
    # a category is never suggested for the form, even when its own name is typed
    assert "milieubelastende-activiteit" not in [b["id"] for b in
                                                 client.get("/api/zoek?q=milieubelastende activiteit").get_json()["resultaten"]]
    school = client.get("/api/zoek?q=school&lijst=kwetsbaar-object").get_json()["resultaten"]
    assert [b["id"] for b in school] == ["zeer-kwetsbaar-gebouw"]
    fout = client.get("/api/zoek?q=x&lijst=planeet")
    assert fout.status_code == 400 and fout.get_json()["veld"] == "lijst"


def test_zoeken_zonder_javascript(client):
    """The Zoek button asks the server: the suggestions are on the page, their group is open and marked."""
    html = client.get("/?zoek=vuurwerk+op+oudejaarsavond&id=Z-9").get_data(as_text=True)
    assert '<a href="#act-vuurwerk-ontbranden" class="suggestie" data-id="vuurwerk-ontbranden">' in html
    assert '<label class="gevonden"><input type="checkbox" name="activiteiten" value="vuurwerk-ontbranden"' in html
    assert 'value="Z-9"' in html  # what was filled in stays
    assert "Niets gevonden" in client.get("/?zoek=koffieautomaat").get_data(as_text=True)


@pytest.mark.parametrize("pad", ["/", "/api/begrippen", "/advies.json?soort=melding", "/bestaat-niet",
                                 "/static/loket.css"])
def test_beveiligingskopregels(client, pad):
    kop = client.get(pad).headers
    assert "frame-ancestors 'none'" in kop["Content-Security-Policy"]
    assert "script-src 'self'" in kop["Content-Security-Policy"] and "unsafe-inline" not in kop["Content-Security-Policy"]
    assert kop["X-Content-Type-Options"] == "nosniff"


def test_geen_inline_script_of_stijl(client, waterstof):
    """The CSP forbids inline code: every script is a file, no on...= handlers, no style attributes."""
    for html in (client.get("/").get_data(as_text=True),
                 client.post("/advies", data=als_formulier(waterstof)).get_data(as_text=True)):
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/loket.js" defer>']
        assert not re.search(r"\son[a-z]+=", html) and " style=" not in html
    assert client.get("/static/loket.js").status_code == 200


@pytest.mark.parametrize(("pad", "onbekend"), [
    ("/advies.json?soort=melding&activiteit=tanken-lpg", ["activiteit"]),
    ("/advies.json?soort=melding&kleur=rood&maat=xl", ["kleur", "maat"]),
    ("/api/begrippen?lijst=soort", ["lijst"]),
    ("/api/zoek?q=lpg&zoekterm=x", ["zoekterm"]),
])
def test_json_tweeling_weigert_onbekende_parameters(client, pad, onbekend):
    antwoord = client.get(pad)
    assert antwoord.status_code == 400
    data = antwoord.get_json()
    assert data["onbekend"] == onbekend and data["fout"].endswith(", ".join(onbekend))


def test_pagina_weigert_onbekende_parameter_met_het_formulier(client):
    antwoord = client.get("/advies?soort=melding&activitijten=tanken-lpg")
    assert antwoord.status_code == 400 and "activitijten" in antwoord.get_data(as_text=True)
    assert client.get("/advies?soort=melding&activiteiten=tanken-lpg").status_code == 200
    assert client.post("/api/advies?uitlag=1", json={"id": "x", "soort": "melding", "activiteiten": []}).status_code == 400


def test_advies_in_een_oogopslag(client, kennis, waterstof):
    """Wie betrekken first (bevoegd gezag first), then the verdict and the numbered next steps with the
    six model steps from the knowledge base, then meldingen, then the reasons; dates in Dutch."""
    html = client.post("/advies", data=als_formulier(waterstof)).get_data(as_text=True)
    volgorde = [html.index(f'id="{kop}"') for kop in ("kop-wie", "kop-oordeel", "kop-waarom")]
    assert volgorde == sorted(volgorde)
    wie = html[html.index('id="kop-wie"'):html.index('id="kop-oordeel"')]
    assert wie.index('id="wie-gemeente"') < wie.index('id="wie-omgevingsdienst"') < wie.index('id="wie-veiligheidsregio"')
    assert "opgegeven in de aanvraag" in wie
    model = re.search(r'<ol class="modelstappen">(.*?)</ol>', html, re.S).group(1)
    assert model.count("<li>") == len(kennis.stappen) == 6
    assert kennis.stappen[2]["uitleg"].replace("'", "&#39;") in model
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1)
    assert "advies voor 23 november 2026" in meta and "2026-11-23" not in meta


def test_afgeleid_bevoegd_gezag_zegt_waaruit(client):
    html = client.post("/advies", data={"id": "Z-7", "soort": "omgevingsvergunning",
                                         "activiteiten": ["seveso-inrichting"]}).get_data(as_text=True)
    wie = html[html.index('id="kop-wie"'):html.index('id="kop-oordeel"')]
    assert re.search(r'id="wie-provincie".*afgeleid uit &#39;seveso-inrichting&#39;', wie, re.S), wie


def test_afdrukken_op_a4_met_zaaknummer_en_kennisversie(client, waterstof):
    css = client.get("/static/loket.css").get_data(as_text=True)
    assert "@page { size: A4" in css and "@media print" in css
    html = client.post("/advies", data=als_formulier(waterstof)).get_data(as_text=True)
    assert '<p class="kennis">Zaak Z-2026-0042' in html  # printed (footer and header are not)


def test_waarschuwing_buiten_deze_computer():
    from advieswijzer.loket.dienst import waarschuwing

    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        assert waarschuwing(host) is None, host
    for host in ("0.0.0.0", "::", "192.0.2.10"):
        assert "geen login" in waarschuwing(host), host


def test_toegangslog_zonder_zoekvraag(client, kennis, caplog):
    import logging

    from advieswijzer.loket.dienst import Toegangslog
    from werkzeug.test import Client

    app = maak_app(kennis=kennis)
    with caplog.at_level(logging.INFO, logger="advieswijzer.loket.toegang"):
        Client(Toegangslog(app)).get("/advies.json?soort=melding&omschrijving=geheim")
    regel = caplog.records[-1].getMessage()
    assert re.search(r'"GET /advies\.json HTTP/1\.1" 200 \d+ [\d.]+ms$', regel), regel
    assert "geheim" not in regel


def test_commando_loket_dient_via_waitress(tmp_path):
    """The real service: start `advieswijzer loket`, ask a page, see the headers and the access log."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.create_server(("127.0.0.1", 0)) as s:
        poort = s.getsockname()[1]
    proces = subprocess.Popen([sys.executable, "cli.py", "loket", "--port", str(poort)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for _ in range(100):
            try:
                antwoord = urllib.request.urlopen(f"http://127.0.0.1:{poort}/api/begrippen", timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("het loket startte niet")
        assert antwoord.headers["Server"] == "advieswijzer-loket"  # waitress, not the development server
        assert antwoord.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        proces.terminate()
        _, fout = proces.communicate(timeout=10)
    assert '"GET /api/begrippen HTTP/1.1" 200' in fout
    assert "LET OP" not in fout
