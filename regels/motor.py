"""The forward-chaining engine: durable-rules rule sets built from the knowledge base.

A rule set is compiled once per knowledge version (national or regional) and reused for
every aanvraag; each aanvraag runs in its own durable-rules session, which is deleted
afterwards. Conclusions are asserted back as facts, so rules can build on them.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import OrderedDict

from durable.engine import MessageNotHandledException, MessageObservedException
from durable.lang import c, get_host, ruleset, when_all

from kennis.aanvraag import Aanvraag
from kennis.model import Kennisbank

from .feiten import maak_feiten
from .kruisjes import kruisjesregels
from .regel import Regel
from .risicogericht import RISICO_REGELS
from .wettelijk import WETTELIJKE_REGELS

_rulesets: dict[str, Motor] = {}
_slot = threading.Lock()
_volgnummer = itertools.count()


def alle_regels(kennis: Kennisbank) -> list[Regel]:
    return [*kruisjesregels(kennis), *WETTELIJKE_REGELS, *RISICO_REGELS]


def _beschrijf(feit: dict) -> dict:
    return {k: v for k, v in feit.items() if k not in ("sid", "gk", "datum")}


class Motor:
    """Runs the rules for one knowledge version."""

    def __init__(self, kennis: Kennisbank):
        self.kennis = kennis
        self.regels = alle_regels(kennis)
        self.naam = f"advies-{kennis.versie.split(':')[-1]}-{kennis.regio or 'landelijk'}-{next(_volgnummer)}"
        self._conclusies: list[dict] = []
        self._onthouden: OrderedDict | None = None
        self._maximum = 0
        # The datum reaches the rules only through validity dates (of afspraken in kruisjes.py, of derived
        # facts in feiten.py), so two dates between the same boundaries give the same conclusions.
        afgeleid = [*kennis.bevoegd_gezag.values(), *kennis.geen_instemming.values(), *kennis.nieuw_risico.values(),
                    *kennis.procedure_van.values()]
        self._datumgrenzen = sorted({d for x in [*kennis.afspraken, *afgeleid] for d in (x.geldig_vanaf, x.geldig_tot)
                                     if d})
        with ruleset(self.naam):
            for nummer, r in enumerate(self.regels):
                condities, actie = r.bouw(kennis)
                namen = [n for n, _ in condities if n]
                args = [c.__getattr__(n) << expr if n else expr for n, expr in condities]
                when_all(*args)(self._actie(r, namen, actie, nummer))

    def _actie(self, r: Regel, namen: list[str], actie, nummer: int):
        def voer_uit(ctx):
            gevonden = {n: dict(getattr(ctx, n)._d) for n in namen}
            for conclusie in actie(gevonden):
                op = [_beschrijf(gevonden[n]) for n in namen]
                vastgelegd = {**conclusie, "regel": r.naam, "uitleg": r.uitleg, "bron": r.bron, "op": op}
                self._conclusies.append(vastgelegd)
                feit = {"t": "conclusie", **conclusie, "regel": r.naam,
                        "op_id": "|".join(f"{f.get('t')}={f.get('v', f.get('regel'))}" for f in op)}
                try:
                    ctx.assert_fact(feit)
                except (MessageObservedException, MessageNotHandledException):
                    pass  # already known, or no rule builds on it: nothing further follows

        voer_uit.__name__ = f"r{nummer}"
        return voer_uit

    def onthoud(self, maximum: int) -> None:
        """Reuse the result for identical requests (equal `Aanvraag.sleutel()`), keeping at most `maximum`
        results (least recently used go first); 0 turns it off. Used by batch.

        Exact: the facts, and so the conclusions, depend only on the key (not on id or omschrijving;
        the datum only through which validity interval of the afspraken it falls in) and on this
        motor's knowledge version. Callers with the same key share the returned lists and
        must not change them.
        """
        self._onthouden = OrderedDict() if maximum > 0 else None
        self._maximum = maximum

    def beoordeel(self, aanvraag: Aanvraag) -> tuple[list[dict], list[dict]]:
        """(facts, conclusions) for one aanvraag."""
        onthouden = self._onthouden
        if onthouden is None:
            return self._beoordeel(aanvraag)
        sleutel = (*aanvraag.sleutel()[:-1], bisect.bisect_right(self._datumgrenzen, aanvraag.datum.isoformat()))
        bekend = onthouden.get(sleutel)
        if bekend is not None:
            onthouden.move_to_end(sleutel)
            return bekend
        bekend = onthouden[sleutel] = self._beoordeel(aanvraag)
        if len(onthouden) > self._maximum:
            onthouden.popitem(last=False)
        return bekend

    def _beoordeel(self, aanvraag: Aanvraag) -> tuple[list[dict], list[dict]]:
        feiten = maak_feiten(aanvraag, self.kennis)
        with _slot:
            sid = str(next(_volgnummer))
            self._conclusies = []
            host = get_host()
            for f in feiten:
                try:
                    host.assert_fact(self.naam, {**f, "sid": sid})
                except MessageNotHandledException:
                    pass  # no rule looks at this fact: nothing follows from it
            conclusies = self._conclusies
            self._conclusies = []
            host.delete_state(self.naam, sid)
        return feiten, conclusies


def motor_voor(kennis: Kennisbank) -> Motor:
    sleutel = f"{kennis.versie}|{kennis.regio}"
    with _slot:
        if sleutel not in _rulesets:
            _rulesets[sleutel] = Motor(kennis)
        return _rulesets[sleutel]
