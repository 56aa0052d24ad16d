"""What we conclude: the rule engine and nothing else. The kruisjeslijst compiled into durable-rules rules
(kruisjes.py), the statutory and risk-based rules (wettelijk.py, risicogericht.py), the facts of an
aanvraag (feiten.py), the engine (motor.py) and the advies assembled from its conclusions (advies.py).
No files, no signals, no output formats.

Imports only `ontologie` and `kennis`. Entry: `from advieswijzer.regels import adviseer`.
"""

from __future__ import annotations

from advieswijzer.ontologie.ingang import openbare_namen

_OPENBAAR = {
    "adviseer": ("advies", "maak_advies"),
    "maak_advies": ("advies", "maak_advies"),
    "MotorFout": ("motor", "MotorFout"),
}

__getattr__ = openbare_namen(__name__, _OPENBAAR)
__all__ = sorted(_OPENBAAR)
