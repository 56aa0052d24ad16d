"""Read a planregel set (contract §6) into RDF in the project vocabulary: Turtle and JSON-LD (parsed
locally, ontologie/planregels.py), or the tables planners keep: CSV (`regels` + optional
`werkingsgebieden`) and XLSX (sheets `regels` and `werkingsgebieden`), which become the same RDF, so one
set of SHACL shapes validates all forms.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import quote

from advieswijzer.ontologie.namen import AW, ID, RDF, id_van
from advieswijzer.ontologie.planregels import MAX_BYTES, PLAN, PlanFout, lees_bytes, lees_rdf
from rdflib import Graph, Literal, URIRef

from .tabel import open_werkboek, scheidingsteken

REGEL_KOLOMMEN = ("identificatie", "regeltekst", "kwalificatie", "werkingsgebied", "activiteit", "object",
                  "onderwerp", "grondslag", "ambitieniveau", "werkingsgebied_soort", "gebiedstype",
                  "kwetsbare_objecten", "kaartverwijzing")
WG_KOLOMMEN = ("werkingsgebied", "soort", "gebiedstype", "kwetsbare_objecten", "kaartverwijzing", "activiteiten",
               "risicobron")
RDF_FORMATEN = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
def lees_planregels(pad: Path | str, werkingsgebieden: Path | str | None = None,
                    max_bytes: int = MAX_BYTES) -> Graph:
    """The planregel set in `pad` as an rdflib Graph (by extension: .ttl, .jsonld, .csv, .xlsx)."""
    pad = Path(pad)
    ext = pad.suffix.lower()
    if ext in RDF_FORMATEN:
        if werkingsgebieden:
            raise PlanFout("--werkingsgebieden hoort bij een CSV-tabel, niet bij Turtle of JSON-LD")
        data = lees_bytes(pad, max_bytes)
        graaf = lees_rdf(data, RDF_FORMATEN[ext], pad.name)
        if not any(True for _ in graaf.subjects(RDF.type, AW.Planregel)):
            raise PlanFout(f"{pad.name}: geen planregels gevonden; verwacht ten minste één aw:Planregel "
                           f"(contract §6){_aanvraag_hint(data)}")
        return graaf
    if ext == ".csv":
        regels = lees_csv(lees_bytes(pad, max_bytes), pad.name)
        _vereis_rijen(regels, pad.name)
        wg = lees_csv(lees_bytes(Path(werkingsgebieden), max_bytes), Path(werkingsgebieden).name) \
            if werkingsgebieden else []
        if not werkingsgebieden:
            _vereis_beschrijving(regels, pad.name, "geef de tabel met werkingsgebieden mee met --werkingsgebieden WG.csv")
        return tabellen_naar_rdf(regels, wg, pad.name, Path(werkingsgebieden).name if werkingsgebieden else "")
    if ext == ".xlsx":
        if werkingsgebieden:
            raise PlanFout("--werkingsgebieden hoort bij een CSV-tabel; een werkboek heeft het blad werkingsgebieden")
        regels, wg = lees_xlsx(pad, max_bytes)
        _vereis_rijen(regels, f"{pad.name}, blad regels")
        if not wg:
            _vereis_beschrijving(regels, pad.name, "voeg het blad werkingsgebieden toe")
        return tabellen_naar_rdf(regels, wg, f"{pad.name}, blad regels", f"{pad.name}, blad werkingsgebieden")
    raise PlanFout(f"{pad}: onbekende extensie {ext or '(geen)'}; gebruik .ttl, .jsonld, .csv, .xlsx, "
                   "of een OW-aanlevering (map of .zip)")


def _vereis_rijen(regels: list, naam: str) -> None:
    """An empty or header-only table is not a plan that passes: say what was expected."""
    if not regels:
        raise PlanFout(f"{naam}: geen planregels gevonden; verwacht een kopregel ({', '.join(REGEL_KOLOMMEN[:4])}, ...) "
                       "en daaronder een rij per regel")


def _vereis_beschrijving(regels: list, naam: str, oplossing: str) -> None:
    """Regels whose werkingsgebieden are described nowhere: the werkingsgebieden table was forgotten."""
    genoemd = sorted({w for _n, rij in regels for w in _lijst(rij.get("werkingsgebied", ""))})
    beschreven = any(rij.get(k) for _n, rij in regels
                     for k in ("werkingsgebied_soort", "gebiedstype", "kwetsbare_objecten", "kaartverwijzing"))
    if genoemd and not beschreven:
        voorbeeld = ", ".join(genoemd[:3]) + (", ..." if len(genoemd) > 3 else "")
        raise PlanFout(f"{naam}: de werkingsgebieden ({voorbeeld}) worden nergens beschreven; {oplossing}, "
                       "of vul de kolom werkingsgebied_soort")


def _aanvraag_hint(data: bytes) -> str:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return ""
    if isinstance(document, dict) and {"soort", "activiteiten"} <= set(document):
        return "; dit lijkt een aanvraag: gebruik daarvoor `advieswijzer advies`"
    return ""


# ------------------------------------------------------------------ tabellen
Rij = tuple[int, dict[str, str]]


def lees_csv(data: bytes, naam: str) -> list[Rij]:
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFout(f"{naam}: geen UTF-8-tekst (sla de CSV op als UTF-8)") from None
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken(tekst.split("\n", 1)[0]))
    try:
        rijen = list(lezer)
    except csv.Error as fout:
        raise PlanFout(f"{naam}: ongeldige CSV: {fout}") from None
    return _rijen(rijen, naam)


def lees_xlsx(pad: Path, max_bytes: int = MAX_BYTES) -> tuple[list[Rij], list[Rij]]:
    lees_bytes(pad, max_bytes)  # size check
    boek = open_werkboek(pad, pad.name)
    try:
        bladen = {b.lower(): b for b in boek.sheetnames}
        if "regels" not in bladen:
            raise PlanFout(f"{pad.name}: blad 'regels' ontbreekt (bladen: {', '.join(boek.sheetnames)})")

        def blad(naam: str) -> list[Rij]:
            if naam not in bladen:
                return []
            rijen = [["" if c is None else str(c) for c in rij] for rij in boek[bladen[naam]].iter_rows(values_only=True)]
            return _rijen(rijen, f"{pad.name}, blad {naam}")

        return blad("regels"), blad("werkingsgebieden")
    finally:
        boek.close()


def _rijen(rijen: list[list[str]], naam: str) -> list[Rij]:
    """Header + rows -> [(row number as the user sees it, {column: value})], empty rows skipped."""
    if not rijen:
        return []
    kop = [k.strip().lower() for k in rijen[0]]
    uit = []
    for nummer, rij in enumerate(rijen[1:], start=2):
        waarden = {k: (rij[i].strip() if i < len(rij) and rij[i] is not None else "")
                   for i, k in enumerate(kop) if k}
        if any(waarden.values()):
            uit.append((nummer, waarden))
    return uit


def _controleer_kolommen(rijen: list[Rij], toegestaan: tuple[str, ...], naam: str, verplicht: str) -> None:
    if not rijen:
        return
    kolommen = set(rijen[0][1])
    onbekend = sorted(kolommen - set(toegestaan))
    if onbekend:
        raise PlanFout(f"{naam}: onbekende kolom(men) {', '.join(onbekend)}; toegestaan: {', '.join(toegestaan)}")
    if verplicht not in kolommen:
        raise PlanFout(f"{naam}: kolom {verplicht} ontbreekt")


def begrip(waarde: str) -> URIRef:
    """A vocabulary id as written (local name or full IRI) -> its IRI; unknown ids stay visible for P2."""
    waarde = waarde.strip()
    if waarde.startswith(str(ID)):
        waarde = waarde[len(str(ID)):]
    elif waarde.startswith(("http://", "https://", "urn:")):
        return URIRef(quote(waarde, safe=":/#?=&-._~%"))
    return ID[quote(waarde, safe="-._~")]


def _lijst(waarde: str) -> list[str]:
    return [w.strip() for w in waarde.split(";") if w.strip()]


def tabellen_naar_rdf(regels: list[Rij], werkingsgebieden: list[Rij], naam_regels: str = "regels",
                      naam_wg: str = "werkingsgebieden") -> Graph:
    """Rows of the `regels` and `werkingsgebieden` tables (contract §6) -> RDF in the project vocabulary."""
    _controleer_kolommen(regels, REGEL_KOLOMMEN, naam_regels, "identificatie")
    _controleer_kolommen(werkingsgebieden, WG_KOLOMMEN, naam_wg, "werkingsgebied")
    g = Graph()
    g.bind("aw", AW)
    g.bind("id", ID)
    knopen: dict[str, URIRef] = {}

    def gebied(waarde: str) -> tuple[URIRef, str]:
        sleutel = id_van(waarde)
        if sleutel not in knopen:
            knopen[sleutel] = PLAN[f"werkingsgebied/{quote(sleutel, safe='-._~')}"]
            g.add((knopen[sleutel], RDF.type, AW.Werkingsgebied))
            g.add((knopen[sleutel], AW.identificatie, Literal(waarde)))
        return knopen[sleutel], sleutel

    def eigenschappen(knoop: URIRef, rij: dict[str, str], soortkolom: str) -> None:
        for waarde in _lijst(rij.get(soortkolom, "")):
            g.add((knoop, AW.soort, begrip(waarde)))
        for waarde in _lijst(rij.get("gebiedstype", "")):
            g.add((knoop, AW.gebiedstype, begrip(waarde)))
        for waarde in _lijst(rij.get("kwetsbare_objecten", "")):
            g.add((knoop, AW.kwetsbaarObject, begrip(waarde)))
        for waarde in _lijst(rij.get("activiteiten", "")):
            g.add((knoop, AW.veroorzaaktDoor, begrip(waarde)))
        if rij.get("kaartverwijzing"):
            g.add((knoop, AW.kaartverwijzing, Literal(rij["kaartverwijzing"])))
        if rij.get("risicobron"):
            g.add((knoop, AW.risicobron, Literal(rij["risicobron"])))

    for _nummer, rij in werkingsgebieden:
        if rij.get("werkingsgebied"):
            knoop, _ = gebied(rij["werkingsgebied"])
            eigenschappen(knoop, rij, "soort")
    beschreven = set(knopen)

    for nummer, rij in regels:
        regel = PLAN[f"regel/rij-{nummer}"]
        g.add((regel, RDF.type, AW.Planregel))
        for kolom, eigenschap in (("identificatie", AW.identificatie), ("regeltekst", AW.regeltekst),
                                  ("grondslag", AW.grondslag), ("ambitieniveau", AW.ambitieniveau)):
            if rij.get(kolom):
                g.add((regel, eigenschap, Literal(rij[kolom])))
        for kolom, eigenschap in (("kwalificatie", AW.kwalificatie), ("activiteit", AW.activiteit),
                                  ("object", AW.object), ("onderwerp", AW.onderwerp)):
            for waarde in _lijst(rij.get(kolom, "")):
                g.add((regel, eigenschap, begrip(waarde)))
        for waarde in _lijst(rij.get("werkingsgebied", "")):
            knoop, sleutel = gebied(waarde)
            g.add((regel, AW.werkingsgebied, knoop))
            if sleutel not in beschreven:  # described in the regels table itself
                eigenschappen(knoop, rij, "werkingsgebied_soort")
    return g
