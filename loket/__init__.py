"""Loket: the local web page and JSON API for intake staff (contract §7, command `loket`).

A thin front end: the form and the API call the same `lees_aanvraag` and `maak_advies` as the CLI.
"""

from .app import maak_app

__all__ = ["maak_app"]
