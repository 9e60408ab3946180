"""`python -m screening_cli`: the `screen` command."""

from screening_cli.app import main

main()
