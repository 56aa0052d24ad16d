"""Read batch input (contract §4): CSV, JSON Lines or XLSX rows -> aanvraag dicts (contract §1), streaming.

Every data row becomes one `Rij`: its number as the user sees it (CSV/XLSX: the row number,
header = row 1, as Excel shows it; JSON Lines: the line number), the aanvraag dict, or an error
that names the column. Empty rows at the end of a file are not rows (Excel leaves them behind);
an empty row between data rows is an error row, so nothing disappears silently.

A problem with the file itself (unreadable, no header, unknown column) raises `BestandFout`.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from advieswijzer.kennis.aanvraag import JsonFout, json_uit_tekst, toonbaar
from advieswijzer.ontologie.fouten import OnbruikbareInvoer

KOLOMMEN = ("id", "soort", "activiteiten", "bevoegd_gezag", "gevolgklasse", "gebiedstype",
            "aandachtsgebieden", "kwetsbare_objecten", "kenmerken", "nieuw_of_onbekend", "kennis_nodig_van",
            "meerwaarde_gezien_door", "startpunt_bredere_ontwikkeling", "omschrijving", "datum")
LIJSTEN = {"activiteiten", "aandachtsgebieden", "kwetsbare_objecten", "kenmerken", "kennis_nodig_van",
           "meerwaarde_gezien_door"}
BOOLEANS = {"nieuw_of_onbekend", "startpunt_bredere_ontwikkeling"}
LOCATIE = {"gebiedstype", "aandachtsgebieden", "kwetsbare_objecten"}
RISICO = {"nieuw_of_onbekend", "kennis_nodig_van", "meerwaarde_gezien_door", "startpunt_bredere_ontwikkeling"}
VERPLICHT = ("id", "soort")
WAAR = {"ja": True, "j": True, "true": True, "waar": True, "1": True, "yes": True, "x": True,
        "nee": False, "n": False, "false": False, "onwaar": False, "0": False, "no": False}
FORMATEN = ("csv", "jsonl", "xlsx")
EXTENSIES = {".csv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx",
             ".xlsm": "xlsx"}
GEHEEL_GETAL = re.compile(r"[0-9]{1,9}")
NL_DATUM = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


# A cell starting with one of these is a formula to a spreadsheet (also after CSV import): written as text.
# A lone '+' or '-' is not (and '-' is the withdrawal mark of the kruisjeslijst).
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def is_formule(tekst: str) -> bool:
    return tekst.startswith(FORMULETEKENS) and tekst not in ("+", "-")
MAX_XLSX_RIJEN = 1_048_576  # Excel's limit per worksheet, the header included


def csv_cel(waarde):
    """A value for a CSV cell that no spreadsheet runs: text that would start a formula gets a leading
    apostrophe (OWASP's convention); an apostrophe of its own is doubled, so `csv_waarde` gives it back."""
    if not isinstance(waarde, str):
        return waarde
    waarde = toonbaar(waarde)
    return "'" + waarde if is_formule(waarde) or waarde.startswith("'") else waarde


def csv_waarde(cel: str) -> str:
    """The value `csv_cel` wrote."""
    return cel[1:] if cel.startswith("'") else cel


def als_tekst_in_xlsx(cel) -> None:
    """Make an openpyxl cell that holds text keep it as text: openpyxl turns a string starting with '='
    into a formula; characters XML cannot carry are written as \\uXXXX."""
    if isinstance(cel.value, str):
        cel.value = toonbaar(cel.value)
        cel.data_type = "s"


class BestandFout(OnbruikbareInvoer):
    """The input (or output) file itself cannot be used; one line for the user (exit 2)."""


class CelFout(ValueError):
    def __init__(self, kolom: str, bericht: str):
        super().__init__(f"kolom '{kolom}': {bericht}")


@dataclass(frozen=True, slots=True)
class Rij:
    """One input row: `data` is the aanvraag dict, or `fout` says why there is none."""

    nummer: int
    data: dict | None = None
    fout: str | None = None
    id: str | None = None


def formaat_van(pad: str, gegeven: str | None = None) -> str | None:
    """The format by `--input-format`/`--format`, else by extension; None when it cannot be told."""
    if gegeven:
        return gegeven
    return EXTENSIES.get(Path(pad).suffix.lower()) if pad != "-" else None


def kolom_van_veld(veld: str) -> str:
    """The table column a field of the aanvraag (as named by InvoerFout) comes from."""
    return re.sub(r"\[\d+\]$", "", veld.split(".")[-1])


# -- cells ------------------------------------------------------------------

def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde).strip()


def _cel(kolom: str, waarde):
    """A cell's value in aanvraag form, or None for empty (= absent / no)."""
    if kolom in BOOLEANS:
        if isinstance(waarde, bool):
            return waarde
        tekst = _tekst(waarde).lower()
        if not tekst:
            return None
        if tekst not in WAAR:
            raise CelFout(kolom, f"verwacht ja/nee/true/false/1/0, kreeg {_tekst(waarde)!r}")
        return WAAR[tekst]
    tekst = _tekst(waarde)
    if not tekst:
        return None
    if kolom in LIJSTEN:
        return [deel.strip() for deel in re.split(r"[;,\n]", tekst) if deel.strip()]
    if kolom == "gevolgklasse":
        if not GEHEEL_GETAL.fullmatch(tekst):  # not str.isdigit: that accepts '²', which int() refuses
            raise CelFout(kolom, f"verwacht 1, 2 of 3, kreeg {toonbaar(repr(tekst[:20]))}")
        return int(tekst)
    if kolom == "datum" and (m := NL_DATUM.match(tekst)):
        dag, maand, jaar = m.groups()
        return f"{jaar}-{int(maand):02d}-{int(dag):02d}"
    return tekst


def aanvraag_uit_cellen(kolommen: list[str | None], waarden: Iterable, nummer: int) -> Rij:
    """One table row (cells in column order) -> Rij with the aanvraag dict of contract §1."""
    data: dict = {}
    locatie: dict = {}
    risico: dict = {}
    ident = None
    try:
        for i, waarde in enumerate(waarden):
            kolom = kolommen[i] if i < len(kolommen) else None
            if kolom is None:
                if _tekst(waarde):
                    raise CelFout(f"#{i + 1}", f"cel buiten de kolommen van de kopregel: {_tekst(waarde)!r}")
                continue
            if kolom == "id":
                ident = toonbaar(_tekst(waarde)) or None
            if (w := _cel(kolom, waarde)) is None:
                continue
            (locatie if kolom in LOCATIE else risico if kolom in RISICO else data)[kolom] = w
    except CelFout as fout:
        return Rij(nummer, fout=f"rij {nummer}, {fout}", id=ident)
    if "activiteiten" not in data:
        data["activiteiten"] = []
    if locatie:
        data["locatie"] = locatie
    if risico:
        data["risico"] = risico
    return Rij(nummer, data=data, id=ident)


def kopregel(cellen: Iterable) -> list[str | None]:
    """Normalise the header (case, spaces, `locatie.`/`risico.` prefixes); unknown columns are a file error."""
    kolommen: list[str | None] = []
    for i, cel in enumerate(cellen):
        naam = _tekst(cel).lstrip("\ufeff").strip().lower().replace(" ", "_").replace("-", "_")
        naam = naam.removeprefix("locatie.").removeprefix("risico.")
        if not naam:
            kolommen.append(None)
            continue
        if naam not in KOLOMMEN:
            raise BestandFout(f"onbekende kolom {_tekst(cel)!r} (kolom {i + 1}); toegestaan: {', '.join(KOLOMMEN)}")
        if naam in kolommen:
            raise BestandFout(f"kolom {naam!r} staat twee keer in de kopregel")
        kolommen.append(naam)
    ontbreekt = [k for k in VERPLICHT if k not in kolommen]
    if ontbreekt:
        raise BestandFout(f"kopregel mist de kolom(men) {', '.join(ontbreekt)}; gevonden: "
                          f"{', '.join(k for k in kolommen if k) or '(niets)'}")
    while kolommen and kolommen[-1] is None:
        kolommen.pop()
    return kolommen


def _leeg(waarden) -> bool:
    return all(not _tekst(w) for w in waarden)


def _zonder_lege_staart(rijen: Iterator[tuple[int, object]], maak) -> Iterator[Rij]:
    """(nummer, ruwe rij | None for empty) -> Rij; empty rows count only if data follows them."""
    eerste_leeg, aantal_leeg = 0, 0
    for nummer, ruw in rijen:
        if ruw is None:
            if not aantal_leeg:
                eerste_leeg = nummer
            aantal_leeg += 1
            continue
        for n in range(eerste_leeg, eerste_leeg + aantal_leeg):
            yield Rij(n, fout=f"rij {n}: lege rij tussen de gegevens (geen aanvraag)")
        aantal_leeg = 0
        yield maak(nummer, ruw)


# -- formats ----------------------------------------------------------------

def _regels(binair, voorvoegsel: bytes = b"") -> Iterator[str]:
    """Decode line by line: UTF-8 (BOM removed), falling back to Windows-1252 as plain Excel CSV writes it."""
    def ruw():
        if voorvoegsel:
            yield from (voorvoegsel + binair.readline()).splitlines(keepends=True)
        yield from binair

    for i, regel in enumerate(ruw()):
        if i == 0:
            regel = regel.removeprefix(b"\xef\xbb\xbf")
        try:
            yield regel.decode("utf-8")
        except UnicodeDecodeError:
            yield regel.decode("cp1252", errors="replace")


def scheidingsteken(kop: str) -> str:
    """`,` or `;` (Excel in the Netherlands) or tab, whichever separates the header."""
    tellingen = {t: kop.count(t) for t in (";", ",", "\t")}
    beste = max(tellingen, key=lambda t: tellingen[t])
    return beste if tellingen[beste] else ","


def _csv(binair, voorvoegsel: bytes) -> Iterator[Rij]:
    regels = _regels(binair, voorvoegsel)
    kop = next(regels, None)
    if kop is None or not kop.strip():
        raise BestandFout("leeg bestand of geen kopregel")
    lezer = csv.reader(itertools.chain([kop], regels), delimiter=scheidingsteken(kop))
    try:
        kolommen = kopregel(next(lezer))
    except csv.Error as fout:
        raise BestandFout(f"kopregel onleesbaar: {fout}") from None

    def ruwe_rijen():
        nummer = 1
        while True:
            nummer += 1
            try:
                cellen = next(lezer)
            except StopIteration:
                return
            except csv.Error as fout:
                yield nummer, ("fout", str(fout))
                continue
            yield nummer, (None if _leeg(cellen) else ("cellen", cellen))

    def maak(nummer, ruw):
        soort, inhoud = ruw
        if soort == "fout":
            return Rij(nummer, fout=f"rij {nummer}: onleesbare CSV-regel: {inhoud}")
        return aanvraag_uit_cellen(kolommen, inhoud, nummer)

    yield from _zonder_lege_staart(ruwe_rijen(), maak)


def _jsonl(binair, voorvoegsel: bytes) -> Iterator[Rij]:
    def ruwe_rijen():
        regels = itertools.chain((voorvoegsel + binair.readline()).splitlines(keepends=True), binair) \
            if voorvoegsel else binair
        for nummer, regel in enumerate(regels, 1):
            if nummer == 1:
                regel = regel.removeprefix(b"\xef\xbb\xbf")
            yield nummer, (regel if regel.strip() else None)

    def maak(nummer, regel: bytes):
        try:
            data = json_uit_tekst(regel)
        except JsonFout as fout:
            return Rij(nummer, fout=f"regel {nummer}: {fout}")
        ident = data.get("id") if isinstance(data, dict) else None
        # the id as the aanvraag reader will see it (stripped), so --hervat compares like with like
        ident = toonbaar(ident.strip()) if isinstance(ident, str) else None if ident is None else _kort_id(ident)
        return Rij(nummer, data=data, id=ident)

    yield from _zonder_lege_staart(ruwe_rijen(), maak)


def _kort_id(waarde) -> str:
    """A non-text id as the output shows it (the row fails on it anyway)."""
    try:
        tekst = json.dumps(waarde, ensure_ascii=False)
    except ValueError:
        tekst = "(getal)"
    return toonbaar(tekst[:60])


def open_werkboek(bron, naam: str = "", berekend: bool = True):
    """The one way a workbook is opened: read-only, with the values Excel stored (`berekend`) or with the
    formulas themselves; a damaged file is a BestandFout naming it."""
    from openpyxl import load_workbook

    try:
        return load_workbook(bron, read_only=True, data_only=berekend)
    except Exception as fout:  # noqa: BLE001 - openpyxl and zipfile raise many types for a damaged workbook
        raise BestandFout(f"{naam + ': ' if naam else ''}geen leesbaar XLSX-bestand ({type(fout).__name__}: "
                          f"{fout})") from None


def _werkblad(bron, berekend: bool):
    """The intake sheet of a workbook: values (`berekend`) or formulas."""
    boek = open_werkboek(bron, berekend=berekend)
    namen = {n.lower(): n for n in boek.sheetnames}
    blad = boek[namen.get("aanvragen", boek.sheetnames[0])]
    blad.reset_dimensions()  # do not trust the stored dimension: read every row there is
    return boek, blad.iter_rows(values_only=True)


def _formule_zonder_waarde(kolommen, waarden, formules, nummer: int) -> Rij | None:
    """A formula cell Excel never calculated reads as empty: that must not pass as 'no' or 'absent'."""
    from openpyxl.utils import get_column_letter

    for i, (waarde, formule) in enumerate(zip(waarden, formules, strict=False)):
        if waarde is None and isinstance(formule, str) and formule.startswith("="):
            kolom = kolommen[i] if i < len(kolommen) and kolommen[i] else f"#{i + 1}"
            plek = kolommen.index("id") if "id" in kolommen else len(waarden)
            ident = waarden[plek] if plek < len(waarden) else None
            return Rij(nummer, fout=f"rij {nummer}, kolom '{kolom}' (cel {get_column_letter(i + 1)}{nummer}): "
                                    f"formule {toonbaar(formule[:40])} zonder berekende waarde; open en bewaar het "
                                    "bestand in Excel, of zet de waarde zelf in de cel",
                       id=toonbaar(_tekst(ident)) or None)
    return None


def _xlsx(bron, tweede_bron) -> Iterator[Rij]:
    boek, rijen = _werkblad(bron, berekend=True)
    formuleboek = None
    try:
        formuleboek, formulerijen = _werkblad(tweede_bron, berekend=False)
        kop = next(rijen, None)
        next(formulerijen, None)
        if kop is None or _leeg(kop):
            raise BestandFout("geen kopregel in rij 1 van het werkblad")
        kolommen = kopregel(kop)

        def maak(nummer, paar):
            waarden, formules = paar
            return (_formule_zonder_waarde(kolommen, waarden, formules, nummer)
                    or aanvraag_uit_cellen(kolommen, waarden, nummer))

        # the two readers walk the same rows in step; a row empty in values but not in formulas is not empty
        ruw = ((n, None if _leeg(w) and _leeg(f or ()) else (w, f or ()))
               for n, (w, f) in enumerate(itertools.zip_longest(rijen, formulerijen), 2) if w is not None)
        yield from _zonder_lege_staart(ruw, maak)
    finally:
        boek.close()
        if formuleboek is not None:
            formuleboek.close()


class Invoer:
    """A batch input, opened eagerly (header errors surface before any output), read lazily."""

    def __init__(self, pad: str, formaat: str | None = None, stdin=None):
        self.pad = pad
        self.formaat = formaat_van(pad, formaat)
        self._bestand = None
        voorvoegsel = b""
        if pad == "-":
            binair = stdin if stdin is not None else sys.stdin.buffer
            if self.formaat is None:
                voorvoegsel = binair.read(8)
                kaal = voorvoegsel.removeprefix(b"\xef\xbb\xbf").lstrip()
                self.formaat = "xlsx" if kaal.startswith(b"PK") else "jsonl" if kaal.startswith(b"{") else "csv"
        else:
            if self.formaat is None:
                raise BestandFout(f"{pad}: onbekende extensie; geef --input-format csv, jsonl of xlsx")
            try:
                binair = self._bestand = open(pad, "rb")  # noqa: SIM115 - closed in close()
            except OSError as fout:
                raise BestandFout(f"{pad}: kan niet lezen: {fout.strerror or fout}") from None
        self._binair = binair
        if self.formaat == "xlsx":
            if pad == "-":
                inhoud = voorvoegsel + binair.read()
                self._rijen = _xlsx(io.BytesIO(inhoud), io.BytesIO(inhoud))
            else:
                self._rijen = _xlsx(binair, pad)
        elif self.formaat == "jsonl":
            self._rijen = _jsonl(binair, voorvoegsel)
        else:
            self._rijen = _csv(binair, voorvoegsel)
        try:
            self._eerste = [next(self._rijen)]  # reads the header now
        except StopIteration:
            self._eerste = []
        except BestandFout as fout:
            self.close()
            raise BestandFout(f"{pad}: {fout}") from None

    def __iter__(self) -> Iterator[Rij]:
        return itertools.chain(self._eerste, self._rijen)

    def positie(self) -> tuple[int, int] | None:
        """(bytes read, total bytes) for a progress bar, when known."""
        if self._bestand is None or self.formaat == "xlsx":
            return None
        try:
            import os

            return self._bestand.tell(), os.fstat(self._bestand.fileno()).st_size
        except (OSError, ValueError):
            return None

    def close(self) -> None:
        self._rijen.close() if hasattr(self._rijen, "close") else None
        if self._bestand is not None:
            self._bestand.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
