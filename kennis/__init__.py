"""Kennisbank van Advieswijzer: Turtle-bestanden (een onderwerp per bestand), de lader en de invoer."""
