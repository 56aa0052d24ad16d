"""The one report model for every check: the P-checks of a planregel set (valideren.py) and the K-checks
of the knowledge base itself (kennis/controle.py). The JSON form is contract §6's."""

from __future__ import annotations

from dataclasses import dataclass, field

ERNSTEN = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Bevinding:
    """One finding: severity, check (P- or K-number), focus as written in the input, message, source, fix."""

    ernst: str
    check: str
    focus: str
    bericht: str
    bron: str
    herstel: str = ""
    soort_focus: str = ""  # regel, werkingsgebied, gebiedstype, activiteit (for grouping the reports)
    artikel: str = ""  # the article of a regel from an OW-aanlevering, e.g. "Artikel 4.2 lid 1"

    def naar_json(self) -> dict:
        uit = {"ernst": self.ernst, "check": self.check, "focus": self.focus,
               "bericht": self.bericht, "bron": self.bron}
        if self.artikel:
            uit["artikel"] = self.artikel
        return uit


@dataclass
class Rapport:
    resultaten: list[Bevinding] = field(default_factory=list)
    graaf: object = None  # the standard sh:ValidationReport (rdflib Graph), for `valideer --format ttl`
    afgeleid: dict[str, list[str]] = field(default_factory=dict)  # werkingsgebied -> vereiste aandachtsgebieden
    _gezien: set[Bevinding] = field(default_factory=set, repr=False, compare=False)

    def voeg_toe(self, bevinding: Bevinding) -> None:
        """Add a finding once (a set: a list lookup made large knowledge profiles quadratic)."""
        if bevinding not in self._gezien:
            self._gezien.add(bevinding)
            self.resultaten.append(bevinding)

    @property
    def aantallen(self) -> dict[str, int]:
        tel = dict.fromkeys(ERNSTEN, 0)
        for r in self.resultaten:
            tel[r.ernst] = tel.get(r.ernst, 0) + 1
        return tel

    @property
    def conform(self) -> bool:
        return self.aantallen["Violation"] == 0

    def checks(self) -> set[str]:
        return {r.check for r in self.resultaten}

    def gesorteerd(self) -> list[Bevinding]:
        return sorted(self.resultaten, key=lambda b: (ERNSTEN.index(b.ernst), b.check, b.focus, b.bericht))

    def naar_json(self) -> dict:
        return {"conform": self.conform, "aantallen": self.aantallen,
                "resultaten": [r.naar_json() for r in self.resultaten]}
