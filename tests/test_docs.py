"""The README stays true: its commands, the CLI's commands and options, the layout rules."""

import re
from pathlib import Path

import click

from search.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_install_and_test_commands():
    block = re.search(r"```bash\n(.*?)```", README, re.S)[1].splitlines()
    assert block[0].startswith("pip install . && dossier ")
    assert block[1] == "pip install '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command():
    assert "pip install '.[test]' && python -m pytest" in (ROOT / ".ci/run").read_text()


def test_every_command_and_option_is_documented():
    for name, command in cli.commands.items():
        assert f"dossier {name}" in README, name
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                longest = max(param.opts, key=len)
                assert longest in README, f"{name} {longest}"


def test_corpus_never_imports_whoosh():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "corpus").rglob("*.py")
        if re.search(r"^\s*(from|import) whoosh", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_indexer_never_imports_search():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "indexer").rglob("*.py")
        if re.search(r"^\s*(from|import) search\b", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
