"""Regels van Advieswijzer: de kruisjeslijst als regels, de wettelijke en risicogerichte regels, de motor."""
