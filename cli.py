"""Advieswijzer command line: one short function per command; the work is in the packages."""

from __future__ import annotations

import json
import logging
import sys
from functools import wraps
from pathlib import Path

import click

if __package__ in (None, ""):  # `python cli.py` from a checkout: the checkout is the advieswijzer package
    import importlib.util

    if importlib.util.find_spec("advieswijzer") is None:
        import types

        _pakket = types.ModuleType("advieswijzer")
        _pakket.__path__ = [str(Path(__file__).resolve().parent)]
        sys.modules["advieswijzer"] = _pakket

from advieswijzer.ontologie import ExitStatus, OnbruikbareInvoer  # noqa: E402 - after the checkout shim

MELD_BUG = "https://github.com/advieswijzer/advieswijzer/issues"


def invoerfouten(functie):
    """The one mapping from errors to exit status (ontologie/fouten.py): an `OnbruikbareInvoer` is one line
    on stderr and exit 2, Ctrl-C is 130, anything else is a bug: one line, where to report it, exit 3."""

    @wraps(functie)
    def verpakt(*args, **kwargs):
        from advieswijzer.ontologie import AdvieswijzerFout, OnbruikbareInvoer

        try:
            return functie(*args, **kwargs)
        except OnbruikbareInvoer as fout:
            click.echo(f"fout: {fout}", err=True)
            sys.exit(fout.exit_status)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("onderbroken", err=True)
            sys.exit(ExitStatus.ONDERBROKEN)
        except Exception as fout:  # noqa: BLE001 - last line of defence: no traceback for users
            status = fout.exit_status if isinstance(fout, AdvieswijzerFout) else ExitStatus.INTERNE_FOUT
            click.echo(f"interne fout: {type(fout).__name__}: {fout}\nMeld dit met de invoer op {MELD_BUG}",
                       err=True)
            sys.exit(status)

    return verpakt


TABELVORMEN = (".csv", ".tsv", ".xlsx", ".jsonl")


def lees_json(pad: str) -> object:
    """One aanvraag as JSON from a file or - (stdin); a byte-order mark (Notepad) is allowed. A table
    of aanvragen gets the advice to use `batch`."""
    from pathlib import Path

    from advieswijzer.kennis import JsonFout, json_uit_tekst

    if pad != "-" and Path(pad).suffix.lower() in TABELVORMEN:
        raise OnbruikbareInvoer(f"{pad}: dit is een tabel met aanvragen ({Path(pad).suffix.lower()}); `advies` leest "
                                f"één aanvraag als JSON. Gebruik: advieswijzer batch {pad} -o gerouteerd.xlsx")
    try:
        inhoud = sys.stdin.buffer.read() if pad == "-" else Path(pad).read_bytes()
    except OSError:
        raise OnbruikbareInvoer(f"{pad}: niet te lezen (rechten?)") from None
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OnbruikbareInvoer(f"{pad}: geen UTF-8-tekst") from None
    try:
        return json_uit_tekst(tekst)
    except JsonFout as fout:
        kop = tekst.lstrip().partition("\n")[0]
        if "soort" in kop and ("," in kop or ";" in kop) and not kop.startswith(("{", "[")):
            raise OnbruikbareInvoer(f"{pad}: dit lijkt een CSV-tabel met aanvragen; `advies` leest één aanvraag "
                                    f"als JSON. Gebruik: advieswijzer batch {pad} --input-format csv") from None
        raise OnbruikbareInvoer(f"{pad}: {fout}") from None


REGIO = click.option("--regio", metavar="NAAM", help="Pas het regioprofiel NAAM toe (zie `kennis regio's`).")
KENNISMAP = click.option("--kennismap", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
                         help="Eigen kennismap met regioprofielen in DIR/regio/ (standaard $ADVIESWIJZER_KENNISMAP "
                              "of de gebruikersmap, zie `kennis regio's`).")


def kennisbron_opties(versie: bool = False):
    """--kennismap, --kennisbron (and --kennisversie) as one `bron` argument (kennis.laden.Kennisbron)."""
    opties = [KENNISMAP, click.option(
        "--kennisbron", metavar="URL", envvar="ADVIESWIJZER_KENNISBRON", show_envvar=True,
        help="Lees de kennis uit een gedeelde opslag: het SPARQL-eindpunt (bv. http://host:8890/sparql). "
             "Inloggegevens uit ADVIESWIJZER_KENNISBRON_GEBRUIKER/_WACHTWOORD of ~/.netrc.")]
    if versie:
        opties.append(click.option("--kennisversie", metavar="VERSIE",
                                   help="Gebruik precies deze kennisversie (kennis.versie van een eerder advies), "
                                        "uit de cache of de kennisbron."))

    def decorator(functie):
        @wraps(functie)
        def verpakt(*args, kennismap=None, kennisbron=None, kennisversie=None, **kwargs):
            from advieswijzer.kennis import Kennisbron

            return functie(*args, bron=Kennisbron(kennismap, kennisbron, kennisversie), **kwargs)

        for optie in reversed(opties):
            verpakt = optie(verpakt)
        return verpakt

    return decorator


class _Waarschuwingen(logging.Handler):
    """Warnings of the library (e.g. a store that cannot be reached) as one Dutch line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"waarschuwing: {record.getMessage()}", err=True)


def gebruiksfout_nl(fout: click.UsageError) -> str:
    """Click's usage errors in Dutch, from the structured exception (not its English text)."""
    param = getattr(fout, "param", None)
    naam = ""
    if isinstance(param, click.Option):
        naam = f"'{param.opts[0]}'"
    elif param is not None:
        naam = param.human_readable_name
    if isinstance(fout, click.exceptions.NoSuchCommand):
        opties = ", ".join(sorted(fout.possibilities)) if fout.possibilities else "zie --help"
        return f"onbekend commando '{fout.command_name}'; kies uit: {opties}"
    if isinstance(fout, click.exceptions.NoSuchOption):
        bedoeld = f" (bedoelt u {' of '.join(sorted(fout.possibilities))}?)" if fout.possibilities else ""
        return f"onbekende optie '{fout.option_name}'{bedoeld}"
    if isinstance(fout, click.exceptions.BadOptionUsage):
        return f"optie '{fout.option_name}' vraagt een waarde"
    if isinstance(fout, click.exceptions.MissingParameter):
        soort = "optie" if isinstance(param, click.Option) else "argument"
        return f"{soort} {naam} ontbreekt"
    if isinstance(fout, click.exceptions.BadParameter) and param is not None:
        t = param.type
        if isinstance(t, click.Choice):
            uitleg = "kies uit " + ", ".join(map(str, t.choices))
        elif isinstance(t, click.IntRange):
            uitleg = f"verwacht een geheel getal van {t.min} tot en met {t.max}"
        elif isinstance(t, click.DateTime):
            uitleg = "verwacht een datum als JJJJ-MM-DD"
        elif isinstance(t, click.Path | click.File):
            uitleg = "het bestand bestaat niet, is een map of is niet te lezen"
        else:
            uitleg = "ongeldige waarde"
        return f"ongeldige waarde voor {naam}: {uitleg}"
    extra = fout.format_message().removeprefix("Got unexpected extra argument")
    if extra != fout.format_message():  # click has no structured form for this one
        return f"onverwacht extra argument {extra.lstrip('s ')}"
    return fout.format_message()


class Groep(click.Group):
    """The command group, with click's own usage errors in Dutch (exit 2, like every input error)."""

    group_class = type  # subgroups (kennis) are Groepen too

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            terug = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as fout:
            click.echo(fout.ctx.get_help())
            sys.exit(ExitStatus.OK)
        except click.UsageError as fout:
            if fout.ctx is not None:
                click.echo(fout.ctx.get_usage().replace("Usage:", "Gebruik:", 1), err=True)
                click.echo(f"Zie '{fout.ctx.command_path} --help'.", err=True)
            click.echo(f"fout: {gebruiksfout_nl(fout)}", err=True)
            sys.exit(ExitStatus.INVOERFOUT)
        except click.ClickException as fout:
            click.echo(f"fout: {fout.format_message()}", err=True)
            sys.exit(fout.exit_code)
        except click.Abort:
            click.echo("afgebroken", err=True)
            sys.exit(ExitStatus.ONDERBROKEN)
        if not standalone_mode:
            return terug
        sys.exit(terug if isinstance(terug, int) else ExitStatus.OK)


@click.group(cls=Groep, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="advieswijzer")
def main():
    """Advieswijzer: wie adviseert, in welke rol, waarover en waarom (Omgevingswet).

    Voor intake (advies, batch), planners (valideer) en kennisbeheerders (kennis).
    """
    logger = logging.getLogger("advieswijzer")
    if not any(isinstance(h, _Waarschuwingen) for h in logger.handlers):
        logger.addHandler(_Waarschuwingen(logging.WARNING))


@main.command()
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "formaat", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True, help="Uitvoervorm.")
@click.option("--uitleg", is_flag=True, help="Toon ook de redenering: feiten, afleidingen en regels die vuurden.")
@REGIO
@kennisbron_opties(versie=True)
@invoerfouten
def advies(bestand, formaat, uitleg, regio, bron):
    """Advies voor een aanvraag (JSON-bestand, of - voor stdin): partners, rollen, onderwerpen, redenen
    en het oordeel over risicogericht samenwerken."""
    from advieswijzer.formaten import als_markdown, als_tekst, uitleg_tekst
    from advieswijzer.kennis import laad_kennis, lees_aanvraag
    from advieswijzer.regels import adviseer

    data = lees_json(bestand)
    kennis = laad_kennis(regio, bron=bron)
    aanvraag = lees_aanvraag(data, kennis)
    resultaat = adviseer(aanvraag, kennis, uitleg=uitleg)
    if formaat == "json":
        click.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
        return
    weergave = als_markdown if formaat == "md" else als_tekst
    click.echo(weergave(resultaat, kennis, datum=aanvraag.datum))
    if uitleg:
        click.echo("\n" + uitleg_tekst(resultaat))


# -- batch (issue 4) --------------------------------------------------------

@main.command("batch")
@click.argument("invoer", metavar="IN")
@click.option("-o", "--output", "uitvoer", metavar="OUT",
              help="Uitvoerbestand (.csv, .xlsx of .jsonl); zonder -o: JSON Lines op stdout.")
@click.option("--input-format", "invoerformaat", type=click.Choice(["csv", "jsonl", "xlsx"]),
              help="Invoervorm als de extensie die niet zegt (of bij - voor stdin).")
@click.option("--format", "formaat", type=click.Choice(["csv", "jsonl", "xlsx"]),
              help="Uitvoervorm; standaard volgens de extensie van OUT.")
@click.option("--hervat", is_flag=True, help="Ga verder met een onderbroken run: de rijen die al in OUT staan "
                                             "blijven staan, de rest wordt toegevoegd.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Aantal processen (0 = alle kernen).")
@REGIO
@kennisbron_opties(versie=True)
@invoerfouten
def batch(invoer, uitvoer, invoerformaat, formaat, hervat, jobs, regio, bron):
    """Classificeer een hele instroom (CSV, JSON Lines of XLSX; - voor stdin): per invoerrij precies één
    uitvoerrij, in volgorde; een foute rij wordt een foutregel met rijnummer. Rijnummers zijn zoals u ze
    in het bestand ziet (CSV/XLSX: kopregel = rij 1; JSON Lines: regelnummer). Exit 1 als er foutregels zijn."""
    from advieswijzer.formaten import Voortgang, voer_uit

    try:
        with Voortgang() as voortgang:
            samenvatting = voer_uit(invoer, uitvoer, invoerformaat=invoerformaat, formaat=formaat, regio=regio,
                                    jobs=jobs, hervat=hervat, voortgang=voortgang, bron=bron)
    except KeyboardInterrupt:
        click.echo(f"onderbroken; de uitvoer tot hier is geldig. Ga verder met: batch {invoer} -o {uitvoer} "
                   "--hervat" if uitvoer else "onderbroken", err=True)
        sys.exit(ExitStatus.ONDERBROKEN)
    click.echo(samenvatting.tekst(), err=True)
    if samenvatting.fouten:
        sys.exit(ExitStatus.NIET_GESLAAGD)


main.add_command(click.Command("classify", callback=batch.callback, params=batch.params, help=batch.help,
                               hidden=True))

# -- valideer (issue 5) -----------------------------------------------------

@main.command()
@click.argument("bestand", type=click.Path(exists=True))
@click.option("--werkingsgebieden", "werkingsgebieden", type=click.Path(exists=True, dir_okay=False),
              help="CSV-tabel met de werkingsgebieden (bij een CSV-tabel regels).")
@click.option("--vormen", "vormen", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra SHACL-vormen (Turtle), bv. een regionaal ambitieniveau; mag vaker.")
@click.option("--format", "formaat", type=click.Choice(["text", "json", "ttl", "html"]), default="text",
              show_default=True, help="Uitvoervorm: tekst, JSON (contract §6), sh:ValidationReport in Turtle, "
                                      "of één HTML-pagina om te delen.")
@invoerfouten
def valideer(bestand, werkingsgebieden, vormen, formaat):
    """Controleer een planregelset op P1-P10 van contract §6: een OW-aanlevering (map of .zip met
    manifest-ow.xml), Turtle, JSON-LD, CSV of XLSX.

    Exit 0 als er geen Violation is, 1 als die er wel is, 2 bij onleesbare of lege invoer."""
    from advieswijzer.formaten import is_ow, lees_ow, lees_planregels
    from advieswijzer.kennis import laad_graaf
    from advieswijzer.ontologie import als_tekst
    from advieswijzer.ontologie import valideer as valideer_plan

    if is_ow(bestand):
        if werkingsgebieden:
            raise OnbruikbareInvoer("--werkingsgebieden hoort bij een CSV-tabel; een OW-aanlevering heeft eigen "
                                    "locaties")
        plan = lees_ow(bestand)
    else:
        plan = lees_planregels(bestand, werkingsgebieden)
    rapport = valideer_plan(plan, laad_graaf(), extra_vormen=vormen)
    if formaat == "json":
        click.echo(json.dumps(rapport.naar_json(), ensure_ascii=False, indent=2))
    elif formaat == "ttl":
        click.echo(rapport.graaf.serialize(format="turtle"))
    elif formaat == "html":
        from advieswijzer.formaten import rapport_html

        click.echo(rapport_html(rapport, titel=f"Planregels: {bestand}"))
    else:
        click.echo(als_tekst(rapport))
    sys.exit(ExitStatus.OK if rapport.conform else ExitStatus.NIET_GESLAAGD)


# -- kennis (issue 6) -------------------------------------------------------

@main.group()
def kennis():
    """Onderhoud van de kennisbank: controleren, kruisjeslijst exporteren en tonen, regioprofielen
    importeren, routering als plaatje."""


@kennis.command()
@click.option("--format", "formaat", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Uitvoervorm.")
@REGIO
@kennisbron_opties()
@invoerfouten
def controleer(formaat, regio, bron):
    """Controleer de kennisbank zelf: SHACL-vormen (K1-K5) en grafcontroles (K6-K10: cyclus in de
    taxonomie, activiteit zonder partner, regel die nooit kan vuren, partner zonder route, regionaal
    kruisje dat een landelijk kruisje herhaalt).

    Exit 0 als er geen Violation is, 1 als die er wel is."""
    from advieswijzer.kennis import controle_als_tekst, controleer_graaf, laad_graaf

    rapport = controleer_graaf(laad_graaf(regio=regio, bron=bron))
    if formaat == "json":
        click.echo(json.dumps(rapport.naar_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(controle_als_tekst(rapport))
    sys.exit(ExitStatus.OK if rapport.conform else ExitStatus.NIET_GESLAAGD)


DATUM = click.option("--datum", type=click.DateTime(["%Y-%m-%d"]), metavar="JJJJ-MM-DD",
                     help="Alleen de kruisjes die op deze datum golden.")


def _toon_matrix(matrix):
    from advieswijzer.formaten import als_rich_tabel
    from rich.console import Console

    # a pipe or file gets a wide table (rich would squeeze it to 80 columns and hide the marks)
    console = Console()
    Console(width=max(console.width, 200) if not console.is_terminal else None).print(als_rich_tabel(matrix))


def _kennis_en_graaf(regio, bron, wettelijk: bool = True):
    """The compiled knowledge and, for the statutory rows, its RDF graph of the same version."""
    from advieswijzer.kennis import laad_graaf, laad_kennis

    kennis = laad_kennis(regio, bron=bron)
    if not wettelijk:
        return kennis, None
    return kennis, laad_graaf(regio=regio, bron=bron.vast(kennis.versie) if bron.url else bron)


@kennis.command()
@click.option("-o", "--output", "uitvoer", type=click.Path(dir_okay=False),
              help="Schrijf naar FILE.xlsx of FILE.csv; zonder -o een tabel op de terminal.")
@DATUM
@click.option("--zonder-wettelijk", is_flag=True,
              help="Zonder de wettelijke tekens A/I (een sjabloon voor een regionale tabel).")
@REGIO
@kennisbron_opties()
@invoerfouten
def kruisjeslijst(uitvoer, datum, zonder_wettelijk, regio, bron):
    """De kruisjeslijst (contract §8) uit de kennisbank: een rij per trigger, een kolom per partner,
    met voorwaarde, onderwerpen en bron. Tekens: x betrokken, U uitvoerder, A wettelijk adviseur,
    I instemming. Zonder --datum alle kruisjes, met hun geldigheid."""
    from advieswijzer.formaten import schrijf_kruisjeslijst as schrijf
    from advieswijzer.kennis import bouw_matrix

    kennis, graaf = _kennis_en_graaf(regio, bron, wettelijk=not zonder_wettelijk)
    matrix = bouw_matrix(kennis, graaf, datum=datum.date() if datum else None, wettelijk=not zonder_wettelijk)
    if uitvoer is None:
        _toon_matrix(matrix)
        return
    schrijf(matrix, Path(uitvoer))
    click.echo(f"{len(matrix.rijen)} rijen, {len(matrix.partners)} partners -> {uitvoer}", err=True)


@kennis.command()
@click.option("--datum", type=click.DateTime(["%Y-%m-%d"]), metavar="JJJJ-MM-DD",
              help="De lijst zoals die op deze datum gold; standaard vandaag.")
@REGIO
@kennisbron_opties()
@invoerfouten
def toon(datum, regio, bron):
    """Toon de kruisjeslijst zoals die op een datum gold (standaard vandaag), zodat een advies van
    toen na te gaan is."""
    from datetime import date

    from advieswijzer.kennis import bouw_matrix

    kennis, graaf = _kennis_en_graaf(regio, bron)
    _toon_matrix(bouw_matrix(kennis, graaf, datum=datum.date() if datum else date.today()))


@kennis.command()
@click.argument("bestand", type=click.Path(dir_okay=False))
@click.option("--regio", required=True, metavar="NAAM", help="Naam van het regioprofiel (kleine letters, '-').")
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaand regioprofiel met deze naam in de eigen kennismap.")
@KENNISMAP
@invoerfouten
def importeer(bestand, regio, overschrijf, kennismap):
    """Lees de kruisjeslijst van een regio (CSV of XLSX, contract §8) en schrijf het regioprofiel
    NAAM.ttl in de eigen kennismap (nooit in het geinstalleerde pakket): x voegt een kruisje toe, U een
    uitvoerder, - trekt het landelijke kruisje in. Voorwaarde: gevolgklasse>=N en/of een reikwijdte (bv.
    milieuvergunning-of-melding), gescheiden door ';'. Een fout (onbekende id, verkeerd teken, A/I, een
    formule) noemt rij en kolom; dan wordt niets geschreven."""
    from advieswijzer.formaten import importeer as importeer_tabel
    from advieswijzer.kennis import MEEGELEVERD

    doel, profiel = importeer_tabel(Path(bestand), regio, overschrijf=overschrijf, kennismap=kennismap)
    verbergt = " (verbergt het meegeleverde profiel met die naam)" if (MEEGELEVERD / doel.name).is_file() else ""
    map_optie = f" --kennismap {kennismap}" if kennismap else ""
    click.echo(f"regioprofiel {regio!r}: {len(profiel.afspraken)} kruisjes, {len(profiel.intrekkingen)} "
               f"intrekkingen -> {doel}{verbergt}\ngebruik: advieswijzer advies AANVRAAG.json --regio {regio}"
               f"{map_optie}", err=True)


@kennis.command()
@click.option("--naar", required=True, metavar="URL",
              help="Het Graph Store-eindpunt (SPARQL 1.1 Graph Store HTTP Protocol) van de gedeelde opslag, "
                   "bv. http://host:8890/sparql-graph-crud-auth bij Virtuoso.")
@click.option("--regio", "regio_s", multiple=True, metavar="NAAM",
              help="Alleen dit regioprofiel (mag vaker); standaard alle profielen van `kennis regio's`.")
@KENNISMAP
@invoerfouten
def publiceer(naar, regio_s, kennismap):
    """Publiceer de landelijke kennis en de regioprofielen in een gedeelde SPARQL-opslag: per profiel en
    kennisversie een benoemde graaf (de versie staat in het adres). Alles wordt eerst gecontroleerd
    (`kennis controleer`); een profiel dat niet door de controle komt, wordt niet geschreven.
    Inloggegevens uit ADVIESWIJZER_KENNISBRON_GEBRUIKER/_WACHTWOORD of ~/.netrc, nooit op de opdrachtregel."""
    from advieswijzer.kennis import publiceer_kennis

    for pub in publiceer_kennis(naar, list(regio_s) if regio_s else None, kennismap=kennismap):
        click.echo(f"{pub.profiel}: kennisversie {pub.versie} -> {pub.graaf}")
    click.echo(f"gebruik: advieswijzer advies AANVRAAG.json --kennisbron SPARQL-URL (bij Virtuoso "
               f"{naar.rsplit('/', 1)[0]}/sparql)", err=True)


@kennis.command("regio's")
@click.option("--format", "formaat", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Uitvoervorm.")
@kennisbron_opties()
@invoerfouten
def regio_s(formaat, bron):
    """Welke regioprofielen er zijn: herkomst (meegeleverd, eigen map of kennisbron), geldigheid, aantal
    kruisjes en kennisversie (de kennis.versie van een advies met --regio NAAM). Met --kennisbron: elke
    gepubliceerde versie, de huidige gemarkeerd."""
    from advieswijzer.kennis import eigen_regiomap, uit_mappen, uit_opslag

    lijst = uit_opslag(bron.url) if bron.url else uit_mappen(bron.kennismap)
    if formaat == "json":
        click.echo(json.dumps([p.naar_json() for p in lijst], ensure_ascii=False, indent=2))
        return
    _toon_profielen(lijst)
    if not bron.url:
        click.echo(f"eigen kennismap: {eigen_regiomap(bron.kennismap)}", err=True)


def _toon_profielen(lijst):
    from rich.console import Console
    from rich.table import Table

    opslag = any(p.herkomst == "kennisbron" for p in lijst)
    tabel = Table("regio", "herkomst", "geldig vanaf", "geldig tot", "kennisversie",
                  *(["gepubliceerd", "huidig"] if opslag else ["kruisjes", "intrekkingen", "bestand"]))
    for p in lijst:
        tabel.add_row(p.regio, p.herkomst, p.geldig_vanaf or "-", p.geldig_tot or "open", p.versie,
                      *([p.gepubliceerd or "", "ja" if p.huidig else ""] if opslag
                        else [str(p.kruisjes), str(p.intrekkingen), p.plaats]))
    console = Console()
    Console(width=max(console.width, 160) if not console.is_terminal else None).print(tabel)


# the same without the apostrophe, which a shell wants quoted
kennis.add_command(click.Command("regios", callback=regio_s.callback, params=regio_s.params, help=regio_s.help,
                                 hidden=True))



@kennis.command()
@click.option("-o", "--output", "uitvoer", type=click.Path(dir_okay=False), required=True,
              help="FILE.dot, FILE.svg (vraagt Graphviz), FILE.graphml of FILE.gexf (yEd, Gephi).")
@REGIO
@kennisbron_opties()
@invoerfouten
def graaf(uitvoer, regio, bron):
    """Een plaatje van de routering: activiteiten, soorten en kenmerken met pijlen naar de partners
    (x, U, A, I) en de taxonomie (gestippeld: 'is een')."""
    from advieswijzer.formaten import bouw_graaf, schrijf_graaf
    from advieswijzer.kennis import laad_graaf

    g = bouw_graaf(laad_graaf(regio=regio, bron=bron))
    schrijf_graaf(g, Path(uitvoer))
    click.echo(f"{g.number_of_nodes()} knopen, {g.number_of_edges()} pijlen -> {uitvoer}", err=True)

# -- begrippen (issue 14) ---------------------------------------------------

@main.command()
@click.argument("zoek", nargs=-1)
@click.option("--lijst", "lijsten", multiple=True, metavar="LIJST",
              type=click.Choice(["activiteit", "soort", "kenmerk", "kwetsbaar-object", "aandachtsgebied",
                                 "gebiedstype"]),
              help="Alleen deze lijst (mag vaker): activiteit, soort, kenmerk, kwetsbaar-object, aandachtsgebied, "
                   "gebiedstype.")
@click.option("--format", "formaat", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Uitvoervorm.")
@REGIO
@invoerfouten
def begrippen(zoek, lijsten, formaat, regio):
    """Zoek een begrip in gewone woorden (bv. `begrippen thuisbatterij`) of toon ze allemaal: id, naam,
    andere namen en de bron van woorden uit een document. Vindt ook meervouden, samenstellingen en
    tikfouten; dezelfde zoeker als het zoekveld van het loket en de meldingen bij de omschrijving."""
    from advieswijzer.kennis import begrippenlijst, laad_kennis

    vraag = " ".join(zoek)
    lijst = begrippenlijst(laad_kennis(regio), vraag, lijsten)
    if formaat == "json":
        click.echo(json.dumps(lijst, ensure_ascii=False, indent=2))
        return
    if not lijst:
        click.echo(f"Niets gevonden voor '{vraag}'. Probeer een ander woord, of `advieswijzer begrippen` voor "
                   "de hele lijst.", err=True)
    for b in lijst:
        via = f"  (gevonden via '{b['via']}')" if vraag and b["via"] != b["label"] else ""
        click.echo(f"{b['lijst']:<16} {b['id']:<36} {b['label']}{via}")
        if b["ook"]:
            click.echo(f"{'':<53} ook: {', '.join(b['ook'])}")
        for woord, bron in b["bronnen"].items():
            click.echo(f"{'':<53} '{woord}': {bron}")


# -- loket ------------------------------------------------------------------

@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren; alleen deze computer bij 127.0.0.1 (er is geen login).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Poort.")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Aantal verzoeken tegelijk.")
@REGIO
@kennisbron_opties()
@invoerfouten
def loket(host, port, threads, regio, bron):
    """Start de webpagina voor intake: formulier en JSON-API (POST /api/advies) voor hetzelfde advies als
    `advies`. Een echte webserver (waitress, ook op Windows) met beveiligingskopregels en een toegangslog op
    stderr. Elke pagina heeft een JSON-tweeling; stop met Ctrl+C."""
    import socket

    from advieswijzer.kennis import laad_kennis
    from advieswijzer.loket import maak_app, serveer, waarschuwing

    app = maak_app(regio, kennis=laad_kennis(regio, bron=bron))
    try:  # check first, so a busy port is one Dutch line and exit 2
        socket.create_server((host, port)).close()
    except OSError as fout:
        raise OnbruikbareInvoer(f"kan niet luisteren op {host}:{port}: {fout.strerror or fout}") from None
    if melding := waarschuwing(host):
        click.echo(melding, err=True)
    click.echo(f"Loket op http://{host}:{port}/ (kennis {regio or 'landelijk'}); stop met Ctrl+C", err=True)
    serveer(app, host, port, threads=threads)


if __name__ == "__main__":
    main()
