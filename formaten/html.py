"""The validation report as one self-contained HTML page a planner can share (`valideer --format html`).

Grouped per article (OW-aanlevering) or regel, werkingsgebied, gebiedstype and activiteit; the
severity counts at the top; each finding with its fix in words and its source. No scripts, no
external stylesheets or fonts: the page opens the same offline and in a mail attachment.
"""

from __future__ import annotations

from pathlib import Path

from advieswijzer.ontologie.valideren import Rapport, Resultaat, afgeleid_samengevat
from jinja2 import Environment, FileSystemLoader, select_autoescape

SJABLOON = "rapport.html"
VOLGORDE = {"regel": 0, "werkingsgebied": 1, "gebiedstype": 2, "activiteit": 3}
ERNST = {"Violation": "fout", "Warning": "waarschuwing", "Info": "opmerking"}


def _omgeving() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def groepen(resultaten: list[Resultaat]) -> list[dict]:
    """Findings per article (or regel), werkingsgebied, gebiedstype, activiteit; articles in their order."""
    per: dict[tuple, dict] = {}
    for r in resultaten:
        if r.soort_focus == "regel" and r.artikel:
            sleutel, kop = ("regel", _artikelvolgorde(r.artikel), r.artikel), r.artikel
        else:
            sleutel, kop = (r.soort_focus, (), r.focus), f"{r.soort_focus} {r.focus}"
        groep = per.setdefault(sleutel, {"kop": kop, "soort": r.soort_focus, "resultaten": []})
        groep["resultaten"].append(r)
    return [per[k] for k in sorted(per, key=lambda k: (VOLGORDE.get(k[0], 4), k[1], k[2]))]


def _artikelvolgorde(artikel: str) -> tuple:
    delen = artikel.replace("Artikel", "").replace("lid", ".").split(".")
    return tuple(int(d) if d.strip().isdigit() else 0 for d in delen)


def rapport_html(rapport: Rapport, titel: str = "Planregels") -> str:
    return _omgeving().get_template(SJABLOON).render(
        titel=titel, rapport=rapport, aantallen=rapport.aantallen, groepen=groepen(rapport.resultaten),
        ernst=ERNST, afgeleid=afgeleid_samengevat(rapport.afgeleid))
