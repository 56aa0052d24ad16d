"""`kennis publiceer --naar URL`: the national knowledge and each regional profile into a shared store.

Everything is read from the folders and checked (`kennis controleer`) before anything is written, so a
store never receives a profile that fails the checks. Each profile goes into its own named graph, the
version in the graph IRI (opslag.py); a regional profile's version is the one an advice with `--regio`
shows (national files plus the profile), and its graph names the national graph it builds on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .kennismap import controleer_naam, profielbestanden
from .laden import KennisFout, bestanden, laad_graaf, versie
from .opslag import Publicatie, Verbinding, graaf_iri, schrijf_graaf
from .overzicht import als_interval, geldigheid


def _nu() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _controleer(g, profiel: str) -> None:
    from .controle import controleer_graaf

    rapport = controleer_graaf(g)
    if not rapport.conform:
        fouten = [b for b in rapport.gesorteerd() if b.ernst == "Violation"]
        meer = f" (en nog {len(fouten) - 1})" if len(fouten) > 1 else ""
        raise KennisFout(f"niet gepubliceerd: {profiel} voldoet niet aan de controles: {fouten[0].focus}: "
                         f"{fouten[0].bericht}{meer}; zie `advieswijzer kennis controleer"
                         f"{'' if profiel == 'landelijk' else ' --regio ' + profiel}`")


def publiceer(naar: str, regio_s: list[str] | None = None, kennismap: Path | None = None) -> list[Publicatie]:
    """Write the national graph and the chosen (default: every visible) regional profile; returns what was written."""
    verbinding = Verbinding(naar, "Graph Store")
    landelijk = bestanden(None)
    nationaal = laad_graaf(landelijk)
    _controleer(nationaal, "landelijk")
    basis = Publicatie(str(graaf_iri(None, versie(landelijk))), None, versie(landelijk), _nu(),
                       geldig=als_interval(geldigheid(nationaal)))
    klaar = [(basis, nationaal)]
    profielen = profielbestanden(kennismap)
    for naam in regio_s if regio_s is not None else list(profielen):
        if controleer_naam(naam) not in profielen:
            raise KennisFout(f"regioprofiel {naam!r} bestaat niet; beschikbaar: {', '.join(profielen) or 'geen'}")
        pad = profielen[naam].pad
        eigen = laad_graaf([pad])
        _controleer(nationaal + eigen, naam)
        sleutel = versie([*landelijk, pad])
        klaar.append((Publicatie(str(graaf_iri(naam, sleutel)), naam, sleutel, _nu(), basis=basis.graaf,
                                 geldig=als_interval(geldigheid(eigen))), eigen))
    for pub, g in klaar:  # national first: a regional graph never points at a graph that is not there
        schrijf_graaf(verbinding, pub, g)
    return [pub for pub, _ in klaar]
