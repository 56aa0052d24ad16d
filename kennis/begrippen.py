"""Find concepts (activiteiten, soorten, kenmerken, gebieden, objecten) from Dutch words.

One matcher for every front end: the loket's search-as-you-type, the suggestions from an
omschrijving (`meldingen` of an advies) and `advieswijzer begrippen ZOEK`. The words are the
SKOS labels of the knowledge base (skos:prefLabel/altLabel/hiddenLabel, their sub-properties such
as aw:trefwoord, and SKOS-XL labels with a dct:source; kennis/begrippen.ttl); no word lists here.

Dutch word forms are handled by libraries: the Snowball Dutch stemmer (plurals, inflection),
rapidfuzz's partial ratio (compounds: "thuisbatterij" contains "batterij") and Damerau-Levenshtein
distance (typos). A word weighs by how rare it is in Dutch (wordfreq's Zipf frequency), so "van"
or "de" count for little without a stopword list. Label words are stemmed and weighed when the
knowledge is compiled (and cached with it), so finding words in an omschrijving is cheap.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .model import SCHEMAS, Kennisbank

# The lists a clerk searches in (contract §3.1-3.6), in the order results are grouped.
ZOEKLIJSTEN = ("activiteit", "soort", "kenmerk", "kwetsbaar-object", "aandachtsgebied", "gebiedstype")

# Similarity of two words (0..1) per kind of match; a label counts as mentioned in a text when the
# weighted share of its words found there reaches TEKST_DREMPEL.
EXACT, DEELWOORD, TIKFOUT, BEGIN = 1.0, 0.85, 0.8, 0.7
MIN_DEELWOORD = 5  # a shorter word is never taken as part of a compound ("bouw" in "landbouw")
TEKST_DREMPEL = 0.75
ZOEK_DREMPEL = 0.3
ZOEK_RELATIEF = 0.55  # a search shows what scores at least this share of the best hit
# Zipf frequency (log10 per billion words) of the most frequent Dutch words is about 7.5; a word
# weighs 7.5 minus its own, so "de" (7.7) almost nothing and an unknown compound the most.
ZIPF_MAX, MIN_GEWICHT = 7.5, 0.1
MIN_INHOUD = 1.5  # a search must match words weighing this much together (not only "de", "van")
# Bounded work per call: a search is a few words, an omschrijving a few sentences; the rest is not read.
MAX_ZOEK, MAX_TEKST = 200, 5000  # characters

_STEMMER = None
_STEMMER_SLOT = threading.Lock()  # a snowballstemmer object keeps state between calls


@lru_cache(maxsize=65536)
def stam(woord: str) -> str:
    """The Snowball stem of a (normalised) word; cached, since the same words come back all day."""
    global _STEMMER
    with _STEMMER_SLOT:
        if _STEMMER is None:
            import snowballstemmer

            # The classic Dutch Snowball algorithm: the newer "dutch" one also strips derivational
            # endings (batterij -> bat, bakkerij -> bak), which makes unrelated words collide.
            _STEMMER = snowballstemmer.stemmer("dutch_porter")
        return _STEMMER.stemWord(woord)


@lru_cache(maxsize=65536)
def gewicht(woord: str) -> float:
    """How much a (normalised) word says: rare Dutch words much, function words almost nothing."""
    from wordfreq import zipf_frequency

    return max(MIN_GEWICHT, ZIPF_MAX - zipf_frequency(woord, "nl"))


def lees_labels(g) -> dict[str, dict[str, list[dict]]]:
    """Every label of every concept in the searchable lists: lijst -> id -> [{tekst, soort, bron,
    stammen, gewichten}].

    `soort` is pref, alt or hidden. Sub-properties of the SKOS label properties (aw:trefwoord is
    a hidden label) are followed in the graph, so a new kind of label needs no code.
    """
    from advieswijzer.ontologie.namen import AW, id_van
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, RDFS, SKOS, Namespace

    skosxl = Namespace("http://www.w3.org/2008/05/skos-xl#")
    soorten = {"pref": SKOS.prefLabel, "alt": SKOS.altLabel, "hidden": SKOS.hiddenLabel}

    def nl(w) -> bool:
        return isinstance(w, Literal) and w.language in (None, "nl")

    def teksten(begrip):
        """(tekst, soort, bron) of every label, SKOS-XL first: those carry the source of the word."""
        for soort, eigenschap in soorten.items():
            for xl in g.objects(begrip, skosxl[f"{soort}Label"]):
                for vorm in filter(nl, g.objects(xl, skosxl.literalForm)):
                    yield str(vorm), soort, str(g.value(xl, DCTERMS.source) or "") or None
            for p in g.transitive_subjects(RDFS.subPropertyOf, eigenschap):
                for w in sorted(filter(nl, g.objects(begrip, p))):
                    yield str(w), soort, None

    uit: dict[str, dict[str, list[dict]]] = {}
    for lijst in ZOEKLIJSTEN:
        leden: dict[str, list[dict]] = {}
        for begrip in g.subjects(SKOS.inScheme, AW[SCHEMAS[lijst]]):
            ident = str(g.value(begrip, SKOS.notation) or id_van(begrip))
            labels, gezien = [], set()
            for tekst, soort, bron in teksten(begrip):
                ws = woorden(tekst)
                if ws and tekst.strip().lower() not in gezien:
                    gezien.add(tekst.strip().lower())
                    labels.append({"tekst": tekst.strip(), "soort": soort, "bron": bron,
                                   "stammen": [stam(w) for w in ws], "gewichten": [gewicht(w) for w in ws]})
            leden[ident] = labels
        uit[lijst] = dict(sorted(leden.items()))
    return uit


def normaal(tekst: str) -> str:
    """Lower case without accents; dots inside abbreviations dropped (m.e.r. -> mer)."""
    tekst = unicodedata.normalize("NFKD", tekst.lower())
    tekst = "".join(c for c in tekst if not unicodedata.combining(c))
    return re.sub(r"(?<=\w)\.(?=\w)", "", tekst)


def woorden(tekst: str) -> list[str]:
    return re.findall(r"[^\W_]+", normaal(tekst))


@dataclass(frozen=True)
class Treffer:
    """A concept found for a search or in a text: which label matched and which words did it."""

    id: str
    lijst: str
    label: str  # the concept's own name (prefLabel)
    score: float
    via: str  # the label that matched best
    woorden: tuple[str, ...]  # the words of the search or text that matched, as written

    def naar_json(self) -> dict:
        return {"id": self.id, "lijst": self.lijst, "label": self.label, "score": round(self.score, 3),
                "via": self.via, "woorden": list(self.woorden)}


@dataclass(frozen=True)
class _Label:
    ident: str
    lijst: str
    tekst: str
    stammen: tuple[str, ...]
    gewichten: tuple[float, ...]


class Zoeker:
    """The matcher over one knowledge base. Thread-safe; build it once with `zoeker(kennis)`."""

    def __init__(self, kennis: Kennisbank):
        self.kennis = kennis
        self.labels = [_Label(ident, lijst, lab["tekst"], tuple(lab["stammen"]), tuple(lab["gewichten"]))
                       for lijst, leden in kennis.labels.items() for ident, labels in leden.items()
                       for lab in labels]
        self.woordenschat = sorted({s for lab in self.labels for s in lab.stammen})
        self._met_stam: dict[str, list[_Label]] = {}  # stem -> the labels it occurs in
        for lab in self.labels:
            for s in set(lab.stammen):
                self._met_stam.setdefault(s, []).append(lab)
        self._bekend = set(self.woordenschat)
        self._gelijk = lru_cache(maxsize=65536)(self._gelijkenissen)
        self.herken = lru_cache(maxsize=4096)(self._herken)

    def _gelijkenissen(self, woord: str, richting: str) -> dict[str, float]:
        """Label words (stems) like this stem, with their similarity.

        richting "tekst": a label word must be the word or part of it (a text that says
        "thuisbatterij" mentions a batterij; one that says "ammoniak" does not mention
        "ammoniakkoeling"). "zoek": either way round. "typen": as zoek, and the word may be the
        start of a label word (the last word of a search, still being typed).
        """
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import DamerauLevenshtein

        uit: dict[str, float] = {}
        if woord in self._bekend:
            uit[woord] = EXACT
        if len(woord) >= 5:
            for w, _, _ in process.extract(woord, self.woordenschat, scorer=DamerauLevenshtein.distance,
                                           score_cutoff=1 if len(woord) <= 8 else 2, limit=None):
                if len(w) >= 5:
                    uit.setdefault(w, TIKFOUT)
        for w, score, _ in process.extract(woord, self.woordenschat, scorer=fuzz.partial_ratio, score_cutoff=87,
                                           limit=None):
            kort = min((w, woord), key=len)
            if w in uit or len(kort) < MIN_DEELWOORD or (score < 100 and len(kort) < 8):
                continue
            if richting == "tekst":
                # in a text, the label word is the head or the first part of the compound (thuisbatterij,
                # batterijcontainer), not something in its middle
                plek = fuzz.partial_ratio_alignment(w, woord)
                if kort != w or (plek.dest_start > 1 and plek.dest_end < len(woord) - 1):
                    continue
            uit[w] = DEELWOORD
        if richting == "typen" and len(woord) >= 3:  # "batt" on the way to "batterij"
            for w in self.woordenschat:
                if w.startswith(woord):
                    uit.setdefault(w, BEGIN)
        return uit

    def zoek(self, vraag: str, lijsten=None, limiet: int | None = 10) -> list[Treffer]:
        """Concepts for a search (what a clerk types), best first.

        The score weighs how much of the search the concept's labels cover (every word typed
        counts, by its weight) and, second, how completely its best label is matched. A search
        must match words that say something (not only "de" or "van").
        """
        vraag = vraag[:MAX_ZOEK]
        oorspronkelijk = woorden(vraag)
        if not oorspronkelijk:
            return []
        typen = not vraag[-1:].isspace()
        stammen = [stam(w) for w in oorspronkelijk]
        gewichten = [gewicht(w) for w in oorspronkelijk]
        sims = [self._gelijk(s, "typen" if typen and i == len(stammen) - 1 else "zoek")
                for i, s in enumerate(stammen)]
        per_begrip: dict[tuple[str, str], dict] = {}
        for lab in self.labels:
            if lijsten and lab.lijst not in lijsten:
                continue
            per_woord = [max((sim.get(t, 0.0) for t in lab.stammen), default=0.0) for sim in sims]
            if not any(per_woord):
                continue
            volledig = sum(g * max(sim.get(t, 0.0) for sim in sims)
                           for t, g in zip(lab.stammen, lab.gewichten, strict=True)) / sum(lab.gewichten)
            b = per_begrip.setdefault((lab.lijst, lab.ident), {"woord": [0.0] * len(stammen), "label": -1.0})
            b["woord"] = [max(x, y) for x, y in zip(b["woord"], per_woord, strict=True)]
            if volledig > b["label"]:
                b["label"], b["via"] = volledig, lab.tekst
        uit = []
        for (lijst, ident), b in per_begrip.items():
            inhoud = sum(g for g, x in zip(gewichten, b["woord"], strict=True) if x)
            dekking = sum(g * x for g, x in zip(gewichten, b["woord"], strict=True)) / sum(gewichten)
            score = 0.8 * dekking + 0.2 * b["label"]
            if score >= ZOEK_DREMPEL and inhoud >= MIN_INHOUD:
                gevonden = tuple(w for w, x in zip(oorspronkelijk, b["woord"], strict=True) if x)
                uit.append(Treffer(ident, lijst, self.kennis.ids(lijst).get(ident, ident), score, b["via"], gevonden))
        uit.sort(key=lambda t: (-t.score, ZOEKLIJSTEN.index(t.lijst), t.label.lower()))
        uit = [t for t in uit if t.score >= ZOEK_RELATIEF * uit[0].score]
        return uit[:limiet] if limiet else uit

    def _herken(self, tekst: str, lijsten: tuple[str, ...] | None = None) -> tuple[Treffer, ...]:
        """Concepts a running text (an omschrijving) mentions: a label whose words are (nearly) all there.

        When two concepts are found on the same words, the one found on more words, or better,
        wins: "opslag van ammoniak" is the storage of an energy carrier, not an ammonia cooler.
        """
        oorspronkelijk = woorden(tekst[:MAX_TEKST])
        sims = [self._gelijk(stam(w), "tekst") for w in oorspronkelijk]
        # a word the knowledge base knows as a whole is not split into parts: "waterstoftankstation"
        # names the station, not also a "waterstof" for another label
        sims = [{w: x for w, x in sim.items() if x != DEELWOORD} if EXACT in sim.values() else sim for sim in sims]
        # per label word: how well, and where, the text has it; only labels with such a word are looked at
        in_tekst: dict[str, tuple[float, int]] = {}
        for i, sim in enumerate(sims):
            for w, x in sim.items():
                if x > in_tekst.get(w, (0.0, -1))[0]:
                    in_tekst[w] = (x, i)
        kandidaten = {id(lab): lab for w in in_tekst for lab in self._met_stam.get(w, ())}
        beste: dict[tuple[str, str], tuple[float, frozenset[int], str]] = {}
        for lab in kandidaten.values():
            if lijsten and lab.lijst not in lijsten:
                continue
            posities: set[int] = set()
            gedekt = 0.0
            for t, g in zip(lab.stammen, lab.gewichten, strict=True):
                score, i = in_tekst.get(t, (0.0, -1))
                if score:
                    gedekt += g * score
                    posities.add(i)
            dekking = gedekt / sum(lab.gewichten)
            if dekking < TEKST_DREMPEL:
                continue
            sleutel = (lab.lijst, lab.ident)
            oud = beste.get(sleutel)
            if oud is None:
                beste[sleutel] = (dekking, frozenset(posities), lab.tekst)
            else:  # every label of the concept that is mentioned adds its words
                via = lab.tekst if dekking > oud[0] else oud[2]
                beste[sleutel] = (max(dekking, oud[0]), oud[1] | posities, via)
        gevonden = list(beste.items())
        uit = []
        for i, ((lijst, ident), (score, posities, via)) in enumerate(gevonden):
            # found on (a part of) the words another concept was found on, and not better
            overtroffen = any((p2 >= posities and s2 > score) or (p2 > posities and s2 >= score)
                              for j, (_, (s2, p2, _)) in enumerate(gevonden) if j != i)
            if not overtroffen:
                uit.append(Treffer(ident, lijst, self.kennis.ids(lijst).get(ident, ident), score, via,
                                   tuple(oorspronkelijk[k] for k in sorted(posities))))
        uit.sort(key=lambda t: (-t.score, ZOEKLIJSTEN.index(t.lijst), t.id))
        return tuple(uit)


_ZOEKERS: dict[tuple[str, str | None], Zoeker] = {}
_ZOEKERS_SLOT = threading.Lock()


def zoeker(kennis: Kennisbank) -> Zoeker:
    """The matcher for this knowledge base, built once per knowledge version (and regio)."""
    sleutel = (kennis.versie, kennis.regio)
    with _ZOEKERS_SLOT:
        if sleutel not in _ZOEKERS:
            _ZOEKERS[sleutel] = Zoeker(kennis)
        return _ZOEKERS[sleutel]


def beschrijf(kennis: Kennisbank, lijst: str, ident: str, treffer: Treffer | None = None) -> dict:
    """A concept as the front ends show it: id, list, name, the other names (not the hidden ones) and
    the source of each word that comes from a document; with the match when it was searched for."""
    labels = kennis.labels.get(lijst, {}).get(ident, [])
    uit = {"id": ident, "lijst": lijst, "label": kennis.ids(lijst).get(ident, ident),
           "ook": [lab["tekst"] for lab in labels if lab["soort"] == "alt"],
           "bronnen": {lab["tekst"]: lab["bron"] for lab in labels if lab["bron"]}}
    if treffer:
        uit |= {"score": round(treffer.score, 3), "via": treffer.via, "woorden": list(treffer.woorden)}
    return uit


def begrippenlijst(kennis: Kennisbank, zoek: str = "", lijsten=None, limiet: int | None = None) -> list[dict]:
    """Every concept of the lists (all searchable lists when none are given), or those found for `zoek`,
    best first."""
    lijsten = tuple(lijsten or ZOEKLIJSTEN)
    if zoek.strip():
        return [beschrijf(kennis, t.lijst, t.id, t) for t in zoeker(kennis).zoek(zoek, lijsten, limiet=limiet)]
    return [beschrijf(kennis, lijst, ident) for lijst in lijsten for ident in kennis.ids(lijst)][:limiet]
