"""Benchmark for `valideer`: plans with one werkingsgebied per regel, as real omgevingsplannen have.

    python bench/bench_valideer.py [N ...]            # default 1000 2500 4000 10000
    python bench/bench_valideer.py --per-vorm 4000    # time per shape (which one grows?)
    python bench/bench_valideer.py --pyshacl 1000     # the same plan through pySHACL alone (reference)
    python bench/bench_valideer.py --ow 1000 10000    # a generated OW-aanlevering: reading it, validating it

Each regel has its own werkingsgebied (gebiedstypen, brand- and explosieaandachtsgebieden and
PR-contours with an LPG-tankstation, zeer kwetsbare gebouwen) and there are deliberate findings
(P1 none, P4, P5, P8, P9), so every check has work to do. Reported: building the RDF from the table
(not part of the targets), validation, ms per regel, and the growth factor against the size before.
Targets (issue 11): 1,000 regels < 2 s, 10,000 < 20 s, 4x the regels in at most 4.5x the time.
Median of `--herhaal` runs (default 3; 1 for 10,000 and more). Wall time and CPU time (all threads)
are both shown: on a shared machine the wall time mostly measures the neighbours; growth is on CPU.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advieswijzer.formaten.planregels import tabellen_naar_rdf  # noqa: E402
from advieswijzer.kennis.laden import laad_graaf  # noqa: E402
from advieswijzer.ontologie.valideren import laad_vormen  # noqa: E402
from advieswijzer.ontologie.valideren import valideer as _valideer  # noqa: E402

SOORTEN = ["centrum", "bestaande-woonwijk", "bedrijventerrein", "brandaandachtsgebied",
           "explosieaandachtsgebied", "pr-contour", "gemengd-gebied", "buitengebied"]
AANDACHT = {"brandaandachtsgebied", "explosieaandachtsgebied", "pr-contour"}
KWALIFICATIES = ["gebod", "verbod", "vergunningplicht", "meldingsplicht", "zorgplicht", "toegestaan"]


def genereer(n: int):
    """n regels, each on its own werkingsgebied."""
    werkingsgebieden, regels = [], []
    for i in range(n):
        soort, kwalificatie = SOORTEN[i % len(SOORTEN)], KWALIFICATIES[i % len(KWALIFICATIES)]
        werkingsgebieden.append((i + 2, {
            "werkingsgebied": f"wg-{i}", "soort": soort,
            "gebiedstype": "bedrijventerrein" if soort in AANDACHT else "",
            "kwetsbare_objecten": "zeer-kwetsbaar-gebouw" if i % 7 == 3 else "",
            "kaartverwijzing": f"nl.imow-gm0000.gebied.{i}" if i % 13 else "",
            "activiteiten": "tanken-lpg" if soort in AANDACHT else ""}))
        regels.append((i + 2, {
            "identificatie": f"R{i}", "regeltekst": f"Regeltekst {i}.", "kwalificatie": kwalificatie,
            "werkingsgebied": f"wg-{i}", "activiteit": "bouwactiviteit" if i % 3 else "",
            "object": "zeer-kwetsbaar-gebouw" if i % 5 == 0 else "",
            "onderwerp": "bluswater-en-bereikbaarheid" if i % 4 == 0 else "externe-veiligheid",
            "grondslag": "" if i % 17 == 0 else "bkl 5.7", "ambitieniveau": ""}))
    return regels, werkingsgebieden


def meet(n: int, herhaal: int, motor: str) -> dict:
    t0 = time.perf_counter()
    plan = tabellen_naar_rdf(*genereer(n))
    rdf_s = time.perf_counter() - t0
    tijden, cpu, rapport = [], [], None
    for _ in range(herhaal):
        t1, c1 = time.perf_counter(), time.process_time()
        rapport = valideer(plan, vormen=laad_vormen(), motor=motor)
        tijden.append(time.perf_counter() - t1)
        cpu.append(time.process_time() - c1)
    return {"regels": n, "triples": len(plan), "rdf_s": rdf_s, "valideren_s": statistics.median(tijden),
            "cpu_s": statistics.median(cpu), "aantallen": rapport.aantallen}


def genereer_ow(n: int, map_: Path) -> Path:
    """An OW-aanlevering with n RegelVoorIedereen, each on its own Gebied with a gebiedsaanwijzing, and the
    STOP regeling with an article per regel (the shape of examples/ow/tankstation-noord, n times)."""
    groepen = ["externeveiligheid/id/concept/AandachtsgebiedExterneVeiligheid", "functie/id/concept/Bedrijventerrein",
               "externeveiligheid/id/concept/PlaatsgebondenRisico", "functie/id/concept/Centrumgebied"]
    namen = ["Brandaandachtsgebied LPG-tankstation {i}", "Bedrijventerrein {i}", "Plaatsgebonden risico LPG {i}",
             "Centrum {i}"]
    kwal = ["Gebod", "Toegestaan", "Verbod", "Gebod"]
    ow = 'xmlns:ow-dc="http://www.geostandaarden.nl/imow/bestanden/deelbestand" xmlns:xlink="http://www.w3.org/1999/xlink"'
    regels, locaties, aanwijzingen, artikelen = [], [], [], []
    for i in range(n):
        k = i % 4
        locaties.append(f'<ow-dc:owObject><l:Gebied><l:identificatie>nl.imow-gm9999.gebied.{i}</l:identificatie>'
                        f'<l:noemer>{namen[k].format(i=i)}</l:noemer></l:Gebied></ow-dc:owObject>')
        aanwijzingen.append(f'<ow-dc:owObject><ga:Gebiedsaanwijzing><ga:identificatie>nl.imow-gm9999.gebiedsaanwijzing.{i}'
                            f'</ga:identificatie><ga:naam>{namen[k].format(i=i)}</ga:naam><ga:groep>'
                            f'http://standaarden.omgevingswet.overheid.nl/{groepen[k]}</ga:groep><ga:locatieaanduiding>'
                            f'<l:LocatieRef xlink:href="nl.imow-gm9999.gebied.{i}"/></ga:locatieaanduiding>'
                            '</ga:Gebiedsaanwijzing></ow-dc:owObject>')
        regels.append(f'<ow-dc:owObject><r:Regeltekst wId="gm9999_1__art_{i}"><r:identificatie>nl.imow-gm9999.regeltekst.{i}'
                      f'</r:identificatie></r:Regeltekst></ow-dc:owObject><ow-dc:owObject><r:RegelVoorIedereen>'
                      f'<r:identificatie>nl.imow-gm9999.juridischeregel.{i}</r:identificatie><r:artikelOfLid><r:RegeltekstRef '
                      f'xlink:href="nl.imow-gm9999.regeltekst.{i}"/></r:artikelOfLid><r:locatieaanduiding><l:LocatieRef '
                      f'xlink:href="nl.imow-gm9999.gebied.{i}"/></r:locatieaanduiding><r:activiteitaanduiding>'
                      f'<rol:ActiviteitRef xlink:href="nl.imow-gm9999.activiteit.{"lpg" if k == 1 else "bouwen"}"/>'
                      f'<r:ActiviteitLocatieaanduiding><r:identificatie>nl.imow-gm9999.ala.{i}</r:identificatie>'
                      f'<r:activiteitregelkwalificatie>http://standaarden.omgevingswet.overheid.nl/activiteitregelkwalificatie'
                      f'/id/concept/{kwal[k]}</r:activiteitregelkwalificatie><r:locatieaanduiding><l:LocatieRef '
                      f'xlink:href="nl.imow-gm9999.gebied.{i}"/></r:locatieaanduiding></r:ActiviteitLocatieaanduiding>'
                      '</r:activiteitaanduiding></r:RegelVoorIedereen></ow-dc:owObject>')
        artikelen.append(f'<Artikel wId="gm9999_1__art_{i}"><Kop><Label>Artikel</Label><Nummer>{i}</Nummer></Kop>'
                         f'<Inhoud><Al>Regel {i}.</Al></Inhoud></Artikel>')
    activiteiten = ('<ow-dc:owObject><rol:Activiteit><rol:identificatie>nl.imow-gm9999.activiteit.lpg</rol:identificatie>'
                    '<rol:naam>LPG-tankstation</rol:naam></rol:Activiteit></ow-dc:owObject><ow-dc:owObject><rol:Activiteit>'
                    '<rol:identificatie>nl.imow-gm9999.activiteit.bouwen</rol:identificatie><rol:naam>Bouwen</rol:naam>'
                    '</rol:Activiteit></ow-dc:owObject>')
    bestanden = {"owRegelteksten.xml": ('xmlns:r="http://www.geostandaarden.nl/imow/regels" '
                                        'xmlns:rol="http://www.geostandaarden.nl/imow/regelsoplocatie" '
                                        'xmlns:l="http://www.geostandaarden.nl/imow/locatie"', regels),
                 "owLocaties.xml": ('xmlns:l="http://www.geostandaarden.nl/imow/locatie"', locaties),
                 "owGebiedsaanwijzingen.xml": ('xmlns:ga="http://www.geostandaarden.nl/imow/gebiedsaanwijzing" '
                                               'xmlns:l="http://www.geostandaarden.nl/imow/locatie"', aanwijzingen),
                 "owActiviteiten.xml": ('xmlns:rol="http://www.geostandaarden.nl/imow/regelsoplocatie"', [activiteiten])}
    map_.mkdir(parents=True, exist_ok=True)
    for naam, (ns, objecten) in bestanden.items():
        (map_ / naam).write_text(f'<ow-dc:owBestand {ow} {ns}><sl:standBestand xmlns:sl="http://www.geostandaarden.nl/'
                                 f'bestanden-ow/standlevering-generiek">' + "".join(f"<sl:stand>{o}</sl:stand>" for o in objecten)
                                 + "</sl:standBestand></ow-dc:owBestand>", encoding="utf-8")
    (map_ / "manifest-ow.xml").write_text('<Aanleveringen xmlns="http://www.geostandaarden.nl/bestanden-ow/manifest-ow">'
                                          "<Aanlevering>" + "".join(f"<Bestand><naam>{n}</naam></Bestand>" for n in bestanden)
                                          + "</Aanlevering></Aanleveringen>", encoding="utf-8")
    (map_ / "regeling.xml").write_text('<Lichaam xmlns="https://standaarden.overheid.nl/stop/imop/tekst/">'
                                       + "".join(artikelen) + "</Lichaam>", encoding="utf-8")
    return map_


def meet_ow(n: int) -> None:
    import tempfile

    from advieswijzer.formaten.ow import lees_ow

    with tempfile.TemporaryDirectory() as tmp:
        map_ = genereer_ow(n, Path(tmp) / "aanlevering")
        t0, c0 = time.perf_counter(), time.process_time()
        plan = lees_ow(map_)
        t1, c1 = time.perf_counter(), time.process_time()
        rapport = valideer(plan, vormen=laad_vormen())
        t2, c2 = time.perf_counter(), time.process_time()
    print(f"{n:>7} {len(plan):>8} {t1 - t0:>9.2f}s {c1 - c0:>6.2f}s {t2 - t1:>9.2f}s {c2 - c1:>6.2f}s  {rapport.aantallen}",
          flush=True)


def per_vorm(n: int) -> None:
    """Time each compiled query (and the rules) on one plan: which shape dominates, which grows."""
    import pyoxigraph as ox
    from advieswijzer.ontologie.shacl_oxigraph import Vertaler, laad_store

    plan = tabellen_naar_rdf(*genereer(n))
    t0 = time.perf_counter()
    store = laad_store(laad_graaf(), plan)
    print(f"laden in Oxigraph: {time.perf_counter() - t0:.2f}s")
    vertaler = Vertaler(laad_vormen())
    for vorm in vertaler.doelvormen():
        for tekst in vertaler.regels(vorm):
            t = time.perf_counter()
            for triple in list(store.query(tekst)):
                store.add(ox.Quad(triple.subject, triple.predicate, triple.object))
            print(f"{time.perf_counter() - t:8.3f}s  regel van {vorm.split('#')[-1]}")
    for vorm in vertaler.doelvormen():
        for controle in vertaler.controles(vorm):
            t = time.perf_counter()
            aantal = sum(1 for _ in store.query(controle.tekst))
            print(f"{time.perf_counter() - t:8.3f}s  {vorm.split('#')[-1]:<28} "
                  f"{controle.component.split('#')[-1]:<36} {aantal} bevindingen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aantallen", nargs="*", type=int, default=[1000, 2500, 4000, 10000])
    parser.add_argument("--herhaal", type=int, default=3)
    parser.add_argument("--per-vorm", action="store_true")
    parser.add_argument("--pyshacl", action="store_true", help="alles in pySHACL (de referentie)")
    parser.add_argument("--ow", action="store_true", help="een gegenereerde OW-aanlevering: lezen en valideren")
    args = parser.parse_args()
    if args.ow:
        valideer(tabellen_naar_rdf(*genereer(10)), vormen=laad_vormen())  # warm up
        print(f"{'regels':>7} {'triples':>8} {'OW lezen':>10} {'cpu':>7} {'valideren':>10} {'cpu':>7}  bevindingen")
        for n in args.aantallen:
            meet_ow(n)
        return
    if args.per_vorm:
        for n in args.aantallen:
            per_vorm(n)
        return
    motor = "pyshacl" if args.pyshacl else "oxigraph"
    valideer(tabellen_naar_rdf(*genereer(10)), vormen=laad_vormen(), motor=motor)  # warm up: knowledge, shapes
    print(f"{'regels':>7} {'triples':>8} {'tabel->RDF':>11} {'valideren':>10} {'cpu':>7} {'per regel':>10} "
          f"{'groei (cpu)':>12}  bevindingen")
    vorige = None
    for n in args.aantallen:
        m = meet(n, args.herhaal if n < 10000 else 1, motor)
        groei = f"{m['cpu_s'] / vorige['cpu_s']:.2f}x/{n / vorige['regels']:.1f}x" if vorige else ""
        print(f"{m['regels']:>7} {m['triples']:>8} {m['rdf_s']:>10.2f}s {m['valideren_s']:>9.2f}s {m['cpu_s']:>6.2f}s "
              f"{1000 * m['valideren_s'] / n:>8.2f}ms {groei:>12}  {m['aantallen']}", flush=True)
        vorige = m


def valideer(plan, **opties):
    return _valideer(plan, _kennis(), **opties)


_KENNIS = []


def _kennis():
    if not _KENNIS:
        _KENNIS.append(laad_graaf())
    return _KENNIS[0]


if __name__ == "__main__":
    main()
