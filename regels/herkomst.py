"""Where each fact came from, as the explanation shows it: from the aanvraag, or derived by a rule.

The engine holds a derived fact once, however many times it is derived (the same broader activity
from two activities of the aanvraag), and not at all when the aanvraag says it already. Its provenance
is gathered here from every derivation: the rule, the herkomst in words (with '{uit}' filled in by the
facts it came from, or those as `via`) and the sources.
"""

from __future__ import annotations

BOEKHOUDING = ("sid", "gk", "datum")  # for the engine, not part of what a fact says


def zonder_boekhouding(items) -> dict:
    """What a fact says (from a dict's or durable-rules' items())."""
    return {k: v for k, v in items if k not in BOEKHOUDING}


def _lijst(uit: list[str]) -> str:
    return " en ".join(f"'{u}'" for u in uit)


def samengevoegd(afleidingen: list[dict]) -> dict[tuple[str, str], dict]:
    """(t, v) -> the derived fact with its provenance, over all derivations (in the order given)."""
    samen: dict[tuple[str, str], dict] = {}
    for a in afleidingen:
        s = samen.setdefault((a["t"], a["v"]), {"t": a["t"], "v": a["v"], "herkomst": a["herkomst"], "uit": [],
                                                "bronnen": [], "regel": a["regel"]})
        s["uit"] += [u for u in a["uit"] if u not in s["uit"]]
        if a["bron"] and a["bron"] not in s["bronnen"]:
            s["bronnen"].append(a["bron"])
    uit = {}
    for sleutel, s in samen.items():
        feit = {"t": s["t"], "v": s["v"]}
        if "{uit}" in s["herkomst"]:
            feit["herkomst"] = s["herkomst"].replace("{uit}", _lijst(sorted(s["uit"])))
        else:
            feit["herkomst"] = s["herkomst"]
            if s["uit"]:
                feit["via"] = sorted(s["uit"])
        feit["bron"] = "; ".join(s["bronnen"])
        uit[sleutel] = {**feit, "regel": s["regel"]}
    return uit


def met_herkomst(invoer: list[dict], afleidingen: list[dict], conclusies: list[dict]) -> tuple[list[dict], list[dict]]:
    """(facts, conclusions) as the explanation shows them: the aanvraag's facts, then every derived fact once
    (with the rule that derived it), and the facts each conclusion fired on with their provenance."""
    getoond = [zonder_boekhouding(f.items()) for f in invoer]
    gegeven = {(f["t"], f["v"]): f for f in getoond}
    afgeleid = {k: f for k, f in samengevoegd(afleidingen).items() if k not in gegeven}
    bekend = {**{k: {x: y for x, y in f.items() if x != "regel"} for k, f in afgeleid.items()}, **gegeven}

    def toon(feit: dict) -> dict:
        if feit.get("t") == "conclusie":
            return feit
        return bekend.get((feit.get("t"), feit.get("v")), feit)

    for c in conclusies:  # the engine's own records of this aanvraag: completed in place
        c["op"] = [toon(f) for f in c["op"]]
    return [*getoond, *afgeleid.values()], conclusies
