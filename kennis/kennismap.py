"""Where regional profiles live: the user's own knowledge folder, next to the profiles shipped with the package.

`kennis importeer` writes only to the own folder, never into the installed package (site-packages may
be read-only, `pip uninstall` would leave the file behind, a new virtual environment would not see it).
The own folder is, in this order: the `--kennismap DIR` of the command, `$ADVIESWIJZER_KENNISMAP`, or the
user data folder of platformdirs (on Linux `~/.local/share/advieswijzer`); profiles are in its `regio/`.
`$ADVIESWIJZER_REGIO_MAP` (older) names the profile folder itself and still wins when set.
An own profile with the name of a shipped one hides the shipped one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from advieswijzer.ontologie.bestanden import schrijf_tekst_atomair
from advieswijzer.ontologie.fouten import SchrijfFout

from .laden import KENNIS_MAP, REGIONAAM, KennisFout

MEEGELEVERD = KENNIS_MAP / "regio"
HERSTEL = "kies een map waarin u mag schrijven met --kennismap DIR of de omgevingsvariabele ADVIESWIJZER_KENNISMAP"


def kennismap(eigen: Path | None = None) -> Path:
    """The user's own knowledge folder (it need not exist yet)."""
    if eigen is not None:
        return Path(eigen).expanduser()
    if os.environ.get("ADVIESWIJZER_KENNISMAP"):
        return Path(os.environ["ADVIESWIJZER_KENNISMAP"]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("advieswijzer", appauthor=False)


def eigen_regiomap(eigen: Path | None = None) -> Path:
    if eigen is None and os.environ.get("ADVIESWIJZER_REGIO_MAP"):
        return Path(os.environ["ADVIESWIJZER_REGIO_MAP"]).expanduser()
    return kennismap(eigen) / "regio"


@dataclass(frozen=True)
class Profielbestand:
    naam: str
    pad: Path
    meegeleverd: bool

    @property
    def herkomst(self) -> str:
        return "meegeleverd" if self.meegeleverd else "eigen map"


def profielbestanden(eigen: Path | None = None) -> dict[str, Profielbestand]:
    """Every visible regional profile by name: the shipped ones, overridden by the own folder's."""
    gevonden = {p.stem: Profielbestand(p.stem, p, True) for p in sorted(MEEGELEVERD.glob("*.ttl"))}
    map_ = eigen_regiomap(eigen)
    if map_.is_dir():
        gevonden.update({p.stem: Profielbestand(p.stem, p, False) for p in sorted(map_.glob("*.ttl"))
                         if REGIONAAM.match(p.stem)})
    return dict(sorted(gevonden.items()))


def controleer_naam(regio: str) -> str:
    if not REGIONAAM.match(regio):
        raise KennisFout(f"ongeldige regionaam {regio!r}: gebruik kleine letters, cijfers en '-'")
    return regio


def zoek_profiel(regio: str, eigen: Path | None = None) -> Path:
    controleer_naam(regio)
    profielen = profielbestanden(eigen)
    if regio not in profielen:
        raise KennisFout(f"regioprofiel {regio!r} bestaat niet (gezocht in {eigen_regiomap(eigen)} en {MEEGELEVERD}); "
                         f"beschikbaar: {', '.join(profielen) or 'geen'}")
    return profielen[regio].pad


def eigen_profiel(regio: str, eigen: Path | None = None) -> Path:
    """Where `kennis importeer` writes profile `regio`: always the own folder."""
    return eigen_regiomap(eigen) / f"{controleer_naam(regio)}.ttl"


def schrijf_profiel(doel: Path, tekst: str) -> None:
    """Write atomically (a reader never sees half a profile); an unwritable folder is a KennisFout that says what to do."""
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        schrijf_tekst_atomair(doel, tekst)
    except (OSError, SchrijfFout) as fout:
        reden = fout.strerror if isinstance(fout, OSError) else str(fout).rsplit(": ", 1)[-1]
        raise KennisFout(f"kan het regioprofiel niet schrijven in {doel.parent} ({reden}); {HERSTEL}") from None
