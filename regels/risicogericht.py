"""Risk-based collaboration: the four criteria of handreiking-rgs, Bouwsteen Proces 1, and
what follows from them (modelconvenant art. 2.5, early dialogue, Model Risicogericht werken,
procedure). Criteria are concluded from the intake's answers and from knowledge (new risks).
"""

from __future__ import annotations

from durable.lang import m

from .regel import Regel, conclusie, een_criterium, feit, partner, regel

RISICO_REGELS: list[Regel] = []

# The aanbeveling's opening words; the steps themselves come from the knowledge base (kennis.stappen,
# kennis/risicogericht.ttl), and weergave shows them as a numbered list under these words.
MODEL_STAPPEN = "Doorloop samen de zes stappen van het Model Risicogericht werken"


def zes_stappen(kennis) -> str:
    return "; ".join(f"{i}. {s['label']}: {s['uitleg']}" for i, s in enumerate(kennis.stappen, 1))


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
        return [aanbeveling(f"{door} vraagt om een risicogerichte behandeling ('broodje speciaal'): de andere "
                            "partijen stemmen in en behandelen de casus ook zo; maak zo nodig verlenging van de "
                            "procedure mogelijk (modelconvenant art. 2.5).")]

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
            aanbeveling("Organiseer vroegtijdig een vooroverleg of omgevingstafel met omgevingsdienst en "
                        "veiligheidsregio (en de aanvrager), voordat de aanvraag in procedure gaat."),
            aanbeveling(f"{MODEL_STAPPEN}: {zes_stappen(kennis)}."),
        ]

    return [("criterium", een_criterium())], actie


@regel("procedure", RISICO_REGELS)
def procedure(kennis):
    """De voorbereidingsprocedure en beslistermijn voor deze omgevingsvergunning.

    Bron: omgevingswet, art. 16.64 en 16.65; handreiking-rgs, bijlage Definities (Complex: standaard 8 weken of uitgebreid naar 26 weken)
    """
    def actie(f):
        p = kennis.procedures[f["procedure"]["v"]]
        return [aanbeveling(f"Procedure: {p['label'].lower()}, beslistermijn {p['termijn_weken']} weken, "
                            f"eenmalig te verlengen met {p['verlenging_weken']} weken ({p['bron']}).")]

    return [("ovv", feit("soort", "omgevingsvergunning")), ("procedure", feit("procedure"))], actie


@regel("procedure-verlengen", RISICO_REGELS)
def procedure_verlengen(kennis):
    """Bij risicogericht samenwerken: spreek de behandeltermijn af en gebruik zo nodig de verlenging, zodat alle partijen voldoende tijd hebben voor een goede samenwerking.

    Bron: handreiking-rgs, Bouwsteen Proces 2 (stap 1 Model Risicogericht werken); modelconvenant-rgs, art. 2.5
    """
    def actie(f):
        p = kennis.procedures[f["procedure"]["v"]]
        return [aanbeveling(f"Gebruik zo nodig de verlenging van {p['verlenging_weken']} weken, zodat alle "
                            "partijen voldoende tijd hebben voor de risicogerichte samenwerking.")]

    return [("ovv", feit("soort", "omgevingsvergunning")), ("procedure", feit("procedure")),
            ("criterium", een_criterium())], actie
