"""Writing a file so that no reader ever sees half of it: the one atomic write every layer uses.

The content goes to a temporary file next to the target and replaces it only when complete; a failure
leaves the old file (if any) and no temporary file, and is a `SchrijfFout` (exit 2) naming the path.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .fouten import SchrijfFout


def schrijf_atomair(pad: Path | str, schrijf: Callable[[BinaryIO], None]) -> None:
    """Write `pad` through `schrijf(bestand)` (a binary file object), all or nothing."""
    pad = Path(pad)
    tijdelijk = pad.with_name(f".{pad.name}.{os.getpid()}.tmp")
    try:
        with open(tijdelijk, "wb") as bestand:
            schrijf(bestand)
        os.replace(tijdelijk, pad)
    except OSError as fout:
        raise SchrijfFout(f"{pad}: kan niet schrijven: {fout.strerror or fout}") from None
    finally:
        tijdelijk.unlink(missing_ok=True)


def schrijf_tekst_atomair(pad: Path | str, tekst: str) -> None:
    schrijf_atomair(pad, lambda bestand: bestand.write(tekst.encode("utf-8")))
