"""`valideer` on an OW-aanlevering: each IMOW mapping rule, a P3 in a delivery, hostile and broken input."""

from __future__ import annotations

import json
import shutil
import socket
import zipfile
from pathlib import Path

import pytest
from advieswijzer.cli import main
from advieswijzer.formaten.ow import lees_ow
from advieswijzer.ontologie.namen import AW, ID
from advieswijzer.ontologie.planregels import PlanFout
from click.testing import CliRunner

from .conftest import VOORBEELDEN, valideer

OW = VOORBEELDEN / "ow" / "tankstation-noord"
ARQ = "http://standaarden.omgevingswet.overheid.nl/activiteitregelkwalificatie/id/concept/"
EV = "http://standaarden.omgevingswet.overheid.nl/externeveiligheid/id/concept/"


def _cli(*args):
    return CliRunner().invoke(main, ["valideer", *map(str, args)])


def _variant(tmp_path: Path, **vervangingen: list[tuple[str, str]]) -> Path:
    """A copy of the example delivery with text replaced in the named files (file stem = keyword)."""
    doel = tmp_path / "aanlevering"
    shutil.copytree(OW, doel)
    for stam, paren in vervangingen.items():
        pad = doel / f"{stam}.xml"
        inhoud = pad.read_text(encoding="utf-8")
        for oud, nieuw in paren:
            assert oud in inhoud, (stam, oud)
            inhoud = inhoud.replace(oud, nieuw)
        pad.write_text(inhoud, encoding="utf-8")
    return doel


def _regel(plan, identificatie: str):
    (knoop,) = [s for s in plan.subjects(AW.identificatie, None) if str(plan.value(s, AW.identificatie)) == identificatie
                and (s, None, AW.Planregel) in plan]
    return knoop


def _wg(plan, identificatie: str):
    (knoop,) = [s for s in plan.subjects(AW.identificatie, None) if str(plan.value(s, AW.identificatie)) == identificatie
                and (s, None, AW.Werkingsgebied) in plan]
    return knoop


RVI = "nl.imow-gm9999.juridischeregel.2026"
GEBIED = "nl.imow-gm9999.gebied."


# ------------------------------------------------------------------ the example
def test_voorbeeld_map_en_zip_geven_hetzelfde_en_voldoen():
    map_uit, zip_uit = _cli(OW, "--format", "json"), _cli(VOORBEELDEN / "ow" / "tankstation-noord.zip", "--format", "json")
    assert map_uit.exit_code == zip_uit.exit_code == 0
    assert json.loads(map_uit.output) == json.loads(zip_uit.output)
    # the plan software gives no onderwerp: the brandweerzorg warning is all that remains
    assert [(r["check"], r["focus"]) for r in json.loads(map_uit.output)["resultaten"]] == [("P5", "bedrijventerrein")]


def test_zip_met_de_aanlevering_in_een_map(tmp_path):
    archief = tmp_path / "levering.zip"
    with zipfile.ZipFile(archief, "w") as z:
        for pad in OW.iterdir():
            z.write(pad, f"levering-2026/{pad.name}")
    assert _cli(archief).exit_code == 0


# ------------------------------------------------------------------ mapping rules
def test_regeltekst_en_artikel_via_wid():
    plan = lees_ow(OW)
    lid = _regel(plan, RVI + "002")
    assert str(plan.value(lid, AW.artikel)) == "Artikel 4.2 lid 1"
    assert str(plan.value(lid, AW.regeltekst)).startswith("Het is toegestaan op het bedrijventerrein een LPG-tankstation")
    assert str(plan.value(_regel(plan, RVI + "004"), AW.artikel)) == "Artikel 4.4"


def test_kwalificatie_uit_activiteitregelkwalificatie(tmp_path):
    plan = lees_ow(OW)
    assert plan.value(_regel(plan, RVI + "002"), AW.kwalificatie) == ID.toegestaan
    assert plan.value(_regel(plan, RVI + "005"), AW.kwalificatie) == ID.verbod
    oud = _variant(tmp_path, owRegelteksten=[(ARQ + "Gebod</r:activiteitregelkwalificatie>\n          <r:locatieaanduiding>"
                                               "<l:LocatieRef xlink:href=\"nl.imow-gm9999.gebied.BrandaandachtsgebiedLpgNoord",
                                               "AndersGeduid</r:activiteitregelkwalificatie>\n          <r:locatieaanduiding>"
                                               "<l:LocatieRef xlink:href=\"nl.imow-gm9999.gebied.BrandaandachtsgebiedLpgNoord")])
    assert lees_ow(oud).value(_regel(lees_ow(oud), RVI + "003"), AW.kwalificatie) == ID["anders-geduid"]


def test_onbekende_kwalificatie_wordt_p2(tmp_path):
    pad = _variant(tmp_path, owRegelteksten=[(ARQ + "Verbod", ARQ + "Gedogen")])
    rapport = valideer(lees_ow(pad))
    assert {(r.check, r.focus) for r in rapport.resultaten if r.check == "P2"} == {("P2", RVI + "005")}


def test_activiteit_uit_naam_bovenliggende_of_groep(tmp_path):
    plan = lees_ow(OW)
    assert plan.value(_regel(plan, RVI + "002"), AW.activiteit) == ID["tanken-lpg"]  # naam
    assert plan.value(_regel(plan, RVI + "001"), AW.activiteit) == ID.bouwactiviteit  # groep BouwactiviteitRuimtelijk
    # a gemeente's own activity below a named one: the bovenliggende naam decides
    onder = _variant(tmp_path, owActiviteiten=[("<rol:naam>Exploiteren van een LPG-tankstation</rol:naam>",
                                               "<rol:naam>Tankstation aan de Noordweg</rol:naam>"),
                                              ('<rol:ActiviteitRef xlink:href="nl.imow-mnre1034.activiteit.Milieubelastende'
                                               'Activiteit"/>', '<rol:ActiviteitRef xlink:href="nl.imow-gm9999.activiteit.Lpg"/>'),
                                              ("  </sl:standBestand>",
                                               "    <sl:stand><ow-dc:owObject><rol:Activiteit><rol:identificatie>nl.imow-gm9999"
                                               ".activiteit.Lpg</rol:identificatie><rol:naam>LPG-tankstation</rol:naam>"
                                               "</rol:Activiteit></ow-dc:owObject></sl:stand>\n  </sl:standBestand>")])
    plan = lees_ow(onder)
    assert plan.value(_regel(plan, RVI + "002"), AW.activiteit) == ID["tanken-lpg"]


def test_activiteit_zonder_mapping_blijft_leeg(tmp_path):
    pad = _variant(tmp_path, owActiviteiten=[("<rol:naam>Bouwen op het bedrijventerrein</rol:naam>",
                                              "<rol:naam>Kappen van een boom</rol:naam>"),
                                             ("activiteit/id/concept/BouwactiviteitRuimtelijk", "activiteit/id/concept/Kappen")])
    plan = lees_ow(pad)
    assert plan.value(_regel(plan, RVI + "001"), AW.activiteit) is None


def test_soort_uit_gebiedsaanwijzing():
    plan = lees_ow(OW)
    assert plan.value(_wg(plan, GEBIED + "BrandaandachtsgebiedLpgNoord"), AW.soort) == ID.brandaandachtsgebied
    assert plan.value(_wg(plan, GEBIED + "ExplosieaandachtsgebiedLpgNoord"), AW.soort) == ID.explosieaandachtsgebied
    assert plan.value(_wg(plan, GEBIED + "PrContourLpgNoord"), AW.soort) == ID["pr-contour"]
    assert plan.value(_wg(plan, GEBIED + "BedrijventerreinNoord"), AW.soort) == ID.bedrijventerrein


@pytest.mark.parametrize("naam", ["Aandachtsgebied LPG-tankstation Noord", "Brand- en explosieaandachtsgebied Noord"])
def test_soort_niet_uit_de_naam_af_te_leiden_geeft_ow1(tmp_path, naam):
    pad = _variant(tmp_path, owGebiedsaanwijzingen=[("<ga:naam>Brandaandachtsgebied LPG-tankstation Noord</ga:naam>",
                                                     f"<ga:naam>{naam}</ga:naam>")])
    plan = lees_ow(pad)
    assert plan.value(_wg(plan, GEBIED + "BrandaandachtsgebiedLpgNoord"), AW.soort) == ID["aandachtsgebied-externe-veiligheid"]
    rapport = valideer(plan)
    assert [(r.check, r.ernst, r.focus) for r in rapport.resultaten if r.check == "OW1"] == \
        [("OW1", "Warning", GEBIED + "BrandaandachtsgebiedLpgNoord")]


def test_werkingsgebied_uit_activiteitlocatieaanduiding(tmp_path):
    pad = _variant(tmp_path, owRegelteksten=[(
        '<r:identificatie>nl.imow-gm9999.activiteitlocatieaanduiding.2026003</r:identificatie>\n'
        '          <r:activiteitregelkwalificatie>' + ARQ + 'Gebod</r:activiteitregelkwalificatie>\n'
        '          <r:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.gebied.BrandaandachtsgebiedLpgNoord"/>',
        '<r:identificatie>nl.imow-gm9999.activiteitlocatieaanduiding.2026003</r:identificatie>\n'
        '          <r:activiteitregelkwalificatie>' + ARQ + 'Gebod</r:activiteitregelkwalificatie>\n'
        '          <r:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.gebied.BedrijventerreinNoord"/>')])
    plan = lees_ow(pad)
    assert plan.value(_regel(plan, RVI + "003"), AW.werkingsgebied) == _wg(plan, GEBIED + "BedrijventerreinNoord")


def test_verboden_risicoactiviteit_vraagt_geen_aandachtsgebieden(tmp_path):
    plan = lees_ow(OW)
    assert (_wg(plan, GEBIED + "BedrijventerreinNoord"), AW.veroorzaaktDoor, ID["tanken-lpg"]) in plan
    verboden = _variant(tmp_path, owRegelteksten=[(ARQ + "Toegestaan", ARQ + "Verbod")],
                        owGebiedsaanwijzingen=[("LPG-tankstation", "tankstation")])
    plan = lees_ow(verboden)
    assert (_wg(plan, GEBIED + "BedrijventerreinNoord"), AW.veroorzaaktDoor, ID["tanken-lpg"]) not in plan


# ------------------------------------------------------------------ findings in a delivery
def test_p3_aandachtsgebied_zonder_regel_in_een_aanlevering(tmp_path):
    # artikel 4.4 moves to the brandaandachtsgebied: the explosieaandachtsgebied keeps no regel
    pad = _variant(tmp_path, owRegelteksten=[('xlink:href="nl.imow-gm9999.gebied.ExplosieaandachtsgebiedLpgNoord"',
                                              'xlink:href="nl.imow-gm9999.gebied.BrandaandachtsgebiedLpgNoord"')])
    uit = _cli(pad, "--format", "json")
    assert uit.exit_code == 1
    p3 = [r for r in json.loads(uit.output)["resultaten"] if r["check"] == "P3"]
    assert p3 == [{"ernst": "Violation", "check": "P3", "focus": GEBIED + "ExplosieaandachtsgebiedLpgNoord",
                   "bericht": f"Explosieaandachtsgebied '{GEBIED}ExplosieaandachtsgebiedLpgNoord' heeft geen enkele planregel.",
                   "bron": "handreiking-rgs, bijlage 5, stap 1"}]


def test_bevinding_op_een_regel_noemt_het_artikel(tmp_path):
    pad = _variant(tmp_path, owRegelteksten=[(ARQ + "Verbod", ARQ + "Gedogen")])
    uit = _cli(pad, "--format", "json")
    (p2,) = [r for r in json.loads(uit.output)["resultaten"] if r["check"] == "P2"]
    assert p2["focus"] == RVI + "005" and p2["artikel"] == "Artikel 4.5"
    assert f"regel '{RVI}005' (Artikel 4.5)" in _cli(pad).output


# ------------------------------------------------------------------ broken or hostile deliveries: exit 2
BOM = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
       '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<Aanleveringen>&lol3;</Aanleveringen>\n')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY ext SYSTEM "http://example.org/geheim">]>\n'
       '<Aanleveringen xmlns="http://www.geostandaarden.nl/bestanden-ow/manifest-ow">&ext;</Aanleveringen>\n')


@pytest.mark.parametrize("bestand, inhoud, melding", [
    ("owLocaties.xml", "<ow-dc:owBestand><kapot", "owLocaties.xml: geen geldige XML"),
    ("manifest-ow.xml", BOM, "manifest-ow.xml: bevat een DOCTYPE"),
    ("manifest-ow.xml", XXE, "manifest-ow.xml: bevat een DOCTYPE"),
    ("regeling.xml", BOM, "regeling.xml: bevat een DOCTYPE"),
])
def test_kapotte_of_vijandige_xml(tmp_path, monkeypatch, bestand, inhoud, melding):
    def geen_netwerk(*args, **kwargs):
        raise AssertionError("valideer probeerde het netwerk te gebruiken")

    monkeypatch.setattr(socket.socket, "connect", geen_netwerk)
    monkeypatch.setattr(socket, "create_connection", geen_netwerk)
    pad = _variant(tmp_path)
    (pad / bestand).write_text(inhoud, encoding="utf-8")
    uit = _cli(pad)
    assert uit.exit_code == 2 and melding in uit.output and "Traceback" not in uit.output


@pytest.mark.parametrize("bestand, oud, nieuw, melding", [
    ("owRegelteksten", 'xlink:href="nl.imow-gm9999.gebied.PrContourLpgNoord"', 'xlink:href="nl.imow-gm9999.gebied.Weg"',
     "verwijst naar locatie 'nl.imow-gm9999.gebied.Weg', maar die staat niet in de aanlevering"),
    ("owRegelteksten", 'xlink:href="nl.imow-gm9999.regeltekst.2026001"', 'xlink:href="nl.imow-gm9999.regeltekst.9"',
     "verwijst naar regeltekst 'nl.imow-gm9999.regeltekst.9'"),
    ("owRegelteksten", 'xlink:href="nl.imow-gm9999.activiteit.LpgTankstation"', 'xlink:href="nl.imow-gm9999.activiteit.X"',
     "verwijst naar activiteit 'nl.imow-gm9999.activiteit.X'"),
    ("owRegelteksten", 'wId="gm9999_1__chp_4__art_4.1"', 'wId="gm9999_1__chp_4__art_9.9"',
     "wId 'gm9999_1__chp_4__art_9.9' naar een artikel of lid dat niet in de STOP-regeling staat"),
    ("manifest-ow", "<naam>owLocaties.xml</naam>", "<naam>owLocaties-2.xml</naam>",
     "manifest-ow.xml noemt owLocaties-2.xml, maar dat bestand zit niet in de aanlevering"),
])
def test_verwijzing_naar_ontbrekend_object(tmp_path, bestand, oud, nieuw, melding):
    uit = _cli(_variant(tmp_path, **{bestand: [(oud, nieuw)]}))
    assert uit.exit_code == 2 and melding in uit.output, uit.output


def test_kapot_zip_archief(tmp_path):
    pad = tmp_path / "levering.zip"
    pad.write_bytes(b"PK\x03\x04 dit is geen zip")
    uit = _cli(pad)
    assert uit.exit_code == 2 and "geen map en geen zip-archief" in uit.output


def test_zonder_stop_regeling(tmp_path):
    pad = _variant(tmp_path)
    (pad / "regeling.xml").unlink()
    uit = _cli(pad)
    assert uit.exit_code == 2 and "geen STOP-regeling met artikelen" in uit.output


def test_zip_bom_wordt_niet_uitgepakt(tmp_path):
    archief = tmp_path / "bom.zip"
    with zipfile.ZipFile(archief, "w", zipfile.ZIP_DEFLATED) as z:
        for pad in OW.iterdir():
            z.write(pad, pad.name)
        z.writestr("regeling.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    with pytest.raises(PlanFout, match="grens is"):
        lees_ow(archief)


# ------------------------------------------------------------------ no false green
@pytest.mark.parametrize("naam, inhoud, melding", [
    ("leeg.ttl", "", "geen planregels gevonden; verwacht ten minste één aw:Planregel"),
    ("alleen-kop.csv", "identificatie,regeltekst,kwalificatie,werkingsgebied\n", "geen planregels gevonden; verwacht een kopregel"),
    ("leeg.csv", "", "geen planregels gevonden"),
    ("aanvraag.json", json.dumps({"id": "Z-1", "soort": "melding", "activiteiten": ["tanken-lpg"]}),
     "dit lijkt een aanvraag: gebruik daarvoor `advieswijzer advies`"),
    ("alleen-gebied.ttl", "<urn:x:wg> a <https://advieswijzer.nl/def#Werkingsgebied> .", "geen planregels gevonden"),
])
def test_geen_planregels_is_exit_2(tmp_path, naam, inhoud, melding):
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    uit = _cli(pad)
    assert uit.exit_code == 2 and melding in uit.output, uit.output


def test_lege_map_is_exit_2(tmp_path):
    (tmp_path / "leeg").mkdir()
    uit = _cli(tmp_path / "leeg")
    assert uit.exit_code == 2 and "de map is leeg; verwacht een OW-aanlevering met manifest-ow.xml" in uit.output


def test_aanlevering_zonder_regels_is_exit_2(tmp_path):
    pad = _variant(tmp_path)
    manifest = (pad / "manifest-ow.xml").read_text(encoding="utf-8")
    (pad / "manifest-ow.xml").write_text(manifest.replace(
        "<Bestand><naam>owRegelteksten.xml</naam><objecttype>Regeltekst</objecttype><objecttype>RegelVoorIedereen</objecttype></Bestand>",
        ""), encoding="utf-8")
    uit = _cli(pad)
    assert uit.exit_code == 2 and "geen juridische regels gevonden" in uit.output


def test_regeltabel_zonder_werkingsgebieden_noemt_de_optie(tmp_path):
    pad = tmp_path / "regels.csv"
    pad.write_text((VOORBEELDEN / "planregels" / "regels.csv").read_text(encoding="utf-8"), encoding="utf-8")
    uit = _cli(pad)
    assert uit.exit_code == 2
    assert "worden nergens beschreven; geef de tabel met werkingsgebieden mee met --werkingsgebieden" in uit.output


# ------------------------------------------------------------------ P2 suggestion, HTML
def test_p2_stelt_het_dichtstbijzijnde_id_voor(tmp_path):
    pad = tmp_path / "regels.csv"
    pad.write_text("identificatie,regeltekst,kwalificatie,werkingsgebied,werkingsgebied_soort,activiteit\n"
                   "R1,t,verbiedt,wg,brandaandachtsgbied,tanken-lpgg\nR2,t,gebod,wg2,centrum,xyz-iets\n", encoding="utf-8")
    uit = json.loads(_cli(pad, "--format", "json").output)
    berichten = {r["bericht"] for r in uit["resultaten"] if r["check"] == "P2"}
    assert any("'tanken-lpgg'" in b and b.endswith("Bedoelt u 'tanken-lpg'?") for b in berichten)
    assert any("'brandaandachtsgbied'" in b and b.endswith("Bedoelt u 'brandaandachtsgebied'?") for b in berichten)
    assert any("'verbiedt'" in b and b.endswith("Bedoelt u 'verbod'?") for b in berichten)
    assert any("'xyz-iets'" in b and "Bedoelt u" not in b for b in berichten)


def test_html_rapport_is_een_zelfstandige_pagina_per_artikel(tmp_path):
    pad = _variant(tmp_path, owRegelteksten=[(ARQ + "Verbod", ARQ + "Gedogen")])
    uit = _cli(pad, "--format", "html")
    assert uit.exit_code == 1
    html = uit.output
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http://" not in html and "https://" not in html
    assert "1 fout (Violation)" in html and "1 waarschuwing (Warning)" in html
    assert "<h2>Artikel 4.5</h2>" in html and "<h2>gebiedstype bedrijventerrein</h2>" in html
    assert html.index("<h2>Artikel 4.5</h2>") < html.index("<h2>gebiedstype bedrijventerrein</h2>")
    assert "Wat te doen: Gebruik gebod, verbod" in html


def test_oxigraph_en_pyshacl_vinden_hetzelfde_in_een_aanlevering(tmp_path):
    pad = _variant(tmp_path, owRegelteksten=[(ARQ + "Verbod", ARQ + "Gedogen"),
                                             ('xlink:href="nl.imow-gm9999.gebied.ExplosieaandachtsgebiedLpgNoord"',
                                              'xlink:href="nl.imow-gm9999.gebied.BrandaandachtsgebiedLpgNoord"')],
                   owGebiedsaanwijzingen=[("<ga:naam>Brandaandachtsgebied", "<ga:naam>Aandachtsgebied")])
    plan = lees_ow(pad)
    snel, referentie = valideer(plan), valideer(plan, motor="pyshacl")
    assert {r.check for r in snel.resultaten} >= {"P2", "P3", "OW1"}
    assert sorted(map(vars, snel.resultaten), key=str) == sorted(map(vars, referentie.resultaten), key=str)


def test_regel_zonder_activiteit_en_instructieregel_zijn_anders_geduid(tmp_path):
    # regel 004 becomes an Instructieregel without activiteitaanduiding
    pad = _variant(tmp_path)
    tekst = (pad / "owRegelteksten.xml").read_text(encoding="utf-8")
    begin = tekst.index("<r:RegelVoorIedereen>\n      <r:identificatie>nl.imow-gm9999.juridischeregel.2026004")
    einde = tekst.index("</r:RegelVoorIedereen>", begin) + len("</r:RegelVoorIedereen>")
    regel = tekst[begin:einde]
    instructie = regel[:regel.index("<r:activiteitaanduiding>")].replace("RegelVoorIedereen", "Instructieregel")
    (pad / "owRegelteksten.xml").write_text(tekst[:begin] + instructie + "</r:Instructieregel>" + tekst[einde:],
                                            encoding="utf-8")
    plan = lees_ow(pad)
    knoop = _regel(plan, RVI + "004")
    assert plan.value(knoop, AW.kwalificatie) == ID["anders-geduid"] and plan.value(knoop, AW.activiteit) is None
    assert plan.value(_regel(plan, RVI + "003"), AW.kwalificatie) == ID.gebod
    assert not [r for r in valideer(plan).resultaten if r.check == "P1"]


def test_imow_098_met_versies_en_ref_namespaces(tmp_path):
    # IMOW 0.98: versioned namespaces, references in *-ref namespaces; matching by local name reads it alike
    ref = "http://www.geostandaarden.nl/imow/regels-ref/v20190901"
    pad = _variant(tmp_path, owRegelteksten=[
        ('xmlns:r="http://www.geostandaarden.nl/imow/regels"',
         f'xmlns:r="http://www.geostandaarden.nl/imow/regels/v20190901" xmlns:r-ref="{ref}"'),
        ("<r:RegeltekstRef ", "<r-ref:RegeltekstRef "),
        ('xmlns:l="http://www.geostandaarden.nl/imow/locatie"',
         'xmlns:l="http://www.geostandaarden.nl/imow/locatie-ref/v20190901"')])
    assert sorted(map(vars, valideer(lees_ow(pad)).resultaten), key=str) == \
        sorted(map(vars, valideer(lees_ow(OW)).resultaten), key=str)


def test_regel_met_twee_activiteiten_wordt_twee_planregels(tmp_path):
    tweede = ('      <r:activiteitaanduiding>\n        <rol:ActiviteitRef xlink:href="nl.imow-gm9999.activiteit.LpgTankstation"/>\n'
              '        <r:ActiviteitLocatieaanduiding>\n          <r:identificatie>nl.imow-gm9999.activiteitlocatieaanduiding.'
              '2026005b</r:identificatie>\n          <r:activiteitregelkwalificatie>' + ARQ + 'Verbod'
              '</r:activiteitregelkwalificatie>\n          <r:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.'
              'gebied.PrContourLpgNoord"/></r:locatieaanduiding>\n        </r:ActiviteitLocatieaanduiding>\n'
              '      </r:activiteitaanduiding>\n')
    pad = _variant(tmp_path)
    tekst = (pad / "owRegelteksten.xml").read_text(encoding="utf-8")
    begin = tekst.index("<r:identificatie>nl.imow-gm9999.juridischeregel.2026005")
    einde = tekst.index("    </r:RegelVoorIedereen>", begin)
    (pad / "owRegelteksten.xml").write_text(tekst[:einde] + tweede + tekst[einde:], encoding="utf-8")
    plan = lees_ow(pad)
    a = _regel(plan, "nl.imow-gm9999.activiteitlocatieaanduiding.2026005")
    b = _regel(plan, "nl.imow-gm9999.activiteitlocatieaanduiding.2026005b")
    assert (plan.value(a, AW.activiteit), plan.value(a, AW.kwalificatie)) == (ID.bouwactiviteit, ID.verbod)
    assert (plan.value(b, AW.activiteit), plan.value(b, AW.kwalificatie)) == (ID["tanken-lpg"], ID.verbod)
    assert str(plan.value(a, AW.artikel)) == str(plan.value(b, AW.artikel)) == "Artikel 4.5"
    assert not [s for s in plan.subjects(AW.identificatie, None) if str(plan.value(s, AW.identificatie)) == RVI + "005"]
