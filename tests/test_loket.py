"""The loket web app (contract §7): form from the knowledge, same advice as the library, JSON twins."""

from __future__ import annotations

import json
import re

import pytest
from werkzeug.datastructures import MultiDict

from kennis.aanvraag import lees_aanvraag
from loket.app import LIJSTEN, formulier_naar_aanvraag, maak_app
from regels.advies import maak_advies

from .conftest import VOORBEELDEN

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
        ids = kennis.ids(lijst)
        assert ids, lijst
        for ident in ids:
            assert f'name="{veld}" value="{ident}"' in html or f'<option value="{ident}"' in html, (veld, ident)


def test_formulier_gebruikt_geen_externe_bronnen(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert client.get("/static/loket.css").status_code == 200


def test_begrippen_is_de_json_tweeling_van_het_formulier(client, kennis):
    data = client.get("/api/begrippen").get_json()
    for veld, lijst in LIJSTEN.items():
        assert data["velden"][veld] == kennis.ids(lijst)
    gegroepeerd = [i for g in data["activiteitgroepen"] for i in g["ids"]]
    assert sorted(gegroepeerd) == sorted(kennis.ids("activiteit"))
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
    assert 'name="activiteiten" value="bouwactiviteit" checked' in html  # the input is kept
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
    import loket.app as module

    app = maak_app(kennis=kennis)
    monkeypatch.setattr(module, "maak_advies", lambda *a, **k: 1 / 0)
    antwoord = app.test_client().post("/api/advies", json={"id": "x", "soort": "melding", "activiteiten": []})
    assert antwoord.status_code == 500 and antwoord.get_json()["fout"].startswith("interne fout")


def test_onbekende_regio_faalt_bij_het_starten():
    from kennis.laden import KennisFout

    with pytest.raises(KennisFout):
        maak_app("bestaat-niet")


def test_commando_loket_invoerfouten_geven_exit_2():
    import socket

    from click.testing import CliRunner

    from cli import main

    runner = CliRunner()
    assert "JSON-API" in runner.invoke(main, ["loket", "--help"]).output
    assert runner.invoke(main, ["loket", "--regio", "bestaat-niet"]).exit_code == 2
    with socket.create_server(("127.0.0.1", 0)) as bezet:
        resultaat = runner.invoke(main, ["loket", "--port", str(bezet.getsockname()[1])])
    assert resultaat.exit_code == 2 and "kan niet luisteren" in resultaat.output
