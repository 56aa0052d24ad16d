"""What we know: the knowledge base as Turtle (one topic per file, every fact with its dct:source), regional
profiles (regio/ and the own knowledge folder), loading it into a Kennisbank (laden.py, with a cache; or
from a shared SPARQL store: kennisbron.py, opslag.py), the aanvraag model (aanvraag.py), the kruisjeslijst
matrix, the labels and the matcher (begrippen.py) and the self-check (controle.py).

Imports only `ontologie`. Entry: `from advieswijzer.kennis import laad_kennis, lees_aanvraag`.
"""

from __future__ import annotations

from advieswijzer.ontologie.ingang import openbare_namen

_OPENBAAR = {
    "laad_kennis": ("laden", "laad_kennis"),
    "laad_graaf": ("laden", "laad_graaf"),
    "Kennisbron": ("laden", "Kennisbron"),
    "KennisFout": ("laden", "KennisFout"),
    "Kennisbank": ("model", "Kennisbank"),
    "lees_aanvraag": ("aanvraag", "lees_aanvraag"),
    "InvoerFout": ("aanvraag", "InvoerFout"),
    "JsonFout": ("aanvraag", "JsonFout"),
    "json_uit_tekst": ("aanvraag", "json_uit_tekst"),
    "begrippenlijst": ("begrippen", "begrippenlijst"),
    "ZOEKLIJSTEN": ("begrippen", "ZOEKLIJSTEN"),
    "controleer": ("controle", "controleer"),
    "controleer_graaf": ("controle", "controleer_graaf"),
    "controle_als_tekst": ("controle", "als_tekst"),
    "bouw_matrix": ("kruisjeslijst", "bouw_matrix"),
    "MEEGELEVERD": ("kennismap", "MEEGELEVERD"),
    "eigen_regiomap": ("kennismap", "eigen_regiomap"),
    "uit_mappen": ("overzicht", "uit_mappen"),
    "uit_opslag": ("overzicht", "uit_opslag"),
    "publiceer_kennis": ("publiceer", "publiceer"),  # not "publiceer": that is the module itself
}

__getattr__ = openbare_namen(__name__, _OPENBAAR)
__all__ = sorted(_OPENBAAR)
