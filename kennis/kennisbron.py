"""Knowledge from a shared store (`--kennisbron URL`): fast, and never a silently stale answer.

A run asks the store one small question (the current version of its profile). The compiled knowledge
of a version is cached like the folder's (laden.py), so a known version costs only that question; an
unknown one is read with a CONSTRUCT per graph, compiled and cached. When the store cannot be reached,
the version last fetched from that store is used, with a warning on the `advieswijzer` logger that
names it; with no such version, it is an error. `--kennisversie V` takes V from the cache first (no
network at all), else from the store, else says plainly that V is not available.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from .kennismap import controleer_naam
from .laden import Kennisbron, KennisFout, bouw_kennis, cache_map, naar_cache, uit_cache
from .model import Kennisbank
from .opslag import Onbereikbaar, Opslag, Publicatie

log = logging.getLogger("advieswijzer.kennis")


def _wijzer(url: str, regio: str | None) -> Path:
    """The file that remembers which version this machine last fetched from `url` for this profile."""
    return cache_map() / f"kennisbron-{hashlib.sha256(url.encode()).hexdigest()[:16]}-{regio or 'landelijk'}.json"


def _onthoud(url: str, regio: str | None, versie: str) -> None:
    pad = _wijzer(url, regio)
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(json.dumps({"kennisbron": url, "regio": regio, "versie": versie,
                                   "opgehaald": datetime.now(UTC).isoformat(timespec="seconds")}),
                       encoding="utf-8")
    except OSError:
        pass  # without a writable cache there is no offline fallback, the answer is the same


def _laatst_bekende(url: str, regio: str | None, fout: Onbereikbaar) -> Kennisbank:
    profiel = regio or "landelijk"
    try:
        wijzer = json.loads(_wijzer(url, regio).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        wijzer = None
    kennis = uit_cache(wijzer["versie"], regio) if wijzer else None
    if kennis is None:
        raise KennisFout(f"{fout}, en deze computer heeft nog geen versie van {profiel} uit die kennisbron; "
                         "probeer het later, of werk zonder --kennisbron met de kennis in de mappen") from None
    log.warning("%s; gebruikt de laatst opgehaalde kennisversie %s van %s (opgehaald %s)",
                fout, kennis.versie, profiel, wijzer.get("opgehaald", "onbekend"))
    return kennis


def _niet_beschikbaar(opslag: Opslag, regio: str | None, versie: str) -> KennisFout:
    profiel = regio or "landelijk"
    versies = [p.versie for p in opslag.publicaties(regio)]
    return KennisFout(f"kennisversie {versie} van {profiel} is niet beschikbaar: niet in de cache ({cache_map()}) "
                      f"en niet in kennisbron {opslag.url}; daar staan: {', '.join(versies) or 'geen'}")


def _publicatie(opslag: Opslag, regio: str | None) -> Publicatie:
    pub = opslag.huidige(regio)
    if pub is None:
        beschikbaar = sorted({p.profiel for p in opslag.publicaties(alle_profielen=True)})
        wat = f"regioprofiel {regio!r}" if regio else "de landelijke kennis"
        raise KennisFout(f"{wat} staat niet in kennisbron {opslag.url} (wel: {', '.join(beschikbaar) or 'niets'}); "
                         "publiceer met `advieswijzer kennis publiceer --naar GRAPH-STORE-URL`")
    return pub


def laad_uit_opslag(regio: str | None, bron: Kennisbron, cache: bool = True) -> Kennisbank:
    if regio is not None:
        controleer_naam(regio)
    if bron.versie and cache and (kennis := uit_cache(bron.versie, regio)) is not None:
        return kennis  # an exact version is immutable: no question to the store needed
    opslag = Opslag(bron.url)
    if bron.versie:
        try:
            pub = opslag.zoek(regio, bron.versie)
        except Onbereikbaar as fout:
            raise KennisFout(f"kennisversie {bron.versie} is niet beschikbaar: niet in de cache ({cache_map()}) en "
                             f"{fout}") from None
        if pub is None:
            raise _niet_beschikbaar(opslag, regio, bron.versie)
    else:
        try:
            pub = _publicatie(opslag, regio)
        except Onbereikbaar as fout:
            return _laatst_bekende(opslag.url, regio, fout)
        if cache and (kennis := uit_cache(pub.versie, regio)) is not None:
            _onthoud(opslag.url, regio, pub.versie)
            return kennis
    kennis = bouw_kennis(opslag.lees(pub), pub.versie, regio)
    if cache:
        naar_cache(kennis)
        if not bron.versie:  # the note tracks the store's current version, not an old one asked for
            _onthoud(opslag.url, regio, pub.versie)
    return kennis


def graaf_uit_opslag(regio: str | None, bron: Kennisbron):
    """The RDF graph of the current (or the given) version, for the `kennis` commands."""
    if regio is not None:
        controleer_naam(regio)
    opslag = Opslag(bron.url)
    if bron.versie:
        pub = opslag.zoek(regio, bron.versie)
        if pub is None:
            raise _niet_beschikbaar(opslag, regio, bron.versie)
    else:
        pub = _publicatie(opslag, regio)
    return opslag.lees(pub)
