"""Benchmark for `advies --kennisbron`: a shared SPARQL store, cold and warm, next to the folder path.

    python bench/bench_kennisbron.py --kennisbron http://127.0.0.1:8890/sparql [--herhaal 5]

The store must hold the shipped knowledge (`advieswijzer kennis publiceer --naar ...`; `.ci/run` does this).
Measured per path, national and with the `voorbeeld` profile, as the median of N runs:

- the whole command (`advieswijzer advies examples/aanvragen/waterstoftankstation.json`, a new process,
  so Python start-up and imports are included: what a user waits for);
- only loading the knowledge in-process (`laad_kennis`): what the source itself costs.

Cold = an empty knowledge cache: the folder path parses the Turtle and compiles it; the store path asks the
current version, reads the graphs with CONSTRUCT and compiles them. Warm = that version is cached: the folder
path hashes the files, the store path asks one small SELECT.

Figures (Virtuoso 7.2.5 on the same machine, 2 shared cores, median of 7; process / laad_kennis):

    pad                               regio        advies (proces)  laad_kennis
    mappen, koud                      landelijk             933 ms     133.2 ms
    mappen, warm                      landelijk             172 ms       0.8 ms
    kennisbron, koud                  landelijk            1036 ms     211.2 ms
    kennisbron, warm (versievraag)    landelijk             612 ms       7.8 ms
    mappen, koud                      voorbeeld            1058 ms      96.1 ms
    mappen, warm                      voorbeeld             243 ms       1.1 ms
    kennisbron, koud                  voorbeeld            1823 ms     269.6 ms
    kennisbron, warm (versievraag)    voorbeeld             655 ms      12.2 ms

The warm store path is the folder's plus importing rdflib and requests (about 0.4 s); the version query
itself is 8-12 ms. The machine is shared with other work: runs vary up to 2x, the ratios hold.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advieswijzer.kennis.laden import Kennisbron, laad_kennis  # noqa: E402

AANVRAAG = ROOT / "examples" / "aanvragen" / "waterstoftankstation.json"


def commando(args: list[str], cache: str, herhaal: int, koud: bool) -> float:
    tijden = []
    omgeving = {**os.environ, "ADVIESWIJZER_CACHE": cache}
    for _ in range(herhaal):
        if koud:
            omgeving["ADVIESWIJZER_CACHE"] = tempfile.mkdtemp()
        t = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "cli.py"), "advies", str(AANVRAAG), *args], env=omgeving,
                       check=True, capture_output=True)
        tijden.append(time.perf_counter() - t)
    return statistics.median(tijden)


def laden(regio: str | None, bron: Kennisbron, herhaal: int, koud: bool) -> float:
    tijden = []
    for _ in range(herhaal):
        if koud:
            os.environ["ADVIESWIJZER_CACHE"] = tempfile.mkdtemp()
        t = time.perf_counter()
        laad_kennis(regio, bron=bron)
        tijden.append(time.perf_counter() - t)
    return statistics.median(tijden)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kennisbron", default=os.environ.get("ADVIESWIJZER_TEST_SPARQL"), required=False)
    parser.add_argument("--herhaal", type=int, default=5)
    a = parser.parse_args()
    if not a.kennisbron:
        parser.error("geef --kennisbron URL (of zet ADVIESWIJZER_TEST_SPARQL)")
    warm = tempfile.mkdtemp()
    print(f"{'pad':<34}{'regio':<11}{'advies (proces)':>17}{'laad_kennis':>13}")
    for regio in (None, "voorbeeld"):
        extra = ["--regio", regio] if regio else []
        gevallen = [
            ("mappen, koud", [], Kennisbron(), True),
            ("mappen, warm", [], Kennisbron(), False),
            ("kennisbron, koud", ["--kennisbron", a.kennisbron], Kennisbron(url=a.kennisbron), True),
            ("kennisbron, warm (versievraag)", ["--kennisbron", a.kennisbron], Kennisbron(url=a.kennisbron), False),
        ]
        for naam, args, bron, koud in gevallen:
            os.environ["ADVIESWIJZER_CACHE"] = warm
            laad_kennis(regio, bron=bron)  # fills the warm cache (and the store's 'last fetched' note)
            proces = commando(args + extra, warm, a.herhaal, koud)
            os.environ["ADVIESWIJZER_CACHE"] = warm
            intern = laden(regio, bron, a.herhaal, koud)
            print(f"{naam:<34}{regio or 'landelijk':<11}{proces * 1000:>14.0f} ms{intern * 1000:>10.1f} ms")


if __name__ == "__main__":
    main()
