"""The kruisjeslijst matrix of contract §8, generated from the knowledge base.

One row per trigger (activiteit, soort or kenmerk); a trigger gets a second row only where
its partners differ in voorwaarde, onderwerpen, source or validity, so every cell means exactly
one thing and a partner's `x` never carries another partner's onderwerpen or source. The
voorwaarde of a kruisje is its minimal gevolgklasse and its reikwijdte (an id of
kennis/reikwijdten.ttl), `;`-separated; `kennis importeer` reads them back. Marks: `x` betrokken, `U` uitvoerder (omgevingsdienst tasks; an extension of §8),
`A` wettelijk adviseur and `I` instemming (the statutory rules of kennis/wettelijk.ttl, with
their voorwaarde in words). Extra columns beyond §8: `geldig_vanaf`, `geldig_tot`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .model import Kennisbank
from .tabel import als_tekst_in_xlsx, csv_cel

TRIGGERTYPEN = ("activiteit", "soort", "kenmerk")
PARTNERVOLGORDE = ("gemeente", "gemeenteraad", "adviescommissie", "omgevingsdienst", "veiligheidsregio", "ggd",
                   "provincie", "waterschap")
TEKEN = {"betrokken": "x", "uitvoerder": "U", "adviseur": "A", "instemming": "I"}
ROL_VAN_TEKEN = {v: k for k, v in TEKEN.items()}
KORT = {"gemeente": "gem", "gemeenteraad": "raad", "adviescommissie": "cie", "omgevingsdienst": "OD",
        "veiligheidsregio": "VR", "ggd": "GGD", "provincie": "prov", "waterschap": "ws"}
KOP_VOOR = ("trigger_type", "trigger", "voorwaarde")
KOP_NA = ("onderwerpen", "bron", "geldig_vanaf", "geldig_tot")
LEGENDA = (
    ("x", "betrokken: de partner wordt betrokken op grond van een afspraak (kruisjeslijst, convenant)"),
    ("U", "uitvoerder: de omgevingsdienst bereidt voor of voert uit voor het bevoegd gezag (uitbreiding van §8)"),
    ("A", "wettelijk adviseur (Omgevingsbesluit afdeling 4.2); niet regionaal te wijzigen"),
    ("I", "instemming (Omgevingswet art. 16.16); niet regionaal te wijzigen"),
    ("-", "alleen in een regioprofiel: het landelijke kruisje geldt niet in deze regio"),
    ("leeg", "geen uitspraak"),
)


@dataclass
class Rij:
    trigger_type: str
    trigger: str
    voorwaarde: str = ""
    tekens: dict[str, str] = field(default_factory=dict)  # partner -> mark
    onderwerpen: tuple[str, ...] = ()
    bronnen: list[str] = field(default_factory=list)
    geldig_vanaf: str | None = None
    geldig_tot: str | None = None

    def waarden(self, partners: list[str]) -> list[str]:
        return [self.trigger_type, self.trigger, self.voorwaarde, *(self.tekens.get(p, "") for p in partners),
                ";".join(self.onderwerpen), "; ".join(self.bronnen), self.geldig_vanaf or "", self.geldig_tot or ""]


@dataclass
class Matrix:
    partners: list[str]
    rijen: list[Rij]
    datum: date | None = None
    versie: str = ""
    regio: str | None = None
    reikwijdten: dict[str, str] = field(default_factory=dict)  # id -> what it means, with its source

    def kop(self) -> list[str]:
        return [*KOP_VOOR, *self.partners, *KOP_NA]

    def tabel(self) -> list[list[str]]:
        return [self.kop(), *(r.waarden(self.partners) for r in self.rijen)]


def triggertype(kennis: Kennisbank, trigger: str) -> str | None:
    for soort in TRIGGERTYPEN:
        if trigger in kennis.ids(soort):
            return soort
    return None


def gevolgklasse_voorwaarde(gk: int | None) -> str:
    return f"gevolgklasse>={gk}" if gk else ""


def voorwaarde_van(gk: int | None, reikwijdte: str | None) -> str:
    """The voorwaarde cell of a kruisje: `gevolgklasse>=N` and/or the reikwijdte id."""
    return "; ".join(filter(None, [gevolgklasse_voorwaarde(gk), reikwijdte]))


def partners_op_volgorde(kennis: Kennisbank) -> list[str]:
    bekend = list(kennis.ids("partner"))
    return [p for p in PARTNERVOLGORDE if p in bekend] + sorted(p for p in bekend if p not in PARTNERVOLGORDE)


def wettelijke_regels(graaf) -> list[dict]:
    """The statutory rules as described in kennis/wettelijk.ttl (aw:WettelijkeRegel)."""
    from ontologie.namen import AW, DCTERMS, ID, RDF

    def lokaal(t) -> str:
        return str(t).removeprefix(str(ID))

    uit = []
    for r in sorted(graaf.subjects(RDF.type, AW.WettelijkeRegel)):
        uit.append({"naam": str(r).rsplit("/", 1)[-1], "partner": lokaal(graaf.value(r, AW.partner)),
                    "rol": lokaal(graaf.value(r, AW.rol)),
                    "aanleidingen": sorted(lokaal(a) for a in graaf.objects(r, AW.aanleiding)),
                    "voorwaarde": str(graaf.value(r, AW.voorwaarde) or ""),
                    "bron": str(graaf.value(r, DCTERMS.source) or "")})
    return uit


def bouw_matrix(kennis: Kennisbank, graaf=None, datum: date | None = None, wettelijk: bool = True) -> Matrix:
    """The matrix for this knowledge (national plus regional profile), on `datum` or, without one,
    every kruisje with its validity. `graaf` supplies the statutory rules (loaded when None)."""
    # (trigger, partner, mark, voorwaarde, vanaf, tot) -> (onderwerpen, bronnen)
    posten: dict[tuple, tuple[set[str], list[str]]] = {}

    def voeg_toe(trigger, partner, teken, voorwaarde, vanaf, tot, onderwerpen, bron):
        onderw, bronnen = posten.setdefault((trigger, partner, teken, voorwaarde, vanaf, tot), (set(), []))
        onderw.update(onderwerpen)
        if bron and bron not in bronnen:
            bronnen.append(bron)

    for a in kennis.afspraken:
        if datum is not None and not a.geldt_op(datum):
            continue
        for trigger in a.aanleidingen:
            voeg_toe(trigger, a.partner, TEKEN.get(a.rol, "x"), voorwaarde_van(a.minimale_gevolgklasse, a.reikwijdte),
                     None if datum else a.geldig_vanaf, None if datum else a.geldig_tot, a.onderwerpen,
                     a.volledige_bron)
    if wettelijk:
        if graaf is None:
            from .laden import laad_graaf

            graaf = laad_graaf(regio=kennis.regio)
        for r in wettelijke_regels(graaf):
            for trigger in r["aanleidingen"]:
                voeg_toe(trigger, r["partner"], TEKEN[r["rol"]], r["voorwaarde"], None, None, (), r["bron"])

    rijen: list[Rij] = []
    for (trigger, partner, teken, voorwaarde, vanaf, tot), (onderw, bronnen) in posten.items():
        soort = triggertype(kennis, trigger)
        if soort is None:
            continue  # a rule that can never fire: `kennis controleer` reports it (K8)
        sleutel = (soort, trigger, voorwaarde, tuple(sorted(onderw)), vanaf, tot, bronnen)
        rij = next((r for r in rijen if (r.trigger_type, r.trigger, r.voorwaarde, r.onderwerpen, r.geldig_vanaf,
                                         r.geldig_tot, r.bronnen) == sleutel and partner not in r.tekens), None)
        if rij is None:
            rij = Rij(soort, trigger, voorwaarde, {}, sleutel[3], list(bronnen), vanaf, tot)
            rijen.append(rij)
        rij.tekens[partner] = teken

    def volgorde(r: Rij):
        return (TRIGGERTYPEN.index(r.trigger_type), r.trigger, r.voorwaarde != "", r.voorwaarde, r.onderwerpen,
                r.geldig_vanaf or "", r.geldig_tot or "")

    reikwijdten = {r.naam: f"{kennis.label(r.naam)} ({r.bron})" for r in kennis.reikwijdten.values()}
    return Matrix(partners_op_volgorde(kennis), sorted(rijen, key=volgorde), datum, kennis.versie, kennis.regio,
                  reikwijdten)


# ----------------------------------------------------------------------- output
def schrijf_csv(matrix: Matrix, pad: Path) -> None:
    with open(pad, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([csv_cel(c) for c in rij] for rij in matrix.tabel())


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
    wb.save(pad)


def schrijf(matrix: Matrix, pad: Path) -> None:
    if pad.suffix.lower() == ".xlsx":
        schrijf_xlsx(matrix, pad)
    elif pad.suffix.lower() == ".csv":
        schrijf_csv(matrix, pad)
    else:
        from .laden import KennisFout

        raise KennisFout(f"{pad}: onbekende extensie '{pad.suffix}'; gebruik .xlsx of .csv")


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
