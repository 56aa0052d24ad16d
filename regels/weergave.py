"""Render an advies for a person: plain text for the counter, Markdown for a case file."""

from __future__ import annotations

from kennis.model import Kennisbank


def _partnerregel(p: dict, kennis: Kennisbank) -> str:
    onderwerpen = f"  (onderwerpen: {', '.join(p['onderwerpen'])})" if p["onderwerpen"] else ""
    return f"{kennis.label(p['partner'])} [{p['partner']}]: {', '.join(p['rollen'])}{onderwerpen}"


def _verdict(advies: dict) -> str:
    r = advies["risicogericht"]
    if r["van_toepassing"]:
        return f"RISICOGERICHT SAMENWERKEN, omdat: {', '.join(r['criteria'])}"
    return "REGULIERE SAMENWERKING (geen criterium voor risicogericht samenwerken vervuld)"


def als_tekst(advies: dict, kennis: Kennisbank) -> str:
    """Verdict and next step first (what the counter needs), then partners with one reason line each."""
    r = advies["risicogericht"]
    regels = [f"Advies voor {advies['id']}", "", f"Oordeel: {_verdict(advies)}"]
    for reden in r["redenen"]:
        if reden["regel"].startswith(("criterium", "reguliere")):
            regels.append(f"  waarom: {reden['uitleg']}  [{reden['bron']}]")
    if r["aanbevelingen"]:
        regels.append(f"  volgende stap: {r['aanbevelingen'][0]}")
    regels += ["", "Partners:"]
    adviserend = [p for p in advies["partners"] if p["rollen"] != ["bevoegd-gezag"]]
    if not adviserend:
        regels.append("  Geen partner hoeft te adviseren of betrokken te worden; alleen het bevoegd gezag beslist.")
    for p in advies["partners"]:
        regels.append(f"  * {_partnerregel(p, kennis)}")
        for reden in p["redenen"]:
            regels.append(f"      - {reden['uitleg']}  [{reden['regel']}; bron: {reden['bron']}]")
    if len(r["aanbevelingen"]) > 1:
        regels += ["", "Alle stappen:"] + [f"  {i}. {a}" for i, a in enumerate(r["aanbevelingen"], 1)]
    if advies["meldingen"]:
        regels += ["", "Meldingen:"] + [f"  ! {m}" for m in advies["meldingen"]]
    regio = advies["kennis"]["regio"] or "landelijk"
    regels += ["", f"Kennis: {advies['kennis']['versie']} ({regio})"]
    return "\n".join(regels)


def als_markdown(advies: dict, kennis: Kennisbank) -> str:
    regels = [f"# Advies {advies['id']}", "", "| partner | rollen | onderwerpen | redenen |", "|---|---|---|---|"]
    for p in advies["partners"]:
        redenen = "<br>".join(f"{r['uitleg']} *({r['regel']}; {r['bron']})*" for r in p["redenen"])
        regels.append(f"| {kennis.label(p['partner'])} (`{p['partner']}`) | {', '.join(p['rollen'])} | "
                      f"{', '.join(p['onderwerpen'])} | {redenen} |")
    regels += ["", "## Risicogericht samenwerken", "", _verdict(advies), ""]
    regels += [f"- {r['uitleg']} *({r['regel']}; {r['bron']})*" for r in advies["risicogericht"]["redenen"]]
    regels += ["", "### Volgende stappen", ""] + [f"1. {a}" for a in advies["risicogericht"]["aanbevelingen"]]
    if advies["meldingen"]:
        regels += ["", "## Meldingen", ""] + [f"- {m}" for m in advies["meldingen"]]
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
