"""The `screen` command line: a thin Typer layer over the `screening` library."""
