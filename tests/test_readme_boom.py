"""The README's tree ("Hoe het werkt") names every module and Turtle file of every package, in the folder
where it is, and nothing that is not there: the tree is checked, not kept by hand."""

from __future__ import annotations

import re

from .conftest import ROOT

MAPPEN = ("ontologie", "kennis", "regels", "formaten", "loket")


def _boom() -> dict[str, set[str]]:
    """Folder -> the file names the tree names under it (sub-folders such as vormen/ count as the folder)."""
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    blok = tekst.split("## Hoe het werkt", 1)[1].split("```", 2)[1]
    genoemd: dict[str, set[str]] = {}
    map_ = None
    for regel in blok.splitlines():
        if m := re.match(r"^([\w.-]+)/?\s", regel):
            map_ = m.group(1)
        genoemd.setdefault(map_, set()).update(re.findall(r"\b([\w-]+\.(?:py|ttl))\b", regel))
    return genoemd


def _bestanden(map_: str) -> set[str]:
    basis = ROOT / map_
    return {str(p.relative_to(basis)) for p in basis.rglob("*") if p.suffix in (".py", ".ttl")
            and p.name != "__init__.py" and "__pycache__" not in p.parts}


def test_de_boom_noemt_elk_bestand_en_niets_anders():
    genoemd = _boom()
    for map_ in MAPPEN:
        namen = genoemd.get(map_, set())
        echt = {p.rsplit("/", 1)[-1] for p in _bestanden(map_)}
        assert namen == echt, (map_, sorted(echt - namen), sorted(namen - echt))
