"""The facts of an aanvraag, as the rules reason on them.

`invoerfeiten` gives what the aanvraag itself says (herkomst 'aanvraag'); everything derived from the
knowledge (broader activities, bevoegd gezag, procedure, new risks, reikwijdten) is concluded by the
rules of regels/afleiding.py, with where it came from and its source. `maak_feiten` gives both.
"""

from __future__ import annotations

from advieswijzer.kennis.aanvraag import Aanvraag
from advieswijzer.kennis.model import Kennisbank


def invoerfeiten(aanvraag: Aanvraag) -> list[dict]:
    """What the aanvraag says, one fact each; `gk` and `datum` on every fact for the conditions of kruisjes."""
    feiten: list[dict] = [{"t": "soort", "v": aanvraag.soort}]
    feiten += [{"t": "activiteit", "v": a} for a in aanvraag.activiteiten]
    feiten += [{"t": "kenmerk", "v": k} for k in aanvraag.kenmerken]
    feiten += [{"t": "aandachtsgebied", "v": a} for a in aanvraag.aandachtsgebieden]
    feiten += [{"t": "kwetsbaar-object", "v": k} for k in aanvraag.kwetsbare_objecten]
    if aanvraag.gebiedstype:
        feiten.append({"t": "gebiedstype", "v": aanvraag.gebiedstype})
    if aanvraag.bevoegd_gezag:
        feiten.append({"t": "bevoegd-gezag", "v": aanvraag.bevoegd_gezag, "bron": "aanvraag"})
    r = aanvraag.risico
    if r.nieuw_of_onbekend:
        feiten.append({"t": "risico-antwoord", "v": "nieuw_of_onbekend"})
    if r.startpunt_bredere_ontwikkeling:
        feiten.append({"t": "risico-antwoord", "v": "startpunt_bredere_ontwikkeling"})
    feiten += [{"t": "kennis-nodig", "v": p} for p in r.kennis_nodig_van]
    feiten += [{"t": "meerwaarde", "v": p} for p in r.meerwaarde_gezien_door]
    gemeen = {"herkomst": "aanvraag", "gk": aanvraag.gevolgklasse or 0, "datum": int(aanvraag.datum.strftime("%Y%m%d"))}
    return [{**f, **gemeen} for f in feiten]


def maak_feiten(aanvraag: Aanvraag, kennis: Kennisbank) -> list[dict]:
    """The facts of the aanvraag and those the rules derived from them, each with its herkomst (and bron)."""
    from .motor import motor_voor  # the engine derives them; it imports this module for the facts going in

    return motor_voor(kennis).beoordeel(aanvraag)[0]
