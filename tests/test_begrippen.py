"""The matcher (kennis/begrippen.py): data-driven cases from tests/begrippen/gevallen.yaml, the labels
as read from Turtle, and the `begrippen` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from advieswijzer.cli import main
from advieswijzer.kennis.begrippen import ZOEKLIJSTEN, begrippenlijst, lees_labels, zoeker
from click.testing import CliRunner
from rdflib import Graph

GEVALLEN = yaml.safe_load((Path(__file__).parent / "begrippen" / "gevallen.yaml").read_text(encoding="utf-8"))
HERKEND = ("activiteit", "kenmerk", "kwetsbaar-object", "aandachtsgebied")


@pytest.mark.parametrize("geval", GEVALLEN["zoeken"], ids=[g["zoek"] for g in GEVALLEN["zoeken"]])
def test_zoeken(geval, kennis):
    lijsten = [geval["lijst"]] if "lijst" in geval else None
    gevonden = [t.id for t in zoeker(kennis).zoek(geval["zoek"], lijsten, limiet=None)]
    if geval.get("niets"):
        assert gevonden == []
        return
    assert gevonden, f"niets gevonden voor {geval['zoek']!r}"
    if "eerste" in geval:
        assert gevonden[0] == geval["eerste"], gevonden
    for ident in geval.get("ook", []):
        assert ident in gevonden, gevonden
    for ident in geval.get("niet", []):
        assert ident not in gevonden, gevonden


@pytest.mark.parametrize("geval", GEVALLEN["omschrijvingen"], ids=[g["omschrijving"] for g in GEVALLEN["omschrijvingen"]])
def test_omschrijving(geval, kennis):
    gevonden = {t.id for t in zoeker(kennis).herken(geval["omschrijving"], HERKEND)}
    assert gevonden == set(geval["vindt"])


def test_elk_id_in_de_gevallen_bestaat(kennis):
    bekend = {i for lijst in ZOEKLIJSTEN for i in kennis.ids(lijst)}
    for g in GEVALLEN["zoeken"] + GEVALLEN["omschrijvingen"]:
        for ident in [g.get("eerste"), *g.get("ook", []), *g.get("niet", []), *g.get("vindt", [])]:
            assert ident is None or ident in bekend, ident


def test_elk_begrip_heeft_een_ander_woord(kennis):
    """Every concept of the searchable lists has at least one word besides its own name (begrippen.ttl)."""
    zonder = [f"{lijst}:{i}" for lijst in ZOEKLIJSTEN for i, labels in kennis.labels[lijst].items()
              if not any(lab["soort"] != "pref" for lab in labels)]
    assert zonder == []


def test_elke_zoeklijst_is_gevonden_op_zijn_eigen_naam(kennis):
    """The prefLabel itself finds the concept first (a name never loses to a synonym of another)."""
    z = zoeker(kennis)
    for lijst in ZOEKLIJSTEN:
        for ident, naam in kennis.ids(lijst).items():
            assert ident in [t.id for t in z.zoek(naam, limiet=3)], (ident, naam)


LABELS_TTL = """
@prefix aw: <https://advieswijzer.nl/def#> . @prefix id: <https://advieswijzer.nl/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .
@prefix dct: <http://purl.org/dc/terms/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
aw:trefwoord rdfs:subPropertyOf skos:hiddenLabel .
id:x skos:inScheme aw:Activiteiten ; skos:notation "x" ; skos:prefLabel "Iks"@nl, "Ex"@en ;
    skos:altLabel "ander woord"@nl ; aw:trefwoord "trefwoord" ;
    skosxl:altLabel [ skosxl:literalForm "uit de bron"@nl ; dct:source "handreiking-rgs, bijlage 4" ] .
"""


def test_labels_uit_turtle():
    labels = lees_labels(Graph().parse(data=LABELS_TTL, format="turtle"))["activiteit"]["x"]
    gezien = {(lab["tekst"], lab["soort"], lab["bron"]) for lab in labels}
    assert gezien == {("Iks", "pref", None), ("ander woord", "alt", None), ("trefwoord", "hidden", None),
                      ("uit de bron", "alt", "handreiking-rgs, bijlage 4")}  # the English label is left out
    assert all(len(lab["stammen"]) == len(lab["gewichten"]) > 0 for lab in labels)


def test_lidwoorden_wegen_bijna_niets(kennis):
    from advieswijzer.kennis.begrippen import gewicht

    assert gewicht("de") < 0.5 < 2 < gewicht("batterij")


def test_begrippenlijst_zonder_zoekwoord_geeft_alles(kennis):
    alles = begrippenlijst(kennis)
    assert len(alles) == sum(len(kennis.ids(lijst)) for lijst in ZOEKLIJSTEN)
    lpg = next(b for b in alles if b["id"] == "tanken-lpg")
    assert "autogas" in lpg["ook"] and "lpg" not in lpg["ook"]  # hidden labels are found, not shown
    assert lpg["bronnen"]["benzinestation"].startswith("handreiking-rbc")


def test_commando_begrippen():
    runner = CliRunner()
    uit = runner.invoke(main, ["begrippen", "thuisbatterij"])
    assert uit.exit_code == 0 and uit.output.splitlines()[0].split()[:2] == ["activiteit", "energieopslagsysteem"]
    data = json.loads(runner.invoke(main, ["begrippen", "school", "--format", "json"]).output)
    assert [b["id"] for b in data] == ["zeer-kwetsbaar-gebouw"] and data[0]["via"] == "school"
    leeg = runner.invoke(main, ["begrippen", "koffieautomaat"])
    assert leeg.exit_code == 0 and leeg.stdout == "" and "Niets gevonden" in leeg.stderr
    assert runner.invoke(main, ["begrippen", "--lijst", "planeet"]).exit_code == 2
    alleen_soort = json.loads(runner.invoke(main, ["begrippen", "--lijst", "soort", "--format", "json"]).output)
    assert {b["lijst"] for b in alleen_soort} == {"soort"}


def test_omschrijving_geeft_melding_en_niet_als_het_al_in_de_aanvraag_staat(adviseer):
    school = {"soort": "omgevingsvergunning", "activiteiten": ["bouwactiviteit"],
              "omschrijving": "Uitbreiding basisschool met thuisbatterij"}
    meldingen = adviseer(school)["meldingen"]
    assert any("'basisschool'" in m and "kwetsbaar object 'zeer-kwetsbaar-gebouw'" in m for m in meldingen)
    assert any("'thuisbatterij'" in m and "activiteit 'energieopslagsysteem'" in m for m in meldingen)
    opgegeven = adviseer({**school, "activiteiten": ["bouwactiviteit", "energieopslagsysteem"],
                          "locatie": {"kwetsbare_objecten": ["zeer-kwetsbaar-gebouw"]}})["meldingen"]
    assert not any("De omschrijving noemt" in m for m in opgegeven)


def test_lange_invoer_wordt_begrensd(kennis):
    """Work per call is bounded: only the start of a very long search or omschrijving is read."""
    from advieswijzer.kennis.begrippen import MAX_TEKST, MAX_ZOEK

    z = zoeker(kennis)
    assert [t.id for t in z.zoek("lpg " + "x" * 10 * MAX_ZOEK)] == ["tanken-lpg"]
    assert [t.id for t in z.zoek("a" * MAX_ZOEK + " lpg")] == []
    lang = "thuisbatterij " + "woord " * MAX_TEKST
    assert [t.id for t in z.herken(lang)] == ["energieopslagsysteem"]
    assert [t.id for t in z.herken("woord " * MAX_TEKST + "thuisbatterij")] == []
