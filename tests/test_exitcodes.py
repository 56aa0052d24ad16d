"""Every exit path of the command line (contract §5), with the error classes that carry their status
(ontologie/fouten.py): 0 done, 1 input did not pass, 2 unusable input, 3 internal error, 130 Ctrl-C."""

from __future__ import annotations

import advieswijzer.regels.advies as advies_module
import pytest
from advieswijzer.cli import main
from advieswijzer.formaten.tabel import BestandFout
from advieswijzer.kennis.aanvraag import InvoerFout, JsonFout
from advieswijzer.kennis.laden import KennisFout
from advieswijzer.ontologie.fouten import ExitStatus, InterneFout, OnbruikbareInvoer, SchrijfFout
from advieswijzer.ontologie.planregels import PlanFout
from advieswijzer.regels.motor import MotorFout
from click.testing import CliRunner

from .conftest import VOORBEELDEN

AANVRAAG = VOORBEELDEN / "aanvragen" / "waterstoftankstation.json"


def draai(*args, invoer=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=invoer)


@pytest.mark.parametrize(("klasse", "status"), [
    (InvoerFout, 2), (JsonFout, 2), (KennisFout, 2), (BestandFout, 2), (PlanFout, 2), (SchrijfFout, 2),
    (MotorFout, 3)])
def test_elke_foutklasse_kent_haar_exitcode(klasse, status):
    assert klasse.exit_status == status
    assert issubclass(klasse, OnbruikbareInvoer if status == 2 else InterneFout)


def test_0_klaar():
    assert draai("advies", AANVRAAG).exit_code == ExitStatus.OK


def test_1_invoer_niet_geslaagd(tmp_path):
    assert draai("valideer", VOORBEELDEN / "planregels" / "p3-aandachtsgebied-zonder-regel.ttl").exit_code == 1
    invoer = tmp_path / "in.csv"
    invoer.write_text("id,soort,activiteiten\nA,melding,onbekend-ding\n", encoding="utf-8")
    assert draai("batch", invoer, "-o", tmp_path / "uit.jsonl").exit_code == ExitStatus.NIET_GESLAAGD


@pytest.mark.parametrize("args", [
    ["kennis", "kruisjeslijst", "-o", "/nonexistent-map/lijst.csv"],
    ["kennis", "kruisjeslijst", "-o", "/nonexistent-map/lijst.xlsx"],
    ["kennis", "graaf", "-o", "/nonexistent-map/routes.dot"],
])
def test_2_onschrijfbaar_pad_noemt_het_pad(args):
    uit = draai(*args)
    assert uit.exit_code == ExitStatus.INVOERFOUT, uit.output
    assert "/nonexistent-map/" in uit.stderr and "kan niet schrijven" in uit.stderr
    assert "Traceback" not in uit.output


@pytest.mark.parametrize(("tekst", "veld"), [
    ("[" * 10_000, "te diep genest"),
    ('{"id": "a", "soort": "melding", "activiteiten": [], "omschrijving": ["x"]}', "veld 'omschrijving'"),
    ('{"id": "a", "soort": "melding", "activiteiten": [], "omschrijving": {"x": 1}}', "veld 'omschrijving'"),
])
def test_2_onbruikbare_aanvraag(tekst, veld):
    uit = draai("advies", "-", invoer=tekst)
    assert uit.exit_code == ExitStatus.INVOERFOUT and veld in uit.stderr


def test_3_interne_fout(monkeypatch):
    monkeypatch.setattr(advies_module, "maak_advies", lambda *a, **k: 1 / 0)
    uit = draai("advies", AANVRAAG)
    assert uit.exit_code == ExitStatus.INTERNE_FOUT and "interne fout" in uit.stderr and "Traceback" not in uit.output


def test_3_motorfout(monkeypatch):
    def faalt(*a, **k):
        raise MotorFout("regelmotor: error code 307")

    monkeypatch.setattr(advies_module, "maak_advies", faalt)
    uit = draai("advies", AANVRAAG)
    assert uit.exit_code == ExitStatus.INTERNE_FOUT and "307" in uit.stderr


def test_130_onderbroken(monkeypatch):
    def ctrl_c(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(advies_module, "maak_advies", ctrl_c)
    uit = draai("advies", AANVRAAG)
    assert uit.exit_code == ExitStatus.ONDERBROKEN and "onderbroken" in uit.stderr


def test_2_planbestand_boven_de_grens_noemt_de_grens_uit_de_readme(tmp_path):
    from advieswijzer.ontologie.planregels import MAX_BYTES

    from .conftest import ROOT

    groot = tmp_path / "plan.ttl"
    with open(groot, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: the size is refused before anything is read
    uit = draai("valideer", groot)
    grens = f"{MAX_BYTES / 1e6:.0f} MB"
    assert uit.exit_code == ExitStatus.INVOERFOUT and f"de grens is {grens}" in uit.stderr
    assert f"groter dan {grens}" in (ROOT / "README.md").read_text(encoding="utf-8")
