"""Read and validate an aanvraag (contract §1): every error names the field."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from advieswijzer.ontologie.fouten import OnbruikbareInvoer

from .model import Kennisbank

ID_PREFIX = "https://advieswijzer.nl/id/"
VELDEN = {"id", "omschrijving", "soort", "activiteiten", "bevoegd_gezag", "gevolgklasse", "locatie",
          "kenmerken", "risico", "datum"}
LOCATIEVELDEN = {"gebiedstype", "aandachtsgebieden", "kwetsbare_objecten"}
RISICOVELDEN = {"nieuw_of_onbekend", "kennis_nodig_van", "meerwaarde_gezien_door", "startpunt_bredere_ontwikkeling"}
MAX_ID = 200  # characters of an id (an aanvraag id or a vocabulary id); real ones are a few dozen
MAX_OMSCHRIJVING = 20_000  # characters; a description, not a document
# Text that no output format can carry: lone surrogates (not UTF-8) and control characters (not XML 1.0,
# so not XLSX). Tab, newline and carriage return are ordinary text.
ONSCHRIJFBAAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class InvoerFout(OnbruikbareInvoer, ValueError):
    """Invalid input; the message names the field (and the row, for batch)."""

    def __init__(self, veld: str, bericht: str):
        super().__init__(f"veld '{veld}': {bericht}")
        self.veld = veld
        self.bericht = bericht


class JsonFout(OnbruikbareInvoer, ValueError):
    """Text that is not one usable JSON value; the message says why (and where, when JSON says so)."""


class GrootGetal:
    """An integer in JSON too long for Python to convert (over 4300 digits): kept as what it is, so the
    reader can refuse it by the field it is in."""

    def __init__(self, cijfers: str):
        self.cijfers = cijfers

    def __repr__(self) -> str:
        return f"een getal van {len(self.cijfers.lstrip('-'))} cijfers"


def _geheel_getal(cijfers: str):
    return int(cijfers) if len(cijfers) <= 4000 else GrootGetal(cijfers)


MAX_DIEPTE = 32  # nesting of JSON arrays/objects; an aanvraag needs 3
_JSON_TEKST = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_TEKST_B = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_HAAKJES = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _te_diep(tekst: str | bytes) -> bool:
    """Deeper than MAX_DIEPTE, checked before parsing: CPython 3.11's parser can leave its recursion
    counter wrong after a RecursionError, which breaks later, unrelated code in the same process."""
    zonder = (_JSON_TEKST_B if isinstance(tekst, bytes) else _JSON_TEKST).sub("" if isinstance(tekst, str) else b"",
                                                                             tekst)
    if isinstance(zonder, str):
        zonder = zonder.encode("utf-8", "surrogatepass")
    haakjes = zonder.translate(None, bytes(b for b in range(256) if b not in _HAAKJES))
    if len(haakjes) <= MAX_DIEPTE:
        return False
    diepte = 0
    for teken in haakjes:
        diepte += _HAAKJES[teken]
        if diepte > MAX_DIEPTE:
            return True
    return False


def json_uit_tekst(tekst: str | bytes) -> object:
    """Parse JSON without letting odd input escape as another exception: bad JSON, nesting too deep for
    the parser, or bytes that are not UTF-8. An integer beyond Python's conversion limit becomes a
    `GrootGetal`, which every field refuses with its own name."""
    if _te_diep(tekst):
        raise JsonFout(f"geen bruikbare JSON: te diep genest (meer dan {MAX_DIEPTE} niveaus)")
    try:
        return json.loads(tekst, parse_int=_geheel_getal)
    except json.JSONDecodeError as fout:
        raise JsonFout(f"geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}): {fout.msg}") from None
    except UnicodeDecodeError:
        raise JsonFout("geen UTF-8-tekst") from None
    except RecursionError:
        raise JsonFout("geen bruikbare JSON: te diep genest") from None
    except ValueError as fout:  # e.g. an integer of more than 4300 digits
        raise JsonFout(f"geen bruikbare JSON: {fout}") from None


def toonbaar(tekst: str) -> str:
    """Text with the characters no output can carry written as \\uXXXX escapes (for messages, error rows)."""
    return ONSCHRIJFBAAR.sub(lambda m: f"\\u{ord(m.group(0)):04x}", tekst)


def _tekst(waarde: str, veld: str, maximum: int) -> str:
    if len(waarde) > maximum:
        raise InvoerFout(veld, f"te lang ({len(waarde)} tekens, hoogstens {maximum})")
    if m := ONSCHRIJFBAAR.search(waarde):
        raise InvoerFout(veld, f"bevat een ongeldig teken (U+{ord(m.group(0)):04X} op positie {m.start() + 1})")
    return waarde


@dataclass(frozen=True)
class Risico:
    nieuw_of_onbekend: bool = False
    kennis_nodig_van: tuple[str, ...] = ()
    meerwaarde_gezien_door: tuple[str, ...] = ()
    startpunt_bredere_ontwikkeling: bool = False


@dataclass(frozen=True)
class Aanvraag:
    id: str
    soort: str
    activiteiten: tuple[str, ...]
    datum: date
    omschrijving: str = ""
    bevoegd_gezag: str | None = None
    gevolgklasse: int | None = None
    gebiedstype: str | None = None
    aandachtsgebieden: tuple[str, ...] = ()
    kwetsbare_objecten: tuple[str, ...] = ()
    kenmerken: tuple[str, ...] = ()
    risico: Risico = field(default_factory=Risico)

    def sleutel(self) -> tuple:
        """Everything the conclusion depends on (not id or omschrijving): equal keys, equal advice.
        The datum comes last, so a caller can replace it by a coarser date class."""
        return (self.soort, self.activiteiten, self.bevoegd_gezag, self.gevolgklasse, self.gebiedstype,
                self.aandachtsgebieden, self.kwetsbare_objecten, self.kenmerken, self.risico, self.datum)


def _id(waarde, veld: str, lijst: str, kennis: Kennisbank, soortnaam: str) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise InvoerFout(veld, f"verwacht een {soortnaam}-id (tekst), kreeg {_kort(waarde)}")
    kaal = _tekst(waarde, veld, MAX_ID + len(ID_PREFIX)).strip().removeprefix(ID_PREFIX)
    bekend = kennis.ids(lijst)
    if kaal not in bekend:
        suggestie = difflib.get_close_matches(kaal, list(bekend), n=1)
        hint = f"; bedoelt u '{suggestie[0]}'?" if suggestie else f"; kies uit: {', '.join(bekend)}"
        raise InvoerFout(veld, f"onbekende {soortnaam} '{kaal}'{hint}")
    return kaal


def _kort(waarde) -> str:
    """A value as it may appear in a message: short, and writable anywhere."""
    try:
        tekst = repr(waarde) if not isinstance(waarde, (list, dict)) else type(waarde).__name__
    except ValueError:  # an integer too long to write out
        tekst = "een getal van meer dan 4300 cijfers"
    return toonbaar(tekst if len(tekst) <= 60 else tekst[:57] + "...")


def _ids(waarden, veld: str, lijst: str, kennis: Kennisbank, soortnaam: str) -> tuple[str, ...]:
    if waarden is None:
        return ()
    if not isinstance(waarden, list):
        raise InvoerFout(veld, f"verwacht een lijst van {soortnaam}-ids, kreeg {type(waarden).__name__}")
    gezien: dict[str, None] = {}
    for i, w in enumerate(waarden):
        gezien[_id(w, f"{veld}[{i}]", lijst, kennis, soortnaam)] = None
    return tuple(sorted(gezien))


def _bool(waarde, veld: str) -> bool:
    if waarde is None:
        return False
    if not isinstance(waarde, bool):
        raise InvoerFout(veld, f"verwacht true of false, kreeg {_kort(waarde)}")
    return waarde


def _object(waarde, veld: str, toegestaan: set[str]) -> dict:
    if waarde is None:
        return {}
    if not isinstance(waarde, dict):
        raise InvoerFout(veld, f"verwacht een object, kreeg {type(waarde).__name__}")
    onbekend = sorted(str(k) for k in set(waarde) - toegestaan)
    if onbekend:
        naam = toonbaar(onbekend[0][:60])
        raise InvoerFout(f"{veld}.{naam}" if veld else naam,
                         f"onbekend veld; toegestaan zijn: {', '.join(sorted(toegestaan))}")
    return waarde


def lees_aanvraag(data, kennis: Kennisbank, vandaag: date | None = None) -> Aanvraag:
    """Validate one aanvraag object against the contract and the knowledge base."""
    if not isinstance(data, dict):
        raise InvoerFout("(aanvraag)", f"verwacht een JSON-object, kreeg {type(data).__name__}")
    _object(data, "", VELDEN)
    ident = data.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident) if abs(ident) < 10**MAX_ID else "x" * (MAX_ID + 1)  # too long: refused below
    if not isinstance(ident, str) or not ident.strip():
        raise InvoerFout("id", "ontbreekt of is leeg" if ident in (None, "") or isinstance(ident, str)
                         else f"verwacht tekst, kreeg {_kort(ident)}")
    ident = _tekst(ident, "id", MAX_ID)
    if "soort" not in data:
        raise InvoerFout("soort", "ontbreekt")
    soort = _id(data["soort"], "soort", "soort", kennis, "soort")
    if "activiteiten" not in data:
        raise InvoerFout("activiteiten", "ontbreekt (gebruik [] als er geen activiteiten zijn)")
    activiteiten = _ids(data["activiteiten"], "activiteiten", "activiteit", kennis, "activiteit")
    omschrijving = data.get("omschrijving")
    if omschrijving is None:
        omschrijving = ""
    if not isinstance(omschrijving, str):
        raise InvoerFout("omschrijving", f"verwacht tekst, kreeg {_kort(omschrijving)}")
    omschrijving = _tekst(omschrijving, "omschrijving", MAX_OMSCHRIJVING)
    bg = data.get("bevoegd_gezag")
    bg = _id(bg, "bevoegd_gezag", "bevoegd-gezag", kennis, "bevoegd gezag") if bg is not None else None
    gk = data.get("gevolgklasse")
    if gk is not None and (isinstance(gk, bool) or gk not in (1, 2, 3)):
        raise InvoerFout("gevolgklasse", f"verwacht 1, 2 of 3, kreeg {_kort(gk)}")
    gk = int(gk) if gk is not None else None
    locatie = _object(data.get("locatie"), "locatie", LOCATIEVELDEN)
    gt = locatie.get("gebiedstype")
    gt = _id(gt, "locatie.gebiedstype", "gebiedstype", kennis, "gebiedstype") if gt is not None else None
    risico = _object(data.get("risico"), "risico", RISICOVELDEN)
    datum = data.get("datum")
    if datum is None:
        dag = vandaag or date.today()
    else:
        try:
            dag = date.fromisoformat(datum) if isinstance(datum, str) else None
        except ValueError:
            dag = None
        if dag is None:
            raise InvoerFout("datum", f"verwacht een datum als JJJJ-MM-DD, kreeg {_kort(datum)}")
    return Aanvraag(
        id=ident.strip(), soort=soort, activiteiten=activiteiten, datum=dag, omschrijving=omschrijving,
        bevoegd_gezag=bg, gevolgklasse=gk, gebiedstype=gt,
        aandachtsgebieden=_ids(locatie.get("aandachtsgebieden"), "locatie.aandachtsgebieden",
                               "aandachtsgebied", kennis, "aandachtsgebied"),
        kwetsbare_objecten=_ids(locatie.get("kwetsbare_objecten"), "locatie.kwetsbare_objecten",
                                "kwetsbaar-object", kennis, "kwetsbaar object"),
        kenmerken=_ids(data.get("kenmerken"), "kenmerken", "kenmerk", kennis, "kenmerk"),
        risico=Risico(
            nieuw_of_onbekend=_bool(risico.get("nieuw_of_onbekend"), "risico.nieuw_of_onbekend"),
            kennis_nodig_van=_ids(risico.get("kennis_nodig_van"), "risico.kennis_nodig_van",
                                  "partner", kennis, "partner"),
            meerwaarde_gezien_door=_ids(risico.get("meerwaarde_gezien_door"), "risico.meerwaarde_gezien_door",
                                        "partner", kennis, "partner"),
            startpunt_bredere_ontwikkeling=_bool(risico.get("startpunt_bredere_ontwikkeling"),
                                                 "risico.startpunt_bredere_ontwikkeling"),
        ),
    )
