"""Shared fixtures: the knowledge base, named example paths, and a helper to run one case."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import pytest
from advieswijzer.kennis.aanvraag import lees_aanvraag
from advieswijzer.kennis.laden import laad_kennis
from advieswijzer.regels.advies import maak_advies

ROOT = Path(__file__).resolve().parent.parent
VOORBEELDEN = ROOT / "examples"
GEVALLEN = Path(__file__).parent / "gevallen"

# the tests never see the developer's own regional profiles or shared store
os.environ["ADVIESWIJZER_KENNISMAP"] = tempfile.mkdtemp(prefix="advieswijzer-kennismap-")
os.environ.pop("ADVIESWIJZER_KENNISBRON", None)


@pytest.fixture(scope="session")
def kennis():
    return laad_kennis(cache=False)


@pytest.fixture(scope="session")
def adviseer(kennis):
    def _adviseer(data: dict, **kwargs) -> dict:
        data = {"id": "test", "activiteiten": [], **data}
        return maak_advies(lees_aanvraag(data, kennis), kennis, **kwargs)

    return _adviseer


def rollen(advies: dict) -> dict[str, list[str]]:
    return {p["partner"]: p["rollen"] for p in advies["partners"]}


def regels_gevuurd(advies: dict) -> set[str]:
    uit = {r["regel"] for p in advies["partners"] for r in p["redenen"]}
    return uit | {r["regel"] for r in advies["risicogericht"]["redenen"]}


@functools.cache
def kennisgraaf():
    """The knowledge graph valideer checks ids against (parsed once per test run)."""
    from advieswijzer.kennis.laden import laad_graaf

    return laad_graaf()


def valideer(plan, **opties):
    """`ontologie.valideer` with the shipped knowledge graph."""
    from advieswijzer.ontologie.valideren import valideer as _valideer

    return _valideer(plan, kennisgraaf(), **opties)
