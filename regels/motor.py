"""The forward-chaining engine: durable-rules rule sets built from the knowledge base.

A rule set is compiled once per knowledge version (national or regional) and per thread, and
reused for every aanvraag; each aanvraag runs in its own durable-rules session (state), which
is deleted afterwards. Conclusions are asserted back as facts, so rules can build on them.

The engine is driven synchronously: the facts of one aanvraag go in with one `assert_facts`,
then `do_actions` runs every action until none is left. No durable-rules `Host` is made, so no
background timer threads dispatch on the same rule set (they raced with the caller: error 307,
lost conclusions). A rule set is never shared between threads. Any error inside the engine or an
action raises `MotorFout`; the rule set that saw it is thrown away, so nothing leaks into the
next aanvraag.

Phases: durable-rules checks a `none(...)` condition when the other conditions of the rule are met,
and does not take back an action already scheduled when the absent fact arrives later. So a rule
that needs something to be absent has a phase (Regel.fase > 0) and the fact `fase` = that phase as
one of its conditions; once the actions of a phase are done, the engine asserts the next phase and
runs the actions again. Everything a rule of phase n could see absent is concluded before phase n.

A conclusion `afgeleid(...)` is a fact other rules build on: it goes in as that fact (once, and not
when the aanvraag says it already); where it came from is gathered in regels/herkomst.py.
"""

from __future__ import annotations

import bisect
import itertools
import json
import threading
from collections import OrderedDict

from advieswijzer.kennis.aanvraag import Aanvraag
from advieswijzer.kennis.model import Kennisbank
from advieswijzer.ontologie.fouten import InterneFout
from durable.engine import MessageNotHandledException, MessageObservedException, Ruleset
from durable.lang import c, m, none, when_all

from .afleiding import AFLEIDINGEN
from .feiten import invoerfeiten
from .herkomst import met_herkomst, zonder_boekhouding
from .kruisjes import kruisjesregels
from .meldingen import MELDINGEN
from .regel import Regel
from .risicogericht import risicoregels
from .wettelijk import wettelijke_regels

_volgnummer = itertools.count()
_per_thread = threading.local()


class MotorFout(InterneFout, RuntimeError):
    """The rule engine failed on one aanvraag: its conclusions are incomplete and must not be used."""


def alle_regels(kennis: Kennisbank) -> list[Regel]:
    return [*AFLEIDINGEN, *kruisjesregels(kennis), *wettelijke_regels(kennis), *risicoregels(kennis), *MELDINGEN]


def varianten(r: Regel, kennis: Kennisbank) -> list[tuple[list, object]]:
    """The alternatives of a rule (one durable-rules rule each); one that needs something absent waits for
    the phase of its rule (a condition before the none(...) ones, which are checked when it arrives)."""
    gebouwd = r.bouw(kennis)
    uit = []
    for condities, actie in [gebouwd] if isinstance(gebouwd, tuple) else gebouwd:
        positief = [(n, e) for n, e in condities if not isinstance(e, none)]
        afwezig = [(n, e) for n, e in condities if isinstance(e, none)]
        if afwezig and not r.fase:
            raise ValueError(f"regel {r.naam}: een voorwaarde 'geen(...)' vraagt een fase (regels/regel.py)")
        if afwezig:  # a variant without one fires as soon as its facts are there: what it concludes only adds
            positief.append((None, (m.t == "fase") & (m.v == r.fase)))
        uit.append(([*positief, *afwezig], actie))
    return uit


class _Sessie:
    """What one aanvraag's run collects: conclusions, errors, and whether the engine said it was done."""

    def __init__(self, invoer: list[dict]) -> None:
        self.invoer = invoer
        self.bekend = {(f["t"], f["v"]) for f in invoer}  # facts in the engine: given, or derived before
        self.gemeen = {k: invoer[0][k] for k in ("gk", "datum")}
        self.conclusies: list[dict] = []
        self.afleidingen: list[dict] = []
        self.fouten: list[str] = []
        self.onderbroken: BaseException | None = None  # Ctrl-C or exit during the run: re-raised, never swallowed
        self.klaar = False

    def afgerond(self, fout, toestand) -> None:
        self.klaar = True
        if isinstance(fout, (KeyboardInterrupt, SystemExit)):
            self.onderbroken = fout
        elif fout:
            self.fouten.append(f"regelmotor: {fout}")
        elif isinstance(toestand, dict) and toestand.get("exception"):
            self.fouten.append(f"regelmotor: {str(toestand['exception'])[:300]}")


class Motor:
    """Runs the rules for one knowledge version, in the thread that made it."""

    def __init__(self, kennis: Kennisbank):
        self.kennis = kennis
        self.regels = alle_regels(kennis)
        self.naam = f"advies-{kennis.versie.split(':')[-1]}-{kennis.regio or 'landelijk'}-{next(_volgnummer)}"
        self._sessie: _Sessie | None = None
        self._onthouden: OrderedDict | None = None
        self._maximum = 0
        # The datum reaches the rules only through validity dates (of afspraken in kruisjes.py, of derived
        # facts in afleiding.py and wettelijk.py), so two dates between the same boundaries give the same
        # conclusions.
        afgeleid = [*kennis.bevoegd_gezag.values(), *kennis.geen_instemming.values(), *kennis.nieuw_risico.values(),
                    *kennis.procedure_van.values(), *kennis.standaard.values()]
        self._datumgrenzen = sorted({d for x in [*kennis.afspraken, *afgeleid] for d in (x.geldig_vanaf, x.geldig_tot)
                                     if d})
        self._rang = {r.naam: i for i, r in reversed(list(enumerate(self.regels)))}
        self._fasen = sorted({r.fase for r in self.regels if r.fase})
        self._varianten = [(r, v) for r in self.regels for v in varianten(r, kennis)]
        self._ruleset = self._compileer()

    def _compileer(self) -> Ruleset:
        # Rules made outside a `ruleset` block are not registered with durable.lang's global host.
        # Conclusions no rule builds on: durable-rules refuses them (not handled) by their content alone, so
        # once seen they are not offered to this rule set again.
        self._zonder_gevolg: set[tuple] = set()
        definitie = {}
        for nummer, (r, (condities, actie)) in enumerate(self._varianten):
            namen = [n for n, _ in condities if n]
            args = [c.__getattr__(n) << expr if n else expr for n, expr in condities]
            definitie[f"r{nummer}"] = when_all(*args)(self._actie(r, namen, actie)).define()
        return Ruleset(f"{self.naam}-{next(_volgnummer)}", None, definitie)

    def _actie(self, r: Regel, namen: list[str], actie):
        def voer_uit(ctx):
            sessie = self._sessie
            try:
                gevonden = {n: zonder_boekhouding(getattr(ctx, n).items()) for n in namen}
                op = list(gevonden.values())
                for conclusie in actie(gevonden):
                    if conclusie["soort"] == "feit":
                        sessie.afleidingen.append({**conclusie, "regel": r.naam, "op": op})
                        sleutel = (conclusie["t"], conclusie["v"])
                        if sleutel in sessie.bekend:
                            continue  # the aanvraag says so, or another rule derived it already
                        sessie.bekend.add(sleutel)
                        feit = {"t": conclusie["t"], "v": conclusie["v"], "herkomst": r.naam, **sessie.gemeen}
                    else:
                        sessie.conclusies.append({**conclusie, "regel": r.naam, "uitleg": r.uitleg, "bron": r.bron,
                                                  "op": op})
                        sleutel = (r.naam, repr(conclusie))
                        if sleutel in self._zonder_gevolg:
                            continue
                        feit = {"t": "conclusie", **conclusie, "regel": r.naam,
                                "op_id": "|".join(f"{f.get('t')}={f.get('v', f.get('regel'))}" for f in op)}
                    try:
                        ctx.assert_fact(feit)
                    except MessageObservedException:
                        pass  # already known: nothing further follows
                    except MessageNotHandledException:
                        if conclusie["soort"] != "feit":
                            self._zonder_gevolg.add(sleutel)  # no rule builds on it
            except Exception as fout:  # noqa: BLE001 - durable-rules would swallow it into the state: record it
                sessie.fouten.append(f"regel {r.naam}: {type(fout).__name__}: {fout}")
            except BaseException as fout:  # Ctrl-C: durable-rules would swallow it too
                sessie.onderbroken = fout

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
        """(facts, conclusions) for one aanvraag; raises MotorFout when the engine failed."""
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
        invoer = invoerfeiten(aanvraag)
        sid = str(next(_volgnummer))
        sessie = self._sessie = _Sessie(invoer)
        try:
            try:
                toestand = self._ruleset.assert_facts([{**f, "sid": sid} for f in invoer])
            except MessageNotHandledException:
                # some facts no rule looks at; the others are in, and the session exists once its state does
                toestand = self._ruleset.update_state({"sid": sid})
            self._ruleset.do_actions(toestand, sessie.afgerond)
            for fase in self._fasen:
                if sessie.fouten or sessie.onderbroken is not None:
                    break
                try:
                    toestand = self._ruleset.assert_fact({"t": "fase", "v": fase, "sid": sid})
                except MessageNotHandledException:
                    continue  # no rule of this phase has its other conditions met
                self._ruleset.do_actions(toestand, sessie.afgerond)
        except Exception as fout:  # noqa: BLE001 - any engine failure fails this aanvraag, loudly
            sessie.fouten.append(f"regelmotor: {type(fout).__name__}: {fout}")
        finally:
            self._sessie = None
            try:
                self._ruleset.delete_state(sid)
            except Exception as fout:  # noqa: BLE001
                sessie.fouten.append(f"regelmotor: state niet opgeruimd: {fout}")
        if sessie.onderbroken is not None:
            self._ruleset = self._compileer()
            raise sessie.onderbroken
        if not sessie.klaar and not sessie.fouten:
            sessie.fouten.append("regelmotor: de acties zijn niet afgerond")
        if sessie.fouten:
            self._ruleset = self._compileer()  # a fresh rule set: no state of this aanvraag survives
            raise MotorFout("; ".join(sessie.fouten))
        # The engine's agenda order is an implementation detail: put the conclusions in the order the rules
        # are defined (the order of the sources), then by the facts they fired on, so the advice is stable.
        als_json: dict[int, str] = {}  # the facts a conclusion fired on recur in many: encode each once

        def volgorde(c):
            for f in c["op"]:
                if id(f) not in als_json:
                    als_json[id(f)] = json.dumps(f, sort_keys=True)
            return self._rang[c["regel"]], "[" + ", ".join(als_json[id(f)] for f in c["op"]) + "]"

        afleidingen = sorted(sessie.afleidingen, key=lambda a: (self._rang[a["regel"]], a["t"], a["v"], a["uit"]))
        feiten, conclusies = met_herkomst(invoer, afleidingen, sessie.conclusies)
        return feiten, sorted(conclusies, key=volgorde)


def motor_voor(kennis: Kennisbank) -> Motor:
    """This thread's engine for this knowledge version (compiled on first use in the thread)."""
    motoren = getattr(_per_thread, "motoren", None)
    if motoren is None:
        motoren = _per_thread.motoren = {}
    sleutel = (kennis.versie, kennis.regio)  # the version is a hash of the knowledge: equal version, equal rules
    motor = motoren.get(sleutel)
    if motor is None:
        motor = motoren[sleutel] = Motor(kennis)
    return motor
