"""Benchmark `advieswijzer batch`: rows per second and peak memory on a synthetic intake.

    python bench/bench_batch.py                      # 100,000 rows, realistic and all-distinct, --jobs 1 and 2
    python bench/bench_batch.py --rijen 20000 --soort realistisch --jobs 2

Two intakes (CSV, as an intake system exports it):

- realistisch: the mix of a region's intake: mostly building permits and MBA notifications, some
  events, tank stations, energy projects; a few dozen kinds of case (Zipf-weighted), location
  and risk answers varying with the kind; most rows without a datum (= today), the rest spread
  over four weeks; ~2% bad rows (typo in an activity, bad boolean, missing id, gevolgklasse 4).
  Identical requests recur, as they do in real intake.
- uniek: every row a distinct combination (random activities, location, kenmerken, risk
  answers; never a repeat), so no conclusion can be reused: the engine's own speed.

Each run is `python cli.py batch IN -o OUT.jsonl --jobs N` in a subprocess; peak memory is the
largest sum of the resident set sizes of that process and its workers (sampled from /proc
every 50 ms), the figure that matters on a shared machine.

Measured on the 2-core development machine (100,000 rows, JSON Lines output, CACHE_MAX 1024):

    invoer        jobs  seconden  rijen/s  piek MB
    realistisch      1      11.5     8700       39
    realistisch      2       8.0    12511      137
    uniek            1      82.9     1206       51
    uniek            2      47.1     2125      161
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advieswijzer.formaten.tabel import KOLOMMEN  # noqa: E402

# (weight, soort, activiteiten, gevolgklasse, kenmerken)
SOORTEN_ZAKEN = [
    (30, "omgevingsvergunning", ["bouwactiviteit"], "1", ""),
    (12, "omgevingsvergunning", ["bouwactiviteit"], "2", ""),
    (3, "omgevingsvergunning", ["bouwactiviteit"], "3", ""),
    (8, "omgevingsvergunning", ["bouwactiviteit", "binnenplanse-omgevingsplanactiviteit"], "1", ""),
    (5, "omgevingsvergunning", ["buitenplanse-omgevingsplanactiviteit"], "", ""),
    (2, "omgevingsvergunning", ["buitenplanse-omgevingsplanactiviteit"], "", "aangewezen-geval-gemeenteraad"),
    (4, "omgevingsvergunning", ["sloopactiviteit"], "", ""),
    (3, "omgevingsvergunning", ["rijksmonumentenactiviteit", "bouwactiviteit"], "1", ""),
    (10, "melding", ["stookinstallatie"], "", ""),
    (6, "melding", ["milieubelastende-activiteit"], "", ""),
    (3, "melding", ["opslag-verpakte-gevaarlijke-stoffen"], "", ""),
    (2, "melding", ["opslagtank-vloeistoffen"], "", ""),
    (6, "gebruiksmelding", ["gebruiksactiviteit"], "", ""),
    (2, "informatieplicht", ["milieubelastende-activiteit"], "", ""),
    (5, "evenementenvergunning", ["evenement"], "", ""),
    (1, "evenementenvergunning", ["evenement", "vuurwerk-ontbranden"], "", ""),
    (2, "omgevingsvergunning", ["tanken-lpg", "bouwactiviteit"], "1", ""),
    (1, "omgevingsvergunning", ["tanken-waterstof", "bouwactiviteit"], "1", ""),
    (1, "omgevingsvergunning", ["zonnepark", "buitenplanse-omgevingsplanactiviteit"], "", ""),
    (2, "omgevingsvergunning", ["grootschalige-zonnepanelen", "bouwactiviteit"], "1", ""),
    (1, "omgevingsvergunning", ["windturbine", "bouwactiviteit"], "2", ""),
    (1, "omgevingsvergunning", ["energieopslagsysteem"], "", ""),
    (1, "omgevingsvergunning", ["ammoniak-koelinstallatie"], "", ""),
    (1, "omgevingsvergunning", ["mestvergisting"], "", ""),
    (1, "omgevingsvergunning", ["seveso-inrichting", "opslagtank-gassen"], "", "seveso-hogedrempel"),
    (1, "omgevingsvergunning", ["seveso-inrichting"], "", "seveso-lagedrempel"),
    (3, "vooroverleg", ["bouwactiviteit"], "2", ""),
    (1, "vooroverleg", ["opslag-energiedragers"], "", ""),
    (4, "toezicht", ["milieubelastende-activiteit"], "", ""),
    (2, "handhaving", ["bouwactiviteit"], "1", ""),
    (1, "maatwerkvoorschrift", ["stookinstallatie"], "", ""),
    (1, "omgevingsvergunning", ["opslag-vuurwerk"], "", ""),
]
GEBIEDEN = ["bestaande-woonwijk", "rustige-woonwijk", "gemengd-gebied", "bedrijventerrein", "buitengebied",
            "centrum", ""]
WOORDEN = ["Verbouw woning", "Nieuwbouw appartementen", "Uitbreiding bedrijfshal", "Aanleg",
           "Melding installatie", "Festival in het park", "Plaatsen accu-container", "Tankstation", ""]
FOUTEN = [
    ("activiteiten", "bouwactivitiet"),          # typo: unknown id
    ("nieuw_of_onbekend", "misschien"),          # bad boolean
    ("id", ""),                                  # missing id
    ("gevolgklasse", "4"),                       # wrong gevolgklasse
]


def realistisch(n: int, rng: random.Random):
    gewichten = [z[0] for z in SOORTEN_ZAKEN]
    vandaag = date(2026, 11, 23)
    dagen = [(vandaag - timedelta(days=d)).isoformat() for d in range(28) if (vandaag - timedelta(days=d)).weekday() < 5]
    for i in range(n):
        _, soort, acts, gk, kenm = rng.choices(SOORTEN_ZAKEN, gewichten)[0]
        risicovol = any(a not in ("bouwactiviteit", "sloopactiviteit", "gebruiksactiviteit", "evenement",
                                  "binnenplanse-omgevingsplanactiviteit", "rijksmonumentenactiviteit")
                        for a in acts)
        rij = {"id": f"Z-2026-{i:06d}", "soort": soort, "activiteiten": ";".join(acts), "gevolgklasse": gk,
               "kenmerken": kenm, "gebiedstype": rng.choice(GEBIEDEN[:3] if not risicovol else GEBIEDEN[2:]),
               "omschrijving": rng.choice(WOORDEN),
               "datum": rng.choice(dagen) if rng.random() < 0.4 else ""}
        if risicovol and rng.random() < 0.5:
            rij["aandachtsgebieden"] = rng.choice(["brandaandachtsgebied", "explosieaandachtsgebied",
                                                   "brandaandachtsgebied;explosieaandachtsgebied", "pr-contour"])
            if rng.random() < 0.3:
                rij["kwetsbare_objecten"] = rng.choice(["zeer-kwetsbaar-gebouw", "kwetsbaar-gebouw"])
        if risicovol and rng.random() < 0.2:
            rij["kennis_nodig_van"] = "veiligheidsregio"
        if rng.random() < 0.02:
            kolom, waarde = rng.choice(FOUTEN)
            rij[kolom] = waarde
        yield rij


def uniek(n: int, rng: random.Random):
    """Every row a distinct combination of the fields the advice depends on (resampled on a repeat),
    so no conclusion can be reused. The datum is not used to make rows distinct: the engine reuses
    conclusions for dates in the same validity interval of the knowledge, so distinct dates alone
    would not defeat reuse."""
    activiteiten = sorted({a for z in SOORTEN_ZAKEN for a in z[2]})
    soorten = sorted({z[1] for z in SOORTEN_ZAKEN})
    gezien: set[tuple] = set()
    i = 0
    while i < n:
        rij = {"soort": rng.choice(soorten),
               "activiteiten": ";".join(sorted(rng.sample(activiteiten, rng.randint(1, 4)))),
               "gevolgklasse": rng.choice(["", "1", "2", "3"]), "gebiedstype": rng.choice(GEBIEDEN),
               "aandachtsgebieden": rng.choice(["", "brandaandachtsgebied", "pr-contour;gifwolkaandachtsgebied"]),
               "kwetsbare_objecten": rng.choice(["", "", "zeer-kwetsbaar-gebouw"]),
               "kenmerken": rng.choice(["", "", "", "seveso-lagedrempel", "ippc", "mer-plichtig"]),
               "nieuw_of_onbekend": rng.choice(["", "ja"]),
               "meerwaarde_gezien_door": rng.choice(["", "", "omgevingsdienst", "veiligheidsregio"])}
        sleutel = tuple(rij.values())
        if sleutel in gezien:
            continue
        gezien.add(sleutel)
        yield {"id": f"U-{i:06d}", **rij, "omschrijving": rng.choice(WOORDEN), "datum": ""}
        i += 1


def schrijf(pad: Path, rijen) -> None:
    with open(pad, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, KOLOMMEN, restval="")
        w.writeheader()
        w.writerows(rijen)


def _rss_kb(pid: int) -> int:
    try:
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1])
    except OSError:
        pass
    return 0


def _boom(pid: int) -> list[int]:
    kinderen = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                ouder = int(p.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ouder == pid:
                kinderen.append(int(p.name))
    return [pid, *[k for kind in kinderen for k in _boom(kind)]]


def meet(invoer: Path, jobs: int, map_: Path) -> tuple[float, float, int]:
    """(seconds, peak MB of the process tree, rows written)."""
    uit = map_ / f"uit-{invoer.stem}-{jobs}.jsonl"
    start = time.perf_counter()
    proces = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "batch", str(invoer), "-o", str(uit),
                               "--jobs", str(jobs)], stderr=subprocess.PIPE, text=True)
    piek = 0
    while proces.poll() is None:
        piek = max(piek, sum(_rss_kb(p) for p in _boom(proces.pid)))
        time.sleep(0.05)
    duur = time.perf_counter() - start
    fout = proces.stderr.read()
    if proces.returncode not in (0, 1):
        raise SystemExit(f"batch faalde ({proces.returncode}):\n{fout}")
    with open(uit, "rb") as f:
        regels = sum(1 for _ in f)
    return duur, piek / 1024, regels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument("--soort", choices=["realistisch", "uniek", "beide"], default="beide")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    soorten = ["realistisch", "uniek"] if args.soort == "beide" else [args.soort]
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        print(f"{'invoer':<12} {'rijen':>8} {'jobs':>4} {'seconden':>9} {'rijen/s':>9} {'piek MB':>8}")
        for soort in soorten:
            invoer = map_ / f"{soort}.csv"
            schrijf(invoer, (realistisch if soort == "realistisch" else uniek)(args.rijen, random.Random(args.seed)))
            for jobs in args.jobs:
                duur, piek, regels = meet(invoer, jobs, map_)
                assert regels == args.rijen, f"{regels} uitvoerregels voor {args.rijen} invoerrijen"
                print(f"{soort:<12} {args.rijen:>8} {jobs:>4} {duur:>9.1f} {args.rijen / duur:>9.0f} {piek:>8.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
