"""Render an advies for a person: plain text for the counter, Markdown for a case file.

The text, the Markdown and the loket page show the same answer in the same order: first who to
involve (one line per partner: bevoegd gezag, then statutory roles, then the kruisjeslijst), then the
verdict and the next steps as a numbered list, then the meldingen, then the reasons with sources.
The parts are built here once (`wie_betrekken`, `volgende_stappen`) and used by all three.
"""

from __future__ import annotations

from datetime import date

from advieswijzer.kennis.model import Kennisbank
from advieswijzer.regels.risicogericht import MODEL_STAPPEN

WETTELIJK = ("adviseur", "instemming")


def datum_nl(dag: date) -> str:
    """23 november 2026 (Babel's long Dutch date format)."""
    from babel.dates import format_date

    return format_date(dag, format="long", locale="nl")


def _volgorde(p: dict) -> tuple:
    """Bevoegd gezag first, then partners with a statutory role, then the kruisjeslijst partners."""
    if "bevoegd-gezag" in p["rollen"]:
        return (0, p["partner"])
    return (1 if any(r in WETTELIJK for r in p["rollen"]) else 2, p["partner"])


def _klein(label: str) -> str:
    return label[:1].lower() + label[1:]


def wie_betrekken(advies: dict, kennis: Kennisbank) -> list[dict]:
    """One line per partner: name, roles and topics in words; for the bevoegd gezag where that came from."""
    rollen = kennis.ids("rol")
    uit = []
    for p in sorted(advies["partners"], key=_volgorde):
        herkomst = next((r["aanleiding"] for r in p["redenen"] if r["regel"] == "bevoegd-gezag"), "")
        uit.append({"partner": p["partner"], "naam": kennis.label(p["partner"]),
                    "rollen": [_klein(rollen.get(r, r)) for r in p["rollen"]],
                    "onderwerpen": [_klein(kennis.label(o)) for o in p["onderwerpen"]],
                    "herkomst": herkomst.partition(": ")[2] if "bevoegd-gezag" in p["rollen"] else ""})
    return uit


def wie_regel(w: dict) -> str:
    delen = [w["naam"], ", ".join(w["rollen"])]
    if w["onderwerpen"]:
        delen.append(", ".join(w["onderwerpen"]))
    if w["herkomst"]:
        delen.append(w["herkomst"])
    return " — ".join(delen)


def volgende_stappen(advies: dict, kennis: Kennisbank) -> list[dict]:
    """The aanbevelingen as steps; the Model Risicogericht werken gets its six steps (from the knowledge
    base) as a list of its own instead of one long sentence."""
    uit = []
    for a in advies["risicogericht"]["aanbevelingen"]:
        if a.startswith(MODEL_STAPPEN) and kennis.stappen:
            uit.append({"tekst": f"{MODEL_STAPPEN}:",
                        "stappen": [f"{s['label'][:1].upper()}{s['label'][1:]}: {s['uitleg']}" for s in kennis.stappen]})
        else:
            uit.append({"tekst": a, "stappen": []})
    return uit


def oordeel(advies: dict, kennis: Kennisbank) -> str:
    r = advies["risicogericht"]
    if r["van_toepassing"]:
        return f"RISICOGERICHT SAMENWERKEN, omdat: {', '.join(r['criteria'])}"
    return "REGULIERE SAMENWERKING (geen criterium voor risicogericht samenwerken vervuld)"


def _kop(advies: dict, datum: date | None) -> str:
    return f"Advies voor {advies['id']}" + (f" ({datum_nl(datum)})" if datum else "")


def als_tekst(advies: dict, kennis: Kennisbank, datum: date | None = None) -> str:
    """Who, verdict and next steps first (what the counter needs), then meldingen, then the reasons."""
    r = advies["risicogericht"]
    regels = [_kop(advies, datum), "", "Wie betrekken:"]
    regels += [f"  {wie_regel(w)}  [{w['partner']}]" for w in wie_betrekken(advies, kennis)]
    if not any(p["rollen"] != ["bevoegd-gezag"] for p in advies["partners"]):
        regels.append("  Geen partner hoeft te adviseren of betrokken te worden; alleen het bevoegd gezag beslist.")
    regels += ["", f"Oordeel: {oordeel(advies, kennis)}", "", "Volgende stappen:"]
    for i, stap in enumerate(volgende_stappen(advies, kennis), 1):
        regels.append(f"  {i}. {stap['tekst']}")
        regels += [f"       {j}. {s}" for j, s in enumerate(stap["stappen"], 1)]
    if advies["meldingen"]:
        regels += ["", "Meldingen:"] + [f"  ! {m}" for m in advies["meldingen"]]
    regels += ["", "Waarom:", "  Oordeel:"]
    regels += [f"      - {reden['uitleg']}  [{reden['bron']}]" for reden in r["redenen"]]
    for p in sorted(advies["partners"], key=_volgorde):
        regels.append(f"  {kennis.label(p['partner'])} [{p['partner']}]: {', '.join(p['rollen'])}")
        for reden in p["redenen"]:
            aanleiding = f"; {reden['aanleiding']}" if reden.get("aanleiding") else ""
            regels.append(f"      - {reden['uitleg']}  [{reden['regel']}; bron: {reden['bron']}{aanleiding}]")
    regio = advies["kennis"]["regio"] or "landelijk"
    regels += ["", f"Kennis: {advies['kennis']['versie']} ({regio})"]
    return "\n".join(regels)


def als_markdown(advies: dict, kennis: Kennisbank, datum: date | None = None) -> str:
    regels = [f"# {_kop(advies, datum).replace('Advies voor ', 'Advies ', 1)}", "", "## Wie betrekken", ""]
    regels += [f"- {wie_regel(w)} (`{w['partner']}`)" for w in wie_betrekken(advies, kennis)]
    regels += ["", "## Risicogericht samenwerken", "", f"**Oordeel:** {oordeel(advies, kennis)}", "",
               "### Volgende stappen", ""]
    for stap in volgende_stappen(advies, kennis):
        regels.append(f"1. {stap['tekst']}")
        regels += [f"   1. {s}" for s in stap["stappen"]]
    if advies["meldingen"]:
        regels += ["", "## Meldingen", ""] + [f"- {m}" for m in advies["meldingen"]]
    regels += ["", "## Waarom", "", "| partner | rollen | onderwerpen | redenen |", "|---|---|---|---|"]
    for p in sorted(advies["partners"], key=_volgorde):
        redenen = "<br>".join(f"{r['uitleg']} *({r['regel']}; {r['bron']})*" for r in p["redenen"])
        regels.append(f"| {kennis.label(p['partner'])} (`{p['partner']}`) | {', '.join(p['rollen'])} | "
                      f"{', '.join(p['onderwerpen'])} | {redenen} |")
    regels += ["", "Oordeel:", ""]
    regels += [f"- {r['uitleg']} *({r['regel']}; {r['bron']})*" for r in advies["risicogericht"]["redenen"]]
    regels += ["", f"*Kennis: {advies['kennis']['versie']} ({advies['kennis']['regio'] or 'landelijk'})*"]
    return "\n".join(regels)


def uitleg_tekst(advies: dict) -> str:
    """The chain of reasoning: facts from the aanvraag, derived facts, rules that fired."""
    u = advies["uitleg"]
    regels = ["Redenering", "", "Feiten uit de aanvraag:"]
    regels += [f"  - {f['t']}: {f['v']}" for f in u["feiten"] if f.get("herkomst") == "aanvraag"]
    regels.append("Afgeleide feiten:")
    for f in u["feiten"]:
        if f.get("herkomst") != "aanvraag":
            via = f" via {', '.join(f['via'])}" if f.get("via") else ""
            regels.append(f"  - {f['t']}: {f['v']} ({f['herkomst']}{via}; bron: {f.get('bron', '-')})")
    regels.append("Regels die vuurden (in volgorde):")
    for c in u["conclusies"]:
        op = ", ".join(f"{f.get('t')}={f.get('v', f.get('criterium', f.get('partner')))}" for f in c["op"])
        if c["soort"] == "partner":
            wat = f"{c['partner']} als {c['rol']}"
        elif c["soort"] == "criterium":
            wat = f"criterium {c['criterium']}"
        else:
            wat = f"aanbeveling: {c['tekst'][:60]}..."
        regels.append(f"  - {c['regel']}: op [{op}] => {wat}  (bron: {c['bron']})")
    return "\n".join(regels)
