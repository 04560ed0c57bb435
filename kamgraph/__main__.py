"""`python -m kamgraph` runs the CLI."""

from kamgraph.cli import cli

cli()
