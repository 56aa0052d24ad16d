"""Issue 15, batch never lies: a differential test of `batch` against `advies`.

About 2,000 distinct intake rows (each a different combination of what the advice depends on)
plus realistic rows with one bad cell each go through `python cli.py batch IN -o OUT.jsonl
--jobs 2` in subprocesses; every output row must equal, whole, what `maak_advies(lees_aanvraag(
row))` gives for that row in this process (for an error row: its status and message), and rows
out == rows in, in order: under --jobs 2, with two runs at the same time, and across a run
killed with SIGKILL or interrupted with Ctrl-C and resumed with --hervat.

The machinery (intake, expected output, runs, comparison) is `bench/bench_verschil.py`, which
runs the same checks on 20,000 rows with several interruptions.
"""

from __future__ import annotations

import re
import signal
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import bench_verschil as bv  # noqa: E402

RIJEN = 2_000  # distinct rows; the bench runs 20,000
FOUTEN = 100  # realistic rows with a bad cell, spread through the intake

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and POSIX signals")


@pytest.fixture(scope="module")
def instroom(tmp_path_factory, kennis):
    """(CSV intake, the output `advies` implies for it, row by row)."""
    pad = tmp_path_factory.mktemp("verschil") / "instroom.csv"
    bv.schrijf_instroom(pad, bv.bouw_instroom(RIJEN, FOUTEN, seed=15))
    return pad, bv.verwachte_uitvoer(pad, kennis)


def _zonder_verschil(regels: list[bytes], verwacht: list[dict], prefix: bool = False) -> None:
    anders = bv.verschillen(regels, verwacht, prefix=prefix)
    assert not anders, f"{len(anders)} van {len(verwacht)} rijen verschillen:\n" + "\n".join(anders[:10])


def test_de_instroom_is_verschillend_en_heeft_foutrijen(instroom, kennis):
    """The comparison is not vacuous: distinct requests, error rows of many kinds, in the middle too."""
    pad, verwacht = instroom
    assert len(verwacht) == RIJEN + FOUTEN
    assert len(set(bv.sleutels(pad, kennis))) >= RIJEN
    fouten = [r for r in verwacht if r["status"] == "fout"]
    assert FOUTEN * 0.8 <= len(fouten) <= FOUTEN
    assert {verwacht[0]["status"], verwacht[-1]["status"]} == {"fout"}
    kolommen = {m.group(1) for r in fouten if (m := re.search(r"kolom '(\w+)'", r["fout"]))}
    assert len(kolommen) >= 10, kolommen
    ok = [r for r in verwacht if r["status"] == "ok"]
    assert len({tuple(p["partner"] for p in r["partners"]) for r in ok}) >= 5
    assert {r["risicogericht"]["van_toepassing"] for r in ok} == {True, False}
    assert any(r["meldingen"] for r in ok)


def test_jobs_2_geeft_per_rij_het_advies(instroom, tmp_path):
    pad, verwacht = instroom
    run = bv.Run(pad, tmp_path / "uit.jsonl", jobs=2)
    code, fout = run.wacht(timeout=300)
    assert code == 1, fout  # there are error rows
    regels, rest = bv.lees_regels(run.uitvoer)
    assert rest == b""
    _zonder_verschil(regels, verwacht)


def test_twee_runs_tegelijk_op_dezelfde_invoer(instroom, tmp_path):
    pad, verwacht = instroom
    runs = [bv.Run(pad, tmp_path / f"uit-{i}.jsonl", jobs=2) for i in (1, 2)]
    for run in runs:
        code, fout = run.wacht(timeout=300)
        assert code == 1, fout
        _zonder_verschil(bv.lees_regels(run.uitvoer)[0], verwacht)


def test_kill_9_halverwege_en_hervat(instroom, tmp_path):
    pad, verwacht = instroom
    uit = tmp_path / "uit.jsonl"
    run = bv.Run(pad, uit, jobs=2)
    assert run.wacht_op(1), "de run was klaar voor hij gestopt kon worden"
    run.signaal(signal.SIGKILL, groep=False)  # kill -9 of batch itself; its workers are cleaned up after
    code, _ = run.wacht(timeout=60)
    assert code == -signal.SIGKILL
    regels, _ = bv.lees_regels(uit)
    assert 0 < len(regels) < len(verwacht)
    _zonder_verschil(regels, verwacht, prefix=True)

    hervat = bv.Run(pad, uit, jobs=2, hervat=True)
    code, fout = hervat.wacht(timeout=300)
    assert code == 1, fout
    assert f"hervat: {len(regels)} rijen stonden al in de uitvoer" in fout
    regels, rest = bv.lees_regels(uit)
    assert rest == b""
    _zonder_verschil(regels, verwacht)


@pytest.mark.parametrize("groep", [True, False], ids=["ctrl-c-terminal", "kill-int-batch"])
def test_ctrl_c_stopt_binnen_een_seconde_met_geldig_prefix_en_hervat(instroom, tmp_path, groep):
    """Ctrl-C at a terminal signals the whole process group (batch and its workers); `kill -INT` batch alone."""
    pad, verwacht = instroom
    uit = tmp_path / "uit.jsonl"
    run = bv.Run(pad, uit, jobs=2)
    assert run.wacht_op(1), "de run was klaar voor hij onderbroken kon worden"
    moment = run.signaal(signal.SIGINT, groep=groep)
    code, fout = run.wacht(timeout=30)
    assert code == 130, fout
    assert run.eind - moment < 1.0, f"stopte pas na {run.eind - moment:.2f} s"
    assert "onderbroken" in fout and "--hervat" in fout and "Traceback" not in fout
    regels, rest = bv.lees_regels(uit)
    assert rest == b"", "het prefix eindigt niet na een hele regel"
    assert 0 < len(regels) < len(verwacht)
    _zonder_verschil(regels, verwacht, prefix=True)

    code, fout = bv.Run(pad, uit, jobs=2, hervat=True).wacht(timeout=300)
    assert code == 1, fout
    _zonder_verschil(bv.lees_regels(uit)[0], verwacht)
