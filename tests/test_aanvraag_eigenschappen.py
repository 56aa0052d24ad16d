"""Issue 15: the aanvraag reader never fails with anything but an input error naming the field.

Properties (hypothesis) over 10,000 generated values per run, mostly near-valid aanvragen (ids
from the knowledge base mixed with wrong types, unknown ids, lone surrogates, control characters,
huge integers, deep lists, empty strings, unknown keys, floats, booleans, None) and some arbitrary
JSON values, and over 2,000 raw texts and byte strings:

- `lees_aanvraag` returns an `Aanvraag` for which `maak_advies` gives an advies of contract §2,
  or raises `InvoerFout` whose `veld` is a path in the input (a contract field, one of its
  sub-fields or list positions, or the unknown key itself) or '(aanvraag)', with a message any
  output can carry; never another exception;
- `json_uit_tekst` on any text or bytes returns a value (for which the first property holds) or
  raises `JsonFout`.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, timedelta
from functools import cache

from advieswijzer.kennis.aanvraag import (
    ID_PREFIX,
    LOCATIEVELDEN,
    MAX_ID,
    ONSCHRIJFBAAR,
    RISICOVELDEN,
    VELDEN,
    Aanvraag,
    InvoerFout,
    JsonFout,
    json_uit_tekst,
    lees_aanvraag,
    toonbaar,
)
from advieswijzer.kennis.laden import laad_kennis
from advieswijzer.regels.advies import CRITERIA, maak_advies
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

VEEL = settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ROLLEN = {"bevoegd-gezag", "uitvoerder", "adviseur", "instemming", "betrokken"}  # contract §2


# -- values ----------------------------------------------------------------------
# A near-valid aanvraag is a valid one (ids from the knowledge base) with zero, one or two mutations
# (a field set to an odd value, a required field removed, an unknown key added, a bad id put into a
# list, the whole value replaced): few draws per example, so 10,000 examples stay fast.


@cache
def _genest(diepte: int) -> list:
    waarde: list = []
    for _ in range(diepte):
        waarde = [waarde]
    return waarde


# every code point, lone surrogates and control characters included
TEKEN = st.characters(exclude_categories=())
VREEMDE_WAARDEN = [
    None, True, False, 0, -1, 4, 1.0, 2.5, float("nan"), float("inf"), -0.0, "", " ", "\t", "1", "ja", "null",
    "\ud800", "a\udfffb", "\x07", "Z-\x00", "\x1b[31m", "\u2028", "\ufeff", "\u00b2", "=HYPERLINK(\"http://x\")",
    "x" * (MAX_ID + 1), "x" * 20_001, ID_PREFIX, "2026-02-30", "23-11-2026", "2026-11-23T10:00", "20261123",
    [], {}, [None], [[]], [1, 2], {"gebiedstype": []}, {"": 1},
]
DIEP = st.sampled_from([50, 999, 1000, 5000]).map(_genest)  # lists in lists; built once, never changed
# built from their exponents: hypothesis cannot print (repr) an integer of more than 4300 digits in a strategy
GROTE_GETALLEN = st.sampled_from([(10, 4300, 0), (10, 5000, 0), (-10, 5001, 0), (2, 63, 0), (-2, 64, 1),
                                  (10, MAX_ID, 0), (10, MAX_ID, -1)]).map(lambda g: g[0] ** g[1] + g[2])
JSONACHTIG = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(TEKEN, max_size=10),
    lambda kinderen: st.lists(kinderen, max_size=3) | st.dictionaries(st.text(TEKEN, max_size=6), kinderen,
                                                                      max_size=3),
    max_leaves=6,
)
ONBEKENDE_SLEUTELS = ["extra", "Id", "activiteit", "locatie.gebiedstype", "\ud800", "", "x" * 80]
# where a mutation goes: a field ("[]": a new element of that list), "-": removed, "+": an unknown key
PADEN = [
    "id", "id", "soort", "soort", "activiteiten", "activiteiten[]", "activiteiten[]", "omschrijving",
    "bevoegd_gezag", "gevolgklasse", "gevolgklasse", "locatie", "locatie.gebiedstype", "locatie.aandachtsgebieden",
    "locatie.aandachtsgebieden[]", "locatie.kwetsbare_objecten[]", "kenmerken", "kenmerken[]", "risico",
    "risico.nieuw_of_onbekend", "risico.kennis_nodig_van[]", "risico.meerwaarde_gezien_door",
    "risico.startpunt_bredere_ontwikkeling", "datum", "datum", "-id", "-soort", "-activiteiten", "+", "locatie.+",
    "risico.+", "(geheel)", "[aanvraag]",
]


def _muteer(data: dict, pad: str, waarde, sleutel: str):
    if pad == "(geheel)":
        return waarde
    if pad == "[aanvraag]":  # an array holding the aanvraag: a JSON Lines mistake
        return [data]
    if pad.startswith("-"):
        data.pop(pad[1:], None)
        return data
    doel, _, naam = pad.rpartition(".")
    if doel:  # a copy: the valid locatie and risico objects are shared between examples
        data[doel] = dict(data[doel]) if isinstance(data.get(doel), dict) else {}
        doel = data[doel]
    else:
        doel = data
    if naam == "+":
        doel[sleutel] = waarde
    elif naam.endswith("[]"):
        lijst = doel.get(naam[:-2])
        lijst = doel[naam[:-2]] = [*lijst] if isinstance(lijst, list) else []
        lijst.insert(len(lijst) // 2, waarde)
    else:
        doel[naam] = waarde
    return data


def _toegepast(paar):
    data, mutaties = paar
    for pad, waarde, sleutel in mutaties:
        if not isinstance(data, dict):
            break
        data = _muteer(data, pad, waarde, sleutel)
    return data


def _deelverzamelingen(ids, grootte: int) -> list[list[str]]:
    return [list(c) for n in range(grootte + 1) for c in itertools.combinations(ids, n)]


def _objecten(velden: dict[str, list]) -> list[dict]:
    """Every combination of the given values per field; `AFWEZIG` leaves the field out."""
    return [{k: v for k, v in zip(velden, waarden, strict=True) if v is not AFWEZIG}
            for waarden in itertools.product(*velden.values())]


AFWEZIG = object()


@cache
def _strategie(lijsten: tuple, datums: tuple):
    ids = dict(lijsten)

    def varianten(lijst):  # the bare id; the full URI and surrounding spaces are valid too
        bekend = list(ids[lijst])
        return [*bekend, *bekend, ID_PREFIX + bekend[0], f" {bekend[-1]}  "]

    # Every field is one draw from all its valid values (lists: every combination of up to two ids, and
    # a few longer ones); AFWEZIG leaves the field out. Index 0 is the simplest value, where shrinking goes.
    locaties = _objecten({"gebiedstype": [AFWEZIG, None, *varianten("gebiedstype")],
                          "aandachtsgebieden": [AFWEZIG, *_deelverzamelingen(ids["aandachtsgebied"], 2)],
                          "kwetsbare_objecten": [AFWEZIG, *_deelverzamelingen(ids["kwetsbaar-object"], 2)]})
    partners = [AFWEZIG, *_deelverzamelingen(ids["partner"], 1), list(ids["partner"][:2]), [ID_PREFIX + "ggd"]]
    risicos = _objecten({"nieuw_of_onbekend": [AFWEZIG, None, True, False],
                         "kennis_nodig_van": partners, "meerwaarde_gezien_door": partners,
                         "startpunt_bredere_ontwikkeling": [AFWEZIG, True, False]})
    activiteiten = [*_deelverzamelingen(varianten("activiteit"), 2), list(ids["activiteit"][::3]),
                    [ids["activiteit"][0]] * 3]
    velden = {
        "id": ["Z-2026-0042", "1", " A-1 ", "zaak 7", "\u00e9\u20ac", "=SUM(A1)", "x" * MAX_ID],
        "soort": varianten("soort"),
        "activiteiten": activiteiten,
        "omschrijving": [AFWEZIG, None, "", "Tankstation met waterstof", "festival met vuurwerk en podium",
                         "Verbouw \u00e9\u00e9n woning\r\nmet\tzonnepanelen"],
        "bevoegd_gezag": [AFWEZIG, None, *varianten("bevoegd-gezag")],
        "gevolgklasse": [AFWEZIG, None, 1, 2, 3],
        "locatie": [AFWEZIG, None, *locaties],
        "kenmerken": [AFWEZIG, None, *_deelverzamelingen(ids["kenmerk"], 2)],
        "risico": [AFWEZIG, None, *risicos],
        "datum": [AFWEZIG, None, *datums],
    }
    geldig = st.tuples(*(st.sampled_from(w) for w in velden.values())).map(
        lambda waarden: {k: v for k, v in zip(velden, waarden, strict=True) if v is not AFWEZIG})
    alle = sorted({i for lijst in ids.values() for i in lijst})
    onbekende_ids = [*alle, *(i.upper() for i in alle), *(i[:-1] for i in alle), *(i + "\x07" for i in alle),
                     *(i + "\ud800" for i in alle), *(ID_PREFIX + i + "x" for i in alle)]
    slecht = st.one_of(st.sampled_from(VREEMDE_WAARDEN), st.sampled_from(onbekende_ids), st.integers(), GROTE_GETALLEN,
                       st.floats(), st.text(TEKEN, max_size=12), DIEP, JSONACHTIG)
    mutatie = st.tuples(st.sampled_from(PADEN), slecht, st.sampled_from(ONBEKENDE_SLEUTELS))
    return st.tuples(geldig, st.lists(mutatie, max_size=2)).map(_toegepast)


def strategie(kennis):
    lijsten = ("soort", "activiteit", "bevoegd-gezag", "gebiedstype", "aandachtsgebied", "kwetsbaar-object",
               "kenmerk", "partner")
    # dates around every validity boundary of the knowledge, and a spread of others
    grenzen = {date.fromisoformat(d) for a in kennis.afspraken for d in (a.geldig_vanaf, a.geldig_tot) if d}
    datums = sorted({*(g + timedelta(days=d) for g in grenzen for d in (-1, 0, 1)),
                     *(date(2000, 1, 1) + timedelta(days=97 * i) for i in range(150)), date.today(),
                     date.min, date.max})
    # ISO 8601 forms Python also reads: basic and week date
    return _strategie(tuple((lijst, tuple(kennis.ids(lijst))) for lijst in lijsten),
                      (*(d.isoformat() for d in datums), "20261123", "2026-W48-1"))


# -- the properties -----------------------------------------------------------------

VERPLICHT = ("id", "soort", "activiteiten")  # contract §1


def _met_index(veld: str) -> tuple[str, int | None]:
    m = re.fullmatch(r"(.*)\[(\d+)\]", veld)
    return (m[1], int(m[2])) if m else (veld, None)


def _op_plek(waarde, index: int | None) -> bool:
    return index is None or (isinstance(waarde, list) and index < len(waarde))


def _eerste_onbekende(obj: dict, toegestaan: set[str]) -> str | None:
    """The unknown key the reader reports first, as a message can show it."""
    onbekend = sorted(k for k in obj if k not in toegestaan)
    return toonbaar(onbekend[0][:60]) if onbekend else None


def _is_pad_in(data, veld: str) -> bool:
    """Whether `veld` (as InvoerFout names it) is a path in the aanvraag `data`: '(aanvraag)' for a non-object;
    a contract field that is there (or required and missing), one of its sub-fields or list positions that
    is there, or the unknown key (of the aanvraag, of `locatie` or of `risico`) that is reported first."""
    if veld == "(aanvraag)":
        return not isinstance(data, dict)
    if not isinstance(data, dict):
        return False
    if (vreemd := _eerste_onbekende(data, VELDEN)) is not None:
        return veld == vreemd
    hoofd, punt, rest = veld.partition(".")
    if punt:
        toegestaan = {"locatie": LOCATIEVELDEN, "risico": RISICOVELDEN}.get(hoofd)
        obj = data.get(hoofd)
        if toegestaan is None or not isinstance(obj, dict):
            return False
        if (vreemd := _eerste_onbekende(obj, toegestaan)) is not None:
            return rest == vreemd
        naam, index = _met_index(rest)
        return naam in obj and _op_plek(obj[naam], index)
    naam, index = _met_index(veld)
    if naam not in VELDEN:
        return False
    if naam not in data:
        return naam in VERPLICHT and index is None
    return _op_plek(data[naam], index)


def _controleer_advies(advies, aanvraag: Aanvraag) -> None:
    assert isinstance(advies, dict)
    assert {"id", "partners", "risicogericht", "meldingen", "kennis"} <= set(advies)
    assert advies["id"] == aanvraag.id
    ids = [p["partner"] for p in advies["partners"]]
    assert ids == sorted(set(ids))
    for p in advies["partners"]:
        assert p["rollen"] and set(p["rollen"]) <= ROLLEN
    rg = advies["risicogericht"]
    assert set(rg["criteria"]) <= set(CRITERIA) and rg["van_toepassing"] == bool(rg["criteria"])
    json.dumps(advies, ensure_ascii=False).encode("utf-8")  # writable as it is


# built on first use, from the knowledge base's own ids (not st.data(): it pretty-prints every draw)
AANVRAGEN = st.deferred(lambda: strategie(laad_kennis()))


def _advies_of_invoerfout(waarde, kennis) -> None:
    """The property itself: an advies, or an InvoerFout naming a path in `waarde` in a writable message."""
    try:
        aanvraag = lees_aanvraag(waarde, kennis)
    except InvoerFout as fout:
        assert _is_pad_in(waarde, fout.veld), fout.veld
        assert fout.bericht and not ONSCHRIJFBAAR.search(str(fout)), repr(str(fout))
        event("invoerfout")
        return
    event("advies")
    assert isinstance(aanvraag, Aanvraag)
    _controleer_advies(maak_advies(aanvraag, kennis), aanvraag)


@VEEL
@given(waarde=AANVRAGEN)
def test_lees_aanvraag_geeft_advies_of_invoerfout_die_het_veld_noemt(kennis, waarde):
    _advies_of_invoerfout(waarde, kennis)


def _als_json(waarde) -> str:
    try:
        return json.dumps(waarde, ensure_ascii=False)
    except (ValueError, RecursionError):  # an integer beyond Python's int-to-text limit, nesting too deep
        return "[]"


RUWE_TEKST = st.one_of(
    st.text(TEKEN, max_size=60),
    st.binary(max_size=60),
    JSONACHTIG.map(_als_json),
    st.tuples(JSONACHTIG.map(_als_json), st.integers(0, 60)).map(lambda t: t[0][: t[1]]),  # cut off
    st.sampled_from(VREEMDE_WAARDEN).map(_als_json),
    st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 200_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.integers(4000, 20_000).map(lambda n: '{"gevolgklasse": ' + "9" * n + "}"),
    st.sampled_from(["NaN", "-Infinity", "1e999999", '"\\ud800"', "\ufeff{}", b"\xef\xbb\xbf{}", b"\xff\xfe{\x00}\x00",
                     b"\x00\x00\x00{", "{}{}", "", " "]),
)


@settings(max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tekst=RUWE_TEKST)
def test_json_uit_tekst_geeft_een_waarde_of_jsonfout(kennis, tekst):
    """What `advies` does with a file: the text parsed, then read as an aanvraag."""
    try:
        waarde = json_uit_tekst(tekst)
    except JsonFout as fout:
        assert str(fout)
        event("jsonfout")
        return
    _advies_of_invoerfout(waarde, kennis)
