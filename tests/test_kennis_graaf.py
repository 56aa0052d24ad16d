"""`kennis graaf`: routes and taxonomy as a graph, written as DOT/GraphML/GEXF."""

from __future__ import annotations

import shutil

import networkx as nx
import pydot
import pytest
from advieswijzer.cli import main
from advieswijzer.formaten.graaf import bouw_graaf
from advieswijzer.kennis.laden import laad_graaf
from click.testing import CliRunner


@pytest.fixture(scope="module")
def graaf():
    return bouw_graaf(laad_graaf())


def test_route_en_taxonomie(graaf):
    assert graaf.edges["tanken-lpg", "milieubelastende-activiteit"]["soort"] == "is-een"
    rand = graaf.edges["milieubelastende-activiteit", "veiligheidsregio"]
    assert rand["label"] == "x" and "vr-mba" in rand["regels"]
    # lpg reaches the veiligheidsregio only through its broader activity
    assert not graaf.has_edge("tanken-lpg", "veiligheidsregio")
    assert nx.has_path(graaf, "tanken-lpg", "veiligheidsregio")


def test_wettelijke_routes_hebben_hun_teken(graaf):
    assert set(graaf.edges["milieubelastende-activiteit", "gemeente"]["label"]) == {"A", "I"}
    assert graaf.edges["omgevingsvergunning", "omgevingsdienst"]["label"] == "U"


def test_regionale_intrekking_haalt_de_route_weg(tmp_path, monkeypatch):
    regio = tmp_path / "regio"
    regio.mkdir()
    (regio / "zonder.ttl").write_text(
        "@prefix aw: <https://advieswijzer.nl/def#> . @prefix id: <https://advieswijzer.nl/id/> .\n"
        "[] a aw:Intrekking ; aw:partner id:omgevingsdienst ; aw:aanleiding id:windturbine .\n", encoding="utf-8")
    monkeypatch.setenv("ADVIESWIJZER_REGIO_MAP", str(regio))
    assert bouw_graaf(laad_graaf()).has_edge("windturbine", "omgevingsdienst")
    assert not bouw_graaf(laad_graaf(regio="zonder")).has_edge("windturbine", "omgevingsdienst")


@pytest.mark.parametrize("extensie", ["dot", "graphml", "gexf"])
def test_cli_schrijft_een_leesbaar_bestand(tmp_path, extensie):
    pad = tmp_path / f"routes.{extensie}"
    uit = CliRunner().invoke(main, ["kennis", "graaf", "-o", str(pad)])
    assert uit.exit_code == 0, uit.output
    if extensie == "dot":
        [dot] = pydot.graph_from_dot_file(str(pad))
        assert dot.get_node("veiligheidsregio")
    else:
        gelezen = nx.read_graphml(pad) if extensie == "graphml" else nx.read_gexf(pad)
        assert gelezen.has_edge("milieubelastende-activiteit", "veiligheidsregio")


def test_cli_onbekende_extensie_is_exit_2(tmp_path):
    uit = CliRunner().invoke(main, ["kennis", "graaf", "-o", str(tmp_path / "x.png")])
    assert uit.exit_code == 2 and "onbekende extensie" in uit.stderr and not (tmp_path / "x.png").exists()


@pytest.mark.skipif(shutil.which("dot") is not None, reason="Graphviz is installed: SVG works")
def test_cli_svg_zonder_graphviz_zegt_wat_te_doen(tmp_path):
    uit = CliRunner().invoke(main, ["kennis", "graaf", "-o", str(tmp_path / "x.svg")])
    assert uit.exit_code == 2 and "Graphviz" in uit.stderr
