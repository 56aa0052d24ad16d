"""The loket web app: an intake form, the advice as a page, and a JSON twin for every page.

Routes (each HTML page has a JSON twin):

- ``GET /``: the form; its vocabulary comes from the knowledge base. Twin: ``GET /api/begrippen``.
  Query parameters (the same names as the form) pre-fill it, so "wijzig" on an advice page works.
- ``GET|POST /advies``: the advice for the form fields. Twin: ``GET|POST /advies.json`` (same fields).
- ``POST /api/advies``: an aanvraag as contract §1 JSON in, the advies as contract §2 JSON out.

Form field names are the column names of a batch row (contract §4), so a form is one batch row.
Bad input gives HTTP 400: the form again with the message, or ``{"fout": "veld '...': ..."}``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from kennis.aanvraag import InvoerFout, JsonFout, json_uit_tekst, lees_aanvraag
from kennis.laden import laad_kennis
from kennis.model import Kennisbank
from regels.advies import maak_advies

# Form field (= batch column, contract §4) -> concept list of the knowledge base.
LIJSTEN = {
    "soort": "soort",
    "activiteiten": "activiteit",
    "kenmerken": "kenmerk",
    "bevoegd_gezag": "bevoegd-gezag",
    "gebiedstype": "gebiedstype",
    "aandachtsgebieden": "aandachtsgebied",
    "kwetsbare_objecten": "kwetsbaar-object",
    "kennis_nodig_van": "partner",
    "meerwaarde_gezien_door": "partner",
}
JA = {"ja", "true", "1", "on"}
MAX_INVOER = 1024 * 1024  # bytes; an aanvraag is a few hundred
HTTP_FOUTEN = {404: "deze pagina bestaat niet", 405: "deze methode is hier niet toegestaan",
               413: f"de invoer is te groot (hoogstens {MAX_INVOER // 1024} kB)"}


def formulier_naar_aanvraag(velden: MultiDict) -> dict:
    """The form fields as a contract §1 aanvraag (validation is left to `lees_aanvraag`)."""

    def tekst(naam: str) -> str:
        return (velden.get(naam) or "").strip()

    def lijst(naam: str) -> list[str]:
        return [w.strip() for w in velden.getlist(naam) if w.strip()]

    aanvraag: dict = {"id": tekst("id") or "loket", "activiteiten": lijst("activiteiten")}
    for naam in ("omschrijving", "soort", "bevoegd_gezag", "datum"):
        if tekst(naam):
            aanvraag[naam] = tekst(naam)
    if tekst("gevolgklasse"):
        gk = tekst("gevolgklasse")
        # only plain digits become a number ('²' is a digit to str.isdigit, not to int); the rest is refused
        aanvraag["gevolgklasse"] = int(gk) if gk.isascii() and gk.isdigit() and len(gk) < 10 else gk
    locatie = {"aandachtsgebieden": lijst("aandachtsgebieden"), "kwetsbare_objecten": lijst("kwetsbare_objecten")}
    if tekst("gebiedstype"):
        locatie["gebiedstype"] = tekst("gebiedstype")
    aanvraag["locatie"] = locatie
    aanvraag["kenmerken"] = lijst("kenmerken")
    aanvraag["risico"] = {
        "nieuw_of_onbekend": tekst("nieuw_of_onbekend").lower() in JA,
        "kennis_nodig_van": lijst("kennis_nodig_van"),
        "meerwaarde_gezien_door": lijst("meerwaarde_gezien_door"),
        "startpunt_bredere_ontwikkeling": tekst("startpunt_bredere_ontwikkeling").lower() in JA,
    }
    return aanvraag


def activiteitgroepen(kennis: Kennisbank) -> list[dict]:
    """Activities grouped by the taxonomy of the knowledge base (`skos:broader`), never by a fixed list.

    An activity goes under its broader concept with the most members (milieubelastende activiteit for
    tanken-lpg); a broader concept heads its own group. Activities without a group come first.
    """
    alle = kennis.ids("activiteit")
    leden: dict[str, int] = {}
    for bredere in kennis.bredere.values():
        for b in bredere:
            leden[b] = leden.get(b, 0) + 1
    groepen: dict[str | None, list[str]] = {}
    for a in alle:
        bredere = sorted(b for b in kennis.bredere.get(a, []) if b in alle)
        groep = max(bredere, key=lambda b: leden[b]) if bredere else (a if a in leden else None)
        groepen.setdefault(groep, []).append(a)
    uit: list[dict] = []
    algemeen = groepen.pop(None, [])
    for kop, ids in groepen.items():
        if ids == [kop]:  # a broader concept nothing is grouped under: an ordinary option
            algemeen.append(kop)
            continue
        rest = sorted((i for i in ids if i != kop), key=lambda i: alle[i].lower())
        uit.append({"kop": kop, "label": alle.get(kop, kop), "ids": [kop, *rest] if kop in ids else rest})
    uit.sort(key=lambda g: g["label"].lower())
    if algemeen:
        uit.insert(0, {"kop": None, "label": "Algemeen", "ids": sorted(algemeen, key=lambda i: alle[i].lower())})
    return uit


def begrippen(kennis: Kennisbank) -> dict:
    """The form's vocabulary as JSON (twin of `GET /`): id -> label per form field."""
    return {
        "velden": {veld: kennis.ids(lijst) for veld, lijst in LIJSTEN.items()},
        "activiteitgroepen": activiteitgroepen(kennis),
        "gevolgklasse": [1, 2, 3],
        "criteria": kennis.ids("criterium"),
        "rollen": kennis.ids("rol"),
        "onderwerpen": kennis.ids("onderwerp"),
        "kennis": {"versie": kennis.versie, "regio": kennis.regio},
    }


def maak_app(regio: str | None = None, kennis: Kennisbank | None = None) -> Flask:
    """Flask app for one knowledge base (national, or with the regional profile `regio`).

    The knowledge is loaded once, here; a bad regio raises `KennisFout` before any request.
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_INVOER
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    kennis = kennis or laad_kennis(regio)
    app.extensions["advieswijzer_kennis"] = kennis

    def label(begrip: str) -> str:
        return kennis.label(begrip)

    @app.context_processor
    def _context() -> dict:
        return {"label": label, "kennis": kennis, "begrippen": begrippen(kennis)}

    def adviseer(aanvraag: dict) -> dict:
        return maak_advies(lees_aanvraag(aanvraag, kennis), kennis,
                           uitleg=(request.args.get("uitleg") or "").lower() in JA)

    def json_twin(endpoint: str, velden: MultiDict) -> str:
        velden = [(k, v) for k, v in velden.items(multi=True) if v]
        return url_for(endpoint) + ("?" + urlencode(velden) if velden else "")

    @app.get("/")
    def formulier():
        return render_template("formulier.html", waarden=request.args, fout=None,
                               json_url=url_for("api_begrippen"))

    @app.get("/api/begrippen")
    def api_begrippen():
        return jsonify(begrippen(kennis))

    @app.route("/advies", methods=["GET", "POST"])
    def advies_pagina():
        velden = request.values
        if request.method == "GET" and not velden:
            return redirect(url_for("formulier"))
        aanvraag = formulier_naar_aanvraag(velden)
        try:
            resultaat = adviseer(aanvraag)
        except InvoerFout as fout:
            return render_template("formulier.html", waarden=velden, fout=fout,
                                   json_url=url_for("api_begrippen")), 400
        return render_template("advies.html", advies=resultaat, aanvraag=aanvraag,
                               aanvraag_json=json.dumps(aanvraag, ensure_ascii=False, indent=2),
                               json_url=json_twin("advies_json", velden),
                               pagina_url=json_twin("advies_pagina", velden),
                               wijzig_url=json_twin("formulier", velden))

    @app.route("/advies.json", methods=["GET", "POST"])
    def advies_json():
        try:
            return jsonify(adviseer(formulier_naar_aanvraag(request.values)))
        except InvoerFout as fout:
            return jsonify(fout=str(fout), veld=fout.veld), 400

    @app.post("/api/advies")
    def api_advies():
        try:
            data = json_uit_tekst(request.get_data())
        except JsonFout as fout:
            return jsonify(fout=f"veld '(aanvraag)': {fout} in de body (verwacht een JSON-object, contract §1)",
                           veld="(aanvraag)"), 400
        try:
            return jsonify(adviseer(data))
        except InvoerFout as fout:
            return jsonify(fout=str(fout), veld=fout.veld), 400

    def wil_json() -> bool:
        return request.path.startswith("/api/") or request.path.endswith(".json")

    @app.errorhandler(HTTPException)
    def _http_fout(fout: HTTPException):
        bericht = HTTP_FOUTEN.get(fout.code, fout.description)
        if wil_json():
            return jsonify(fout=f"{fout.code}: {bericht}"), fout.code
        return render_template("fout.html", code=fout.code, bericht=bericht, json_url=None), fout.code

    @app.errorhandler(Exception)
    def _interne_fout(fout: Exception):
        app.logger.exception("interne fout")
        bericht = f"interne fout: {type(fout).__name__}; meld dit met de invoer"
        if wil_json():
            return jsonify(fout=bericht), 500
        return render_template("fout.html", code=500, bericht=bericht, json_url=None), 500

    return app
