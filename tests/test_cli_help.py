"""Every command has help text and a README entry; every exit status has a meaning."""

from __future__ import annotations

import advieswijzer.regels.advies as advies_module
import click
import pytest
from advieswijzer.cli import ExitStatus, main
from click.testing import CliRunner

from .conftest import ROOT


def _commando_s(groep: click.Group, voorvoegsel: str = ""):
    for naam, commando in groep.commands.items():
        if commando.hidden:
            continue
        yield f"{voorvoegsel}{naam}", commando
        if isinstance(commando, click.Group):
            yield from _commando_s(commando, f"{voorvoegsel}{naam} ")


COMMANDO_S = list(_commando_s(main))


def test_alle_commandos_zijn_er():
    namen = {n for n, _ in COMMANDO_S}
    assert {"advies", "batch", "valideer", "loket", "kennis controleer", "kennis kruisjeslijst", "kennis toon",
            "kennis importeer", "kennis graaf"} <= namen


@pytest.mark.parametrize(("naam", "commando"), COMMANDO_S, ids=[n for n, _ in COMMANDO_S])
def test_commando_heeft_hulptekst_en_readme(naam, commando):
    assert commando.help and len(commando.help) > 30, naam
    uit = CliRunner().invoke(main, [*naam.split(), "--help"])
    assert uit.exit_code == 0 and "Usage" in uit.output
    assert f"`{naam}" in (ROOT / "README.md").read_text(encoding="utf-8"), f"README noemt `{naam}` niet"


def test_exitcodes_volgen_het_contract():
    assert [int(s) for s in ExitStatus] == [0, 1, 2, 3, 130]


def test_interne_fout_is_exit_3_zonder_traceback(monkeypatch, tmp_path):

    def kapot(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(advies_module, "maak_advies", kapot)
    pad = tmp_path / "a.json"
    pad.write_text('{"id": "x", "soort": "melding", "activiteiten": []}', encoding="utf-8")
    uit = CliRunner().invoke(main, ["advies", str(pad)])
    assert uit.exit_code == 3
    assert "interne fout" in uit.stderr and "Traceback" not in uit.stderr
