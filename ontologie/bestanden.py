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


class AtomairBestand:
    """A file written in full or not at all. The temporary file is opened at once, so a missing or
    read-only folder fails before any work; `voltooi` puts it in place, `verwerp` removes it."""

    def __init__(self, pad: Path | str):
        self.pad = Path(pad)
        self.tijdelijk = self.pad.with_name(f".{self.pad.name}.{os.getpid()}.tmp")
        try:
            self.bestand: BinaryIO = open(self.tijdelijk, "wb")  # noqa: SIM115 - closed in voltooi/verwerp
        except OSError as fout:
            raise self.fout(fout) from None

    def fout(self, fout: OSError) -> SchrijfFout:
        return SchrijfFout(f"{self.pad}: kan niet schrijven: {fout.strerror or fout}")

    def voltooi(self) -> None:
        try:
            self.bestand.close()
            os.replace(self.tijdelijk, self.pad)
        except OSError as fout:
            raise self.fout(fout) from None
        finally:
            self.tijdelijk.unlink(missing_ok=True)

    def verwerp(self) -> None:
        self.bestand.close()
        self.tijdelijk.unlink(missing_ok=True)


def schrijf_atomair(pad: Path | str, schrijf: Callable[[BinaryIO], None]) -> None:
    """Write `pad` through `schrijf(bestand)` (a binary file object), all or nothing."""
    doel = AtomairBestand(pad)
    try:
        schrijf(doel.bestand)
    except OSError as fout:
        doel.verwerp()
        raise doel.fout(fout) from None
    except BaseException:
        doel.verwerp()
        raise
    doel.voltooi()


def schrijf_tekst_atomair(pad: Path | str, tekst: str) -> None:
    schrijf_atomair(pad, lambda bestand: bestand.write(tekst.encode("utf-8")))
