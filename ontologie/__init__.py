"""What things are and what valid looks like: the vocabulary (advieswijzer.ttl, SKOS/RDFS), the SHACL
shapes (vormen/), the namespaces (namen.py), the errors with their exit status (fouten.py), the atomic
write (bestanden.py) and the validation of planregel sets (valideren.py, shacl_oxigraph.py, planregels.py).

The lowest layer: it imports no other package of Advieswijzer. Entry: `from advieswijzer.ontologie import
valideer`.
"""

from __future__ import annotations

from .ingang import openbare_namen

_OPENBAAR = {
    "valideer": ("valideren", "valideer"),
    "als_tekst": ("valideren", "als_tekst"),
    "Rapport": ("valideren", "Rapport"),
    "PlanFout": ("planregels", "PlanFout"),
    "ExitStatus": ("fouten", "ExitStatus"),
    "AdvieswijzerFout": ("fouten", "AdvieswijzerFout"),
    "OnbruikbareInvoer": ("fouten", "OnbruikbareInvoer"),
    "InterneFout": ("fouten", "InterneFout"),
}

__getattr__ = openbare_namen(__name__, _OPENBAAR)
__all__ = sorted(_OPENBAAR)
