"""Batch classification (contract §4): stream rows in, one advies (or error row) out per row, in order.

- Streaming: rows are read, classified and written chunk by chunk; at most a few chunks are
  in flight, so memory stays flat however long the input. CSV and JSON Lines output is flushed
  per chunk, so an interrupted run leaves a valid prefix that `--hervat` continues.
- Exact reuse: identical requests (equal `Aanvraag.sleutel()`; the engine is per knowledge version
  and regio) reuse the engine's conclusions from a bounded LRU cache (`Motor.onthoud`); the advies
  is still assembled by `maak_advies` for each row, so id and the meldingen that read the
  omschrijving are the row's own and the result equals `advies` for that row.
- `--jobs N`: N worker processes (forkserver: clean processes, each loads the knowledge and
  compiles its own durable-rules engine); ordered, bounded submission keeps order and memory.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from advieswijzer.formaten.tabel import (
    MAX_XLSX_RIJEN,
    BestandFout,
    Invoer,
    Rij,
    als_tekst_in_xlsx,
    csv_cel,
    csv_waarde,
    formaat_van,
    kolom_van_veld,
    open_werkboek,
)
from advieswijzer.ontologie.bestanden import AtomairBestand
from advieswijzer.ontologie.fouten import SchrijfFout

CSV_KOLOMMEN = ("id", "rij", "status", "partners", "rollen", "onderwerpen", "risicogericht", "criteria",
                "meldingen", "fout", "kennis")
CHUNK = 256
CACHE_MAX = 1024  # entries per process; distinct intakes gain nothing from more, memory does


# -- one row -> output ------------------------------------------------------

@dataclass
class _Staat:
    kennis: object = None
    formaat: str = "jsonl"
    formaat_invoer: str = "csv"
    startfout: Exception | None = None


_STAAT = _Staat()


def start_werker(regio: str | None, formaat: str, cache: bool, bron=None) -> None:
    """Per process: load the knowledge, compile the engine, turn on its exact reuse (Pool initializer).
    `bron` is pinned to the version the main process loaded, so every worker uses exactly that."""
    from advieswijzer.kennis.laden import laad_kennis
    from advieswijzer.regels.motor import motor_voor

    _STAAT.kennis = laad_kennis(regio, bron=bron)
    _STAAT.formaat = formaat
    # identical requests (equal Aanvraag.sleutel()) reuse the engine's conclusions; the advies itself
    # (id, meldingen that read the omschrijving, ...) is still assembled by maak_advies for each row
    motor_voor(_STAAT.kennis).onthoud(CACHE_MAX if cache else 0)


def _advies(aanvraag) -> dict:
    from advieswijzer.regels.advies import maak_advies

    return maak_advies(aanvraag, _STAAT.kennis)


def _cel(tekst: str) -> str:
    return tekst.replace("\r", " ").replace("\n", " ")


def uitvoer_van(rij: Rij) -> tuple[tuple, object]:
    """(statistiek, payload) for one row; payload is a JSON line or a list of cells."""
    from advieswijzer.kennis.aanvraag import InvoerFout, lees_aanvraag, toonbaar
    from advieswijzer.regels.motor import MotorFout

    fout = rij.fout
    advies = None
    if fout is None:
        try:
            advies = _advies(lees_aanvraag(rij.data, _STAAT.kennis))
        except InvoerFout as f:
            soort = "regel" if _STAAT.formaat_invoer == "jsonl" else "rij"
            plaats = f"veld '{f.veld}'" if soort == "regel" else f"kolom '{kolom_van_veld(f.veld)}'"
            fout = f"{soort} {rij.nummer}, {plaats}: {f.bericht}"
        except MotorFout as f:
            fout = f"rij {rij.nummer}: geen advies, de regelmotor faalde ({f}); meld dit en classificeer de rij opnieuw"
        except Exception as f:  # noqa: BLE001 - one bad row must not abort the batch; it is reported
            fout = f"rij {rij.nummer}: interne fout {type(f).__name__}: {f} (meld dit)"
    if advies is None:
        fout = toonbaar(fout)
        stat = ("fout", (), False, fout, rij.nummer)
        if _STAAT.formaat == "jsonl":
            return stat, json.dumps({"id": rij.id, "rij": rij.nummer, "status": "fout", "fout": fout},
                                    ensure_ascii=False)
        return stat, [rij.id or "", rij.nummer, "fout", "", "", "", "", "", "", _cel(fout), ""]
    partners = tuple(p["partner"] for p in advies["partners"])
    rg = advies["risicogericht"]
    stat = ("ok", partners, rg["van_toepassing"], None, rij.nummer)
    if _STAAT.formaat == "jsonl":
        return stat, json.dumps({"id": advies["id"], "rij": rij.nummer, "status": "ok", **advies},
                                ensure_ascii=False)
    return stat, [
        advies["id"], rij.nummer, "ok", ";".join(partners),
        ";".join(f"{p['partner']}={'+'.join(p['rollen'])}" for p in advies["partners"]),
        ";".join(f"{p['partner']}={'+'.join(p['onderwerpen'])}" for p in advies["partners"] if p["onderwerpen"]),
        "ja" if rg["van_toepassing"] else "nee", ";".join(rg["criteria"]),
        _cel(" | ".join(advies["meldingen"])), "", advies["kennis"]["versie"],
    ]


def verwerk_chunk(rijen: list[Rij]) -> list[tuple[tuple, object]]:
    if _STAAT.startfout is not None:
        raise _STAAT.startfout
    return [uitvoer_van(r) for r in rijen]


def _start_werker_met_invoer(regio, formaat, cache, formaat_invoer, bron):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and stops the pool
    try:
        start_werker(regio, formaat, cache, bron)
    except Exception as fout:  # noqa: BLE001 - a failing initializer makes Pool respawn forever: report it
        _STAAT.startfout = fout
    _STAAT.formaat_invoer = formaat_invoer


# -- writers ----------------------------------------------------------------

class Schrijver:
    """Streams rows to CSV / JSON Lines (append-safe, flushed per chunk) or XLSX (write-only mode).

    Every file is opened before any work is done, so a missing or read-only folder fails at once; XLSX
    goes to a temporary file next to OUT that replaces OUT only when complete. Text cells are written as
    text, never as a formula (`csv_cel`, `als_tekst_in_xlsx`). A write that fails (disk full) is a
    `BestandFout` naming the file.
    """

    def __init__(self, pad: str | None, formaat: str, toevoegen: bool = False):
        self.pad, self.formaat = pad, formaat
        self._boek = self._blad = None
        self._doel: AtomairBestand | None = None  # XLSX: written in full at the end, or not at all
        self._f = None
        self._rijen = 0
        if formaat == "xlsx":
            from openpyxl import Workbook

            if pad is not None:
                try:
                    self._doel = AtomairBestand(pad)
                except SchrijfFout as fout:
                    raise BestandFout(str(fout)) from None
            self._boek = Workbook(write_only=True)
            self._blad = self._boek.create_sheet("advies")
            self.schrijf([list(CSV_KOLOMMEN)])
            return
        self._f = sys.stdout if pad is None else self._open(Path(pad), "a" if toevoegen else "w", pad)
        if formaat == "csv":
            self._csv = csv.writer(self._f, lineterminator="\n")
            if not toevoegen:
                self.schrijf([list(CSV_KOLOMMEN)])

    @staticmethod
    def _open(pad: Path, modus: str, naam: str):
        try:
            return open(pad, modus, encoding="utf-8", newline="")  # noqa: SIM115 - closed in sluit()
        except OSError as fout:
            raise BestandFout(f"{naam}: kan niet schrijven: {fout.strerror or fout}") from None

    def _schrijffout(self, fout: OSError) -> BestandFout:
        hervat = " (ga daarna verder met --hervat)" if self.formaat != "xlsx" else ""
        return BestandFout(f"{self.pad or 'stdout'}: schrijven mislukt: {fout.strerror or fout}{hervat}")

    def schrijf(self, payloads: list) -> None:
        if self.formaat == "xlsx":
            if self._rijen + len(payloads) > MAX_XLSX_RIJEN:
                raise BestandFout(f"{self.pad or 'stdout'}: een XLSX-werkblad kan hoogstens {MAX_XLSX_RIJEN:,} rijen "
                                  "bevatten (grens van Excel), de kopregel meegeteld; kies uitvoer naar .csv of "
                                  ".jsonl".replace(",", "."))
            from openpyxl.cell import WriteOnlyCell

            for p in payloads:
                cellen = []
                for waarde in p:
                    cel = WriteOnlyCell(self._blad, value=waarde)
                    als_tekst_in_xlsx(cel)
                    cellen.append(cel)
                self._blad.append(cellen)
            self._rijen += len(payloads)
            return
        try:
            if self.formaat == "jsonl":
                self._f.write("".join(p + "\n" for p in payloads))
            else:
                self._csv.writerows([csv_cel(c) for c in p] for p in payloads)
            self._f.flush()
        except OSError as fout:
            raise self._schrijffout(fout) from None

    def sluit(self, onderbroken: bool = False) -> None:
        """Finish the file. After an interruption a CSV/JSON Lines file ends after its last whole line;
        an XLSX holds the rows written so far (both are what `--hervat` continues from)."""
        if self._boek is not None:
            boek, self._boek = self._boek, None
            if self.pad is None:
                import io

                buffer = io.BytesIO()
                boek.save(buffer)
                sys.stdout.buffer.write(buffer.getvalue())
                sys.stdout.flush()
                return
            try:
                boek.save(self._doel.bestand)
            except (OSError, ValueError) as fout:
                self._doel.verwerp()
                raise self._schrijffout(fout if isinstance(fout, OSError) else OSError(str(fout))) from None
            try:
                self._doel.voltooi()
            except SchrijfFout as fout:
                raise BestandFout(str(fout)) from None
            return
        if self.pad is None or self._f is None or self._f.closed:
            return
        try:
            self._f.close()
        except OSError as fout:
            self._f = None
            if not onderbroken:
                raise self._schrijffout(fout) from None
        if onderbroken:
            _afgekapt(Path(self.pad))


# -- resume -----------------------------------------------------------------

def _afgekapt(pad: Path) -> int:
    """Cut a CSV/JSONL output after its last complete line; return the new size."""
    with open(pad, "rb+") as f:
        f.seek(0, os.SEEK_END)
        eind = f.tell()
        stap = 65536
        pos = eind
        while pos > 0:
            begin = max(0, pos - stap)
            f.seek(begin)
            blok = f.read(pos - begin)
            i = blok.rfind(b"\n")
            if i >= 0:
                nieuw = begin + i + 1
                break
            pos = begin
        else:
            nieuw = 0
        if nieuw != eind:
            f.truncate(nieuw)
        return nieuw


def _bestaande_rijen(pad: Path, formaat: str, versie: str) -> Iterator[tuple]:
    """The statistics tuples (and payloads, for XLSX) of the rows already in OUT."""
    if formaat == "jsonl":
        with open(pad, encoding="utf-8") as f:
            for n, regel in enumerate(f, 1):
                try:
                    d = json.loads(regel)
                    if d.get("status") == "ok" and d["kennis"]["versie"] != versie:
                        raise BestandFout(f"{pad}: gemaakt met andere kennis ({d['kennis']['versie']}, nu "
                                          f"{versie}); begin opnieuw zonder --hervat")
                    partners = tuple(p["partner"] for p in d.get("partners", ()))
                    rg = bool(d.get("risicogericht", {}).get("van_toepassing"))
                    yield (d["status"], partners, rg, d.get("fout"), int(d["rij"])), d.get("id"), None
                except (ValueError, KeyError, TypeError, AttributeError):
                    raise BestandFout(f"{pad}: regel {n} is geen batchuitvoer; kan niet hervatten") from None
        return
    if formaat == "csv":
        f = open(pad, encoding="utf-8", newline="")  # noqa: SIM115
        rijen = csv.reader(f)
    else:
        try:
            boek = open_werkboek(pad, str(pad))
        except BestandFout as fout:
            raise BestandFout(f"{fout} (onderbroken tijdens het opslaan?); begin opnieuw zonder --hervat") from None
        f = boek
        rijen = ([("" if c is None else c) for c in r] for r in boek.worksheets[0].iter_rows(values_only=True))
    try:
        kop = next(rijen, None)
        if kop is None:
            return
        if tuple(kop) != CSV_KOLOMMEN:
            raise BestandFout(f"{pad}: kopregel is niet die van batchuitvoer; kan niet hervatten")
        for cellen in rijen:
            d = dict(zip(CSV_KOLOMMEN, cellen, strict=False))
            if d["status"] == "ok" and d["kennis"] != versie:
                raise BestandFout(f"{pad}: gemaakt met andere kennis ({d['kennis']}, nu {versie}); "
                                  "begin opnieuw zonder --hervat")
            try:
                stat = (d["status"], tuple(filter(None, str(d["partners"]).split(";"))), d["risicogericht"] == "ja",
                        d["fout"] or None, int(d["rij"]))
            except (ValueError, KeyError):
                raise BestandFout(f"{pad}: rij zonder geldig rijnummer; kan niet hervatten") from None
            yield stat, csv_waarde(str(d["id"])), cellen if formaat == "xlsx" else None
    finally:
        f.close()


# -- the batch --------------------------------------------------------------

@dataclass
class Samenvatting:
    rijen: int = 0
    ok: int = 0
    fouten: int = 0
    risicogericht: int = 0
    per_partner: Counter = field(default_factory=Counter)
    eerste_fouten: list[str] = field(default_factory=list)
    hervat_vanaf: int = 0
    uitvoer: str = "-"

    def tel(self, stat: tuple) -> None:
        status, partners, rg, fout, _ = stat
        self.rijen += 1
        if status == "ok":
            self.ok += 1
            self.risicogericht += rg
            self.per_partner.update(partners)
        else:
            self.fouten += 1
            if len(self.eerste_fouten) < 5:
                self.eerste_fouten.append(fout or "")

    def tekst(self) -> str:
        regels = [f"batch: {self.rijen} rijen, {self.ok} ok, {self.fouten} fout -> {self.uitvoer}"]
        if self.hervat_vanaf:
            regels.append(f"  hervat: {self.hervat_vanaf} rijen stonden al in de uitvoer")
        regels.append(f"  risicogericht samenwerken: {self.risicogericht}")
        if self.per_partner:
            regels.append("  zaken per partner: " + ", ".join(f"{p} {n}" for p, n in sorted(self.per_partner.items())))
        for f in self.eerste_fouten:
            regels.append(f"  fout: {f}")
        if self.fouten > len(self.eerste_fouten):
            regels.append(f"  ... en nog {self.fouten - len(self.eerste_fouten)} foutregels (zie de uitvoer)")
        return "\n".join(regels)


def _chunks(rijen: Iterator[Rij], grootte: int) -> Iterator[list[Rij]]:
    chunk: list[Rij] = []
    for r in rijen:
        chunk.append(r)
        if len(chunk) >= grootte:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _resultaten(chunks: Iterator[list[Rij]], jobs: int, args: tuple) -> Iterator[list]:
    """Classified chunks in input order: in-process, or on a pool with a bounded number in flight."""
    if jobs <= 1:
        from advieswijzer.regels.motor import motor_voor

        start_werker(*args[:3], args[4])
        _STAAT.formaat_invoer = args[3]
        try:
            for chunk in chunks:
                yield verwerk_chunk(chunk)
        finally:
            motor_voor(_STAAT.kennis).onthoud(0)  # the engine is process-wide: leave it as it was
        return
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["advieswijzer.kennis.aanvraag", "advieswijzer.regels.advies",
                                    "advieswijzer.formaten.batch"])
    with context.Pool(jobs, initializer=_start_werker_met_invoer, initargs=args) as pool:
        onderweg: deque = deque()
        for chunk in chunks:
            onderweg.append(pool.apply_async(verwerk_chunk, (chunk,)))
            if len(onderweg) >= 3 * jobs:
                yield onderweg.popleft().get()
        while onderweg:
            yield onderweg.popleft().get()


def voer_uit(invoer: str, uitvoer: str | None = None, *, invoerformaat: str | None = None,
             formaat: str | None = None, regio: str | None = None, jobs: int = 1, hervat: bool = False,
             cache: bool = True, stdin=None, voortgang: Callable[[int, tuple | None], None] | None = None,
             chunk: int = CHUNK, bron=None) -> Samenvatting:
    """Run a batch; returns the summary. Raises BestandFout when a file cannot be used."""
    from advieswijzer.kennis.laden import laad_kennis

    formaat = formaat or (formaat_van(uitvoer) if uitvoer and uitvoer != "-" else "jsonl")
    if formaat is None:
        raise BestandFout(f"{uitvoer}: onbekende extensie; geef --format csv, jsonl of xlsx")
    if uitvoer == "-":
        uitvoer = None
    if hervat and uitvoer is None:
        raise BestandFout("--hervat heeft een uitvoerbestand nodig (-o)")
    if uitvoer is not None and invoer != "-" and _zelfde_bestand(invoer, uitvoer):
        raise BestandFout(f"{uitvoer}: is het invoerbestand zelf ({invoer}); de uitvoer zou de invoer "
                          "overschrijven. Kies een ander uitvoerbestand")
    jobs = jobs or os.cpu_count() or 1
    kennis = laad_kennis(regio, bron=bron)
    bron = bron.vast(kennis.versie) if bron is not None else None
    samenvatting = Samenvatting(uitvoer=uitvoer or "stdout")
    bestaand = hervat and Path(uitvoer).is_file() and Path(uitvoer).stat().st_size > 0
    if bestaand and formaat != "xlsx":
        _afgekapt(Path(uitvoer))
        bestaand = Path(uitvoer).stat().st_size > 0

    with Invoer(invoer, invoerformaat, stdin=stdin) as invoer_bron:
        rijen = iter(invoer_bron)
        schrijver = None
        vorige_sigterm = None
        if threading_main():
            vorige_sigterm = signal.signal(signal.SIGTERM, _sigterm)
        try:
            oud = _bestaande_rijen(Path(uitvoer), formaat, kennis.versie) if bestaand else iter(())
            # xlsx cannot be appended to: the rows already there are copied into a new workbook
            schrijver = Schrijver(uitvoer, formaat, toevoegen=bool(bestaand) and formaat != "xlsx")
            for stat, ident, cellen in oud:
                rij = next(rijen, None)
                if rij is None or rij.nummer != stat[4] or (rij.id or "") != (ident or ""):
                    waar = f"rij {stat[4]} (id {ident!r})"
                    raise BestandFout(f"--hervat: {waar} in {uitvoer} past niet bij de invoer "
                                      f"({'einde' if rij is None else f'rij {rij.nummer}, id {rij.id!r}'})")
                samenvatting.tel(stat)
                samenvatting.hervat_vanaf += 1
                if cellen is not None:
                    schrijver.schrijf([cellen])
            for resultaat in _resultaten(_chunks(rijen, chunk), jobs, (regio, formaat, cache, invoer_bron.formaat, bron)):
                schrijver.schrijf([p for _, p in resultaat])
                for stat, _ in resultaat:
                    samenvatting.tel(stat)
                if voortgang:
                    voortgang(samenvatting.rijen, invoer_bron.positie())
        except BaseException:
            if schrijver is not None:
                try:
                    schrijver.sluit(onderbroken=True)
                except BestandFout:
                    pass  # the first failure is the one to report
            raise
        else:
            schrijver.sluit()
        finally:
            if vorige_sigterm is not None:
                signal.signal(signal.SIGTERM, vorige_sigterm)
    return samenvatting


def _zelfde_bestand(invoer: str, uitvoer: str) -> bool:
    """Whether OUT is IN itself (after links: symlink, hard link, another path to it)."""
    try:
        return os.path.samefile(invoer, uitvoer)
    except OSError:
        return False  # OUT does not exist yet (or IN cannot be read: Invoer says so)


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _sigterm(signum, frame):
    raise KeyboardInterrupt  # leave a valid prefix (the writer closes in `finally`)


class Voortgang:
    """A rich progress bar on stderr when it is a terminal; silent (and free) otherwise."""

    def __init__(self, aan: bool | None = None):
        self.aan = sys.stderr.isatty() if aan is None else aan
        self._balk = None

    def __enter__(self):
        if self.aan:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._balk = Progress(TextColumn("batch"), BarColumn(), TextColumn("{task.fields[rijen]} rijen"),
                                  TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._balk.start()
            self._taak = self._balk.add_task("batch", total=None, rijen=0)
        return self

    def __call__(self, rijen: int, positie: tuple | None) -> None:
        if self._balk is not None:
            if positie:
                self._balk.update(self._taak, completed=positie[0], total=positie[1], rijen=rijen)
            else:
                self._balk.update(self._taak, rijen=rijen)

    def __exit__(self, *exc):
        if self._balk is not None:
            self._balk.stop()
