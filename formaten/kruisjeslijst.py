"""The kruisjeslijst (contract §8) as a file or a terminal table: CSV and XLSX (frozen header, filters,
widths, a legend sheet) and a rich table. The matrix itself is built in kennis/kruisjeslijst.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from advieswijzer.kennis.kruisjeslijst import KOP_VOOR, KORT, LEGENDA, Matrix
from advieswijzer.ontologie.bestanden import schrijf_atomair, schrijf_tekst_atomair
from advieswijzer.ontologie.fouten import OnbruikbareInvoer

from .tabel import als_tekst_in_xlsx, csv_cel


# ----------------------------------------------------------------------- output
def schrijf_csv(matrix: Matrix, pad: Path) -> None:
    tekst = io.StringIO(newline="")
    csv.writer(tekst).writerows([csv_cel(c) for c in rij] for rij in matrix.tabel())
    schrijf_tekst_atomair(pad, tekst.getvalue())


def schrijf_xlsx(matrix: Matrix, pad: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "kruisjeslijst"
    for rij in matrix.tabel():
        ws.append(rij)
    for rij in ws.iter_rows():
        for cel in rij:
            als_tekst_in_xlsx(cel)  # a bron written as '=cmd|...' stays text
    kop = matrix.kop()
    eerste_partner, laatste_partner = len(KOP_VOOR) + 1, len(KOP_VOOR) + len(matrix.partners)
    for cel in ws[1]:
        cel.font = Font(bold=True)
        cel.fill = PatternFill("solid", fgColor="DDDDDD")
        cel.alignment = Alignment(vertical="bottom", wrap_text=True)
    for kolom in range(eerste_partner, laatste_partner + 1):
        for (cel,) in ws.iter_rows(min_row=2, min_col=kolom, max_col=kolom):
            cel.alignment = Alignment(horizontal="center")
    for i, naam in enumerate(kop, start=1):
        langste = max(len(str(ws.cell(r, i).value or "")) for r in range(1, ws.max_row + 1))
        if eerste_partner <= i <= laatste_partner:
            breedte = max(len(naam), 4) + 2
        else:
            breedte = min(max(langste, len(naam)) + 2, 60)
        ws.column_dimensions[get_column_letter(i)].width = breedte
        if naam in ("voorwaarde", "bron"):
            for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cel.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(2, len(KOP_VOOR))  # header row and trigger columns stay in view
    ws.auto_filter.ref = ws.dimensions

    uitleg = wb.create_sheet("legenda")
    uitleg.append(["teken", "betekenis"])
    for regel in LEGENDA:
        uitleg.append(list(regel))
    uitleg.append([])
    uitleg.append(["voorwaarde", "gevolgklasse>=N: alleen vanaf die Wkb-gevolgklasse; een reikwijdte: alleen als die "
                                 "voor de aanvraag geldt:"])
    for naam, betekenis in matrix.reikwijdten.items():
        uitleg.append([naam, betekenis])
    uitleg.append([])
    uitleg.append(["kennis", matrix.versie])
    uitleg.append(["regio", matrix.regio or "landelijk"])
    uitleg.append(["datum", matrix.datum.isoformat() if matrix.datum else "alle (zie geldig_vanaf/geldig_tot)"])
    uitleg.column_dimensions["A"].width = 10
    uitleg.column_dimensions["B"].width = 100
    uitleg["A1"].font = uitleg["B1"].font = Font(bold=True)
    schrijf_atomair(pad, wb.save)


def schrijf(matrix: Matrix, pad: Path) -> None:
    if pad.suffix.lower() == ".xlsx":
        schrijf_xlsx(matrix, pad)
    elif pad.suffix.lower() == ".csv":
        schrijf_csv(matrix, pad)
    else:
        raise OnbruikbareInvoer(f"{pad}: onbekende extensie '{pad.suffix}'; gebruik .xlsx of .csv")


def als_rich_tabel(matrix: Matrix):
    from rich.table import Table

    titel = f"Kruisjeslijst ({matrix.regio or 'landelijk'}" + \
        (f", geldig op {matrix.datum.isoformat()}" if matrix.datum else "") + f", kennis {matrix.versie})"
    afkortingen = [KORT.get(p, p) for p in matrix.partners]
    t = Table(title=titel, header_style="bold", caption="  ".join(
        [f"{k} = {p}" for k, p in zip(afkortingen, matrix.partners, strict=True) if k != p]
        + ["x betrokken, U uitvoerder, A wettelijk adviseur, I instemming"]))
    t.add_column("trigger", no_wrap=True)
    t.add_column("voorwaarde", max_width=24)
    for k in afkortingen:
        t.add_column(k, justify="center", min_width=max(3, len(k)))
    t.add_column("onderwerpen", max_width=30)
    t.add_column("bron", max_width=50)
    gedateerd = any(r.geldig_vanaf or r.geldig_tot for r in matrix.rijen)
    if gedateerd:
        t.add_column("geldig", no_wrap=True)
    for r in matrix.rijen:
        cellen = [r.trigger if r.trigger_type == "activiteit" else f"{r.trigger} [dim]({r.trigger_type})[/]",
                  r.voorwaarde,
                  *(r.tekens.get(p, "") for p in matrix.partners), ", ".join(r.onderwerpen), "; ".join(b.removeprefix("handreiking-rgs, bijlage 4, ") for b in r.bronnen)]
        if gedateerd:
            cellen.append(f"{r.geldig_vanaf or '…'} – {r.geldig_tot or '…'}" if r.geldig_vanaf or r.geldig_tot else "")
        t.add_row(*cellen)
    return t
