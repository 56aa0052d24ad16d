"""Assemble the advies (contract §2) from the facts and the conclusions of the rules.

Partners, roles, criteria, aanbevelingen and the meldingen of the rules come from the engine's
conclusions; added here are only the meldingen that read the omschrijving or compare the aanvraag with
the knowledge (`meldingen`), and the order of the roles (kennis: rolvolgorde).
"""

from __future__ import annotations

from advieswijzer.kennis.aanvraag import Aanvraag
from advieswijzer.kennis.begrippen import zoeker
from advieswijzer.kennis.model import Kennisbank

from .motor import motor_voor

CRITERIA = ("nieuw-of-onbekend-risico", "kennis-partner-nodig", "meerwaarde-partner",
            "startpunt-bredere-ontwikkeling")


def _aanleiding(op: list[dict]) -> str:
    delen = []
    for f in op:
        if f.get("t") == "conclusie":
            continue
        tekst = f"{f.get('t')} {f.get('v')}"
        if f.get("t") == "bevoegd-gezag":  # say where the bevoegd gezag came from, with its source
            herkomst = f.get("herkomst")
            delen.append(f"{tekst}: " + ("opgegeven in de aanvraag" if herkomst == "aanvraag" else
                                         f"{herkomst} ({f.get('bron')})"))
            continue
        if f.get("via"):
            tekst += f" (via {', '.join(f['via'])})"
        elif f.get("herkomst") not in (None, "aanvraag"):
            tekst += f" ({f['herkomst']})"
        delen.append(tekst)
    return "; ".join(delen)


def _reden(c: dict) -> dict:
    return {"regel": c["regel"], "uitleg": c["uitleg"], "bron": c["bron"], "aanleiding": _aanleiding(c["op"])}


def _voeg_reden_toe(redenen: list[dict], nieuw: dict) -> None:
    for r in redenen:
        if r["regel"] == nieuw["regel"]:
            if nieuw["aanleiding"] and nieuw["aanleiding"] not in r["aanleiding"].split(" | "):
                r["aanleiding"] = " | ".join(filter(None, [r["aanleiding"], nieuw["aanleiding"]]))
            return
    redenen.append(nieuw)


def meldingen(aanvraag: Aanvraag, kennis: Kennisbank, feiten: list[dict], betrokken: set[str]) -> list[str]:
    """The meldingen that are not conclusions of the rules."""
    uit: list[str] = []
    genoemd = {f["v"] for f in feiten if f["t"] == "activiteit"}  # named or implied (taxonomy)
    if not aanvraag.activiteiten:
        # A tafel or process whose kruisje needs an activity to know what it is about (e.g. the brandweer
        # at tafels for milieu- or bouwvergunningen only): say so rather than stay silent.
        for afspraak in kennis.afspraken:
            r = kennis.reikwijdten.get(afspraak.reikwijdte or "")
            if (r and r.aanleidingen and aanvraag.soort in afspraak.aanleidingen and afspraak.partner not in betrokken
                    and not set(r.aanleidingen) & set(aanvraag.kenmerken)
                    and (afspraak.naam, aanvraag.soort) not in kennis.herhaald):
                uit.append(f"De aanvraag noemt geen activiteiten, maar bij {kennis.label(aanvraag.soort).lower()} wordt "
                           f"{kennis.label(afspraak.partner)} alleen betrokken als het gaat om: "
                           f"{kennis.label(r.naam)[0].lower() + kennis.label(r.naam)[1:]} ({r.bron}). "
                           "Vul de activiteiten aan.")
    if aanvraag.omschrijving.strip():
        # what the omschrijving mentions but the aanvraag does not list (kennis/begrippen.py)
        opgegeven = {"activiteit": genoemd, "kenmerk": set(aanvraag.kenmerken),
                     "kwetsbaar-object": set(aanvraag.kwetsbare_objecten),
                     "aandachtsgebied": set(aanvraag.aandachtsgebieden)}
        for t in zoeker(kennis).herken(aanvraag.omschrijving, tuple(opgegeven)):
            if t.id not in opgegeven[t.lijst]:
                uit.append(f"De omschrijving noemt '{' '.join(t.woorden)}': gaat het ook om "
                           f"{t.lijst.replace('-', ' ')} '{t.id}' ({t.label})? Niet toegevoegd; voeg het zo "
                           "nodig toe aan de aanvraag.")
    bg = next(f for f in feiten if f["t"] == "bevoegd-gezag")
    if aanvraag.bevoegd_gezag:
        for b in (*aanvraag.activiteiten, *aanvraag.kenmerken):
            verwacht = kennis.bevoegd_gezag.get(b)
            if verwacht and verwacht.geldt_op(aanvraag.datum) and verwacht.waarde != bg["v"]:
                uit.append(f"Opgegeven bevoegd gezag is '{bg['v']}', maar voor '{b}' is dat doorgaans "
                           f"'{verwacht.waarde}' ({verwacht.bron}). Controleer het bevoegd gezag.")
    return uit


def maak_advies(aanvraag: Aanvraag, kennis: Kennisbank, uitleg: bool = False) -> dict:
    feiten, conclusies = motor_voor(kennis).beoordeel(aanvraag)
    partners: dict[str, dict] = {}
    criteria: set[str] = set()
    aanbevelingen: list[str] = []
    risico_redenen: list[dict] = []
    gemeld: list[str] = []
    for c in conclusies:
        if c["soort"] == "partner":
            p = partners.setdefault(c["partner"], {"partner": c["partner"], "rollen": set(),
                                                   "onderwerpen": set(), "redenen": []})
            p["rollen"].add(c["rol"])
            # Involved without a topic of its own in the reason: the partner advises on its own domain
            p["onderwerpen"].update(c["onderwerpen"] or (kennis.eigen_onderwerpen.get(c["partner"], [])
                                                         if c["rol"] == "betrokken" else []))
            _voeg_reden_toe(p["redenen"], _reden(c))
        elif c["soort"] == "criterium":
            criteria.add(c["criterium"])
            _voeg_reden_toe(risico_redenen, _reden(c))
        elif c["soort"] == "aanbeveling":
            if c["tekst"] not in aanbevelingen:
                aanbevelingen.append(c["tekst"])
            _voeg_reden_toe(risico_redenen, _reden(c))
        elif c["soort"] == "melding" and c["tekst"] not in gemeld:
            gemeld.append(c["tekst"])
    van_toepassing = bool(criteria)
    rolvolgorde = kennis.volgorde("rolvolgorde")
    advies = {
        "id": aanvraag.id,
        "partners": [
            {"partner": p["partner"],
             "rollen": [r for r in rolvolgorde if r in p["rollen"]],
             "onderwerpen": sorted(p["onderwerpen"]),
             "redenen": sorted(p["redenen"], key=lambda r: r["regel"])}
            for _, p in sorted(partners.items())
        ],
        "risicogericht": {
            "van_toepassing": van_toepassing,
            "criteria": [k for k in CRITERIA if k in criteria],
            "aanbevelingen": aanbevelingen,
            "redenen": risico_redenen,
        },
        "meldingen": [*gemeld, *meldingen(aanvraag, kennis, feiten, set(partners))],
        "kennis": {"versie": kennis.versie, "regio": kennis.regio},
    }
    if uitleg:
        advies["uitleg"] = {"feiten": [{k: v for k, v in f.items() if k not in ("gk", "datum")} for f in feiten],
                            "conclusies": conclusies}
    return advies
