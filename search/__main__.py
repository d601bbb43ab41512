"""Allow ``python -m search`` as a synonym of the ``dossier`` command."""

from search.cli import cli

cli(prog_name="dossier")
