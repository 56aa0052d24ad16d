"""What follows from an aanvraag before anyone is involved: the broader activities (taxonomy), the new
risks, the bevoegd gezag, the procedure and the reikwijdten of kruisjes that hold. Each rule concludes
a derived fact that other rules build on; the explanation (--uitleg) shows where it came from and its
source. The data (taxonomy, bevoegd gezag per activity with its ranking and default, procedures,
reikwijdten) is in kennis/*.ttl.

The bevoegd gezag and the candidates for it, the new risks and the procedure grounds are taken from
what the aanvraag itself names, as before these were rules; the reikwijdten also see broader activities.
"""

from __future__ import annotations

from dataclasses import replace

from advieswijzer.kennis.model import Feitbron, Kennisbank
from durable.lang import m

from .regel import AFGELEID, Regel, afgeleid, een_van, feit, geen, geldig, of, regel, soort_van

AFLEIDINGEN: list[Regel] = []
OMGEVINGSVERGUNNING = "omgevingsvergunning"  # the procedures are those of the omgevingsvergunning


def genoemd(kennis: Kennisbank, begrip: str, f: Feitbron):
    """The aanvraag names this activity or kenmerk, on a datum within the validity of the fact `f`."""
    return geldig(een_van(kennis, [begrip]) & (m.herkomst == "aanvraag"), f.geldig_vanaf, f.geldig_tot)


def _bekend(kennis: Kennisbank, feiten: dict[str, Feitbron]) -> dict[str, Feitbron]:
    return {b: f for b, f in feiten.items() if soort_van(kennis, b)}


@regel("taxonomie", AFLEIDINGEN)
def taxonomie(kennis):
    """Een activiteit van de aanvraag is ook elk breder begrip waaronder zij valt (skos:broader), zodat een afspraak over het bredere begrip ook voor haar geldt.

    Bron: bal, hoofdstuk 3 (elke aangewezen milieubelastende activiteit is een milieubelastende activiteit); advieswijzer-duiding, bij handreiking-rgs bijlage 4 (een afspraak over een breder begrip geldt voor elk smaller begrip)
    """
    def actie(f):
        smal = f["activiteit"]["v"]
        return [afgeleid("activiteit", breed, "taxonomie", kennis.bronnen_begrip.get(breed, ""), uit=[smal])
                for breed in kennis.bredere.get(smal, [])]

    if not kennis.bredere:
        return []
    return [("activiteit", feit("activiteit", *kennis.bredere) & (m.herkomst == "aanvraag"))], actie


@regel("nieuw-risico", AFLEIDINGEN)
def nieuw_risico(kennis):
    """De kennisbank merkt deze activiteit van de aanvraag aan als een nieuw risico dat wet- en regelgeving (nog) niet afdekt.

    Bron: handreiking-rgs, Inleiding (nieuwe risico's) en Bouwsteen Proces 1 (Bepalen wanneer wel en niet)
    """
    risico = {a: f for a, f in kennis.nieuw_risico.items() if soort_van(kennis, a) == "activiteit"}

    def actie(f):
        a = f["activiteit"]["v"]
        return [afgeleid("nieuw-risico", a, "kennisbank", risico[a].bron)]

    if not risico:
        return []
    return [("activiteit", of(*(genoemd(kennis, a, f) for a, f in risico.items())))], actie


def opgegeven_bevoegd_gezag():
    return feit("bevoegd-gezag") & (m.herkomst == "aanvraag")


@regel("bevoegd-gezag-afgeleid", AFLEIDINGEN, fase=AFGELEID)
def bevoegd_gezag_afgeleid(kennis):
    """Noemt de aanvraag geen bevoegd gezag, dan volgt het uit haar activiteiten en kenmerken; bij meer kandidaten beslist het hoogste bestuursorgaan in de rangorde.

    Bron: omgevingswet, art. 5.8; omgevingsbesluit, art. 4.6 en 4.10
    """
    rangorde = kennis.volgorde("rangorde-bevoegd-gezag")
    kandidaten = _bekend(kennis, kennis.bevoegd_gezag)

    def rang(wie: str) -> int:
        return rangorde.index(wie) if wie in rangorde else 0

    def alternatief(wie: str):
        """One rule per bestuursorgaan: one of its candidates, and neither a given bevoegd gezag nor a higher one."""
        eigen = {b: f for b, f in kandidaten.items() if f.waarde == wie}
        hoger = [genoemd(kennis, b, f) for b, f in kandidaten.items() if rang(f.waarde) > rang(wie)]

        def actie(f):
            begrip = f["kandidaat"]["v"]
            return [afgeleid("bevoegd-gezag", wie, "afgeleid uit {uit}", eigen[begrip].bron, uit=[begrip])]

        return [("kandidaat", of(*(genoemd(kennis, b, g) for b, g in eigen.items()))),
                geen(of(opgegeven_bevoegd_gezag(), *hoger))], actie

    return [alternatief(wie) for wie in sorted({f.waarde for f in kandidaten.values()}, key=rang)]


@regel("bevoegd-gezag-standaard", AFLEIDINGEN, fase=AFGELEID)
def bevoegd_gezag_standaard(kennis):
    """Noemt de aanvraag geen bevoegd gezag en volgt het uit geen van haar activiteiten of kenmerken, dan geldt de standaardwaarde: de gemeente.

    Bron: omgevingswet, art. 5.8
    """
    standaard = kennis.standaard.get("bevoegdGezag")
    if standaard is None:
        return []
    kandidaten = _bekend(kennis, kennis.bevoegd_gezag)
    return [geen(of(opgegeven_bevoegd_gezag(), *(genoemd(kennis, b, f) for b, f in kandidaten.items())))], \
        lambda _: [afgeleid("bevoegd-gezag", standaard.waarde, "standaard", standaard.bron)]


@regel("procedure-afgeleid", AFLEIDINGEN)
def procedure_afgeleid(kennis):
    """Voor deze omgevingsvergunning geldt een andere voorbereidingsprocedure dan de reguliere, omdat de aanvraag een activiteit of kenmerk noemt waarvoor die geldt.

    Bron: omgevingswet, art. 16.65; omgevingsbesluit, art. 10.24
    """
    gronden = _bekend(kennis, kennis.procedure_van)

    def actie(f):
        grond = gronden[f["grond"]["v"]]
        return [afgeleid("procedure", grond.waarde, "afgeleid uit {uit}", grond.bron, uit=[f["grond"]["v"]])]

    if not gronden:
        return []
    return [(None, feit("soort", OMGEVINGSVERGUNNING)), ("grond", of(*(genoemd(kennis, b, f) for b, f in gronden.items())))], \
        actie


@regel("procedure-standaard", AFLEIDINGEN, fase=AFGELEID)
def procedure_standaard(kennis):
    """Zonder aanleiding voor een andere procedure wordt deze omgevingsvergunning voorbereid met de standaardprocedure: de reguliere.

    Bron: omgevingswet, art. 16.64
    """
    standaard = kennis.standaard.get("procedure")
    if standaard is None or standaard.waarde not in kennis.procedures:
        return []
    return [(None, feit("soort", OMGEVINGSVERGUNNING)), geen(feit("procedure"))], \
        lambda _: [afgeleid("procedure", standaard.waarde, "standaard", standaard.bron)]


@regel("reikwijdte", AFLEIDINGEN)
def reikwijdte(kennis):
    """De reikwijdte van een kruisje geldt voor deze aanvraag: het soort proces, een activiteit of kenmerk en het bevoegd gezag passen erbij.

    Bron: handreiking-rgs, bijlage 4 (per partner: bij welke processen, activiteiten en bevoegde gezagen de afspraken gelden)
    """
    # an unknown aanleiding is K2 of `kennis controleer`; a reikwijdte that states nothing never holds
    reikwijdten = [replace(r, aanleidingen=[a for a in r.aanleidingen if soort_van(kennis, a)])
                   for r in kennis.reikwijdten.values()]
    per_soort: dict[str, list] = {}  # those that ask only for a soort: one rule on the soort fact for all of them
    for r in reikwijdten:
        if r.soorten and not r.aanleidingen and not r.bevoegd_gezag:
            for s in r.soorten:
                per_soort.setdefault(s, []).append(r)

    def bij_soort(f):
        s = f["soort"]["v"]
        return [afgeleid("reikwijdte", r.naam, f"afgeleid uit soort '{s}'", r.bron) for r in per_soort[s]]

    def alternatief(r):
        condities = [("soort", feit("soort", *r.soorten))] if r.soorten else []
        if r.aanleidingen:
            condities.append(("aanleiding", een_van(kennis, r.aanleidingen)))
        if r.bevoegd_gezag:
            condities.append(("bg", feit("bevoegd-gezag", *r.bevoegd_gezag)))

        def actie(f):
            delen = [f"soort '{f['soort']['v']}'"] if "soort" in f else []
            delen += ["{uit}"] if "aanleiding" in f else []
            delen += [f"bevoegd gezag '{f['bg']['v']}'"] if "bg" in f else []
            return [afgeleid("reikwijdte", r.naam, "afgeleid uit " + ", ".join(delen), r.bron,
                             uit=[f["aanleiding"]["v"]] if "aanleiding" in f else [])]

        return condities, actie

    overige = [alternatief(r) for r in reikwijdten if r.aanleidingen or r.bevoegd_gezag]
    return [*([([("soort", feit("soort", *per_soort))], bij_soort)] if per_soort else []), *overige]
