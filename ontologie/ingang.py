"""A package's public entry: its public names, each imported from its module on first use.

So `from advieswijzer.kennis import laad_kennis` works while importing a package stays cheap (the advies
path never pays for rdflib or pySHACL it does not use). Used by every package's `__init__.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def openbare_namen(pakket: str, openbaar: dict[str, tuple[str, str]]) -> Callable[[str], object]:
    """A module `__getattr__` for `pakket`: public name -> (module in the package, attribute)."""

    def __getattr__(naam: str):
        if naam in openbaar:
            module, attribuut = openbaar[naam]
            return getattr(import_module(f"{pakket}.{module}"), attribuut)
        raise AttributeError(f"module {pakket!r} has no attribute {naam!r}")

    return __getattr__
