"""SHACL shapes run as set-based SPARQL queries in pyoxigraph: one query per constraint, not one per focus node.

pySHACL evaluates every constraint once per focus node, and rdflib evaluates FILTER (NOT) EXISTS
eagerly; on a plan with one werkingsgebied per regel that grows quadratically (bench/bench_valideer.py).
Here each shape's targets become a SPARQL pattern for `?this`, and each constraint a query that
returns all violating (focus, value) pairs at once, evaluated by Oxigraph's query engine.

Translated: targets (class incl. subclasses, node, subjectsOf, objectsOf); SHACL-SPARQL constraints
on node shapes (`$this` joined with the targets: pre-binding becomes a join); SHACL-AF SPARQL rules;
and the core components minCount, maxCount, hasValue, class, in, pattern, datatype, nodeKind, node,
or, and, not and qualifiedValueShape with qualifiedMinCount 1. A shape using anything else (a region
may write any SHACL in --vormen) raises NietVertaalbaar and is left to pySHACL (see valideren.py).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

DOELEN = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# predicates in the sh: namespace that do not constrain (or are handled elsewhere)
NIET_BEPERKEND = {SH.severity, SH.message, SH.deactivated, SH.name, SH.description, SH.order, SH.group,
                  SH.defaultValue, SH.path, SH.property, SH.sparql, SH.rule, SH.declare, SH.prefixes,
                  *DOELEN}
COMPONENT = {SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
             SH.hasValue: SH.HasValueConstraintComponent, SH["class"]: SH.ClassConstraintComponent,
             SH["in"]: SH.InConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
             SH.datatype: SH.DatatypeConstraintComponent, SH.nodeKind: SH.NodeKindConstraintComponent,
             SH.node: SH.NodeConstraintComponent, SH["or"]: SH.OrConstraintComponent,
             SH["and"]: SH.AndConstraintComponent, SH["not"]: SH.NotConstraintComponent,
             SH.qualifiedValueShape: SH.QualifiedMinCountConstraintComponent}
WAARDE_PARAMETERS = (SH["class"], SH["in"], SH.pattern, SH.datatype, SH.nodeKind, SH.node, SH["or"], SH["and"],
                     SH["not"])
KNOOPSOORT = {SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
              SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
              SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}
DIT = re.compile(r"[$?]this\b")


class NietVertaalbaar(Exception):
    """This shape uses SHACL that is not translated here; pySHACL evaluates it instead."""


@dataclass
class Overtreding:
    """One violation as found by a query: enough to write a sh:ValidationResult."""

    focus: object
    vorm: object  # the source shape
    component: URIRef
    ernst: URIRef
    berichten: list[Literal]
    waarde: object = None
    pad: object = None


@dataclass
class Controle:
    """One compiled query and how to turn its rows into violations."""

    vorm: object
    component: URIRef
    tekst: str
    berichten: list[Literal] = field(default_factory=list)
    pad: object = None
    sparql: bool = False  # SHACL-SPARQL: fill {?var} in the messages from the row


# ------------------------------------------------------------------ terms
def term(knoop) -> str:
    if isinstance(knoop, URIRef):
        return f"<{knoop}>"
    if isinstance(knoop, Literal):
        return knoop.n3()
    raise NietVertaalbaar(f"term {knoop!r}")


def naar_rdflib(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value).de_skolemize() if t.value.startswith(SKOLEM) else URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    return None


SKOLEM = "https://rdflib.github.io/.well-known/genid/rdflib/"


def laad_store(*grafen: Graph | bytes) -> ox.Store:
    """An in-memory Oxigraph store with the triples of the graphs (or N-Triples bytes); blank nodes keep
    their identity (skolemized on the way in, turned back into rdflib BNodes on the way out)."""
    store = ox.Store()
    for g in grafen:
        if isinstance(g, bytes):
            store.load(g, format=ox.RdfFormat.N_TRIPLES)
            continue
        nt = g.serialize(format="nt", encoding="utf-8")
        if b"_:" in nt:  # blank nodes (or a literal that looks like one: skolemizing is then harmless)
            nt = g.skolemize().serialize(format="nt", encoding="utf-8")
        store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    return store


# ------------------------------------------------------------------ translation
class Vertaler:
    """Compiles the shapes of one shapes graph into queries (and rules) for Oxigraph."""

    def __init__(self, vormen: Graph):
        self.vormen = vormen
        self._teller = itertools.count()

    def _var(self, naam: str = "v") -> str:
        return f"?_{naam}{next(self._teller)}"

    def _lijst(self, knoop) -> list:
        return list(Collection(self.vormen, knoop))

    # -- targets and paths
    def doelvormen(self) -> list:
        """Top-level shapes: those with a target (implicit class targets and sh:target go to pySHACL)."""
        vormen = {s for p in DOELEN for s in self.vormen.subjects(p, None)}
        vormen |= {s for s in self.vormen.subjects(SH.target, None)}
        vormen |= {s for s in self.vormen.subjects(RDF.type, RDFS.Class)
                   if (s, RDF.type, SH.NodeShape) in self.vormen}
        return sorted(vormen, key=str)

    def doelpatroon(self, vorm) -> str:
        if (vorm, SH.target, None) in self.vormen or (vorm, RDF.type, RDFS.Class) in self.vormen:
            raise NietVertaalbaar("sh:target of impliciet klassedoel")
        delen = []
        for klasse in self.vormen.objects(vorm, SH.targetClass):
            delen.append(f"?this a/<{RDFS.subClassOf}>* {term(klasse)} .")
        knopen = [term(k) for k in self.vormen.objects(vorm, SH.targetNode)]
        if knopen:
            delen.append(f"VALUES ?this {{ {' '.join(knopen)} }}")
        for p in self.vormen.objects(vorm, SH.targetSubjectsOf):
            delen.append(f"?this {term(p)} [] .")
        for p in self.vormen.objects(vorm, SH.targetObjectsOf):
            delen.append(f"[] {term(p)} ?this .")
        if len(delen) == 1:
            return f"{{ SELECT DISTINCT ?this WHERE {{ {delen[0]} }} }}"
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {d} }}" for d in delen) + " } }"

    def pad(self, knoop) -> str:
        if isinstance(knoop, URIRef):
            return term(knoop)
        if (knoop, RDF.first, None) in self.vormen:
            return "(" + "/".join(self.pad(d) for d in self._lijst(knoop)) + ")"
        for eigenschap, teken in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            binnen = self.vormen.value(knoop, eigenschap)
            if binnen is not None:
                return f"({self.pad(binnen)}){teken}"
        binnen = self.vormen.value(knoop, SH.inversePath)
        if binnen is not None:
            return f"^({self.pad(binnen)})"
        binnen = self.vormen.value(knoop, SH.alternativePath)
        if binnen is not None:
            return "(" + "|".join(self.pad(d) for d in self._lijst(binnen)) + ")"
        raise NietVertaalbaar(f"pad {knoop!r}")

    def _controleer_bekend(self, vorm) -> None:
        for p in set(self.vormen.predicates(vorm, None)):
            if str(p).startswith(str(SH)) and p not in NIET_BEPERKEND and p not in COMPONENT \
                    and p not in (SH.qualifiedMinCount, SH.flags) and p != RDF.type:
                raise NietVertaalbaar(f"{p} in {vorm}")
        if self.vormen.value(vorm, SH.qualifiedValueShape) is not None:
            if self.vormen.value(vorm, SH.qualifiedMaxCount) is not None or \
                    self.vormen.value(vorm, SH.qualifiedValueShapesDisjoint) is not None or \
                    int(self.vormen.value(vorm, SH.qualifiedMinCount) or 0) != 1:
                raise NietVertaalbaar("qualifiedValueShape anders dan qualifiedMinCount 1")

    # -- conformance as a boolean SPARQL expression over a variable
    def conform(self, vorm, v: str) -> str:
        """A SPARQL expression that is true iff the node in `v` conforms to `vorm`."""
        self._controleer_bekend(vorm)
        if (vorm, SH.sparql, None) in self.vormen:
            raise NietVertaalbaar("sh:sparql in een geneste vorm")
        delen = [self.waarde_conform(vorm, v)] if self.vormen.value(vorm, SH.path) is None else []
        if self.vormen.value(vorm, SH.path) is not None:
            delen.append(self.eigenschap_conform(vorm, v))
        delen += [self.eigenschap_conform(e, v) for e in self.vormen.objects(vorm, SH.property)]
        delen = [d for d in delen if d != "true"]
        return "(" + " && ".join(delen) + ")" if delen else "true"

    def waarde_conform(self, vorm, v: str, alleen: tuple | None = None) -> str:
        """Value-node constraints of `vorm` (class, in, pattern, node, or, ...) on the node in `v`;
        with `alleen` = (parameter, waarde) just that one constraint."""
        delen = []

        def objecten(parameter):
            if alleen is None:
                return list(self.vormen.objects(vorm, parameter))
            return [alleen[1]] if alleen[0] == parameter else []

        for klasse in objecten(SH["class"]):
            delen.append(f"EXISTS {{ {v} a/<{RDFS.subClassOf}>* {term(klasse)} }}")
        for lijst in objecten(SH["in"]):
            delen.append(f"{v} IN ({', '.join(term(w) for w in self._lijst(lijst))})")
        for patroon in objecten(SH.pattern):
            vlaggen = self.vormen.value(vorm, SH.flags)
            extra = f", {Literal(str(vlaggen)).n3()}" if vlaggen is not None else ""
            delen.append(f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(patroon)).n3()}{extra}))")
        for datatype in objecten(SH.datatype):
            delen.append(f"(isLiteral({v}) && DATATYPE({v}) = {term(datatype)})")
        for soort in objecten(SH.nodeKind):
            if soort not in KNOOPSOORT:
                raise NietVertaalbaar(f"nodeKind {soort}")
            delen.append(KNOOPSOORT[soort].format(v=v))
        for binnen in objecten(SH.node):
            delen.append(self.conform(binnen, v))
        for lijst in objecten(SH["or"]):
            delen.append("(" + " || ".join(self.conform(d, v) for d in self._lijst(lijst)) + ")")
        for lijst in objecten(SH["and"]):
            delen.append("(" + " && ".join(self.conform(d, v) for d in self._lijst(lijst)) + ")")
        for binnen in objecten(SH["not"]):
            delen.append(f"!{self.conform(binnen, v)}")
        if self.vormen.value(vorm, SH.path) is None:
            for waarde in objecten(SH.hasValue):
                delen.append(f"sameTerm({v}, {term(waarde)})")
        return "(" + " && ".join(delen) + ")" if delen else "true"

    def eigenschap_conform(self, eigenschap, v: str) -> str:
        """A property shape holds for the focus node in `v`."""
        self._controleer_bekend(eigenschap)
        if (eigenschap, SH.property, None) in self.vormen or (eigenschap, SH.sparql, None) in self.vormen:
            raise NietVertaalbaar("geneste vorm in een eigenschapsvorm")
        pad = self.pad(self.vormen.value(eigenschap, SH.path))
        delen = []
        minimum = self.vormen.value(eigenschap, SH.minCount)
        if minimum is not None and int(minimum) > 0:
            if int(minimum) > 1:
                raise NietVertaalbaar("minCount > 1 in een geneste vorm")
            delen.append(f"EXISTS {{ {v} {pad} {self._var()} }}")
        maximum = self.vormen.value(eigenschap, SH.maxCount)
        if maximum is not None:
            a, b = self._var(), self._var()
            if int(maximum) == 0:
                delen.append(f"NOT EXISTS {{ {v} {pad} {a} }}")
            elif int(maximum) == 1:
                delen.append(f"NOT EXISTS {{ {v} {pad} {a} . {v} {pad} {b} FILTER (!sameTerm({a}, {b})) }}")
            else:
                raise NietVertaalbaar("maxCount > 1 in een geneste vorm")
        for waarde in self.vormen.objects(eigenschap, SH.hasValue):
            delen.append(f"EXISTS {{ {v} {pad} {term(waarde)} }}")
        w = self._var()
        waarden = self.waarde_conform(eigenschap, w)
        if waarden != "true":
            delen.append(f"NOT EXISTS {{ {v} {pad} {w} FILTER (!{waarden}) }}")
        gekwalificeerd = self.vormen.value(eigenschap, SH.qualifiedValueShape)
        if gekwalificeerd is not None:
            q = self._var()
            delen.append(f"EXISTS {{ {v} {pad} {q} FILTER ({self.conform(gekwalificeerd, q)}) }}")
        return "(" + " && ".join(delen) + ")" if delen else "true"

    def positief(self, vorm, v: str) -> str | None:
        """A graph pattern with a solution iff the node in `v` conforms to `vorm`, for shapes made only
        of property shapes with hasValue, minCount 1 and qualifiedValueShape (else None). As a join it
        lets Oxigraph order the patterns, where EXISTS inside FILTER is evaluated per solution."""
        if set(self.vormen.predicates(vorm, None)) - {SH.property, RDF.type, SH.name, SH.description}:
            return None
        delen = []
        for eigenschap in self.vormen.objects(vorm, SH.property):
            toegestaan = {SH.path, SH.hasValue, SH.minCount, SH.qualifiedValueShape, SH.qualifiedMinCount,
                          RDF.type, SH.name, SH.description}
            if set(self.vormen.predicates(eigenschap, None)) - toegestaan:
                return None
            pad = self.pad(self.vormen.value(eigenschap, SH.path))
            for waarde in self.vormen.objects(eigenschap, SH.hasValue):
                delen.append(f"{v} {pad} {term(waarde)} .")
            if int(self.vormen.value(eigenschap, SH.minCount) or 0) > 1:
                return None
            if int(self.vormen.value(eigenschap, SH.minCount) or 0) == 1:
                delen.append(f"{v} {pad} {self._var()} .")
            gekwalificeerd = self.vormen.value(eigenschap, SH.qualifiedValueShape)
            if gekwalificeerd is not None:
                self._controleer_bekend(eigenschap)
                q = self._var()
                delen.append(f"{v} {pad} {q} . FILTER ({self.conform(gekwalificeerd, q)})")
        return " ".join(delen) if delen else None

    # -- violations of a top-level shape
    def _berichten(self, knoop) -> list[Literal]:
        return sorted(self.vormen.objects(knoop, SH.message), key=str)

    def controles(self, vorm) -> list[Controle]:
        """The queries that find every violation of top-level shape `vorm` in one go each."""
        self._controleer_bekend(vorm)
        doel = self.doelpatroon(vorm)
        uit: list[Controle] = []
        if self.vormen.value(vorm, SH.path) is not None:
            uit += self._eigenschap_controles(vorm, doel)
        else:
            uit += self._knoop_controles(vorm, doel)
        for eigenschap in self.vormen.objects(vorm, SH.property):
            if (eigenschap, SH.deactivated, Literal(True)) not in self.vormen:
                self._controleer_bekend(eigenschap)
                uit += self._eigenschap_controles(eigenschap, doel)
        for beperking in self.vormen.objects(vorm, SH.sparql):
            if (beperking, SH.deactivated, Literal(True)) not in self.vormen:
                uit.append(self._sparql_controle(vorm, beperking, doel))
        return uit

    def _knoop_controles(self, vorm, doel: str) -> list[Controle]:
        uit = []
        for parameter in (*WAARDE_PARAMETERS, SH.hasValue):
            for waarde in self.vormen.objects(vorm, parameter):
                patroon = self.positief(waarde, "?this") if parameter == SH["not"] else None
                if patroon is not None:  # violation = conforming to the inner shape: a plain join
                    uit.append(Controle(vorm, COMPONENT[parameter],
                                        f"SELECT DISTINCT ?this ?value WHERE {{ {doel} {patroon} BIND (?this AS ?value) }}",
                                        self._berichten(vorm)))
                    continue
                expressie = self.waarde_conform(vorm, "?this", alleen=(parameter, waarde))
                uit.append(Controle(vorm, COMPONENT[parameter],
                                    f"SELECT ?this ?value WHERE {{ {doel} BIND (?this AS ?value) FILTER (!{expressie}) }}",
                                    self._berichten(vorm)))
        return uit

    def _eigenschap_controles(self, eigenschap, doel: str) -> list[Controle]:
        pad_knoop = self.vormen.value(eigenschap, SH.path)
        pad = self.pad(pad_knoop)
        berichten = self._berichten(eigenschap)

        def controle(component, tekst):
            return Controle(eigenschap, component, tekst, berichten, pad_knoop)

        uit = []
        if (eigenschap, SH.property, None) in self.vormen:
            raise NietVertaalbaar("sh:property in een eigenschapsvorm")
        minimum = self.vormen.value(eigenschap, SH.minCount)
        if minimum is not None and int(minimum) > 0:
            if int(minimum) == 1:
                tekst = f"SELECT ?this WHERE {{ {doel} FILTER NOT EXISTS {{ ?this {pad} ?_w }} }}"
            else:
                tekst = (f"SELECT ?this WHERE {{ {doel} OPTIONAL {{ ?this {pad} ?_w }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_w) < {int(minimum)})")
            uit.append(controle(SH.MinCountConstraintComponent, tekst))
        maximum = self.vormen.value(eigenschap, SH.maxCount)
        if maximum is not None:
            uit.append(controle(SH.MaxCountConstraintComponent,
                                f"SELECT ?this WHERE {{ {doel} ?this {pad} ?_w }} "
                                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_w) > {int(maximum)})"))
        for waarde in self.vormen.objects(eigenschap, SH.hasValue):
            uit.append(controle(SH.HasValueConstraintComponent,
                                f"SELECT ?this WHERE {{ {doel} FILTER NOT EXISTS {{ ?this {pad} {term(waarde)} }} }}"))
        for parameter in WAARDE_PARAMETERS:
            for waarde in self.vormen.objects(eigenschap, parameter):
                expressie = self.waarde_conform(eigenschap, "?value", alleen=(parameter, waarde))
                uit.append(controle(COMPONENT[parameter],
                                    f"SELECT DISTINCT ?this ?value WHERE {{ {doel} ?this {pad} ?value "
                                    f"FILTER (!{expressie}) }}"))
        gekwalificeerd = self.vormen.value(eigenschap, SH.qualifiedValueShape)
        if gekwalificeerd is not None:
            uit.append(controle(SH.QualifiedMinCountConstraintComponent,
                                f"SELECT ?this WHERE {{ {doel} FILTER NOT EXISTS {{ ?this {pad} ?_q "
                                f"FILTER ({self.conform(gekwalificeerd, '?_q')}) }} }}"))
        return uit

    # -- SHACL-SPARQL
    def prefixen(self, knoop) -> str:
        regels = []
        for bron in self.vormen.objects(knoop, SH.prefixes):
            for verklaring in self.vormen.objects(bron, SH.declare):
                regels.append(f"PREFIX {self.vormen.value(verklaring, SH.prefix)}: "
                              f"<{self.vormen.value(verklaring, SH.namespace)}>")
        return "\n".join(sorted(set(regels)))

    def met_doel(self, tekst: str, doel: str) -> str:
        """`$this` becomes a variable joined with the target pattern at the start of the WHERE clause."""
        if re.search(r"\$(shapesGraph|currentShape|PATH)\b", tekst):
            raise NietVertaalbaar("$shapesGraph, $currentShape of $PATH")
        match = re.search(r"\bWHERE\s*\{", tekst, re.IGNORECASE)
        if match is None:
            raise NietVertaalbaar("SPARQL zonder WHERE")
        tekst = tekst[:match.end()] + f" {doel} " + tekst[match.end():]
        return DIT.sub("?this", tekst)

    def _sparql_controle(self, vorm, beperking, doel: str) -> Controle:
        controle = self._sparql_controle_tekst(vorm, beperking, doel)
        controle.tekst = anti_joins(controle.tekst)
        return controle

    def _sparql_controle_tekst(self, vorm, beperking, doel: str) -> Controle:
        select = self.vormen.value(beperking, SH.select)
        if select is None:
            raise NietVertaalbaar("sh:sparql zonder sh:select")
        tekst = self.prefixen(beperking) + "\n" + self.met_doel(str(select), doel)
        projectie = re.search(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", tekst, re.IGNORECASE | re.DOTALL)
        if projectie and "*" not in projectie.group(2) and not re.search(r"\?this\b", projectie.group(2)):
            tekst = tekst[:projectie.start(2)] + "?this " + tekst[projectie.start(2):]
        return Controle(vorm, SH.SPARQLConstraintComponent, tekst,
                        self._berichten(beperking) or self._berichten(vorm), sparql=True)

    def regels(self, vorm) -> list[str]:
        """SHACL-AF SPARQL rules of a shape as CONSTRUCT queries over its targets, in sh:order."""
        uit = []
        for regel in sorted(self.vormen.objects(vorm, SH.rule), key=lambda r: float(self.vormen.value(r, SH.order) or 0)):
            if (regel, SH.deactivated, Literal(True)) in self.vormen:
                continue
            construct = self.vormen.value(regel, SH.construct)
            if (regel, RDF.type, SH.SPARQLRule) not in self.vormen or construct is None:
                raise NietVertaalbaar("regel die geen SPARQLRule is")
            uit.append(self.prefixen(regel) + "\n" + self.met_doel(str(construct), self.doelpatroon(vorm)))
        return uit


# ------------------------------------------------------------------ run
def voer_uit(store: ox.Store, controles: list[Controle], vormen: Graph) -> list[Overtreding]:
    """Run the compiled queries; each row is one violation."""
    uit = []
    for controle in controles:
        ernst = vormen.value(controle.vorm, SH.severity) or SH.Violation
        for rij in store.query(controle.tekst):
            focus = naar_rdflib(rij["this"])
            waarde = naar_rdflib(rij["value"]) if _heeft(rij, "value") else None
            berichten = controle.berichten
            if controle.sparql:
                berichten = [Literal(_vul_in(str(b), rij), lang=b.language) for b in berichten]
            uit.append(Overtreding(focus, controle.vorm, controle.component, ernst, berichten, waarde, controle.pad))
    return uit


def _heeft(rij, naam: str) -> bool:
    try:
        return rij[naam] is not None
    except (KeyError, IndexError):
        return False


def _vul_in(bericht: str, rij) -> str:
    def vervang(match):
        naam = match.group(1)
        if naam == "this" or not _heeft(rij, naam):
            return match.group(0)
        return rij[naam].value

    return re.sub(r"\{[?$](\w+)\}", vervang, bericht)


# ------------------------------------------------------------------ FILTER NOT EXISTS as anti-join
VARIABELE = re.compile(r"[?$]([A-Za-z_]\w*)")
NIET_VEILIG = re.compile(r"\b(FILTER|BIND|OPTIONAL|VALUES|MINUS|EXISTS|SERVICE|GRAPH|SELECT)\b", re.IGNORECASE)


def _sluitend(tekst: str, open_at: int) -> int:
    """Index of the brace closing the one at `open_at` (braces inside string literals are not expected)."""
    diepte = 0
    for i in range(open_at, len(tekst)):
        if tekst[i] == "{":
            diepte += 1
        elif tekst[i] == "}":
            diepte -= 1
            if diepte == 0:
                return i
    raise NietVertaalbaar("accolades sluiten niet")


def anti_joins(tekst: str) -> str:
    """Rewrite `FILTER NOT EXISTS { P }` into `MINUS { SELECT DISTINCT ?shared WHERE { P } }`.

    Oxigraph evaluates NOT EXISTS once per solution, with a join inside it in a poor order
    (measured: quadratic on P5 and P10); the anti-join evaluates P once. Only done where both mean
    the same: the filter stands directly in the outer WHERE group (the MINUS goes to its end), P is
    plain triple patterns (UNION allowed), P shares at least one variable with the rest of that group,
    and the group has no OPTIONAL (so every shared variable is bound)."""
    where = re.search(r"\bWHERE\s*\{", tekst, re.IGNORECASE)
    if where is None:
        return tekst
    open_where = where.end() - 1
    sluit_where = _sluitend(tekst, open_where)
    lichaam = tekst[open_where + 1:sluit_where]
    if re.search(r"\bOPTIONAL\b", lichaam, re.IGNORECASE):
        return tekst
    blokken, i = [], 0
    for match in re.finditer(r"FILTER\s+NOT\s+EXISTS\s*\{", lichaam, re.IGNORECASE):
        if match.start() < i or lichaam[:match.start()].count("{") != lichaam[:match.start()].count("}"):
            continue  # inside a nested group or an earlier block
        sluit = _sluitend(lichaam, match.end() - 1)
        blokken.append((match.start(), sluit, lichaam[match.end():sluit]))
        i = sluit + 1
    nieuw_lichaam, vorige, minus = "", 0, []
    for begin, sluit, binnen in blokken:
        buiten = lichaam[:begin] + lichaam[sluit + 1:]
        gedeeld = sorted(set(VARIABELE.findall(binnen)) & set(VARIABELE.findall(buiten)))
        if gedeeld and not NIET_VEILIG.search(binnen):
            nieuw_lichaam += lichaam[vorige:begin]
            minus.append(f"MINUS {{ SELECT DISTINCT {' '.join('?' + v for v in gedeeld)} WHERE {{ {binnen} }} }}")
            vorige = sluit + 1
    nieuw_lichaam += lichaam[vorige:] + " " + " ".join(minus)
    return tekst[:open_where + 1] + nieuw_lichaam + tekst[sluit_where:]
