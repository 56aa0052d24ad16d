"""What we conclude: the rule engine and nothing else. The kruisjeslijst compiled into durable-rules rules
(kruisjes.py), the statutory and risk-based rules (wettelijk.py, risicogericht.py), the facts of an
aanvraag (feiten.py), the engine (motor.py) and the advies assembled from its conclusions (advies.py).
No files, no signals, no output formats.

Imports only `ontologie` and `kennis`. Entry: `from advieswijzer.regels import adviseer`.
"""

from __future__ import annotations

_OPENBAAR = {
    "adviseer": ("advies", "maak_advies"),
    "maak_advies": ("advies", "maak_advies"),
    "MotorFout": ("motor", "MotorFout"),
}

def __getattr__(naam: str):
    """The public names, imported on first use (so `import` of the package stays cheap)."""
    if naam in _OPENBAAR:
        from importlib import import_module

        module, attribuut = _OPENBAAR[naam]
        return getattr(import_module(f"{__name__}.{module}"), attribuut)
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


__all__ = sorted(_OPENBAAR)
