"""The layers import one way: ontologie <- kennis <- regels <- formaten <- cli.py, loket/ (DESIGN.md).

Walks every module's imports with `ast` (also the ones inside functions) and fails on an arrow the other
way, and on a front end (cli.py, loket/) that reaches into a package's modules instead of its public entry.
"""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

LAGEN = {"ontologie": 0, "kennis": 1, "regels": 2, "formaten": 3, "loket": 4, "cli": 4}
PAKKETTEN = ("ontologie", "kennis", "regels", "formaten", "loket")


def _modules():
    yield ROOT / "cli.py", "cli"
    for pakket in PAKKETTEN:
        for pad in sorted((ROOT / pakket).rglob("*.py")):
            yield pad, pakket


def _imports(pad, pakket):
    """(line, target package, imported module path) of every project import in the file."""
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom):
            if knoop.level:  # relative: stays inside the package (level 1) or goes to the root
                if knoop.level == 1:
                    yield knoop.lineno, pakket, f"{pakket}.{knoop.module or ''}"
                else:
                    doel = (knoop.module or "").split(".")[0]
                    yield knoop.lineno, doel, knoop.module or ""
                continue
            namen = [knoop.module or ""]
        elif isinstance(knoop, ast.Import):
            namen = [a.name for a in knoop.names]
        else:
            continue
        for naam in namen:
            delen = naam.split(".")
            if delen[0] == "advieswijzer" and len(delen) > 1:
                yield knoop.lineno, delen[1], ".".join(delen[1:])
            elif delen[0] in PAKKETTEN:
                yield knoop.lineno, delen[0], naam  # an import outside the namespace: wrong on its own


def test_alle_imports_gaan_naar_de_eigen_of_een_lagere_laag():
    verkeerd = []
    for pad, pakket in _modules():
        for regel, doel, module in _imports(pad, pakket):
            if doel in LAGEN and LAGEN[doel] > LAGEN[pakket]:
                verkeerd.append(f"{pad.relative_to(ROOT)}:{regel}: {pakket} -> {module}")
    assert verkeerd == []


def test_alles_binnen_de_naamruimte_advieswijzer():
    buiten = [f"{pad.relative_to(ROOT)}:{regel}: {module}"
              for pad, pakket in _modules()
              for regel, doel, module in _imports(pad, pakket)
              if doel in PAKKETTEN and module.split(".")[0] == doel and not module.startswith(f"{pakket}.")
              and _is_kaal(pad, regel)]
    assert buiten == []


def _is_kaal(pad, regel) -> bool:
    tekst = pad.read_text(encoding="utf-8").splitlines()[regel - 1]
    return "advieswijzer." not in tekst and not tekst.lstrip().startswith("from .")


@pytest.mark.parametrize("voorkant", ["cli.py", "loket/app.py", "loket/dienst.py"])
def test_voorkanten_gebruiken_alleen_de_publieke_ingangen(voorkant):
    pad = ROOT / voorkant
    eigen = "loket" if voorkant.startswith("loket") else "cli"
    diep = [f"{voorkant}:{regel}: {module}" for regel, doel, module in _imports(pad, eigen)
            if doel in PAKKETTEN and doel != eigen and "." in module]
    assert diep == []


def test_de_test_ziet_een_verkeerde_pijl(tmp_path):
    """The walk itself: an upward import in a lower layer is found (inside a function too)."""
    pad = tmp_path / "x.py"
    pad.write_text("def f():\n    from advieswijzer.formaten.batch import voer_uit\n", encoding="utf-8")
    assert [(d, m) for _, d, m in _imports(pad, "kennis")] == [("formaten", "formaten.batch")]
    assert LAGEN["formaten"] > LAGEN["kennis"]


def test_niemand_importeert_cli_als_los_module():
    """`cli` as a top-level module would be a second copy of advieswijzer.cli (twice the log handlers)."""
    los = [f"{pad.relative_to(ROOT)}:{knoop.lineno}"
           for pad in sorted((ROOT / "tests").glob("*.py")) + sorted((ROOT / "bench").glob("*.py"))
           for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8")))
           if (isinstance(knoop, ast.ImportFrom) and knoop.module == "cli" and not knoop.level)
           or (isinstance(knoop, ast.Import) and any(a.name == "cli" for a in knoop.names))]
    assert los == []
