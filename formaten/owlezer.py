"""Read the XML of an OW-aanlevering safely: a folder or a .zip, the manifest, the deelbestanden.

Untrusted input: no DTD is loaded, no entity is expanded, nothing is fetched (lxml's
resolve_entities=False, load_dtd=False, no_network=True), a DOCTYPE is refused outright, and
file and archive sizes are capped before anything is read. A zip is read in memory, never unpacked.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from advieswijzer.ontologie.planregels import MAX_BYTES, PlanFout
from lxml import etree

MANIFEST = "manifest-ow.xml"
MAX_BESTANDEN = 10_000
DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def lees_xml(data: bytes, naam: str) -> etree._Element:
    """Parse one XML file; a DOCTYPE (where entity bombs and external entities live) is refused."""
    if DOCTYPE.search(data):
        raise PlanFout(f"{naam}: bevat een DOCTYPE; een OW-bestand heeft die niet nodig en hij wordt om "
                       "veiligheidsredenen (entiteiten, externe verwijzingen) geweigerd")
    try:
        return etree.fromstring(data, parser())
    except etree.XMLSyntaxError as fout:
        raise PlanFout(f"{naam}: geen geldige XML (regel {fout.lineno}): {fout.msg}") from None


def lokaal(element) -> str:
    """The local name of an element ('' for comments and processing instructions)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def kinderen(element, naam: str) -> list:
    """Direct children with this local name, in any namespace (IMOW 0.98 has versioned namespaces,
    and its references live in *-ref namespaces; 1.x-3.x do not: matching the local name reads both)."""
    return element.findall("{*}" + naam)


def kind(element, *pad: str):
    """The first element down this path of local names, or None."""
    for naam in pad:
        gevonden = kinderen(element, naam) if element is not None else []
        element = gevonden[0] if gevonden else None
    return element


def tekst(element, *pad: str) -> str:
    gevonden = kind(element, *pad) if pad else element
    return " ".join("".join(gevonden.itertext()).split()) if gevonden is not None else ""


def verwijzingen(element, *pad: str) -> list[str]:
    """xlink:href of every reference element (…Ref) under this path; IMOW 0.98-style text refs too."""
    houder = kind(element, *pad) if pad else element
    if houder is None:
        return []
    uit = []
    for ref in houder:
        if lokaal(ref).endswith("Ref"):
            waarde = ref.get(XLINK_HREF) or (ref.text or "").strip()
            if waarde:
                uit.append(waarde.strip())
    return uit


class Aanlevering:
    """The files of an OW-aanlevering by name (a folder or a zip), read on demand with size limits."""

    def __init__(self, pad: Path, max_bytes: int = MAX_BYTES):
        self.pad, self.max_bytes = Path(pad), max_bytes
        self._zip = None
        if self.pad.is_dir():
            bestanden = [p for p in self.pad.iterdir() if p.is_file()]
            self.namen = {p.name: p for p in bestanden}
        elif zipfile.is_zipfile(self.pad):
            self._zip = zipfile.ZipFile(self.pad)
            infos = [i for i in self._zip.infolist() if not i.is_dir()]
            if len(infos) > MAX_BESTANDEN:
                raise PlanFout(f"{self.pad.name}: meer dan {MAX_BESTANDEN} bestanden in het zip-archief")
            totaal = sum(i.file_size for i in infos)
            if totaal > 4 * max_bytes:
                raise PlanFout(f"{self.pad.name}: uitgepakt {totaal / 1e6:.0f} MB; de grens is {4 * max_bytes / 1e6:.0f} MB")
            # a delivery may sit in one folder inside the zip: names relative to the manifest's folder
            manifesten = [i.filename for i in infos if PurePosixPath(i.filename).name == MANIFEST]
            basis = str(PurePosixPath(manifesten[0]).parent) if manifesten else ""
            basis = "" if basis == "." else basis + "/"
            self.namen = {i.filename[len(basis):]: i for i in infos if i.filename.startswith(basis)
                          and "/" not in i.filename[len(basis):]}
        else:
            raise PlanFout(f"{self.pad}: geen map en geen zip-archief")
        if not self.namen:
            raise PlanFout(f"{self.pad}: de map is leeg; verwacht een OW-aanlevering met {MANIFEST}, "
                           "OW-bestanden en de STOP-regeling")

    def __contains__(self, naam: str) -> bool:
        return naam in self.namen

    def lees(self, naam: str) -> bytes:
        bron = self.namen[naam]
        if self._zip is None:
            if bron.stat().st_size > self.max_bytes:
                raise PlanFout(f"{naam}: groter dan {self.max_bytes / 1e6:.0f} MB")
            return bron.read_bytes()
        with self._zip.open(bron) as f:  # read at most the limit, whatever the header claims
            data = f.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise PlanFout(f"{naam}: groter dan {self.max_bytes / 1e6:.0f} MB")
        return data

    def xml(self, naam: str) -> etree._Element:
        return lees_xml(self.lees(naam), naam)

    def manifest(self) -> list[str]:
        """The OW files the manifest lists (Aanlevering/Bestand/naam); each must be present."""
        if MANIFEST not in self:
            raise PlanFout(f"{self.pad.name}: {MANIFEST} ontbreekt; verwacht een OW-aanlevering (manifest-ow.xml "
                           "met de OW-bestanden, plus de STOP-regeling met de artikelen)")
        wortel = self.xml(MANIFEST)
        if lokaal(wortel) != "Aanleveringen":
            raise PlanFout(f"{MANIFEST}: het hoofdelement is {lokaal(wortel)}, verwacht Aanleveringen")
        namen = [tekst(b, "naam") for a in kinderen(wortel, "Aanlevering") for b in kinderen(a, "Bestand")]
        ontbrekend = [n for n in namen if n not in self]
        if ontbrekend:
            raise PlanFout(f"{MANIFEST} noemt {', '.join(ontbrekend)}, maar dat bestand zit niet in de aanlevering")
        return [n for n in namen if n]

    def overige_xml(self, behalve: set[str]) -> list[str]:
        return sorted(n for n in self.namen if n.lower().endswith(".xml") and n not in behalve and n != MANIFEST)

    def sluit(self) -> None:
        if self._zip is not None:
            self._zip.close()
