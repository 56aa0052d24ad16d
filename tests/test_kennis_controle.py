"""`kennis controleer`: clean on the shipped knowledge, and every check K1-K10 has a failing case.

Each broken case starts from the shipped graph and adds or removes a few triples, so a test
fails when its check stops finding the fault (or starts finding faults in good knowledge).
"""

from __future__ import annotations

import json

import pytest
from advieswijzer.cli import main
from advieswijzer.kennis.controle import controleer, controleer_graaf
from advieswijzer.kennis.laden import laad_graaf
from advieswijzer.ontologie import namen
from advieswijzer.ontologie.namen import AW, DCTERMS, ID, RDF, RDFS, REGEL, SKOS
from click.testing import CliRunner
from rdflib import Literal


@pytest.fixture(autouse=True)
def eigen_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ADVIESWIJZER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="module")
def schoon():
    return laad_graaf()


@pytest.fixture
def g(schoon):
    kopie = type(schoon)()
    for t in schoon:
        kopie.add(t)
    return kopie


def kruisje(g, naam="test-kruisje", partner="ggd", rol="betrokken", aanleiding="windturbine", bron=True):
    s = REGEL[naam]
    g.add((s, RDF.type, AW.Adviesafspraak))
    if partner:
        g.add((s, AW.partner, ID[partner]))
    if rol:
        g.add((s, AW.rol, ID[rol]))
    if aanleiding:
        g.add((s, AW.aanleiding, ID[aanleiding]))
    g.add((s, AW.uitleg, Literal("Test.", lang="nl")))
    if bron:
        g.add((s, DCTERMS.source, Literal("modelconvenant-rgs, art. 3")))
    return s


def bevindingen(g, check, ernst=None):
    return [b for b in controleer_graaf(g).resultaten if b.check == check and (ernst is None or b.ernst == ernst)]


def test_geleverde_kennis_is_schoon():
    rapport = controleer()
    assert rapport.conform
    assert rapport.aantallen["Violation"] == 0 and rapport.aantallen["Warning"] == 0
    # ggd is in no national kruisje: only a region involves it; that is information, not a fault
    assert [(b.ernst, b.check, b.focus) for b in rapport.resultaten] == [("Info", "K9", "ggd")]


def test_een_goed_kruisje_geeft_geen_bevinding(g):
    kruisje(g)
    assert controleer_graaf(g).conform
    assert not [b for b in controleer_graaf(g).resultaten if b.focus == "test-kruisje"]


@pytest.mark.parametrize("ontbreekt", ["partner", "rol", "aanleiding", "bron"])
def test_k1_kruisje_mist_verplicht_gegeven(g, ontbreekt):
    kruisje(g, **{ontbreekt: None if ontbreekt != "bron" else False})
    gevonden = bevindingen(g, "K1", "Violation")
    assert any(b.focus == "test-kruisje" for b in gevonden), ontbreekt


def test_k1_wettelijke_regel_zonder_bron(g):
    g.remove((REGEL["college-adviseur"], DCTERMS.source, None))
    assert any(b.focus == "college-adviseur" for b in bevindingen(g, "K1", "Violation"))


def test_k1_bron_zonder_korte_naam_is_warning(g):
    s = kruisje(g, bron=False)
    g.add((s, DCTERMS.source, Literal("ergens op internet")))
    gevonden = bevindingen(g, "K1")
    assert [b.ernst for b in gevonden if b.focus == "test-kruisje"] == ["Warning"]


def test_k1_bron_van_de_regio_zoals_de_beheerder_hem_schrijft_is_geen_warning(g):
    s = kruisje(g, bron=False)
    g.add((s, DCTERMS.source, Literal("convenant Twente, art. 4.1")))
    g.add((s, AW.regio, Literal("twente")))
    assert not [b for b in controleer_graaf(g).resultaten if b.focus == "test-kruisje"]


def test_k1_eigen_duiding_is_een_bron_een_onbekende_onderwerpbron_niet(g):
    s = kruisje(g, bron=False)
    g.add((s, DCTERMS.source, Literal("advieswijzer-duiding, bij handreiking-rgs bijlage 4")))
    assert not [b for b in controleer_graaf(g).resultaten if b.focus == "test-kruisje"]
    g.add((s, AW.onderwerpBron, Literal("gevoel van de beheerder")))
    assert [b.ernst for b in bevindingen(g, "K1") if b.focus == "test-kruisje"] == ["Warning"]


@pytest.mark.parametrize(("veld", "waarde", "verwacht"), [
    ("partner", "brandweer", "partner"), ("rol", "adviseur", "rol"), ("aanleiding", "bestaat-niet", "aanleiding")])
def test_k2_onbekende_of_verkeerde_id(g, veld, waarde, verwacht):
    kruisje(g, **{veld: waarde})
    gevonden = [b for b in bevindingen(g, "K2", "Violation") if b.focus == "test-kruisje"]
    assert gevonden and waarde in gevonden[0].bericht


def test_k2_onbekend_onderwerp(g):
    s = kruisje(g)
    g.add((s, AW.onderwerp, ID["windhinder"]))
    assert any("windhinder" in b.bericht for b in bevindingen(g, "K2", "Violation"))


def test_k3_begrip_zonder_nederlands_label(g):
    g.remove((ID.windturbine, SKOS.prefLabel, None))
    g.add((ID.windturbine, SKOS.prefLabel, Literal("Wind turbine", lang="en")))
    assert [b.focus for b in bevindingen(g, "K3", "Violation")] == ["windturbine"]


def test_k4_contract_id_ontbreekt(g):
    for t in list(g.triples((ID["tanken-lpg"], None, None))):
        g.remove(t)
    assert "tanken-lpg" in {b.focus for b in bevindingen(g, "K4", "Violation")}


@pytest.mark.parametrize(("eigenschap", "waarde"), [
    (AW.minimaleGevolgklasse, Literal(4)),
    (AW.geldigVanaf, Literal("1 januari 2027")),
])
def test_k5_ongeldige_voorwaarde_of_datum(g, eigenschap, waarde):
    s = kruisje(g)
    g.add((s, eigenschap, waarde))
    assert [b.focus for b in bevindingen(g, "K5", "Violation")] == ["test-kruisje"]


def test_k5_onbekende_reikwijdte(g):
    s = kruisje(g)
    g.add((s, AW.reikwijdte, ID["alleen-op-zondag"]))
    assert [b.focus for b in bevindingen(g, "K5", "Violation")] == ["test-kruisje"]
    g.remove((s, AW.reikwijdte, None))
    g.add((s, AW.reikwijdte, ID["milieuvergunning-of-melding"]))
    assert not bevindingen(g, "K5")


def test_k1_k2_reikwijdte_zonder_eis_of_met_onbekende_soort(g):
    g.remove((ID["tafel-milieu-of-bouw"], AW.bijAanleiding, None))
    assert [b.focus for b in bevindingen(g, "K1", "Violation")] == ["tafel-milieu-of-bouw"]
    g.add((ID["bouwplantoetsing"], AW.bijSoort, ID["bouwvergunning"]))
    assert any(b.focus == "bouwplantoetsing" and "bouwvergunning" in b.bericht
               for b in bevindingen(g, "K2", "Violation"))


def test_k8_reikwijdte_sluit_de_eigen_soort_uit(g):
    s = kruisje(g, aanleiding="toezicht")
    g.add((s, AW.reikwijdte, ID["milieuvergunning-of-melding"]))
    gevonden = [b for b in bevindingen(g, "K8", "Violation") if b.focus == "test-kruisje"]
    assert gevonden and "nooit vuren" in gevonden[0].bericht
    t = kruisje(g, naam="test-kruisje-2", aanleiding="melding")
    g.add((t, AW.reikwijdte, ID["milieuvergunning-of-melding"]))
    assert not [b for b in bevindingen(g, "K8") if b.focus == "test-kruisje-2"]


def test_k10_regionaal_kruisje_dat_het_landelijke_herhaalt_is_info(g):
    s = kruisje(g, partner="veiligheidsregio", aanleiding="milieubelastende-activiteit", bron=False)
    g.add((s, DCTERMS.source, Literal("convenant Twente, art. 4.1")))
    g.add((s, AW.regio, Literal("twente")))
    g.add((s, AW.reikwijdte, ID["milieuvergunning-of-melding"]))
    g.add((s, AW.onderwerp, ID["externe-veiligheid"]))
    [b] = [b for b in controleer_graaf(g).resultaten if b.focus == "test-kruisje"]
    assert (b.ernst, b.check) == ("Info", "K10") and "vr-mba" in b.bericht
    # one topic more, and it adds something: no longer a repeat
    g.add((s, AW.onderwerp, ID["brandveiligheid"]))
    assert not bevindingen(g, "K10")


def test_k10_zonder_dezelfde_reikwijdte_geen_herhaling(g):
    s = kruisje(g, partner="veiligheidsregio", aanleiding="milieubelastende-activiteit")
    g.add((s, AW.regio, Literal("twente")))
    g.add((s, AW.onderwerp, ID["externe-veiligheid"]))
    assert not bevindingen(g, "K10")  # also on toezicht: the national kruisje is not


def test_k5_en_k8_vanaf_na_tot(g):
    s = kruisje(g)
    g.add((s, AW.geldigVanaf, Literal("2028-01-01", datatype=namen.XSD.date)))
    g.add((s, AW.geldigTot, Literal("2027-01-01", datatype=namen.XSD.date)))
    assert [b.focus for b in bevindingen(g, "K5")] == ["test-kruisje"]
    assert any("geldt nooit" in b.bericht for b in bevindingen(g, "K8", "Violation"))


def test_k6_cyclus_in_de_taxonomie(g):
    g.add((ID["milieubelastende-activiteit"], SKOS.broader, ID["tanken-lpg"]))
    gevonden = bevindingen(g, "K6", "Violation")
    assert len(gevonden) == 1
    assert "tanken-lpg" in gevonden[0].bericht and "milieubelastende-activiteit" in gevonden[0].bericht


def test_k7_activiteit_zonder_partner(g):
    nieuw = ID["kunstijsbaan"]
    g.add((nieuw, RDF.type, AW.Activiteit))
    g.add((nieuw, SKOS.inScheme, AW.Activiteiten))
    g.add((nieuw, SKOS.prefLabel, Literal("Kunstijsbaan", lang="nl")))
    g.add((nieuw, DCTERMS.source, Literal("bal, art. 3.1")))
    assert [b.focus for b in bevindingen(g, "K7", "Warning")] == ["kunstijsbaan"]
    # one step broader that is routed is enough
    g.add((nieuw, SKOS.broader, ID["milieubelastende-activiteit"]))
    assert not bevindingen(g, "K7")


def test_k7_na_intrekking_van_het_enige_kruisje(g):
    i = REGEL["intrekking-test"]
    g.add((i, RDF.type, AW.Intrekking))
    g.add((i, AW.partner, ID.veiligheidsregio))
    g.add((i, AW.aanleiding, ID["vuurwerk-ontbranden"]))
    assert not bevindingen(g, "K7")  # the omgevingsdienst still gets vuurwerk-ontbranden
    g.add((i, AW.partner, ID.omgevingsdienst))  # now two partners: K1, and withdrawal of both
    assert any(b.focus == "intrekking-test" for b in bevindingen(g, "K1", "Violation"))


def test_k8_regel_waarvan_de_aanleiding_nooit_voorkomt(g):
    kruisje(g, aanleiding="geluid")  # a topic, not an activity, soort or kenmerk
    gevonden = bevindingen(g, "K8", "Violation")
    assert [b.focus for b in gevonden] == ["test-kruisje"] and "geluid" in gevonden[0].bericht


def test_k8_wettelijke_regel_met_onbekende_aanleiding(g):
    g.add((REGEL["college-adviseur"], AW.aanleiding, ID["sloopactiviteitt"]))
    assert "college-adviseur" in {b.focus for b in bevindingen(g, "K8", "Violation")}


def test_k8_intrekking_die_niets_intrekt(g):
    i = REGEL["intrekking-test"]
    g.add((i, RDF.type, AW.Intrekking))
    g.add((i, AW.partner, ID.ggd))
    g.add((i, AW.aanleiding, ID.windturbine))
    assert [b.focus for b in bevindingen(g, "K8", "Warning")] == ["intrekking-test"]


def test_k9_partner_waar_niets_naartoe_leidt(g):
    for t in list(g.triples((None, AW.partner, ID.veiligheidsregio))):
        g.remove(t)
    assert {b.focus for b in bevindingen(g, "K9", "Info")} == {"ggd", "veiligheidsregio"}
    kruisje(g)  # a regional kruisje for the ggd
    assert {b.focus for b in bevindingen(g, "K9")} == {"veiligheidsregio"}


def test_cli_exit_en_json(tmp_path, monkeypatch):
    uit = CliRunner().invoke(main, ["kennis", "controleer", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.stdout)
    assert data["conform"] is True and set(data["aantallen"]) == {"Violation", "Warning", "Info"}
    assert set(data["resultaten"][0]) == {"ernst", "check", "focus", "bericht", "bron"}

    (tmp_path / "kapot.ttl").write_text(
        "@prefix aw: <https://advieswijzer.nl/def#> . @prefix id: <https://advieswijzer.nl/id/> .\n"
        "<https://advieswijzer.nl/regel/kapot> a aw:Adviesafspraak ; aw:partner id:ggd ; aw:rol id:betrokken ;\n"
        "    aw:aanleiding id:bestaat-niet ; aw:regio \"kapot\" .\n", encoding="utf-8")
    monkeypatch.setenv("ADVIESWIJZER_REGIO_MAP", str(tmp_path))
    uit = CliRunner().invoke(main, ["kennis", "controleer", "--regio", "kapot"])
    assert uit.exit_code == 1
    assert "NIET in orde" in uit.stdout and "bestaat-niet" in uit.stdout
    uit = CliRunner().invoke(main, ["kennis", "controleer", "--regio", "bestaat-niet"])
    assert uit.exit_code == 2 and "bestaat niet" in uit.stderr


def test_label_op_het_kruisje_telt_niet_als_begrip(g):
    s = kruisje(g)
    g.add((s, RDFS.label, Literal("Test")))
    assert controleer_graaf(g).conform
