"""An OW-aanlevering (IMOW) as a planregel set of contract §6, in RDF, for `valideer MAP|ZIP`.

Joined: each RegelVoorIedereen / Instructieregel -> its Regeltekst (artikelOfLid) -> the Regeltekst's
wId -> the Artikel or Lid with that wId in the STOP regeling (number and text). Mapped with the SKOS
mappings of kennis/imow.ttl (data, not Python):

- werkingsgebied: the locatie of the locatieaanduiding (of the ActiviteitLocatieaanduiding when the
  regel names activities: one planregel per activity, as IMOW gives each its own kwalificatie);
- soort: the gebiedsaanwijzingen on that locatie (ExterneVeiligheid groups, Functie), an
  AandachtsgebiedExterneVeiligheid refined to brand/explosie/gifwolk by a trefwoord in its naam;
- kwalificatie: the activiteitregelkwalificatie ('anders-geduid' for a regel without activity); activiteit: the Activiteit's naam (or a bovenliggende
  Activiteit's), else its activiteitengroep;
- veroorzaaktDoor (for P10): a risk activity the plan allows on a werkingsgebied, or one whose
  trefwoord the naam of an aandachtsgebied mentions (e.g. 'LPG').

Every reference must resolve inside the delivery; one that does not is an input error (exit 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from advieswijzer.ontologie.namen import AW, ID, RDF, SKOS
from advieswijzer.ontologie.planregels import MAX_BYTES, PLAN, PlanFout
from rdflib import RDFS, Graph, Literal, URIRef

from .owlezer import XLINK_HREF, Aanlevering, kind, kinderen, lokaal, tekst, verwijzingen

REGELS = ("RegelVoorIedereen", "Instructieregel", "Omgevingswaarderegel")
LOCATIES = ("Gebied", "Gebiedengroep", "Lijn", "Lijnengroep", "Punt", "Puntengroep", "Ambtsgebied")
NIET_TOEGESTAAN = {ID.verbod}  # a risk activity that is forbidden does not put a risk in the plan
# A juridische regel without activiteitaanduiding (and every Instructieregel) has no activiteitregelkwalificatie
# in IMOW; its text says what it requires. 'Anders geduid' is the value list's own word for that, so such a
# regel is not reported as lacking a kwalificatie (P1) on every real omgevingsplan.
ZONDER_ACTIVITEIT = ID["anders-geduid"]


@dataclass
class OwObject:
    soort: str  # local name of the IMOW object type
    identificatie: str
    element: object
    bestand: str


@dataclass
class Artikel:
    label: str  # "Artikel 4.2 lid 1"
    tekst: str


@dataclass
class Objecten:
    per_soort: dict[str, dict[str, OwObject]] = field(default_factory=dict)

    def alle(self, *soorten: str) -> dict[str, OwObject]:
        uit = {}
        for s in soorten:
            uit.update(self.per_soort.get(s, {}))
        return uit


# ------------------------------------------------------------------ reading
def is_ow(pad: Path | str) -> bool:
    """A folder or a .zip is read as an OW-aanlevering."""
    pad = Path(pad)
    return pad.is_dir() or pad.suffix.lower() == ".zip"


def lees_ow(pad: Path | str, max_bytes: int = MAX_BYTES) -> Graph:
    """The OW-aanlevering in `pad` (folder or .zip) as planregel RDF."""
    aanlevering = Aanlevering(Path(pad), max_bytes)
    try:
        owbestanden = aanlevering.manifest()
        objecten = Objecten()
        for naam in owbestanden:
            for houder in aanlevering.xml(naam).iter("{*}owObject"):  # any namespace version
                for element in houder:
                    if isinstance(element.tag, str):
                        identificatie = tekst(element, "identificatie")
                        objecten.per_soort.setdefault(lokaal(element), {})[identificatie] = \
                            OwObject(lokaal(element), identificatie, element, naam)
        artikelen = {}
        for naam in aanlevering.overige_xml(set(owbestanden)):
            artikelen.update(_artikelen(aanlevering.xml(naam)))
    finally:
        aanlevering.sluit()
    return naar_rdf(objecten, artikelen, Path(pad).name)


def _artikelen(wortel) -> dict[str, Artikel]:
    """wId -> article number and text, from the STOP tekst (Artikel and Lid carry a wId)."""
    uit = {}
    for element in wortel.iter("{*}Artikel", "{*}Lid"):
        if element.get("wId") is None:
            continue
        inhoud = " ".join(tekst(al) for al in element.iter("{*}Al"))
        if lokaal(element) == "Artikel":
            uit[element.get("wId")] = Artikel(f"Artikel {tekst(element, 'Kop', 'Nummer')}".strip(), inhoud)
        else:
            artikel = element.getparent()
            nummer = tekst(artikel, "Kop", "Nummer") if artikel is not None else ""
            lid = tekst(element, "LidNummer").rstrip(".")
            uit[element.get("wId")] = Artikel(f"Artikel {nummer} lid {lid}".strip(), inhoud)
    return uit


# ------------------------------------------------------------------ the mappings (kennis/imow.ttl)
@dataclass
class Mappings:
    waarden: dict[str, URIRef]  # IMOW value URI -> our concept (exactMatch, closeMatch)
    namen: dict[str, URIRef]  # normalised activity name -> activity
    verfijning: dict[URIRef, list[tuple[str, URIRef]]]  # generic aandachtsgebied -> (trefwoord, narrower)
    aandachtsgebieden: set[URIRef]
    gebiedstypen: set[URIRef]
    risico: dict[URIRef, list[str]]  # risk activity -> its trefwoorden and labels


def _norm(waarde: str) -> str:
    return " ".join(waarde.lower().split())


@lru_cache(maxsize=1)
def mappings() -> Mappings:
    from advieswijzer.kennis.laden import laad_graaf

    g = laad_graaf()
    waarden = {}
    for eigenschap in (SKOS.exactMatch, SKOS.closeMatch):
        for s, o in g.subject_objects(eigenschap):
            if str(s).startswith(str(ID)):
                waarden[str(o)] = s
            elif str(o).startswith(str(ID)):
                waarden[str(s)] = o
    activiteiten = set(g.subjects(SKOS.inScheme, AW.Activiteiten))
    namen = {}
    for eigenschap in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for s, o in g.subject_objects(eigenschap):
            if s in activiteiten:
                namen.setdefault(_norm(str(o)), s)
    verfijning: dict[URIRef, list] = {}
    aandachtsgebieden = set(g.subjects(SKOS.inScheme, AW.Aandachtsgebieden))
    for smal, breed in g.subject_objects(SKOS.broader):
        if smal in aandachtsgebieden:
            for woord in g.objects(smal, AW.trefwoord):
                verfijning.setdefault(breed, []).append((_norm(str(woord)), smal))
    risico = {}
    for activiteit in activiteiten:
        if any(True for b in g.transitive_objects(activiteit, SKOS.broader) if (b, AW.wijstAandachtsgebiedAan, None) in g):
            risico[activiteit] = sorted({_norm(str(w)) for w in g.objects(activiteit, AW.trefwoord)})
    return Mappings(waarden, namen, verfijning, aandachtsgebieden,
                    set(g.subjects(SKOS.inScheme, AW.Gebiedstypen)), risico)


def kwalificatie(waarde: str, m: Mappings) -> URIRef:
    """activiteitregelkwalificatie: a value-list URI, or (older deliveries) the bare word."""
    if waarde in m.waarden:
        return m.waarden[waarde]
    woord = re.sub(r"(?<!^)(?=[A-Z])", "-", waarde.rsplit("/", 1)[-1]).lower()
    return ID[quote(woord, safe="-._~")]  # unknown words stay visible for P2


def soort_van(gebiedsaanwijzing: OwObject, m: Mappings) -> URIRef | None:
    """The concept of a gebiedsaanwijzing (by groep), refined by a trefwoord in its naam."""
    groep = m.waarden.get(tekst(gebiedsaanwijzing.element, "groep"))
    if groep is None:
        return None
    naam = _norm(tekst(gebiedsaanwijzing.element, "naam"))
    passend = {smal for woord, smal in m.verfijning.get(groep, []) if woord in naam}
    return passend.pop() if len(passend) == 1 else groep


def activiteit_van(identificatie: str, activiteiten: dict[str, OwObject], m: Mappings) -> URIRef | None:
    """Our activity for an IMOW Activiteit: its naam, or a bovenliggende Activiteit's, else its groep."""
    gezien, huidige = set(), identificatie
    while huidige in activiteiten and huidige not in gezien:
        gezien.add(huidige)
        element = activiteiten[huidige].element
        if _norm(tekst(element, "naam")) in m.namen:
            return m.namen[_norm(tekst(element, "naam"))]
        boven = verwijzingen(element, "bovenliggendeActiviteit")
        huidige = boven[0] if boven else ""
    return m.waarden.get(tekst(activiteiten[identificatie].element, "groep")) if identificatie in activiteiten else None


# ------------------------------------------------------------------ to RDF
def naar_rdf(objecten: Objecten, artikelen: dict[str, Artikel], naam: str = "aanlevering") -> Graph:
    m = mappings()
    regelteksten = objecten.alle("Regeltekst")
    locaties = objecten.alle(*LOCATIES)
    activiteiten = objecten.alle("Activiteit")
    gebiedsaanwijzingen = objecten.alle("Gebiedsaanwijzing")
    if not objecten.alle(*REGELS):
        raise PlanFout(f"{naam}: geen juridische regels gevonden; verwacht in de OW-bestanden van het manifest "
                       "RegelVoorIedereen of Instructieregel met hun Regeltekst, locaties en gebiedsaanwijzingen")
    if not artikelen:
        raise PlanFout(f"{naam}: geen STOP-regeling met artikelen gevonden (Artikel of Lid met een wId); "
                       "de artikelteksten horen bij de aanlevering")

    def opzoeken(tabel: dict, ref: str, bron: OwObject, doel: str) -> OwObject:
        if ref not in tabel:
            raise PlanFout(f"{bron.bestand}: {bron.soort} '{bron.identificatie}' verwijst naar {doel} '{ref}', "
                           "maar die staat niet in de aanlevering")
        return tabel[ref]

    g = Graph()
    g.bind("aw", AW)
    g.bind("id", ID)
    knopen: dict[str, URIRef] = {}

    def werkingsgebied(locatie: OwObject) -> URIRef:
        if locatie.identificatie not in knopen:
            knoop = PLAN[f"ow/locatie/{quote(locatie.identificatie, safe='-._~')}"]
            knopen[locatie.identificatie] = knoop
            g.add((knoop, RDF.type, AW.Werkingsgebied))
            g.add((knoop, AW.identificatie, Literal(locatie.identificatie)))
            g.add((knoop, AW.kaartverwijzing, Literal(locatie.identificatie)))
            if tekst(locatie.element, "noemer"):
                g.add((knoop, RDFS.label, Literal(tekst(locatie.element, "noemer"), lang="nl")))
        return knopen[locatie.identificatie]

    # gebiedsaanwijzingen give the werkingsgebied its soort; every one is in the plan (P3 finds those without regel)
    soorten: dict[URIRef, set[URIRef]] = {}
    for ga in gebiedsaanwijzingen.values():
        concept = soort_van(ga, m)
        for ref in verwijzingen(ga.element, "locatieaanduiding"):
            knoop = werkingsgebied(opzoeken(locaties, ref, ga, "locatie"))
            if concept is not None:
                soorten.setdefault(knoop, set()).add(concept)
                if concept in m.aandachtsgebieden:
                    naam_ga = _norm(tekst(ga.element, "naam"))
                    for activiteit, woorden in m.risico.items():
                        if any(re.search(rf"\b{re.escape(w)}\b", naam_ga) for w in woorden):
                            g.add((knoop, AW.veroorzaaktDoor, activiteit))
    for knoop, concepten in soorten.items():
        aandacht = concepten & m.aandachtsgebieden
        for concept in aandacht or concepten:
            g.add((knoop, AW.soort, concept))
        if aandacht:
            for concept in concepten & m.gebiedstypen:
                g.add((knoop, AW.gebiedstype, concept))

    for regel in objecten.alle(*REGELS).values():
        regeltekst = opzoeken(regelteksten, (verwijzingen(regel.element, "artikelOfLid") or [""])[0], regel, "regeltekst")
        wid = regeltekst.element.get("wId") or ""
        if wid not in artikelen:
            raise PlanFout(f"{regeltekst.bestand}: Regeltekst '{regeltekst.identificatie}' verwijst met wId '{wid}' "
                           "naar een artikel of lid dat niet in de STOP-regeling staat")
        artikel = artikelen[wid]
        for ga_ref in verwijzingen(regel.element, "gebiedsaanwijzing"):
            opzoeken(gebiedsaanwijzingen, ga_ref, regel, "gebiedsaanwijzing")
        aanduidingen = kinderen(regel.element, "activiteitaanduiding")
        delen = []  # (identificatie, activity ref, kwalificatie, locatie refs)
        for aanduiding in aanduidingen:
            ala = kind(aanduiding, "ActiviteitLocatieaanduiding")
            ref = (verwijzingen(aanduiding) or [""])[0]
            eigen_id = tekst(ala, "identificatie") if ala is not None else ""
            delen.append((eigen_id if len(aanduidingen) > 1 and eigen_id else regel.identificatie, ref,
                          tekst(ala, "activiteitregelkwalificatie") if ala is not None else "",
                          verwijzingen(ala, "locatieaanduiding") if ala is not None else []))
        if not delen:
            delen.append((regel.identificatie, "", "", []))
        for identificatie, activiteit_ref, kwal, eigen_locaties in delen:
            knoop = PLAN[f"ow/regel/{quote(identificatie, safe='-._~')}"]
            g.add((knoop, RDF.type, AW.Planregel))
            g.add((knoop, AW.identificatie, Literal(identificatie)))
            g.add((knoop, AW.artikel, Literal(artikel.label)))
            g.add((knoop, AW.grondslag, Literal(f"{artikel.label} van het omgevingsplan (OW-aanlevering)")))
            if artikel.tekst:
                g.add((knoop, AW.regeltekst, Literal(artikel.tekst, lang="nl")))
            if kwal:
                g.add((knoop, AW.kwalificatie, kwalificatie(kwal, m)))
            elif not activiteit_ref:
                g.add((knoop, AW.kwalificatie, ZONDER_ACTIVITEIT))
            concept = None
            if activiteit_ref:
                opzoeken(activiteiten, activiteit_ref, regel, "activiteit")
                concept = activiteit_van(activiteit_ref, activiteiten, m)
                if concept is not None:
                    g.add((knoop, AW.activiteit, concept))
            for ref in eigen_locaties or verwijzingen(regel.element, "locatieaanduiding"):
                wg = werkingsgebied(opzoeken(locaties, ref, regel, "locatie"))
                g.add((knoop, AW.werkingsgebied, wg))
                if concept in m.risico and kwalificatie(kwal, m) not in NIET_TOEGESTAAN:
                    g.add((wg, AW.veroorzaaktDoor, concept))
    return g


__all__ = ["is_ow", "lees_ow", "naar_rdf", "mappings", "XLINK_HREF"]
