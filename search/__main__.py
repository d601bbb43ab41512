"""Allow ``python -m search`` as a synonym of the ``dossier`` command."""

from search.cli import cli

if __name__ == "__main__":
    cli(prog_name="dossier")
