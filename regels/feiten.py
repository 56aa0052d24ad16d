"""Turn an aanvraag into the facts the rules reason on, plus the facts derived from knowledge.

Derived facts (broader activities from the taxonomy, bevoegd gezag, new risk, procedure, the
reikwijdten that hold) carry `herkomst` and `bron`, so the explanation can say where each came from.
"""

from __future__ import annotations

from advieswijzer.kennis.aanvraag import Aanvraag
from advieswijzer.kennis.model import Feitbron, Kennisbank, Reikwijdte

RANG_BEVOEGD_GEZAG = {"gemeente": 0, "waterschap": 1, "provincie": 2, "rijk": 3}


def geldige_feiten(feiten: dict[str, Feitbron], aanvraag: Aanvraag) -> dict[str, Feitbron]:
    """The derived facts that hold on the aanvraag's datum."""
    return {k: f for k, f in feiten.items() if f.geldt_op(aanvraag.datum)}


def afgeleid_bevoegd_gezag(aanvraag: Aanvraag, kennis: Kennisbank) -> tuple[str, str, str]:
    """(partner, herkomst, bron): given, derived from activities/kenmerken (highest wins), or gemeente."""
    if aanvraag.bevoegd_gezag:
        return aanvraag.bevoegd_gezag, "aanvraag", "aanvraag"
    geldig = geldige_feiten(kennis.bevoegd_gezag, aanvraag)
    kandidaten = [(geldig[b].waarde, b, geldig[b].bron) for b in (*aanvraag.activiteiten, *aanvraag.kenmerken)
                  if b in geldig]
    if not kandidaten:
        return "gemeente", "standaard", "omgevingswet, art. 5.8 (gemeente, tenzij anders bepaald)"
    wie, waarom, bron = max(kandidaten, key=lambda k: RANG_BEVOEGD_GEZAG.get(k[0], 0))
    return wie, f"afgeleid uit '{waarom}'", bron


def reikwijdte_geldt(r: Reikwijdte, soort: str, aanleidingen: set[str], bevoegd_gezag: str) -> str | None:
    """Why the reikwijdte holds for this aanvraag (in words), or None when it does not."""
    waarom = []
    if r.soorten:
        if soort not in r.soorten:
            return None
        waarom.append(f"soort '{soort}'")
    if r.aanleidingen:
        gevonden = sorted(aanleidingen & set(r.aanleidingen))
        if not gevonden:
            return None
        waarom.append(" en ".join(f"'{a}'" for a in gevonden))
    if r.bevoegd_gezag:
        if bevoegd_gezag not in r.bevoegd_gezag:
            return None
        waarom.append(f"bevoegd gezag '{bevoegd_gezag}'")
    return ", ".join(waarom)


def maak_feiten(aanvraag: Aanvraag, kennis: Kennisbank) -> list[dict]:
    gemeen = {"gk": aanvraag.gevolgklasse or 0, "datum": int(aanvraag.datum.strftime("%Y%m%d"))}
    geen_instemming = geldige_feiten(kennis.geen_instemming, aanvraag)
    nieuw_risico = geldige_feiten(kennis.nieuw_risico, aanvraag)
    procedure_van = geldige_feiten(kennis.procedure_van, aanvraag)
    feiten: list[dict] = [{"t": "soort", "v": aanvraag.soort, "herkomst": "aanvraag"}]

    via: dict[str, list[str]] = {}
    for a in aanvraag.activiteiten:
        for breder in kennis.bredere.get(a, []):
            via.setdefault(breder, []).append(a)
    mba_lijst = via.get("milieubelastende-activiteit", [])
    if "milieubelastende-activiteit" in aanvraag.activiteiten:
        mba_lijst = [*mba_lijst, "milieubelastende-activiteit"]
    for a in aanvraag.activiteiten:
        feiten.append({"t": "activiteit", "v": a, "herkomst": "aanvraag"})
    for a, bronnen in sorted(via.items()):
        if a not in aanvraag.activiteiten:
            feiten.append({"t": "activiteit", "v": a, "herkomst": "taxonomie", "via": sorted(bronnen),
                           "bron": kennis.bronnen_begrip.get(a, "")})
    for f in feiten:
        if f["t"] != "activiteit":
            continue
        if f["v"] == "milieubelastende-activiteit":
            # Exempt when every MBA is (mijnbouw), or the intake states the MBA is one of the articles (kenmerk)
            f["geen_instemming"] = bool(mba_lijst) and (all(a in geen_instemming for a in mba_lijst)
                                                        or any(k in geen_instemming for k in aanvraag.kenmerken))
        if f["v"] == "omgevingsplanactiviteit" or "omgevingsplanactiviteit" in kennis.bredere.get(f["v"], []):
            f["met_mba"] = bool(mba_lijst)

    feiten += [{"t": "kenmerk", "v": k, "herkomst": "aanvraag"} for k in aanvraag.kenmerken]
    feiten += [{"t": "aandachtsgebied", "v": a, "herkomst": "aanvraag"} for a in aanvraag.aandachtsgebieden]
    feiten += [{"t": "kwetsbaar-object", "v": k, "herkomst": "aanvraag"} for k in aanvraag.kwetsbare_objecten]
    if aanvraag.gebiedstype:
        feiten.append({"t": "gebiedstype", "v": aanvraag.gebiedstype, "herkomst": "aanvraag"})

    bg, herkomst, bron = afgeleid_bevoegd_gezag(aanvraag, kennis)
    feiten.append({"t": "bevoegd-gezag", "v": bg, "herkomst": herkomst, "bron": bron})

    aanleidingen = {f["v"] for f in feiten if f["t"] in ("activiteit", "kenmerk")}
    for r in kennis.reikwijdten.values():
        waarom = reikwijdte_geldt(r, aanvraag.soort, aanleidingen, bg)
        if waarom is not None:
            feiten.append({"t": "reikwijdte", "v": r.naam, "herkomst": f"afgeleid uit {waarom}", "bron": r.bron})

    for a in aanvraag.activiteiten:
        if a in nieuw_risico:
            feiten.append({"t": "nieuw-risico", "v": a, "herkomst": "kennisbank", "bron": nieuw_risico[a].bron})

    if aanvraag.soort == "omgevingsvergunning":
        uitgebreid = [b for b in (*aanvraag.activiteiten, *aanvraag.kenmerken) if b in procedure_van]
        if uitgebreid:
            f = procedure_van[uitgebreid[0]]
            feiten.append({"t": "procedure", "v": f.waarde, "herkomst": f"afgeleid uit '{uitgebreid[0]}'",
                           "bron": f.bron})
        elif "reguliere-procedure" in kennis.procedures:
            feiten.append({"t": "procedure", "v": "reguliere-procedure", "herkomst": "standaard",
                           "bron": kennis.procedures["reguliere-procedure"]["bron"]})

    r = aanvraag.risico
    if r.nieuw_of_onbekend:
        feiten.append({"t": "risico-antwoord", "v": "nieuw_of_onbekend", "herkomst": "aanvraag"})
    if r.startpunt_bredere_ontwikkeling:
        feiten.append({"t": "risico-antwoord", "v": "startpunt_bredere_ontwikkeling", "herkomst": "aanvraag"})
    feiten += [{"t": "kennis-nodig", "v": p, "herkomst": "aanvraag"} for p in r.kennis_nodig_van]
    feiten += [{"t": "meerwaarde", "v": p, "herkomst": "aanvraag"} for p in r.meerwaarde_gezien_door]

    for f in feiten:
        f.update(gemeen)
    return feiten
