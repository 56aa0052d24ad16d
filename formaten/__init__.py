"""Files in and out: the batch (tabel.py reads CSV/JSON Lines/XLSX rows, batch.py streams them through the
engine), the kruisjeslijst as CSV/XLSX and terminal table, regional tables (regiotabel.py), planregel
deliveries in IMOW (ow.py, owlezer.py), the advice as text and Markdown (weergave.py), the validation
report as HTML (html.py) and routing pictures (graaf.py).

Imports `ontologie`, `kennis` and `regels`; never `loket` or `cli`.
"""

from __future__ import annotations

from advieswijzer.ontologie.ingang import openbare_namen

_OPENBAAR = {
    "voer_uit": ("batch", "voer_uit"),
    "Voortgang": ("batch", "Voortgang"),
    "BestandFout": ("tabel", "BestandFout"),
    "bouw_graaf": ("graaf", "bouw_graaf"),
    "schrijf_graaf": ("graaf", "schrijf_graaf"),
    "rapport_html": ("html", "rapport_html"),
    "lees_planregels": ("planregels", "lees_planregels"),
    "is_ow": ("ow", "is_ow"),
    "lees_ow": ("ow", "lees_ow"),
    "importeer": ("regiotabel", "importeer"),
    "als_markdown": ("weergave", "als_markdown"),
    "als_tekst": ("weergave", "als_tekst"),
    "uitleg_tekst": ("weergave", "uitleg_tekst"),
    "datum_nl": ("weergave", "datum_nl"),
    "volgende_stappen": ("weergave", "volgende_stappen"),
    "wie_betrekken": ("weergave", "wie_betrekken"),
    "schrijf_kruisjeslijst": ("kruisjeslijst", "schrijf"),
    "als_rich_tabel": ("kruisjeslijst", "als_rich_tabel"),
}

__getattr__ = openbare_namen(__name__, _OPENBAAR)
__all__ = sorted(_OPENBAAR)
