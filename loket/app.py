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

from advieswijzer.formaten import datum_nl, volgende_stappen, wie_betrekken
from advieswijzer.kennis import (
    ZOEKLIJSTEN,
    InvoerFout,
    JsonFout,
    Kennisbank,
    begrippenlijst,
    json_uit_tekst,
    laad_kennis,
    lees_aanvraag,
)
from advieswijzer.regels import adviseer
from flask import Flask, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

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
# Query parameters a page accepts besides the form fields (a typo must not be ignored silently).
FORMULIERVELDEN = {*LIJSTEN, "id", "omschrijving", "gevolgklasse", "datum", "nieuw_of_onbekend",
                   "startpunt_bredere_ontwikkeling"}
PARAMETERS = {"advies_pagina": FORMULIERVELDEN | {"uitleg"}, "advies_json": FORMULIERVELDEN | {"uitleg"},
              "api_advies": {"uitleg"}, "api_begrippen": set(), "api_zoek": {"q", "lijst", "max"},
              "formulier": FORMULIERVELDEN | {"zoek"}}
# The page loads nothing from elsewhere and runs only its own script (static/loket.js): no inline code.
BEVEILIGING = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
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


def concrete_activiteiten(kennis: Kennisbank) -> list[str]:
    """Activities nothing narrower is filed under: what an applicant actually does (not a category such
    as energietransitie or milieubelastende-activiteit), from the taxonomy of the knowledge base."""
    categorieen = {b for bredere in kennis.bredere.values() for b in bredere}
    return [a for a in kennis.ids("activiteit") if a not in categorieen]


def activiteitgroepen(kennis: Kennisbank) -> list[dict]:
    """Concrete activities grouped by the taxonomy of the knowledge base (`skos:broader`), never by a fixed list.

    An activity goes under its broader concept with the most members (milieubelastende activiteit for
    tanken-lpg); the broader concept is the group's heading, not an option. Activities without a group
    come first.
    """
    alle = kennis.ids("activiteit")
    leden: dict[str, int] = {}
    for bredere in kennis.bredere.values():
        for b in bredere:
            leden[b] = leden.get(b, 0) + 1
    groepen: dict[str | None, list[str]] = {}
    for a in concrete_activiteiten(kennis):
        bredere = sorted(b for b in kennis.bredere.get(a, []) if b in alle)
        groepen.setdefault(max(bredere, key=lambda b: leden[b]) if bredere else None, []).append(a)
    uit = [{"kop": kop, "label": alle.get(kop, kop), "ids": sorted(ids, key=lambda i: alle[i].lower())}
           for kop, ids in groepen.items() if kop is not None]
    uit.sort(key=lambda g: g["label"].lower())
    if None in groepen:
        uit.insert(0, {"kop": None, "label": "Algemeen", "ids": sorted(groepen[None], key=lambda i: alle[i].lower())})
    return uit


def begrippen(kennis: Kennisbank) -> dict:
    """The form's vocabulary as JSON (twin of `GET /`): id -> label per form field."""
    return {
        "velden": {veld: kennis.ids(lijst) for veld, lijst in LIJSTEN.items()},
        "activiteitgroepen": activiteitgroepen(kennis),
        "concrete_activiteiten": concrete_activiteiten(kennis),
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

    def advies_voor(aanvraag: dict) -> dict:
        return adviseer(lees_aanvraag(aanvraag, kennis), kennis,
                           uitleg=(request.args.get("uitleg") or "").lower() in JA)

    def datum_van(aanvraag: dict) -> str:
        return datum_nl(lees_aanvraag(aanvraag, kennis).datum)

    def json_twin(endpoint: str, velden: MultiDict) -> str:
        velden = [(k, v) for k, v in velden.items(multi=True) if v and k in FORMULIERVELDEN | {"uitleg"}]
        return url_for(endpoint) + ("?" + urlencode(velden) if velden else "")

    @app.before_request
    def _onbekende_parameters():
        """A query parameter the page does not know is an error that names it (HTTP 400)."""
        bekend = PARAMETERS.get(request.endpoint)
        onbekend = sorted(set(request.args) - bekend) if bekend is not None else []
        if onbekend:
            fout = InvoerFout(onbekend[0], f"onbekende parameter; bekend zijn: {', '.join(sorted(bekend)) or 'geen'}")
            bericht = f"onbekende parameter{'s' if len(onbekend) > 1 else ''}: {', '.join(onbekend)}"
            if wil_json():
                return jsonify(fout=bericht, veld=onbekend[0], onbekend=onbekend), 400
            return render_template("formulier.html", waarden=MultiDict(), fout=fout, zoekresultaat=None,
                                   json_url=url_for("api_begrippen")), 400
        return None

    @app.after_request
    def _kopregels(antwoord):
        antwoord.headers.update(BEVEILIGING)
        return antwoord

    def zoekresultaat(vraag: str, lijsten=("activiteit",)) -> list[dict]:
        concreet = set(concrete_activiteiten(kennis))
        return [b for b in begrippenlijst(kennis, vraag, lijsten, limiet=8)
                if b["lijst"] != "activiteit" or b["id"] in concreet]

    @app.get("/")
    def formulier():
        vraag = (request.args.get("zoek") or "").strip()
        return render_template("formulier.html", waarden=request.args, fout=None,
                               zoekresultaat=zoekresultaat(vraag) if vraag else None,
                               json_url=url_for("api_begrippen"))

    @app.get("/api/begrippen")
    def api_begrippen():
        return jsonify(begrippen(kennis))

    @app.get("/api/zoek")
    def api_zoek():
        """The search box: concepts for what the clerk types (`q`), in `lijst` (default activiteit; the
        form offers only concrete activities), best first."""
        lijsten = request.args.getlist("lijst") or ["activiteit"]
        onbekend = [lijst for lijst in lijsten if lijst not in ZOEKLIJSTEN]
        if onbekend:
            return jsonify(fout=f"veld 'lijst': onbekende lijst {onbekend[0]!r}; kies uit {', '.join(ZOEKLIJSTEN)}",
                           veld="lijst"), 400
        return jsonify(zoek=request.args.get("q", ""), resultaten=zoekresultaat(request.args.get("q", ""), lijsten))

    @app.route("/advies", methods=["GET", "POST"])
    def advies_pagina():
        velden = request.values
        if request.method == "GET" and not velden:
            return redirect(url_for("formulier"))
        aanvraag = formulier_naar_aanvraag(velden)
        try:
            resultaat = advies_voor(aanvraag)
        except InvoerFout as fout:
            return render_template("formulier.html", waarden=velden, fout=fout, zoekresultaat=None,
                                   json_url=url_for("api_begrippen")), 400
        return render_template("advies.html", advies=resultaat, aanvraag=aanvraag, datum=datum_van(aanvraag),
                               wie=wie_betrekken(resultaat, kennis), stappen=volgende_stappen(resultaat, kennis),
                               aanvraag_json=json.dumps(aanvraag, ensure_ascii=False, indent=2),
                               json_url=json_twin("advies_json", velden),
                               pagina_url=json_twin("advies_pagina", velden),
                               wijzig_url=json_twin("formulier", velden))

    @app.route("/advies.json", methods=["GET", "POST"])
    def advies_json():
        try:
            return jsonify(advies_voor(formulier_naar_aanvraag(request.values)))
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
            return jsonify(advies_voor(data))
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
