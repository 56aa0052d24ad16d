"""Advieswijzer command line: one short function per command; the work is in the packages."""

from __future__ import annotations

import json
import sys
from enum import IntEnum
from functools import wraps

import click

MELD_BUG = "https://github.com/advieswijzer/advieswijzer/issues"


class ExitStatus(IntEnum):
    """Exit codes of every command (contract §5)."""

    OK = 0
    NIET_GESLAAGD = 1  # valideer found violations, or a batch had rows in error
    INVOERFOUT = 2  # usage or input error, one line on stderr
    INTERNE_FOUT = 3  # a bug


def invoerfouten(functie):
    """Turn known input errors into one line on stderr and exit 2; anything else is a bug (exit 3)."""

    @wraps(functie)
    def verpakt(*args, **kwargs):
        from kennis.aanvraag import InvoerFout
        from kennis.laden import KennisFout

        try:
            return functie(*args, **kwargs)
        except (InvoerFout, KennisFout, InvoerBestandFout) as fout:
            click.echo(f"fout: {fout}", err=True)
            sys.exit(ExitStatus.INVOERFOUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as fout:  # noqa: BLE001 - last line of defence: no traceback for users
            click.echo(f"interne fout: {type(fout).__name__}: {fout}\nMeld dit met de invoer op {MELD_BUG}",
                       err=True)
            sys.exit(ExitStatus.INTERNE_FOUT)

    return verpakt


class InvoerBestandFout(Exception):
    """An input file cannot be read."""


def lees_json(bron) -> object:
    naam = getattr(bron, "name", "-")
    try:
        return json.load(bron)
    except json.JSONDecodeError as fout:
        raise InvoerBestandFout(
            f"{naam}: geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}): {fout.msg}") from None
    except UnicodeDecodeError:
        raise InvoerBestandFout(f"{naam}: geen UTF-8-tekst") from None


REGIO = click.option("--regio", metavar="NAAM", help="Pas het regioprofiel kennis/regio/NAAM.ttl toe.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="advieswijzer")
def main():
    """Advieswijzer: wie adviseert, in welke rol, waarover en waarom (Omgevingswet).

    Voor intake (advies, batch), planners (valideer) en kennisbeheerders (kennis).
    """


@main.command()
@click.argument("bestand", type=click.File("r", encoding="utf-8"))
@click.option("--format", "formaat", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True, help="Uitvoervorm.")
@click.option("--uitleg", is_flag=True, help="Toon ook de redenering: feiten, afleidingen en regels die vuurden.")
@REGIO
@invoerfouten
def advies(bestand, formaat, uitleg, regio):
    """Advies voor een aanvraag (JSON-bestand, of - voor stdin): partners, rollen, onderwerpen, redenen
    en het oordeel over risicogericht samenwerken."""
    from kennis.aanvraag import lees_aanvraag
    from kennis.laden import laad_kennis
    from regels.advies import maak_advies
    from regels.weergave import als_markdown, als_tekst, uitleg_tekst

    data = lees_json(bestand)
    kennis = laad_kennis(regio)
    resultaat = maak_advies(lees_aanvraag(data, kennis), kennis, uitleg=uitleg)
    if formaat == "json":
        click.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
        return
    click.echo(als_markdown(resultaat, kennis) if formaat == "md" else als_tekst(resultaat, kennis))
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
@invoerfouten
def batch(invoer, uitvoer, invoerformaat, formaat, hervat, jobs, regio):
    """Classificeer een hele instroom (CSV, JSON Lines of XLSX; - voor stdin): per invoerrij precies één
    uitvoerrij, in volgorde; een foute rij wordt een foutregel met rijnummer. Rijnummers zijn zoals u ze
    in het bestand ziet (CSV/XLSX: kopregel = rij 1; JSON Lines: regelnummer). Exit 1 als er foutregels zijn."""
    from kennis.tabel import BestandFout
    from regels.batch import Voortgang, voer_uit

    try:
        with Voortgang() as voortgang:
            samenvatting = voer_uit(invoer, uitvoer, invoerformaat=invoerformaat, formaat=formaat, regio=regio,
                                    jobs=jobs, hervat=hervat, voortgang=voortgang)
    except BestandFout as fout:
        raise InvoerBestandFout(str(fout)) from None
    except KeyboardInterrupt:
        click.echo(f"onderbroken; de uitvoer tot hier is geldig. Ga verder met: batch {invoer} -o {uitvoer} "
                   "--hervat" if uitvoer else "onderbroken", err=True)
        sys.exit(130)
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
    from formaten.ow import is_ow, lees_ow
    from ontologie.planregels import PlanFout, lees_planregels
    from ontologie.valideren import als_tekst
    from ontologie.valideren import valideer as valideer_plan

    try:
        if is_ow(bestand):
            if werkingsgebieden:
                raise PlanFout("--werkingsgebieden hoort bij een CSV-tabel; een OW-aanlevering heeft eigen locaties")
            plan = lees_ow(bestand)
        else:
            plan = lees_planregels(bestand, werkingsgebieden)
        rapport = valideer_plan(plan, extra_vormen=vormen)
    except PlanFout as fout:
        raise InvoerBestandFout(str(fout)) from None
    if formaat == "json":
        click.echo(json.dumps(rapport.naar_json(), ensure_ascii=False, indent=2))
    elif formaat == "ttl":
        click.echo(rapport.graaf.serialize(format="turtle"))
    elif formaat == "html":
        from formaten.html import rapport_html

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
@invoerfouten
def controleer(formaat, regio):
    """Controleer de kennisbank zelf: SHACL-vormen (K1-K5) en grafcontroles (K6-K9: cyclus in de
    taxonomie, activiteit zonder partner, regel die nooit kan vuren, partner zonder route).

    Exit 0 als er geen Violation is, 1 als die er wel is."""
    from kennis.controle import controleer as controleer_kennis

    rapport = controleer_kennis(regio)
    if formaat == "json":
        click.echo(json.dumps(rapport.naar_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(rapport.als_tekst())
    sys.exit(ExitStatus.OK if rapport.conform else ExitStatus.NIET_GESLAAGD)


DATUM = click.option("--datum", type=click.DateTime(["%Y-%m-%d"]), metavar="JJJJ-MM-DD",
                     help="Alleen de kruisjes die op deze datum golden.")


def _toon_matrix(matrix):
    from rich.console import Console

    from kennis.kruisjeslijst import als_rich_tabel

    # a pipe or file gets a wide table (rich would squeeze it to 80 columns and hide the marks)
    console = Console()
    Console(width=max(console.width, 200) if not console.is_terminal else None).print(als_rich_tabel(matrix))


@kennis.command()
@click.option("-o", "--output", "uitvoer", type=click.Path(dir_okay=False),
              help="Schrijf naar FILE.xlsx of FILE.csv; zonder -o een tabel op de terminal.")
@DATUM
@click.option("--zonder-wettelijk", is_flag=True,
              help="Zonder de wettelijke tekens A/I (een sjabloon voor een regionale tabel).")
@REGIO
@invoerfouten
def kruisjeslijst(uitvoer, datum, zonder_wettelijk, regio):
    """De kruisjeslijst (contract §8) uit de kennisbank: een rij per trigger, een kolom per partner,
    met voorwaarde, onderwerpen en bron. Tekens: x betrokken, U uitvoerder, A wettelijk adviseur,
    I instemming. Zonder --datum alle kruisjes, met hun geldigheid."""
    from kennis.kruisjeslijst import bouw_matrix, schrijf
    from kennis.laden import laad_kennis

    matrix = bouw_matrix(laad_kennis(regio), datum=datum.date() if datum else None, wettelijk=not zonder_wettelijk)
    if uitvoer is None:
        _toon_matrix(matrix)
        return
    from pathlib import Path

    schrijf(matrix, Path(uitvoer))
    click.echo(f"{len(matrix.rijen)} rijen, {len(matrix.partners)} partners -> {uitvoer}", err=True)


@kennis.command()
@click.option("--datum", type=click.DateTime(["%Y-%m-%d"]), metavar="JJJJ-MM-DD",
              help="De lijst zoals die op deze datum gold; standaard vandaag.")
@REGIO
@invoerfouten
def toon(datum, regio):
    """Toon de kruisjeslijst zoals die op een datum gold (standaard vandaag), zodat een advies van
    toen na te gaan is."""
    from datetime import date

    from kennis.kruisjeslijst import bouw_matrix
    from kennis.laden import laad_kennis

    _toon_matrix(bouw_matrix(laad_kennis(regio), datum=datum.date() if datum else date.today()))


@kennis.command()
@click.argument("bestand", type=click.Path(dir_okay=False))
@click.option("--regio", required=True, metavar="NAAM", help="Naam van het regioprofiel (kleine letters, '-').")
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaand regioprofiel met deze naam.")
@invoerfouten
def importeer(bestand, regio, overschrijf):
    """Lees de kruisjeslijst van een regio (CSV of XLSX, contract §8) en schrijf het regioprofiel
    kennis/regio/NAAM.ttl: x voegt een kruisje toe, U een uitvoerder, - trekt het landelijke kruisje in.
    Een fout (onbekende id, verkeerd teken, A/I) noemt rij en kolom; dan wordt niets geschreven."""
    from pathlib import Path

    from kennis.importeer import importeer as importeer_tabel

    doel, profiel = importeer_tabel(Path(bestand), regio, overschrijf=overschrijf)
    click.echo(f"regioprofiel {regio!r}: {len(profiel.afspraken)} kruisjes, {len(profiel.intrekkingen)} "
               f"intrekkingen -> {doel}\ngebruik: advieswijzer advies AANVRAAG.json --regio {regio}", err=True)



@kennis.command()
@click.option("-o", "--output", "uitvoer", type=click.Path(dir_okay=False), required=True,
              help="FILE.dot, FILE.svg (vraagt Graphviz), FILE.graphml of FILE.gexf (yEd, Gephi).")
@REGIO
@invoerfouten
def graaf(uitvoer, regio):
    """Een plaatje van de routering: activiteiten, soorten en kenmerken met pijlen naar de partners
    (x, U, A, I) en de taxonomie (gestippeld: 'is een')."""
    from pathlib import Path

    from kennis.graaf import bouw_graaf, schrijf_graaf
    from kennis.laden import laad_graaf

    g = bouw_graaf(laad_graaf(regio=regio))
    schrijf_graaf(g, Path(uitvoer))
    click.echo(f"{g.number_of_nodes()} knopen, {g.number_of_edges()} pijlen -> {uitvoer}", err=True)

# -- loket ------------------------------------------------------------------

@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren; alleen deze computer bij 127.0.0.1.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Poort.")
@REGIO
@invoerfouten
def loket(host, port, regio):
    """Start de lokale webpagina voor intake: formulier en JSON-API (POST /api/advies) voor hetzelfde
    advies als `advies`. Elke pagina heeft een JSON-tweeling; stop met Ctrl+C."""
    import socket

    from loket.app import maak_app

    app = maak_app(regio)
    try:  # check first: werkzeug reports a busy port in English and exits 1
        socket.create_server((host, port)).close()
    except OSError as fout:
        raise InvoerBestandFout(f"kan niet luisteren op {host}:{port}: {fout.strerror or fout}") from None
    click.echo(f"Loket op http://{host}:{port}/ (kennis {regio or 'landelijk'}); stop met Ctrl+C", err=True)
    app.run(host=host, port=port)


if __name__ == "__main__":
    main()
