"""Readers and writers of file formats: the OW-aanlevering (IMOW) in, the HTML report out."""
