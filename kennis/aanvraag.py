"""Read and validate an aanvraag (contract §1): every error names the field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from .model import Kennisbank

ID_PREFIX = "https://advieswijzer.nl/id/"
VELDEN = {"id", "omschrijving", "soort", "activiteiten", "bevoegd_gezag", "gevolgklasse", "locatie",
          "kenmerken", "risico", "datum"}
LOCATIEVELDEN = {"gebiedstype", "aandachtsgebieden", "kwetsbare_objecten"}
RISICOVELDEN = {"nieuw_of_onbekend", "kennis_nodig_van", "meerwaarde_gezien_door", "startpunt_bredere_ontwikkeling"}


class InvoerFout(ValueError):
    """Invalid input; the message names the field (and the row, for batch)."""

    def __init__(self, veld: str, bericht: str):
        super().__init__(f"veld '{veld}': {bericht}")
        self.veld = veld
        self.bericht = bericht


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
        raise InvoerFout(veld, f"verwacht een {soortnaam}-id (tekst), kreeg {waarde!r}")
    kaal = waarde.strip().removeprefix(ID_PREFIX)
    bekend = kennis.ids(lijst)
    if kaal not in bekend:
        suggestie = difflib.get_close_matches(kaal, list(bekend), n=1)
        hint = f"; bedoelt u '{suggestie[0]}'?" if suggestie else f"; kies uit: {', '.join(bekend)}"
        raise InvoerFout(veld, f"onbekende {soortnaam} '{kaal}'{hint}")
    return kaal


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
        raise InvoerFout(veld, f"verwacht true of false, kreeg {waarde!r}")
    return waarde


def _object(waarde, veld: str, toegestaan: set[str]) -> dict:
    if waarde is None:
        return {}
    if not isinstance(waarde, dict):
        raise InvoerFout(veld, f"verwacht een object, kreeg {type(waarde).__name__}")
    onbekend = sorted(set(waarde) - toegestaan)
    if onbekend:
        raise InvoerFout(f"{veld}.{onbekend[0]}" if veld else onbekend[0],
                         f"onbekend veld; toegestaan zijn: {', '.join(sorted(toegestaan))}")
    return waarde


def lees_aanvraag(data, kennis: Kennisbank, vandaag: date | None = None) -> Aanvraag:
    """Validate one aanvraag object against the contract and the knowledge base."""
    if not isinstance(data, dict):
        raise InvoerFout("(aanvraag)", f"verwacht een JSON-object, kreeg {type(data).__name__}")
    _object(data, "", VELDEN)
    ident = data.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)
    if not isinstance(ident, str) or not ident.strip():
        raise InvoerFout("id", "ontbreekt of is leeg")
    if "soort" not in data:
        raise InvoerFout("soort", "ontbreekt")
    soort = _id(data["soort"], "soort", "soort", kennis, "soort")
    if "activiteiten" not in data:
        raise InvoerFout("activiteiten", "ontbreekt (gebruik [] als er geen activiteiten zijn)")
    activiteiten = _ids(data["activiteiten"], "activiteiten", "activiteit", kennis, "activiteit")
    omschrijving = data.get("omschrijving") or ""
    if not isinstance(omschrijving, str):
        raise InvoerFout("omschrijving", "verwacht tekst")
    bg = data.get("bevoegd_gezag")
    bg = _id(bg, "bevoegd_gezag", "bevoegd-gezag", kennis, "bevoegd gezag") if bg is not None else None
    gk = data.get("gevolgklasse")
    if gk is not None and (isinstance(gk, bool) or gk not in (1, 2, 3)):
        raise InvoerFout("gevolgklasse", f"verwacht 1, 2 of 3, kreeg {gk!r}")
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
            raise InvoerFout("datum", f"verwacht een datum als JJJJ-MM-DD, kreeg {datum!r}")
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
