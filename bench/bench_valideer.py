"""Benchmark for `valideer`: validation time for generated plans of 100, 1,000 and 10,000 regels.

    python bench/bench_valideer.py [N ...]

Each plan has one werkingsgebied per 10 regels (gebiedstypen, aandachtsgebieden with LPG
tankstations, PR-contours, zeer kwetsbare gebouwen) and a few deliberate findings, so every
check has work to do. Reported per size: building the RDF from the table, pySHACL validation
(incl. the SHACL-AF rule of P10), turning the report into results, and the number of findings.
Goal: 1,000 regels < 5 s, 10,000 < 60 s, no worse than linear.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ontologie.planregels import tabellen_naar_rdf  # noqa: E402
from ontologie.valideren import laad_vormen, valideer  # noqa: E402

SOORTEN = ["centrum", "bestaande-woonwijk", "bedrijventerrein", "brandaandachtsgebied",
           "explosieaandachtsgebied", "pr-contour", "gemengd-gebied", "buitengebied"]
KWALIFICATIES = ["gebod", "verbod", "vergunningplicht", "meldingsplicht", "zorgplicht", "toegestaan"]


def genereer(n: int):
    werkingsgebieden, regels = [], []
    for w in range(max(1, n // 10)):
        soort = SOORTEN[w % len(SOORTEN)]
        werkingsgebieden.append((w + 2, {
            "werkingsgebied": f"wg-{w}", "soort": soort,
            "gebiedstype": "bedrijventerrein" if soort.endswith(("gebied", "contour")) and soort != "gemengd-gebied" else "",
            "kwetsbare_objecten": "zeer-kwetsbaar-gebouw" if w % 7 == 3 else "",
            "kaartverwijzing": f"nl.imow-gm0000.gebied.{w}" if w % 13 else "",
            "activiteiten": "tanken-lpg" if soort in ("brandaandachtsgebied", "explosieaandachtsgebied", "pr-contour") else ""}))
    for i in range(n):
        w = i % len(werkingsgebieden)
        soort = SOORTEN[w % len(SOORTEN)]
        kwalificatie = KWALIFICATIES[i % len(KWALIFICATIES)]
        regels.append((i + 2, {
            "identificatie": f"R{i}", "regeltekst": f"Regeltekst {i}.", "kwalificatie": kwalificatie,
            "werkingsgebied": f"wg-{w}", "activiteit": "bouwactiviteit" if i % 3 else "",
            "object": "beperkt-kwetsbaar-gebouw" if soort == "pr-contour" and kwalificatie == "toegestaan"
            else ("zeer-kwetsbaar-gebouw" if i % 5 == 0 else ""),
            "onderwerp": "bluswater-en-bereikbaarheid" if i % 4 == 0 else "externe-veiligheid",
            "grondslag": "" if i % 17 == 0 else "bkl 5.7", "ambitieniveau": ""}))
    return regels, werkingsgebieden


def meet(n: int) -> dict:
    regels, wg = genereer(n)
    t0 = time.perf_counter()
    plan = tabellen_naar_rdf(regels, wg)
    t1 = time.perf_counter()
    rapport = valideer(plan, vormen=laad_vormen())
    t2 = time.perf_counter()
    return {"regels": n, "triples": len(plan), "rdf_s": t1 - t0, "valideren_s": t2 - t1,
            "bevindingen": len(rapport.resultaten), "aantallen": rapport.aantallen}


def main(aantallen: list[int]) -> None:
    valideer(tabellen_naar_rdf(*genereer(10)), vormen=laad_vormen())  # warm up: knowledge base, shapes
    print(f"{'regels':>7} {'triples':>8} {'tabel->RDF':>11} {'valideren':>10} {'per regel':>10}  bevindingen")
    for n in aantallen:
        m = meet(n)
        print(f"{m['regels']:>7} {m['triples']:>8} {m['rdf_s']:>10.2f}s {m['valideren_s']:>9.2f}s "
              f"{1000 * m['valideren_s'] / n:>8.2f}ms  {m['aantallen']}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
