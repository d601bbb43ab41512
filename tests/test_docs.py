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


def _paragraphs(text):
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_speed_claims_against_other_engines_show_ranking_only_figures_beside():
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    for name, text in (("README.md", README), ("RESULTS.md", results)):
        for paragraph in _paragraphs(text):
            claims = re.search(r"\d×\s+(faster|slower)|faster than plain Whoosh", paragraph)
            if claims and re.search(r"\bp50\b|query|queries|facets", paragraph):
                assert "ranking only" in paragraph.lower() or "ranking alone" in paragraph.lower(), (
                    name,
                    paragraph[:200],
                )
    assert "30× faster than plain Whoosh" not in README
    table = README[README.index("| what is timed |") :]
    assert "| ranking only, top 10 |" in table and "| + tag counts over every hit |" in table


def test_the_query_benchmark_prints_the_ranking_only_ratio_beside_the_facet_target():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_query", ROOT / "benchmarks" / "bench_query.py")
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules["bench_query"] = module
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
        del sys.modules["bench_query"]
    stats = {
        "dossier": {"modes": {"rank": {"p50": 6.0}, "facets": {"p50": 12.0}}},
        "whoosh": {"modes": {"rank": {"p50": 4.0}, "facets": {"p50": 360.0}}},
    }
    (row,) = module.targets(stats, None)
    assert row[1] == "30.00× (ranking only: 0.67×)"
    assert "rebuilds its tag table per query" in row[0]
