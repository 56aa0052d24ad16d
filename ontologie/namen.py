"""Namespaces of the project, in one place: logic never spells an IRI out."""

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, XSD

AW = Namespace("https://advieswijzer.nl/def#")  # klassen en eigenschappen
ID = Namespace("https://advieswijzer.nl/id/")  # begrippen: de ids van het contract
REGEL = Namespace("https://advieswijzer.nl/regel/")  # adviesafspraken (kruisjes) en regels
KENNISGRAAF = Namespace("https://advieswijzer.nl/kennis/")  # profielen en hun benoemde grafen in een gedeelde opslag



def id_van(term) -> str:
    """The contract id of a concept IRI: https://advieswijzer.nl/id/tanken-lpg -> tanken-lpg."""
    return str(term).removeprefix(str(ID))


def lokale_naam(term) -> str:
    """The last part of any IRI (after '#' or '/'): the name of a rule, a shape, a class."""
    tekst = str(term)
    for scheiding in ("#", "/"):
        tekst = tekst.rsplit(scheiding, 1)[-1]
    return tekst


ONTOLOGIE_MAP = Path(__file__).parent
VORMEN_MAP = ONTOLOGIE_MAP / "vormen"

PREFIXEN = {"aw": AW, "id": ID, "regel": REGEL, "skos": SKOS, "dct": DCTERMS,
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sh": SH}

__all__ = ["AW", "ID", "REGEL", "KENNISGRAAF", "DCTERMS", "RDF", "RDFS", "SH", "SKOS", "XSD",
           "ONTOLOGIE_MAP", "VORMEN_MAP", "PREFIXEN", "id_van", "lokale_naam"]
