"""The planregel model's edge in RDF: the namespace of regels and werkingsgebieden from a table (PLAN),
the input limit, the error, and reading RDF safely (Turtle/JSON-LD parsed locally: nothing is fetched,
no owl:imports, no remote JSON-LD context). Tables and OW deliveries become this RDF in
formaten/planregels.py and formaten/ow.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Namespace

from .fouten import OnbruikbareInvoer

PLAN = Namespace("https://advieswijzer.nl/plan/")  # regels en werkingsgebieden uit een tabel
# Measured (bench/bench_valideer.py plans, 2 cores): validation is linear, about 3.6 s and 50 MB of memory
# per MB of Turtle (5.8 MB: 21 s, 290 MB; 23.5 MB: 79 s, 1 GB), most of it rdflib parsing. 10 MB keeps a
# run under about 40 s and 600 MB; a plan's omgevingsveiligheid part is far smaller.
MAX_BYTES = 10_000_000



class PlanFout(OnbruikbareInvoer):
    """The planregel set (or an extra shapes file) cannot be read; one line for the user."""


def lees_bytes(pad: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing anything larger than `max_bytes` before reading it."""
    try:
        grootte = pad.stat().st_size
        if grootte > max_bytes:
            raise PlanFout(f"{pad}: bestand is {grootte / 1e6:.1f} MB; de grens is {max_bytes / 1e6:.0f} MB "
                           "(splits het plan of verhoog de grens)")
        return pad.read_bytes()
    except OSError as fout:
        raise PlanFout(f"{pad}: kan niet gelezen worden ({fout.strerror})") from None



# ------------------------------------------------------------------ RDF
def lees_rdf(data: bytes, formaat: str, naam: str) -> Graph:
    """Parse Turtle/N-Triples/JSON-LD locally. A JSON-LD context must be inline (no URL, no @import)."""
    g = Graph()
    try:
        if formaat == "json-ld":
            document = json.loads(data.decode("utf-8-sig"))
            _weiger_externe_context(document, naam)
            g.parse(data=json.dumps(document), format="json-ld")
        else:
            g.parse(data=data.decode("utf-8-sig"), format=formaat)
    except PlanFout:
        raise
    except UnicodeDecodeError:
        raise PlanFout(f"{naam}: geen UTF-8-tekst") from None
    except json.JSONDecodeError as fout:
        raise PlanFout(f"{naam}: geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}): {fout.msg}") from None
    except Exception as fout:  # rdflib raises several unrelated types for bad input
        regel = str(fout).strip().splitlines()[0] if str(fout).strip() else type(fout).__name__
        raise PlanFout(f"{naam}: ongeldige {formaat}: {regel}") from None
    return g


def _weiger_externe_context(knoop, naam: str) -> None:
    if isinstance(knoop, dict):
        for sleutel, waarde in knoop.items():
            if sleutel in ("@context", "@import") and _heeft_verwijzing(waarde):
                raise PlanFout(f"{naam}: een JSON-LD-@context moet in het bestand zelf staan; "
                               "een verwijzing naar een externe context wordt niet opgehaald")
            _weiger_externe_context(waarde, naam)
    elif isinstance(knoop, list):
        for waarde in knoop:
            _weiger_externe_context(waarde, naam)


def _heeft_verwijzing(context) -> bool:
    if isinstance(context, str):
        return True
    if isinstance(context, list):
        return any(_heeft_verwijzing(c) for c in context)
    return isinstance(context, dict) and isinstance(context.get("@import"), str)


