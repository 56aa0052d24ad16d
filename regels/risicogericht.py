"""Risk-based collaboration: the four criteria of handreiking-rgs, Bouwsteen Proces 1, and
what follows from them (modelconvenant art. 2.5, early dialogue, Model Risicogericht werken,
procedure), or, when no criterion is met, the regular agreements. Criteria are concluded from the
intake's answers and from knowledge (new risks). The texts of the aanbevelingen and of the reason
for regular collaboration are in kennis/teksten.ttl.
"""

from __future__ import annotations

from advieswijzer.kennis.model import Kennisbank
from durable.lang import m

from .regel import AFGELEID, Regel, conclusie, een_criterium, feit, geen, partner, regel

RISICO_REGELS: list[Regel] = []

# The opening words of the aanbeveling `aanbeveling-model-risicogericht-werken` (kennis/teksten.ttl), which
# formaten/weergave.py looks for to show the six steps as a list; tests/test_wettelijk_bron.py checks that the
# knowledge's text starts with them. To go once weergave reads the text from the knowledge.
MODEL_STAPPEN = "Doorloop samen de zes stappen van het Model Risicogericht werken"


def zes_stappen(kennis) -> str:
    return "; ".join(f"{i}. {s['label']}: {s['uitleg']}" for i, s in enumerate(kennis.stappen, 1))


def reguliere_samenwerking(kennis: Kennisbank) -> Regel:
    """No criterion is met: the regular agreements apply. The reason (explanation and source) is the text
    `reguliere-samenwerking` of kennis/teksten.ttl; the rule waits until every criterion is concluded."""
    reden = kennis.teksten["reguliere-samenwerking"]

    def bouw(kennis):
        return [geen(een_criterium())], lambda _: [aanbeveling(kennis.tekst("aanbeveling-regulier"))]

    return Regel(naam="reguliere-samenwerking", bron=reden["bron"], uitleg=reden["tekst"], bouw=bouw, fase=AFGELEID)


def risicoregels(kennis: Kennisbank) -> list[Regel]:
    return [reguliere_samenwerking(kennis), *RISICO_REGELS]


def criterium(naam: str, **extra) -> dict:
    return {"soort": "criterium", "criterium": naam, **extra}


def aanbeveling(tekst: str) -> dict:
    return {"soort": "aanbeveling", "tekst": tekst}


@regel("criterium-nieuw-risico-intake", RISICO_REGELS)
def nieuw_risico_intake(kennis):
    """De intake stelt dat de ontwikkeling of het initiatief relatief nieuw of onbekend is (geen duidelijk beeld van het risico).

    Bron: handreiking-rgs, Bouwsteen Proces 1 (Bepalen wanneer wel en niet)
    """
    return [("antwoord", feit("risico-antwoord", "nieuw_of_onbekend"))], \
        lambda f: [criterium("nieuw-of-onbekend-risico")]


@regel("criterium-nieuw-risico-kennis", RISICO_REGELS)
def nieuw_risico_kennis(kennis):
    """De activiteit brengt een nieuw risico mee dat wet- en regelgeving (nog) niet afdekt (nieuwe energiedragers en technieken voor de energietransitie).

    Bron: handreiking-rgs, Inleiding (nieuwe risico's) en Bouwsteen Proces 1 (Bepalen wanneer wel en niet)
    """
    return [("risico", feit("nieuw-risico"))], lambda f: [criterium("nieuw-of-onbekend-risico")]


@regel("criterium-kennis-partner", RISICO_REGELS)
def kennis_partner(kennis):
    """Kennis en ervaring van de veiligheidsregio of de omgevingsdienst is noodzakelijk; die partner wordt daarom betrokken.

    Bron: handreiking-rgs, Bouwsteen Proces 1 (Bepalen wanneer wel en niet)
    """
    def actie(f):
        wie = f["nodig"]["v"]
        return [criterium("kennis-partner-nodig"), partner(wie, "betrokken")]

    return [("nodig", feit("kennis-nodig", *kennis.criterium_partners.get("kennis-partner-nodig", [""])))], actie


@regel("kennis-partner-betrokken", RISICO_REGELS)
def kennis_andere_partner(kennis):
    """De intake noemt deze partner voor zijn kennis en ervaring: hij wordt betrokken. Dat maakt de zaak niet risicogericht: het criterium noemt alleen de veiligheidsregio en de omgevingsdienst.

    Bron: handreiking-rgs, Bouwsteen Proces 1 (Bepalen wanneer wel en niet: kennis en ervaring van de veiligheidsregio en/of de omgevingsdienst)
    """
    expr = m.t == "kennis-nodig"
    for wie in kennis.criterium_partners.get("kennis-partner-nodig", []):
        expr = expr & (m.v != wie)
    return [("nodig", expr)], lambda f: [partner(f["nodig"]["v"], "betrokken")]


@regel("criterium-meerwaarde-partner", RISICO_REGELS)
def meerwaarde_partner(kennis):
    """Een van de betrokken partijen ziet meerwaarde in een risicogerichte aanpak.

    Bron: handreiking-rgs, Bouwsteen Proces 1 (Bepalen wanneer wel en niet)
    """
    return [("vraag", feit("meerwaarde"))], lambda f: [criterium("meerwaarde-partner", door=f["vraag"]["v"])]


@regel("criterium-startpunt", RISICO_REGELS)
def startpunt(kennis):
    """De aanvraag is een startpunt voor een bredere ontwikkeling in de fysieke leefomgeving.

    Bron: handreiking-rgs, Bouwsteen Proces 1 (Bepalen wanneer wel en niet)
    """
    return [("antwoord", feit("risico-antwoord", "startpunt_bredere_ontwikkeling"))], \
        lambda f: [criterium("startpunt-bredere-ontwikkeling")]


@regel("convenant-broodje-speciaal", RISICO_REGELS)
def broodje_speciaal(kennis):
    """Een partij wil de casus risicogericht behandelen ('broodje speciaal'): de andere partijen stemmen daarmee in en behandelen hem ook zo; het bevoegd gezag of de omgevingsdienst maakt zo nodig verlenging van de procedure mogelijk.

    Bron: modelconvenant-rgs, art. 2.5
    """
    def actie(f):
        door = f["criterium"].get("door", "een partij")
        return [aanbeveling(kennis.tekst("aanbeveling-broodje-speciaal", door=door))]

    return [("criterium", conclusie(criterium="meerwaarde-partner"))], actie


@regel("risicogericht-samenwerken", RISICO_REGELS)
def risicogericht_samenwerken(kennis):
    """Risicogericht samenwerken is van meerwaarde: betrek omgevingsdienst en veiligheidsregio vroeg, in een vooroverleg of omgevingstafel, en doorloop samen het Model Risicogericht werken.

    Bron: handreiking-rgs, Bouwsteen Proces 1 en 2 (Model Risicogericht werken)
    """
    def actie(f):
        return [
            partner("omgevingsdienst", "betrokken"),
            partner("veiligheidsregio", "betrokken"),
            aanbeveling(kennis.tekst("aanbeveling-vooroverleg")),
            aanbeveling(kennis.tekst("aanbeveling-model-risicogericht-werken", stappen=zes_stappen(kennis))),
        ]

    return [("criterium", een_criterium())], actie


@regel("procedure", RISICO_REGELS)
def procedure(kennis):
    """De voorbereidingsprocedure en beslistermijn voor deze omgevingsvergunning.

    Bron: omgevingswet, art. 16.64 en 16.65; handreiking-rgs, bijlage Definities (Complex: standaard 8 weken of uitgebreid naar 26 weken)
    """
    def actie(f):
        p = kennis.procedures[f["procedure"]["v"]]
        return [aanbeveling(kennis.tekst("aanbeveling-procedure", procedure=p["label"].lower(),
                                         termijn=p["termijn_weken"], verlenging=p["verlenging_weken"], bron=p["bron"]))]

    return [("ovv", feit("soort", "omgevingsvergunning")), ("procedure", feit("procedure"))], actie


@regel("procedure-verlengen", RISICO_REGELS)
def procedure_verlengen(kennis):
    """Bij risicogericht samenwerken: spreek de behandeltermijn af en gebruik zo nodig de verlenging, zodat alle partijen voldoende tijd hebben voor een goede samenwerking.

    Bron: handreiking-rgs, Bouwsteen Proces 2 (stap 1 Model Risicogericht werken); modelconvenant-rgs, art. 2.5
    """
    def actie(f):
        p = kennis.procedures[f["procedure"]["v"]]
        return [aanbeveling(kennis.tekst("aanbeveling-procedure-verlengen", verlenging=p["verlenging_weken"]))]

    return [("ovv", feit("soort", "omgevingsvergunning")), ("procedure", feit("procedure")),
            ("criterium", een_criterium())], actie
