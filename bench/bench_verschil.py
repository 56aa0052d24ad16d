"""Differential check of `advieswijzer batch` against `advies`, at scale: does batch ever lie?

    python bench/bench_verschil.py                   # 20,000 distinct rows, --jobs 2, 4 kill cycles
    python bench/bench_verschil.py --rijen 10000 --cycli 6

The intake is CSV: distinct rows from `bench_batch.uniek` (every row a different combination of
what the advice depends on, so no conclusion is reused) with realistic rows carrying one bad cell
each (`SLECHTE_CELLEN`) spread through it, so error rows are compared too. The expected output
is computed in this process, row by row, the way `advieswijzer advies` does it: the row as the
table reader gives it, `maak_advies(lees_aanvraag(data, kennis), kennis)`; an input error is an
error row naming the row and column. Every batch run (`python cli.py batch IN -o OUT.jsonl
--jobs 2` in a subprocess) must give exactly that, row by row: the whole advice (partners with
roles, topics and reasons, risicogericht, meldingen, knowledge version), or for an error row its
status and message; rows out == rows in, in order.

Runs, as the intake office of issue 15 used it:

1. two runs at the same time on the same input, to different outputs;
2. a run killed at random moments (SIGKILL, and SIGINT as Ctrl-C on the process group, which
   must end it with exit 130 and a valid JSON Lines prefix) and resumed with `--hervat`, each
   time, until it completes; while it goes on, another full run uses the other core.

`tests/test_batch_verschil.py` imports this module and runs the same checks on ~2,000 rows.

Measured on the 2-core development machine, shared with other sessions (load average 2-4, so
about half the speed of `bench_batch.py`'s figures), at commit b635f6f: 20,400 rows (20,026
distinct requests, 368 error rows), `--jobs 2`, 4 interruptions; 3.5 minutes in all:

    expected output in-process (advies): 43.6 s
    run                                  rijen  verschil  exit  seconden
    gelijktijdig A                       20400         0     1      70.2
    gelijktijdig B                       20400         0     1      69.1
    4x onderbroken + --hervat            20400         0     1      90.2
      cyclus 1: SIGKILL bij >= 1952 regels: exit -9 na 0.00 s, 2048 hele regels, 0 verschillen
      cyclus 2: Ctrl-C bij >= 7283 regels: exit 130 na 0.12 s, 7424 hele regels, 0 verschillen
      cyclus 3: SIGKILL bij >= 11541 regels: exit -9 na 0.02 s, 12032 hele regels, 0 verschillen
      cyclus 4: Ctrl-C bij >= 12873 regels: exit 130 na 0.13 s, 13056 hele regels, 0 verschillen
    gelijktijdig met de onderbroken run   20400         0     1      87.9
    vergeleken: 81600 rijen in 4 uitvoerbestanden; verschillend: 0

Also 0 of 40,800 with `--rijen 10000 --cycli 6 --seed 7`. A Ctrl-C that lands after the last row,
while batch exits, ends the process by the signal itself (Python restores SIGINT's default action
on shutdown; a shell shows 130) with the output complete: reported, not counted as a failure.

Every prefix left by an interruption held only whole, correct rows (after SIGKILL a half line at
most, which `--hervat` cuts off); after SIGKILL the workers end by themselves within ~3 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from advieswijzer.formaten.tabel import KOLOMMEN, Invoer, kolom_van_veld  # noqa: E402
from advieswijzer.kennis.aanvraag import InvoerFout, lees_aanvraag, toonbaar  # noqa: E402
from advieswijzer.regels.advies import maak_advies  # noqa: E402
from bench_batch import realistisch, uniek  # noqa: E402

# One bad cell per realistic row: what a busy intake types wrong (or what issue 15 found to break a run).
SLECHTE_CELLEN = [
    ("activiteiten", "bouwactivitiet"),            # typo: unknown id
    ("activiteiten", "bouwactiviteit;;tanken-kerosine"),
    ("nieuw_of_onbekend", "misschien"),            # not a boolean
    ("startpunt_bredere_ontwikkeling", "2"),
    ("id", ""),                                    # missing id
    ("id", "Z-\x07-bel"),                          # control character
    ("id", "X" * 250),                             # too long
    ("id", "=HYPERLINK(\"http://x\")"),            # a formula: a valid id, an ok row
    ("id", "Z-\ud800"),                            # lone surrogate (not UTF-8: the line falls back to cp1252)
    ("gevolgklasse", "4"),
    ("gevolgklasse", "\u00b2"),                    # superscript two: str.isdigit says yes, int() says no
    ("gevolgklasse", "9" * 5000),                  # beyond Python's int-to-text limit
    ("gevolgklasse", "1.5"),
    ("gebiedstype", "woonwijk"),
    ("aandachtsgebieden", "brandaandachtsgebied;overstromingsgebied"),
    ("kwetsbare_objecten", "ziekenhuis"),
    ("kenmerken", "seveso"),
    ("kennis_nodig_van", "brandweer"),
    ("meerwaarde_gezien_door", "omgevingsdienst;rijkswaterstaat"),
    ("bevoegd_gezag", "koning"),
    ("soort", "bouwvergunning"),
    ("soort", ""),
    ("datum", "31-02-2026"),                       # Dutch date that does not exist
    ("datum", "morgen"),
    ("omschrijving", "Festival \x1b[31m rood"),    # escape character in free text
]


# -- the intake -------------------------------------------------------------

def bouw_instroom(rijen: int, fouten: int, seed: int) -> list[dict]:
    """`rijen` distinct rows with `fouten` bad-cell rows spread through them (one at the start and at the end)."""
    rng = random.Random(seed)
    goed = list(uniek(rijen, rng))
    slecht = [{**rij, "id": f"R-{i:06d}", kolom: waarde}
              for i, (rij, (kolom, waarde)) in enumerate(zip(realistisch(fouten, rng),
                                                             (SLECHTE_CELLEN * fouten)[:fouten], strict=True))]
    plekken = set(rng.sample(range(1, rijen + fouten - 1), max(fouten - 2, 0))) | ({0, rijen + fouten - 1}
                                                                                  if fouten >= 2 else set())
    goed.reverse()
    slecht.reverse()
    return [slecht.pop() if i in plekken and slecht else goed.pop() for i in range(rijen + fouten)]


def schrijf_instroom(pad: Path, rijen: list[dict]) -> None:
    """CSV as an intake system exports it; a lone surrogate is written as the (invalid UTF-8) bytes it stands for."""
    with open(pad, "w", encoding="utf-8", errors="surrogatepass", newline="") as f:
        w = csv.DictWriter(f, KOLOMMEN, restval="")
        w.writeheader()
        w.writerows(rijen)


# -- the expected output: what `advies` says for each row --------------------

def verwachte_regel(rij, kennis) -> dict:
    """The output line batch must write for one input row (contract §4), computed in this process."""
    if rij.fout is not None:  # the table reader refused the row itself (bad cell, unreadable line)
        return {"id": rij.id, "rij": rij.nummer, "status": "fout", "fout": toonbaar(rij.fout)}
    try:
        advies = maak_advies(lees_aanvraag(rij.data, kennis), kennis)
    except InvoerFout as fout:
        bericht = f"rij {rij.nummer}, kolom '{kolom_van_veld(fout.veld)}': {fout.bericht}"
        return {"id": rij.id, "rij": rij.nummer, "status": "fout", "fout": toonbaar(bericht)}
    # through JSON, as batch writes it (tuples become lists)
    return json.loads(json.dumps({"id": advies["id"], "rij": rij.nummer, "status": "ok", **advies}))


def verwachte_uitvoer(pad: Path, kennis) -> list[dict]:
    with Invoer(str(pad)) as bron:
        return [verwachte_regel(rij, kennis) for rij in bron]


def sleutels(pad: Path, kennis) -> list[tuple]:
    """`Aanvraag.sleutel()` (without the datum) of every row that reads: what the advice depends on."""
    uit = []
    with Invoer(str(pad)) as bron:
        for rij in bron:
            try:
                uit.append(lees_aanvraag(rij.data, kennis).sleutel()[:-1])
            except (InvoerFout, TypeError):
                pass
    return uit


# -- running batch ------------------------------------------------------------

def _sigint_standaard() -> None:
    # a child started in the background inherits SIGINT ignored, and Python then never raises
    # KeyboardInterrupt; Ctrl-C at a terminal reaches a foreground process with the default action
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Run:
    """`python cli.py batch IN -o OUT.jsonl --jobs N [--hervat]` in a subprocess of its own process group."""

    def __init__(self, invoer: Path, uitvoer: Path, jobs: int = 2, hervat: bool = False):
        self.uitvoer = uitvoer
        self._stderr = open(f"{uitvoer}.stderr", "w+", encoding="utf-8")  # noqa: SIM115 - closed in wacht()
        self.start = time.perf_counter()
        self.proces = subprocess.Popen(
            [sys.executable, str(ROOT / "cli.py"), "batch", str(invoer), "-o", str(uitvoer), "--jobs", str(jobs),
             *(["--hervat"] if hervat else [])],
            stdout=subprocess.DEVNULL, stderr=self._stderr, cwd=ROOT, start_new_session=True,
            preexec_fn=_sigint_standaard)
        self.eind: float | None = None
        threading.Thread(target=self._kijk, daemon=True).start()

    def _kijk(self) -> None:
        self.proces.wait()
        self.eind = time.perf_counter()

    def regels_geschreven(self) -> int:
        try:
            with open(self.uitvoer, "rb") as f:
                return f.read().count(b"\n")
        except FileNotFoundError:
            return 0

    def wacht_op(self, regels: int, timeout: float = 300) -> bool:
        """Wait until OUT has at least `regels` whole lines; False when the run ended first."""
        grens = time.monotonic() + timeout
        while time.monotonic() < grens:
            if self.proces.poll() is not None:
                return False
            if os.path.getsize(self.uitvoer) if self.uitvoer.exists() else 0:
                if self.regels_geschreven() >= regels:
                    return True
            time.sleep(0.005)
        raise TimeoutError(f"{self.uitvoer}: na {timeout} s nog geen {regels} regels")

    def signaal(self, signum: int, groep: bool) -> float:
        """Send a signal (to the whole process group, as a terminal's Ctrl-C does, or to batch alone);
        return the moment it was sent."""
        moment = time.perf_counter()
        try:
            if groep:
                os.killpg(self.proces.pid, signum)
            else:
                os.kill(self.proces.pid, signum)
        except ProcessLookupError:
            pass  # it had just ended (its exit code says how)
        return moment

    def wacht(self, timeout: float | None = None) -> tuple[int, str]:
        """(exit code, stderr); afterwards no process of this run is left (workers of a killed run included)."""
        try:
            code = self.proces.wait(timeout)
        finally:
            self.opruimen()
        while self.eind is None:  # the watcher thread notes the moment the process ended
            time.sleep(0.001)
        self.duur = self.eind - self.start
        self._stderr.seek(0)
        fout = self._stderr.read()
        self._stderr.close()
        return code, fout

    def opruimen(self) -> None:
        if self.proces.poll() is None:
            self.proces.kill()
            self.proces.wait()
        try:  # workers of a batch killed with SIGKILL outlive it; they are in its process group
            os.killpg(self.proces.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# -- comparing --------------------------------------------------------------

def lees_regels(pad: Path) -> tuple[list[bytes], bytes]:
    """(whole lines, the unfinished rest after the last newline)."""
    *regels, rest = pad.read_bytes().split(b"\n")
    return regels, rest


def verschillen(regels: list[bytes], verwacht: list[dict], prefix: bool = False) -> list[str]:
    """One description per output row that differs from the expected row (all rows, or a prefix)."""
    uit = []
    if len(regels) != len(verwacht) and not (prefix and len(regels) <= len(verwacht)):
        uit.append(f"{len(regels)} uitvoerregels voor {len(verwacht)} invoerrijen")
    for n, (regel, goed) in enumerate(zip(regels, verwacht, strict=False), 1):
        try:
            kreeg = json.loads(regel)
        except ValueError as fout:
            uit.append(f"uitvoerregel {n}: geen JSON ({fout}): {regel[:80]!r}")
            continue
        if kreeg != goed:
            velden = sorted(k for k in {*kreeg, *goed} if kreeg.get(k) != goed.get(k))
            uit.append(f"uitvoerregel {n} (rij {goed['rij']}, id {goed['id']!r}): verschilt in {', '.join(velden)}: "
                       f"{ {k: kreeg.get(k) for k in velden}!r:.300} in plaats van "
                       f"{ {k: goed.get(k) for k in velden}!r:.300}")
    return uit


# -- the benchmark ------------------------------------------------------------

PROBLEEM = "PROBLEEM"  # marks a log line that makes the check fail

def _meld(naam: str, regels: list[bytes], verwacht: list[dict], code: int, duur: float) -> int:
    anders = verschillen(regels, verwacht)
    print(f"{naam:<34} {len(regels):>7} {len(anders):>9} {code:>5} {duur:>9.1f}", flush=True)
    for a in anders[:5]:
        print(f"    {a}")
    return len(anders)


def kill_en_hervat(invoer: Path, uitvoer: Path, verwacht: list[dict], cycli: int, rng: random.Random,
                   jobs: int) -> tuple[list[str], int, float]:
    """Interrupt a run `cycli` times at a random row (SIGKILL and Ctrl-C alternating, each time somewhere
    in the first half of the rows still to do), resume with --hervat until it completes. Returns (one line per interruption, the last exit code, total seconds)."""
    log, start, hervat = [], time.perf_counter(), False
    for cyclus in range(cycli + 1):
        run = Run(invoer, uitvoer, jobs, hervat=hervat)
        al = run.regels_geschreven() if hervat else 0
        doel = al + rng.randint(1, max(1, (len(verwacht) - al) // 2))  # within the first half of what is left
        if cyclus == cycli or not run.wacht_op(doel):
            code, fout = run.wacht()
            if cyclus < cycli:
                log.append(f"  cyclus {cyclus + 1}: run eindigde voor rij {doel} (exit {code})")
            return log, code, time.perf_counter() - start
        ctrl_c = cyclus % 2 == 1
        moment = run.signaal(signal.SIGINT if ctrl_c else signal.SIGKILL, groep=ctrl_c)
        code, fout = run.wacht(timeout=30)
        stop = run.eind - moment
        regels, rest = lees_regels(uitvoer)
        prefix = verschillen(regels, verwacht, prefix=True)
        soort = "Ctrl-C" if ctrl_c else "SIGKILL"
        log.append(f"  cyclus {cyclus + 1}: {soort} bij >= {doel} regels: exit {code} na {stop:.2f} s, "
                   f"{len(regels)} hele regels{' + een halve' if rest else ''}, {len(prefix)} verschillen")
        klaar = not rest and len(regels) == len(verwacht)
        if code in (0, 1) and klaar:
            log.append("    (de run was al klaar voor het signaal)")
        elif ctrl_c and code == -signal.SIGINT and klaar:
            # the run had finished and was exiting: Python restores SIGINT's default action while it shuts
            # down, so the signal itself ends the process (a shell shows 130); the output is complete
            log.append("    (de run was al klaar en sloot af; het signaal beeindigde het proces, de uitvoer is heel)")
        elif ctrl_c and (code != 130 or rest or stop > 1.0 or "Traceback" in fout):
            log.append(f"    {PROBLEEM}: Ctrl-C moet binnen 1 s stoppen met exit 130 en een geldig JSON Lines-prefix; "
                       f"stderr: {fout[-300:]}")
        elif not ctrl_c and code != -signal.SIGKILL:
            log.append(f"    {PROBLEEM}: exit {code}; stderr: {fout[-300:]}")
        log.extend(f"    {a}" for a in prefix[:5])
        hervat = True
    raise AssertionError("onbereikbaar")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rijen", type=int, default=20_000, help="distinct rows (uniek)")
    parser.add_argument("--fouten", type=int, default=None, help="rows with a bad cell (default 2%% of --rijen)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cycli", type=int, default=4, help="kill-and-resume cycles")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    fouten = args.rijen // 50 if args.fouten is None else args.fouten
    from advieswijzer.kennis.laden import laad_kennis

    kennis = laad_kennis(cache=False)
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        invoer = map_ / "instroom.csv"
        schrijf_instroom(invoer, bouw_instroom(args.rijen, fouten, args.seed))
        start = time.perf_counter()
        verwacht = verwachte_uitvoer(invoer, kennis)
        duur = time.perf_counter() - start
        n_fout = sum(r["status"] == "fout" for r in verwacht)
        print(f"instroom: {len(verwacht)} rijen, {len(set(sleutels(invoer, kennis)))} verschillende aanvragen, "
              f"{n_fout} foutrijen; verwacht in-process (advies) in {duur:.1f} s")
        print(f"{'run':<34} {'rijen':>7} {'verschil':>9} {'exit':>5} {'seconden':>9}")
        totaal = 0
        a, b = Run(invoer, map_ / "a.jsonl", args.jobs), Run(invoer, map_ / "b.jsonl", args.jobs)
        for naam, run in (("gelijktijdig A", a), ("gelijktijdig B", b)):
            code, _ = run.wacht()
            totaal += _meld(naam, lees_regels(run.uitvoer)[0], verwacht, code, run.duur)
        rng = random.Random(args.seed)
        naast = Run(invoer, map_ / "naast.jsonl", args.jobs)
        log, code, duur = kill_en_hervat(invoer, map_ / "hervat.jsonl", verwacht, args.cycli, rng, args.jobs)
        totaal += _meld(f"{args.cycli}x onderbroken + --hervat", lees_regels(map_ / "hervat.jsonl")[0], verwacht,
                        code, duur)
        print("\n".join(log))
        code, _ = naast.wacht()
        totaal += _meld("gelijktijdig met de onderbroken run", lees_regels(naast.uitvoer)[0], verwacht, code,
                        naast.duur)
        print(f"vergeleken: {4 * len(verwacht)} rijen in 4 uitvoerbestanden; verschillend: {totaal}")
        if totaal or any(PROBLEEM in regel for regel in log):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
