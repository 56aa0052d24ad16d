"""What things are and what valid looks like: the vocabulary (advieswijzer.ttl, SKOS/RDFS), the SHACL
shapes (vormen/), the namespaces (namen.py), the errors with their exit status (fouten.py), the atomic
write (bestanden.py) and the validation of planregel sets (valideren.py, shacl_oxigraph.py, planregels.py).

The lowest layer: it imports no other package of Advieswijzer. Entry: `from advieswijzer.ontologie import
valideer`.
"""

from __future__ import annotations

_OPENBAAR = {
    "valideer": ("valideren", "valideer"),
    "als_tekst": ("valideren", "als_tekst"),
    "Rapport": ("valideren", "Rapport"),
    "lees_planregels": ("planregels", "lees_planregels"),
    "PlanFout": ("planregels", "PlanFout"),
    "ExitStatus": ("fouten", "ExitStatus"),
    "AdvieswijzerFout": ("fouten", "AdvieswijzerFout"),
    "OnbruikbareInvoer": ("fouten", "OnbruikbareInvoer"),
    "InterneFout": ("fouten", "InterneFout"),
}

def __getattr__(naam: str):
    """The public names, imported on first use (so `import` of the package stays cheap)."""
    if naam in _OPENBAAR:
        from importlib import import_module

        module, attribuut = _OPENBAAR[naam]
        return getattr(import_module(f"{__name__}.{module}"), attribuut)
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


__all__ = sorted(_OPENBAAR)
