"""`kennis importeer`: a region's kruisjeslijst (contract §8) into a regional profile.

The table is validated completely before anything is written: an unknown id, a bad mark or a
statutory mark gives an error naming the file, the row and the column, and no file. Marks:
`x` adds a kruisje (rol betrokken), `U` one with rol uitvoerder, `-` withdraws the national
kruisjes of that partner for that trigger (aw:Intrekking), empty says nothing. `A` and `I`
are refused: statute is not regional. The profile is written as Turtle into the user's own
knowledge folder (kennismap.py: `--kennismap`, $ADVIESWIJZER_KENNISMAP or the user data folder),
never into the installed package; its content is deterministic, so importing the same table
twice gives the same `kennis.versie`. The voorwaarde is what the export writes: `gevolgklasse>=N`
and/or a reikwijdte id (kennis/reikwijdten.ttl), `;`-separated. Each partner's mark takes that row's
own onderwerpen and bron; a row that repeats the national list is kept (it is the region's own
statement) but adds nothing to an advice.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from advieswijzer.kennis.aanvraag import ID_PREFIX, toonbaar
from advieswijzer.kennis.kennismap import eigen_profiel, schrijf_profiel
from advieswijzer.kennis.kruisjeslijst import KOP_NA, KOP_VOOR, ROL_VAN_TEKEN, TRIGGERTYPEN, wettelijke_regels
from advieswijzer.kennis.laden import KennisFout, laad_graaf, laad_kennis
from advieswijzer.kennis.model import Kennisbank

from .tabel import is_formule, open_werkboek, scheidingsteken

EXTRA_KOLOMMEN = ("uitleg",)
# A region's kruisjeslijst has a row per trigger (bijlage 4: 46); the self-check of the whole profile
# (SHACL, kennis controleer) takes about 7 s for 1,000 rows on a 2-core machine and grows faster than
# the rows, so larger tables are refused before they are read.
MAX_RIJEN = 1_000
MAX_BYTES = 1_000_000
VOORWAARDE = re.compile(r"^gevolgklasse\s*>=\s*([123])$")
STREEPJES = {"-", "–", "—"}


class ImportFout(KennisFout):
    """The regional table is invalid; nothing was written."""

    def __init__(self, fouten: list[str]):
        self.fouten = fouten
        meer = f" (en nog {len(fouten) - 1} fout{'en' if len(fouten) > 2 else ''})" if len(fouten) > 1 else ""
        super().__init__(fouten[0] + meer)


@dataclass
class RegioAfspraak:
    partner: str
    rol: str
    trigger: str
    minimale_gevolgklasse: int | None
    onderwerpen: tuple[str, ...]
    bron: str
    uitleg: str = ""
    geldig_vanaf: str | None = None
    geldig_tot: str | None = None
    rij: int = 0
    reikwijdte: str | None = None


@dataclass
class RegioIntrekking:
    partner: str
    trigger: str
    bron: str
    rij: int = 0


@dataclass
class Regioprofiel:
    regio: str
    afspraken: list[RegioAfspraak] = field(default_factory=list)
    intrekkingen: list[RegioIntrekking] = field(default_factory=list)


# ------------------------------------------------------------------------ reading
def _kolomletter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def lees_tabel(pad: Path) -> list[list[str]]:
    """All rows of a CSV (`,` or `;`) or XLSX (sheet 'kruisjeslijst', else the first) as text."""
    if not pad.is_file():
        raise KennisFout(f"{pad}: bestand bestaat niet")
    if pad.stat().st_size > MAX_BYTES:
        raise KennisFout(f"{pad}: bestand is {pad.stat().st_size / 1e6:.1f} MB; een regionale kruisjeslijst mag "
                         f"hoogstens {MAX_BYTES / 1e6:.0f} MB en {MAX_RIJEN:,} rijen hebben".replace(",", "."))
    rijen = _lees_tabel(pad)
    if len(rijen) > MAX_RIJEN + 1:
        raise KennisFout(f"{pad}: {len(rijen) - 1:,} rijen; een regionale kruisjeslijst mag hoogstens "
                         f"{MAX_RIJEN:,} rijen hebben (de landelijke heeft er minder dan 100)".replace(",", "."))
    for nr, rij in enumerate(rijen, 1):
        for i, cel in enumerate(rij):
            if is_formule(cel.strip("\t\r ")) or is_formule(cel):
                raise ImportFout([f"{pad.name}, rij {nr}, kolom {_kolomletter(i)}: {toonbaar(cel[:40])!r} is een "
                                  "formule; een kruisjeslijst bevat alleen tekst (zet de waarde zelf in de cel)"])
    return rijen


def _lees_tabel(pad: Path) -> list[list[str]]:
    if pad.suffix.lower() == ".xlsx":
        wb = open_werkboek(pad, str(pad), berekend=False)  # formulas as '=...': refused above
        ws = wb["kruisjeslijst"] if "kruisjeslijst" in wb.sheetnames else wb.worksheets[0]
        rijen = [["" if c is None else (c.isoformat()[:10] if isinstance(c, date) else str(c)).strip() for c in r]
                 for r in ws.iter_rows(values_only=True)]
        wb.close()
        return rijen
    if pad.suffix.lower() != ".csv":
        raise KennisFout(f"{pad}: onbekende extensie '{pad.suffix}'; gebruik .csv of .xlsx")
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KennisFout(f"{pad}: geen UTF-8-tekst") from None
    scheiding = scheidingsteken(tekst.split("\n", 1)[0])
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(tekst), delimiter=scheiding)]


# ---------------------------------------------------------------------- validating
def _id(waarde: str) -> str:
    return waarde.strip().removeprefix(ID_PREFIX)


def valideer_tabel(rijen: list[list[str]], regio: str, kennis: Kennisbank, graaf, naam: str) -> Regioprofiel:
    fouten: list[str] = []
    if not rijen:
        raise ImportFout([f"{naam}: de tabel is leeg"])
    kop = rijen[0]
    partners = set(kennis.ids("partner"))
    bekend = set(KOP_VOOR) | set(KOP_NA) | set(EXTRA_KOLOMMEN)

    def waar(rij: int, kolom: int) -> str:
        return f"{naam}, rij {rij}, kolom '{kop[kolom] if kolom < len(kop) else '?'}' ({_kolomletter(kolom)})"

    for i, k in enumerate(kop):
        if not k:
            if any(len(r) > i and r[i] for r in rijen[1:]):
                fouten.append(f"{naam}, rij 1, kolom {_kolomletter(i)}: kolom zonder kopnaam bevat waarden")
        elif k not in bekend and k not in partners:
            hint = difflib.get_close_matches(k, [*partners, *bekend], n=1)
            fouten.append(f"{waar(1, i)}: onbekende kolom; verwacht een partner-id (§3.7) of een van "
                          f"{', '.join(KOP_VOOR + KOP_NA)}" + (f"; bedoelt u '{hint[0]}'?" if hint else ""))
        elif k in kop[:i]:
            fouten.append(f"{waar(1, i)}: kolom staat er twee keer in")
    for verplicht in ("trigger_type", "trigger"):
        if verplicht not in kop:
            fouten.append(f"{naam}, rij 1: kolom '{verplicht}' ontbreekt")
    partnerkolommen = [i for i, k in enumerate(kop) if k in partners]
    if not partnerkolommen:
        fouten.append(f"{naam}, rij 1: geen enkele partnerkolom ({', '.join(sorted(partners))})")
    if fouten:
        raise ImportFout(fouten)

    kolom = {k: i for i, k in enumerate(kop) if k}
    landelijk = {(a.partner, t) for a in kennis.afspraken if a.regio is None for t in a.aanleidingen}
    wettelijk = {(r["partner"], t): r for r in wettelijke_regels(graaf) for t in r["aanleidingen"]}
    profiel = Regioprofiel(regio)

    for nr, rij in enumerate(rijen[1:], start=2):
        rij = rij + [""] * (len(kop) - len(rij))
        if not any(rij):
            continue

        def cel(k: str, rij=rij) -> str:
            return rij[kolom[k]] if k in kolom else ""

        def fout(k: str, bericht: str, nr=nr) -> None:
            fouten.append(f"{waar(nr, kolom[k])}: {bericht}" if k in kolom else f"{naam}, rij {nr}: {bericht}")

        soort = cel("trigger_type").lower()
        trigger = _id(cel("trigger"))
        if soort not in TRIGGERTYPEN:
            fout("trigger_type", f"'{cel('trigger_type')}' is geen triggertype; kies uit {', '.join(TRIGGERTYPEN)}")
            continue
        if trigger not in kennis.ids(soort):
            hint = difflib.get_close_matches(trigger, list(kennis.ids(soort)), n=1)
            fout("trigger", f"onbekende {soort} '{trigger}'" + (f"; bedoelt u '{hint[0]}'?" if hint else ""))
            continue

        # A statutory row is refused as a whole: its voorwaarde in words is not the point
        wettelijke_cellen = [i for i in partnerkolommen if rij[i].strip().upper() in ("A", "I")]
        for i in wettelijke_cellen:
            teken = rij[i].strip().upper()
            fouten.append(f"{waar(nr, i)}: '{rij[i].strip()}' ({ROL_VAN_TEKEN[teken]}) is wettelijk geregeld en "
                          "niet regionaal te wijzigen; laat de cel leeg (exporteer met --zonder-wettelijk "
                          "voor een sjabloon)")
        if wettelijke_cellen:
            continue

        gk, reikwijdte = None, None
        for deel in filter(None, (d.strip() for d in cel("voorwaarde").split(";"))):
            m = VOORWAARDE.match(deel.replace(" ", ""))
            if m and gk is None:
                gk = int(m.group(1))
            elif _id(deel) in kennis.ids("reikwijdte") and reikwijdte is None:
                reikwijdte = _id(deel)
            else:
                fout("voorwaarde", f"'{deel}' wordt niet begrepen; alleen 'gevolgklasse>=N' (N = 1, 2 of 3) en/of "
                                   f"een reikwijdte ({', '.join(kennis.ids('reikwijdte'))}), gescheiden door ';', "
                                   "elk hoogstens een keer, of leeg")
        onderwerpen = tuple(sorted({_id(o) for o in cel("onderwerpen").split(";") if o.strip()}))
        for o in onderwerpen:
            if o not in kennis.ids("onderwerp"):
                hint = difflib.get_close_matches(o, list(kennis.ids("onderwerp")), n=1)
                fout("onderwerpen", f"onbekend onderwerp '{o}'" + (f"; bedoelt u '{hint[0]}'?" if hint else ""))
        datums = {}
        for k in ("geldig_vanaf", "geldig_tot"):
            if cel(k):
                try:
                    datums[k] = date.fromisoformat(cel(k)).isoformat()
                except ValueError:
                    fout(k, f"'{cel(k)}' is geen datum (JJJJ-MM-DD)")
        if len(datums) == 2 and datums["geldig_vanaf"] >= datums["geldig_tot"]:
            fout("geldig_tot", "geldig_tot moet na geldig_vanaf liggen")

        tekens = {}
        for i in partnerkolommen:
            teken = rij[i].strip()
            partner = kop[i]
            if not teken:
                continue
            if teken in STREEPJES:
                teken = "-"
            elif teken.upper() in ("X", "U"):
                teken = teken.lower() if teken.upper() == "X" else "U"
            else:
                fouten.append(f"{waar(nr, i)}: onbekend teken '{teken}'; gebruik x, U, - of laat leeg")
                continue
            if teken == "-" and (partner, trigger) not in landelijk:
                if (partner, trigger) in wettelijk:
                    fouten.append(f"{waar(nr, i)}: '-' kan een wettelijke regel "
                                  f"({wettelijk[(partner, trigger)]['naam']}) niet intrekken: de wet is niet regionaal")
                else:
                    fouten.append(f"{waar(nr, i)}: '-' trekt niets in: de landelijke kruisjeslijst heeft geen "
                                  f"kruisje voor {partner} bij {soort} '{trigger}'")
                continue
            tekens[partner] = teken
        if not tekens:
            continue
        bron = cel("bron")
        if not bron:
            fout("bron", "bron ontbreekt: noem het convenant of de afspraak (bv. 'modelconvenant-rgs, art. 3')")
            continue
        for partner, teken in tekens.items():
            if teken == "-":
                profiel.intrekkingen.append(RegioIntrekking(partner, trigger, bron, nr))
            else:
                profiel.afspraken.append(RegioAfspraak(
                    partner, ROL_VAN_TEKEN[teken], trigger, gk, onderwerpen, bron, cel("uitleg"),
                    datums.get("geldig_vanaf"), datums.get("geldig_tot"), nr, reikwijdte))
    if fouten:
        raise ImportFout(fouten)
    return profiel


# ------------------------------------------------------------------------ writing
def als_graaf(profiel: Regioprofiel, kennis: Kennisbank):
    """The regional profile as an rdflib Graph (ids are validated, names derived from them)."""
    from advieswijzer.ontologie.namen import AW, ID, PREFIXEN, REGEL
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

    r = profiel.regio
    g = Graph()
    for prefix, ns in PREFIXEN.items():
        g.bind(prefix, ns)
    profielknoop = URIRef(f"https://advieswijzer.nl/regio/{r}")
    g.add((profielknoop, RDF.type, AW.Regioprofiel))
    g.add((profielknoop, AW.regio, Literal(r)))
    g.add((profielknoop, RDFS.label, Literal(f"Regioprofiel {r}", lang="nl")))
    namen: set[str] = set()
    volgende: dict[str, int] = {}  # per basis the next suffix to try: naming stays linear in the rows

    def knoop(basis: str) -> URIRef:
        naam, n = basis, volgende.get(basis, 2)
        while naam in namen:
            naam, n = f"{basis}-{n}", n + 1
        volgende[basis] = n
        namen.add(naam)
        return REGEL[naam]

    for a in sorted(profiel.afspraken, key=lambda a: (a.trigger, a.partner, a.rol, a.minimale_gevolgklasse or 0,
                                                      a.reikwijdte or "", a.geldig_vanaf or "", a.rij)):
        k = knoop(f"{r}-{a.partner}-{a.trigger}" + (f"-gk{a.minimale_gevolgklasse}" if a.minimale_gevolgklasse else "")
                  + (f"-{a.reikwijdte}" if a.reikwijdte else ""))
        werkwoord = "voert uit" if a.rol == "uitvoerder" else "wordt betrokken"
        uitleg = a.uitleg or f"Regionale afspraak ({r}): {kennis.label(a.partner)} {werkwoord} bij " \
                             f"{kennis.label(a.trigger).lower()}."
        for p, o in [(RDF.type, AW.Adviesafspraak), (AW.regio, Literal(r)),
                     (RDFS.label, Literal(f"{a.partner} bij {a.trigger} (regio {r})", lang="nl")),
                     (AW.partner, ID[a.partner]), (AW.rol, ID[a.rol]), (AW.aanleiding, ID[a.trigger]),
                     *((AW.onderwerp, ID[o]) for o in a.onderwerpen),
                     (AW.uitleg, Literal(uitleg, lang="nl")), (DCTERMS.source, Literal(a.bron))]:
            g.add((k, p, o))
        if a.minimale_gevolgklasse:
            g.add((k, AW.minimaleGevolgklasse, Literal(a.minimale_gevolgklasse)))
        if a.reikwijdte:
            g.add((k, AW.reikwijdte, ID[a.reikwijdte]))
        for eigenschap, waarde in ((AW.geldigVanaf, a.geldig_vanaf), (AW.geldigTot, a.geldig_tot)):
            if waarde:
                g.add((k, eigenschap, Literal(waarde, datatype=XSD.date)))
    for i in sorted(profiel.intrekkingen, key=lambda i: (i.trigger, i.partner)):
        k = knoop(f"{r}-zonder-{i.partner}-{i.trigger}")
        for p, o in [(RDF.type, AW.Intrekking), (AW.regio, Literal(r)), (AW.partner, ID[i.partner]),
                     (AW.aanleiding, ID[i.trigger]), (DCTERMS.source, Literal(i.bron))]:
            g.add((k, p, o))
    return g


def als_turtle(profiel: Regioprofiel, kennis: Kennisbank, bronbestand: str = "") -> str:
    kop = (f"# Regioprofiel '{profiel.regio}', gemaakt met `advieswijzer kennis importeer "
           f"{bronbestand or 'TABEL'} --regio {profiel.regio}`.\n"
           "# Niet met de hand bewerken: pas de tabel aan en importeer opnieuw (contract §8).\n\n")
    return kop + als_graaf(profiel, kennis).serialize(format="turtle")


def importeer(pad: Path, regio: str, overschrijf: bool = False,
              kennismap: Path | None = None) -> tuple[Path, Regioprofiel]:
    """Validate the table at `pad` and write the regional profile `regio` into the own knowledge folder;
    nothing is written on an error."""
    from advieswijzer.kennis.controle import controleer_graaf

    doel = eigen_profiel(regio, kennismap)  # checks the name
    if doel.exists() and not overschrijf:
        raise KennisFout(f"regioprofiel {regio!r} bestaat al ({doel}); gebruik --overschrijf om het te vervangen")
    kennis = laad_kennis(None)
    graaf = laad_graaf(regio=None)
    profiel = valideer_tabel(lees_tabel(pad), regio, kennis, graaf, pad.name)
    turtle = als_turtle(profiel, kennis, pad.name)

    graaf.parse(data=turtle, format="turtle")
    rapport = controleer_graaf(graaf)
    if not rapport.conform:
        fouten = [f"{pad.name}: {b.focus}: {b.bericht}" for b in rapport.gesorteerd() if b.ernst == "Violation"]
        raise ImportFout(fouten)

    schrijf_profiel(doel, turtle)
    return doel, profiel
