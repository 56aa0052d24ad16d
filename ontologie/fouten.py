"""The errors Advieswijzer raises on purpose, each knowing the exit status it ends a command with.

One hierarchy for every package, as httpie's ExitStatus: the command line maps an error to its exit
status in one place (cli.py), and a library caller can catch `AdvieswijzerFout` for all of them.

- `OnbruikbareInvoer` (exit 2): the input cannot be used: a file, a field, a table, a knowledge
  source, an option. The message names what (file, row, column, field) and says what to do.
- `InterneFout` (exit 3): a bug or an engine failure; the message asks to report it.
- An interrupt (Ctrl-C) ends a command with 130, like a shell does.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes of every command (contract §5)."""

    OK = 0
    NIET_GESLAAGD = 1  # valideer found violations, or a batch had rows in error
    INVOERFOUT = 2  # usage or input error, one line on stderr
    INTERNE_FOUT = 3  # a bug
    ONDERBROKEN = 130  # Ctrl-C


class AdvieswijzerFout(Exception):
    """Every error raised on purpose."""

    exit_status = ExitStatus.INTERNE_FOUT


class OnbruikbareInvoer(AdvieswijzerFout):
    """The input cannot be used (exit 2); the message says what and where."""

    exit_status = ExitStatus.INVOERFOUT


class InterneFout(AdvieswijzerFout):
    """Something that should not happen (exit 3): a bug, or the rule engine failing."""

    exit_status = ExitStatus.INTERNE_FOUT


class SchrijfFout(OnbruikbareInvoer):
    """An output file cannot be written (missing or read-only folder, disk full): exit 2 with the path."""
