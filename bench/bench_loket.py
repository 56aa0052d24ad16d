"""Benchmark `advieswijzer loket`: requests per second and latency under bounded load on loopback.

    python bench/bench_loket.py                         # 8 clients, 1,600 requests per endpoint
    python bench/bench_loket.py --clients 8 --verzoeken 400 --threads 8

Starts the real service (`python cli.py loket`, waitress) on a free 127.0.0.1 port, warms it up, then
lets N concurrent clients (threads, one keep-alive connection each) send a fixed number of requests
to each endpoint in turn; it stops by itself after the count or after --max-seconden, whichever
comes first. Nothing leaves this computer.

- `POST /api/advies`: the aanvraag of examples/aanvragen/waterstoftankstation.json (contract §1 JSON)
- `GET /advies?...`: the HTML result page for the same fields (what a browser gets after the form)

Each client varies the zaaknummer, so every request is a full advice (no HTTP cache in between).

Measured on the 2-core development machine (8 clients, 1,600 requests per endpoint, loket --threads 4,
the benchmark's own clients on the same two cores):

    endpoint             verzoeken  fout  verz/s   p50 ms   p99 ms
    POST /api/advies          1600     0     160     44.3    136.7
    GET /advies (HTML)        1600     0     101     67.6    193.2

With --threads 8 (800 per endpoint): 127 and 142 verz/s, p50 53 and 50 ms, p99 178 and 160 ms. The
machine is shared with other work, so figures vary by some 30% between runs; the engine (durable-rules)
dominates, rendering the HTML page adds little.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VOORBEELD = ROOT / "examples" / "aanvragen" / "waterstoftankstation.json"


def vrije_poort() -> int:
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


def start_loket(poort: int, threads: int) -> subprocess.Popen:
    proces = subprocess.Popen([sys.executable, "cli.py", "loket", "--port", str(poort), "--threads", str(threads)],
                              cwd=ROOT, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return proces
        except OSError:
            time.sleep(0.1)
    proces.kill()
    raise SystemExit("het loket startte niet binnen 30 s")


def formuliervelden(a: dict) -> list[tuple[str, str]]:
    loc, risico = a.get("locatie", {}), a.get("risico", {})
    velden = [("soort", a["soort"]), ("datum", a.get("datum", "")), ("bevoegd_gezag", a.get("bevoegd_gezag", "")),
              ("gevolgklasse", str(a.get("gevolgklasse", ""))), ("gebiedstype", loc.get("gebiedstype", "")),
              ("omschrijving", a.get("omschrijving", ""))]
    velden += [("activiteiten", x) for x in a["activiteiten"]]
    velden += [("aandachtsgebieden", x) for x in loc.get("aandachtsgebieden", [])]
    velden += [("kwetsbare_objecten", x) for x in loc.get("kwetsbare_objecten", [])]
    velden += [("kenmerken", x) for x in a.get("kenmerken", [])]
    velden += [("kennis_nodig_van", x) for x in risico.get("kennis_nodig_van", [])]
    if risico.get("nieuw_of_onbekend"):
        velden.append(("nieuw_of_onbekend", "ja"))
    return [(k, v) for k, v in velden if v]


def meet(poort: int, clients: int, verzoeken: int, max_seconden: float, maak_verzoek) -> dict:
    """`verzoeken` requests over `clients` threads; latencies in ms, errors counted, bounded in time."""
    tijden: list[float] = []
    fouten = [0]
    slot = threading.Lock()
    teller = iter(range(verzoeken))
    einde = time.monotonic() + max_seconden

    def client(nummer: int) -> None:
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
        while time.monotonic() < einde:
            with slot:
                i = next(teller, None)
            if i is None:
                break
            methode, pad, body, koppen = maak_verzoek(f"Z-BENCH-{nummer}-{i}")
            begin = time.perf_counter()
            try:
                verbinding.request(methode, pad, body=body, headers=koppen)
                antwoord = verbinding.getresponse()
                antwoord.read()
                goed = antwoord.status == 200
            except (OSError, http.client.HTTPException):
                goed = False
                verbinding.close()
                verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
            duur = (time.perf_counter() - begin) * 1000
            with slot:
                if goed:
                    tijden.append(duur)
                else:
                    fouten[0] += 1
        verbinding.close()

    begin = time.perf_counter()
    draden = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    totaal = time.perf_counter() - begin
    tijden.sort()
    return {"verzoeken": len(tijden) + fouten[0], "fout": fouten[0], "per_s": len(tijden) / totaal,
            "p50": statistics.median(tijden) if tijden else float("nan"),
            "p99": tijden[min(len(tijden) - 1, int(len(tijden) * 0.99))] if tijden else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--verzoeken", type=int, default=1600, help="per endpoint")
    parser.add_argument("--threads", type=int, default=4, help="--threads of the loket")
    parser.add_argument("--max-seconden", type=float, default=120, help="per endpoint, a hard stop")
    args = parser.parse_args()

    aanvraag = json.loads(VOORBEELD.read_text(encoding="utf-8"))
    velden = formuliervelden(aanvraag)

    def api(zaak: str):
        return "POST", "/api/advies", json.dumps({**aanvraag, "id": zaak}), {"Content-Type": "application/json"}

    def pagina(zaak: str):
        return "GET", "/advies?" + urlencode([("id", zaak), *velden]), None, {}

    poort = vrije_poort()
    proces = start_loket(poort, args.threads)
    try:
        for naam, maak in (("POST /api/advies", api), ("GET /advies (HTML)", pagina)):
            meet(poort, 2, 40, 30, maak)  # warm up: knowledge, rules, templates
            r = meet(poort, args.clients, args.verzoeken, args.max_seconden, maak)
            print(f"{naam:<20} {r['verzoeken']:>9} {r['fout']:>5} {r['per_s']:>7.0f} {r['p50']:>8.1f} "
                  f"{r['p99']:>8.1f}", flush=True)
    finally:
        proces.terminate()
        proces.wait(timeout=10)


if __name__ == "__main__":
    print(f"{'endpoint':<20} {'verzoeken':>9} {'fout':>5} {'verz/s':>7} {'p50 ms':>8} {'p99 ms':>8}")
    main()
