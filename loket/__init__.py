"""Loket: the web page and JSON API for intake staff (contract §7, command `loket`): routes and templates
(app.py) and the production server around them (dienst.py, waitress).

A thin front end: it imports the packages' public entries only (`advieswijzer.kennis`, `.regels`,
`.formaten`), never their modules.
"""

from .app import maak_app
from .dienst import serveer, waarschuwing

__all__ = ["maak_app", "serveer", "waarschuwing"]
