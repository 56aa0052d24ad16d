"""Statutory advice, instemming and bevoegd gezag (handreiking-rgs, bijlage 4, Gemeente;
Omgevingsbesluit afdeling 4.2). One function per rule; its docstring is the explanation.

All advice rules apply to an aanvraag om een omgevingsvergunning only, and never to a body
that is itself bevoegd gezag (omgevingsbesluit, art. 4.18 lid 1): the college rules require
that the gemeente is *not* bevoegd gezag, the commissie rules that it is.
"""

from __future__ import annotations

from .regel import Regel, bevoegd_gezag_is, bevoegd_gezag_niet, conclusie, feit, geen, partner, regel

WETTELIJKE_REGELS: list[Regel] = []
OVV = ("ovv", feit("soort", "omgevingsvergunning"))


@regel("bevoegd-gezag", WETTELIJKE_REGELS)
def bevoegd_gezag(kennis):
    """Dit bestuursorgaan is bevoegd gezag en beslist op de aanvraag (opgegeven, of afgeleid uit de activiteiten; anders de gemeente).

    Bron: omgevingswet, art. 5.8; omgevingsbesluit, art. 4.6 en 4.10
    """
    return [("bg", feit("bevoegd-gezag"))], lambda f: [partner(f["bg"]["v"], "bevoegd-gezag")]


@regel("college-adviseur", WETTELIJKE_REGELS)
def college_adviseur(kennis):
    """Het college van burgemeester en wethouders is adviseur, omdat de aanvraag een bouw-, omgevingsplan-, rijksmonumenten- of milieubelastende activiteit betreft en het college niet zelf bevoegd gezag is.

    Bron: handreiking-rgs, bijlage 4, Gemeente (advies college, lid 1); omgevingsbesluit, art. 4.20 lid 1
    """
    return [OVV, ("bg", bevoegd_gezag_niet("gemeente")),
            ("act", feit("activiteit", "bouwactiviteit", "omgevingsplanactiviteit", "rijksmonumentenactiviteit",
                         "milieubelastende-activiteit"))], \
        lambda f: [partner("gemeente", "adviseur")]


@regel("college-instemming-omgevingsplanactiviteit", WETTELIJKE_REGELS)
def college_instemming_omgevingsplanactiviteit(kennis):
    """De voorgenomen beslissing behoeft instemming van het college: omgevingsplanactiviteit, niet van provinciaal of nationaal belang, college is niet bevoegd gezag.

    Geen instemming als gedeputeerde staten bevoegd gezag zijn en de omgevingsplanactiviteit
    samenhangt met een milieubelastende activiteit in dezelfde aanvraag (uitzondering in bijlage 4).

    Bron: handreiking-rgs, bijlage 4, Gemeente (instemming college, lid 2 onder a, en uitzondering); omgevingsbesluit, art. 4.20 lid 2 onder a
    """
    def actie(f):
        if f["bg"]["v"] == "provincie" and f["opa"].get("met_mba"):
            return []  # uitzondering: GS bevoegd gezag op grond van art. 4.16 voor een MBA
        return [partner("gemeente", "instemming")]

    return [OVV, ("bg", bevoegd_gezag_niet("gemeente")), ("opa", feit("activiteit", "omgevingsplanactiviteit")),
            geen(feit("kenmerk", "provinciaal-of-nationaal-belang"))], actie


@regel("college-instemming-mba", WETTELIJKE_REGELS)
def college_instemming_mba(kennis):
    """De voorgenomen beslissing behoeft instemming van het college: milieubelastende activiteit die niet is uitgezonderd, college is niet bevoegd gezag.

    Bron: handreiking-rgs, bijlage 4, Gemeente (instemming college, lid 2 onder b); omgevingsbesluit, art. 4.20 lid 2 onder b
    """
    def actie(f):
        return [] if f["mba"].get("geen_instemming") else [partner("gemeente", "instemming")]

    return [OVV, ("bg", bevoegd_gezag_niet("gemeente")),
            ("mba", feit("activiteit", "milieubelastende-activiteit"))], actie


@regel("gemeenteraad-adviseur", WETTELIJKE_REGELS)
def gemeenteraad_adviseur(kennis):
    """De gemeenteraad is adviseur: door de raad aangewezen geval van een buitenplanse omgevingsplanactiviteit waarvoor het college bevoegd gezag is.

    Bron: handreiking-rgs, bijlage 4, Gemeente (advies gemeenteraad, lid 1); omgevingswet, art. 16.15a
    """
    return [OVV, ("bg", bevoegd_gezag_is("gemeente")),
            ("opa", feit("activiteit", "buitenplanse-omgevingsplanactiviteit")),
            ("aangewezen", feit("kenmerk", "aangewezen-geval-gemeenteraad"))], \
        lambda f: [partner("gemeenteraad", "adviseur")]


@regel("gemeenteraad-adviseur-instemming", WETTELIJKE_REGELS)
def gemeenteraad_adviseur_instemming(kennis):
    """De gemeenteraad is adviseur voor het verzoek om instemming: het college is geen bevoegd gezag voor het aangewezen geval, maar moet wel instemmen.

    Bron: handreiking-rgs, bijlage 4, Gemeente (advies gemeenteraad, lid 2); omgevingswet, art. 16.15a
    """
    return [("opa", feit("activiteit", "buitenplanse-omgevingsplanactiviteit")),
            ("aangewezen", feit("kenmerk", "aangewezen-geval-gemeenteraad")),
            ("instemming", conclusie("gemeente", "instemming",
                                     regel_naam="college-instemming-omgevingsplanactiviteit"))], \
        lambda f: [partner("gemeenteraad", "adviseur")]


@regel("adviescommissie-rijksmonument", WETTELIJKE_REGELS)
def adviescommissie_rijksmonument(kennis):
    """De gemeentelijke adviescommissie is adviseur: rijksmonumentenactiviteit waarvoor het college bevoegd gezag is.

    Bron: handreiking-rgs, bijlage 4, Gemeente (advies gemeentelijke adviescommissie, lid 1 onder a); omgevingswet, art. 17.9
    """
    return [OVV, ("bg", bevoegd_gezag_is("gemeente")), ("rm", feit("activiteit", "rijksmonumentenactiviteit"))], \
        lambda f: [partner("adviescommissie", "adviseur")]


@regel("adviescommissie-aangewezen-geval", WETTELIJKE_REGELS)
def adviescommissie_aangewezen_geval(kennis):
    """De gemeentelijke adviescommissie is adviseur: door de gemeenteraad aangewezen geval waarvoor het college bevoegd gezag is.

    Bron: handreiking-rgs, bijlage 4, Gemeente (advies gemeentelijke adviescommissie, lid 1 onder b); omgevingswet, art. 17.9
    """
    return [OVV, ("bg", bevoegd_gezag_is("gemeente")),
            ("aangewezen", feit("kenmerk", "aangewezen-geval-adviescommissie"))], \
        lambda f: [partner("adviescommissie", "adviseur")]


@regel("adviescommissie-via-college", WETTELIJKE_REGELS)
def adviescommissie_via_college(kennis):
    """De gemeentelijke adviescommissie is ook adviseur en richt haar advies aan het college, omdat het college niet bevoegd gezag maar adviseur is voor een rijksmonumentenactiviteit of aangewezen geval.

    Bron: handreiking-rgs, bijlage 4, Gemeente (advies gemeentelijke adviescommissie, lid 2); omgevingswet, art. 17.9
    """
    return [("college", conclusie("gemeente", "adviseur", regel_naam="college-adviseur")),
            ("aanleiding", feit("activiteit", "rijksmonumentenactiviteit")
             | (feit("kenmerk", "aangewezen-geval-adviescommissie")))], \
        lambda f: [partner("adviescommissie", "adviseur")]
