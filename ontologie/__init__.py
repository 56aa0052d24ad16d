"""Vocabulaire van Advieswijzer: klassen, eigenschappen en SHACL-vormen (Turtle)."""
