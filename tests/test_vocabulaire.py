"""Every id of contract §3 exists in the knowledge base, with a Dutch label."""

from __future__ import annotations

import pytest

CONTRACT = {
    "soort": "omgevingsvergunning melding gebruiksmelding informatieplicht vooroverleg omgevingstafel "
             "ontvankelijkheidstoets maatwerkvoorschrift gelijkwaardige-maatregel toezicht handhaving omgevingsplan "
             "evenementenvergunning",
    "activiteit": "bouwactiviteit gebruiksactiviteit binnenplanse-omgevingsplanactiviteit "
                  "buitenplanse-omgevingsplanactiviteit rijksmonumentenactiviteit sloopactiviteit "
                  "milieubelastende-activiteit seveso-inrichting stookinstallatie windturbine opslagtank-gassen "
                  "opslagtank-vloeistoffen opslag-verpakte-gevaarlijke-stoffen opslag-vuurwerk "
                  "opslag-ontplofbare-stoffen tanken-lpg tanken-cng tanken-lng tanken-waterstof "
                  "ammoniak-koelinstallatie mestvergisting energieopslagsysteem opslag-energiedragers mijnbouw "
                  "afvalverbranding vuurwerk-ontbranden zonnepark grootschalige-zonnepanelen evenement",
    "kenmerk": "seveso-hogedrempel seveso-lagedrempel aangewezen-geval-gemeenteraad aangewezen-geval-adviescommissie "
               "aangewezen-in-omgevingsplan beleidsplan-veiligheid ippc mer-plichtig provinciaal-of-nationaal-belang",
    "gebiedstype": "bestaande-woonwijk rustige-woonwijk gemengd-gebied bedrijventerrein buitengebied centrum",
    "aandachtsgebied": "brandaandachtsgebied explosieaandachtsgebied gifwolkaandachtsgebied pr-contour "
                       "voorschriftengebied risicogebied",
    "kwetsbaar-object": "zeer-kwetsbaar-gebouw kwetsbaar-gebouw beperkt-kwetsbaar-gebouw kwetsbare-locatie "
                        "beperkt-kwetsbare-locatie",
    "partner": "gemeente gemeenteraad adviescommissie omgevingsdienst veiligheidsregio ggd provincie waterschap",
    "onderwerp": "licht geluid trilling bodem energie vuurwerk luchtvaart externe-veiligheid juridisch "
                 "brandveiligheid bluswater-en-bereikbaarheid gezondheid",
    "rol": "bevoegd-gezag uitvoerder adviseur instemming betrokken",
    "criterium": "nieuw-of-onbekend-risico kennis-partner-nodig meerwaarde-partner startpunt-bredere-ontwikkeling",
    "bevoegd-gezag": "gemeente provincie waterschap rijk",
}


@pytest.mark.parametrize("lijst", sorted(CONTRACT))
def test_contract_ids_bestaan(kennis, lijst):
    ontbrekend = set(CONTRACT[lijst].split()) - set(kennis.ids(lijst))
    assert not ontbrekend


def test_elk_begrip_heeft_een_nederlands_label(kennis):
    for lijst, leden in kennis.begrippen.items():
        for ident, label in leden.items():
            assert label and label != ident, f"{lijst}/{ident}"


@pytest.mark.parametrize(("activiteit", "breder"), [
    ("tanken-waterstof", "milieubelastende-activiteit"), ("tanken-waterstof", "energietransitie"),
    ("tanken-lpg", "milieubelastende-activiteit"), ("zonnepark", "energietransitie"),
    ("binnenplanse-omgevingsplanactiviteit", "omgevingsplanactiviteit")])
def test_taxonomie(kennis, activiteit, breder):
    assert breder in kennis.bredere[activiteit]


def test_energietransitie_voetnoot_16(kennis):
    for a in "zonnepark grootschalige-zonnepanelen tanken-waterstof tanken-lng energieopslagsysteem " \
             "opslag-energiedragers".split():
        assert "energietransitie" in kennis.bredere[a]
    assert "energietransitie" not in kennis.bredere.get("stookinstallatie", [])
    assert "milieubelastende-activiteit" not in kennis.bredere.get("zonnepark", [])


def test_nieuwe_risicos(kennis):
    assert {"tanken-waterstof", "opslag-energiedragers", "energieopslagsysteem"} <= set(kennis.nieuw_risico)
    assert "stookinstallatie" not in kennis.nieuw_risico
