"""The ``dossier`` command line: index, search, facets, show, stats, explain, extract.

Each command parses its options, calls the library and renders the result; errors a user can
cause (bad paths, bad queries, a broken or locked index) end in one line and exit code 1, or 2
for usage errors, never in a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from corpus import SAMPLE_CORPUS, IngestError
from corpus.formats.kinds import NOT_READ, skip_kind
from indexer import (
    IndexNotFoundError,
    IndexStoreError,
    analyze,
    default_index_dir,
    index_exists,
)
from search.console import (
    QueryCommand,
    clean_text,
    exit_quietly_on_broken_pipe,
    one_line,
    write,
    write_lines,
)
from search.datespec import period
from search.errors import BadDateError, QueryError
from search.export import (
    FORMATS,
    facet_records,
    format_output,
    hit_records,
    quote_records,
    stream_output,
)
from search.facets import date_window
from search.render import (
    explain_text,
    facets_text,
    hit_text,
    quotes_text,
    results_head,
    results_tail,
    results_text,
    show_text,
    stats_text,
    to_json,
)
from search.results import HitStream
from search.searcher import SORTS, Searcher

if TYPE_CHECKING:
    from indexer.pipeline import IngestReport
    from indexer.progress import IndexProgress

__all__ = ["cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
FACETS_ON_TERMINAL = 20
"""Values per field that ``dossier facets`` shows on a terminal unless told otherwise."""


def _fail(message: str) -> click.ClickException:
    return click.ClickException(clean_text(message))


def _query_text(kwargs: dict[str, Any]) -> str:
    query = kwargs.get("query")
    return " ".join(query) if isinstance(query, tuple) else ""


def _clean_argument(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return tuple(clean_text(v) for v in value)
    return value


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's errors into one-line messages with the right exit code.

    Each message names what the user gave (the query, the folder, the file) and what to do.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # Bytes that are not UTF-8 in the command line arrive as lone surrogates: the index
        # could not even look such words up. Paths are left alone (they name real files).
        kwargs = {name: _clean_argument(value) for name, value in kwargs.items()}
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            exit_quietly_on_broken_pipe()
        except QueryError as exc:
            query = one_line(_query_text(kwargs))
            raise click.UsageError(
                clean_text(f"bad query {query}: {exc} (or leave out --strict to search anyway)")
            ) from None
        except (IndexStoreError, IngestError) as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise _fail(f"{where}{exc.strerror or exc}") from None

    return wrapper


def index_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--index DIR``, shared by every command that reads or writes an index."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="DOSSIER_INDEX",
        default=None,
        help="Index folder (default: $DOSSIER_INDEX or ~/.local/share/dossier/index).",
    )(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: print machine-readable JSON instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)


def _on_terminal() -> bool:
    """Whether output goes to a person's terminal (not a pipe or a file)."""
    return sys.stdout.isatty()


def _color() -> bool:
    return _on_terminal() and "NO_COLOR" not in os.environ


def _open(index_dir: Path | None) -> Searcher:
    """Open the index; only the default location is first filled with the bundled sample.

    A folder named with ``--index`` or ``$DOSSIER_INDEX`` must hold an index: a mistyped path
    must not quietly search the sample instead.
    """
    if index_dir is not None:
        if not index_exists(index_dir):
            raise IndexNotFoundError(str(index_dir), _no_index_message(index_dir))
        return Searcher(index_dir)
    path = default_index_dir()
    if not index_exists(path):
        if path.exists() and any(path.iterdir()):
            raise IndexNotFoundError(str(path), f"{path} is not a Dossier index")
        write(f"No index at {path} yet: indexing the bundled sample corpus first.", err=True)
        from indexer import build_index  # the readers load only when something is indexed

        build_index([SAMPLE_CORPUS], path)
    return Searcher(path)


def _no_index_message(path: Path) -> str:
    named = "$DOSSIER_INDEX" if os.environ.get("DOSSIER_INDEX") == str(path) else "--index"
    if path.exists() and (path.is_file() or any(path.iterdir())):
        return f"{path} ({named}) is not a Dossier index"
    return (
        f"no index at {path} ({named}): check the path, or build one there with "
        f"`dossier index FILES --index {path}`"
    )


def _report_text(report: IngestReport) -> str:
    lines = [
        f"Indexed into {report.index_dir}" + (" (new index)" if report.created else ""),
        f"  files seen: {report.files_seen}   unchanged: {report.files_unchanged}   "
        f"skipped: {len(report.skipped)}",
        f"  articles added: {report.added}   updated: {report.replaced}   "
        f"unchanged: {report.unchanged}   duplicates: {report.duplicates}   "
        f"removed: {report.removed}   total in index: {report.total}",
    ]
    if report.formats:
        lines.append(
            "  formats: " + ", ".join(f"{k} {v}" for k, v in sorted(report.formats.items()))
        )
    if report.kinds:
        lines.append(
            "  files by kind: " + ", ".join(f"{k} {v}" for k, v in report.kinds.most_common())
        )
    if report.records_skipped:
        lines.append(
            "  records skipped: "
            + ", ".join(f"{k} {v}" for k, v in report.records_skipped.most_common())
        )
    # Files left out on purpose (comment feeds, copies, API files) are counted above only.
    lines += [f"  skipped {s.path}: {s.reason}" for s in report.skipped
              if skip_kind(s.reason) == NOT_READ]
    return "\n".join(lines)


def _field_map(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    """Turn ``--field-map FIELD=KEY`` options into a map, checked before anything is read."""
    mapping: dict[str, list[str]] = {}
    for value in values:
        name, sep, keys = value.partition("=")
        if not sep or not name.strip() or not keys.strip():
            raise click.BadParameter(f"{value!r} is not FIELD=KEY (e.g. body=abstract)")
        mapping.setdefault(name.strip(), []).append(keys)
    result = {name: ",".join(keys) for name, keys in mapping.items()}
    from corpus.formats.jsonl import FieldMap  # validates the names, as build_index will

    try:
        FieldMap(result)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return result


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="dossier")
def cli() -> None:
    """Dossier: search archives of news and advocacy articles.

    Find who said what, when, under which tag. Start with `dossier search QUERY`: with no index
    yet, the bundled sample archive is indexed first.
    """


@cli.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@index_option
@click.option("--force", is_flag=True, help="Re-read files even if unchanged since the last run.")
@click.option("--prune", is_flag=True, help="Remove articles whose source files are gone.")
@click.option(
    "--on-error",
    type=click.Choice(["skip", "raise"]),
    default="skip",
    show_default=True,
    help="Skip unreadable files (listed in the report) or stop at the first.",
)
@click.option(
    "--field-map",
    "field_map",
    multiple=True,
    metavar="FIELD=KEY",
    callback=_field_map,
    help="For JSON files: read article FIELD from KEY (repeatable), e.g. body=abstract.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for extraction in large files [default: the number of cores].",
)
@json_option
@handle_errors
def index_command(  # noqa: PLR0913 - one parameter per option
    paths: tuple[Path, ...],
    index_dir: Path | None,
    force: bool,
    prune: bool,
    on_error: str,
    field_map: dict[str, str],
    jobs: int | None,
    as_json: bool,
) -> None:
    """Index the articles in PATHS (files or folders, read recursively)."""
    from indexer import build_index

    target = index_dir or default_index_dir()
    with _progress() as advance:
        report = build_index(
            paths,
            target,
            force=force,
            prune=prune,
            on_error=on_error,
            progress=advance,
            field_map=field_map,
            jobs=jobs,
        )
    write(to_json(report.to_dict()) if as_json else _report_text(report))


class _progress:
    """A rich progress bar on a terminal once a run has lasted a second, nothing otherwise.

    Over several files it counts files (n of N) with the articles read and their rate; for a
    file expected to hold many articles (one JSON Lines file, a web archive) it adds a bar of
    that file's articles. Each bar gives an estimate of the time left.
    """

    delay = 1.0
    big_file = 1000  # articles: a file this large gets its own bar among many

    def __enter__(self) -> Callable[[IndexProgress], None] | None:
        self._bar: Any = None
        self._timer: Any = None
        if not sys.stderr.isatty():
            return None
        import threading
        import time

        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description:>8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[note]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._files = self._bar.add_task("files", total=None, visible=False, note="")
        self._articles = self._bar.add_task("articles", total=None, visible=False, note="")
        self._start = time.monotonic()
        self._clock = time.monotonic
        self._lock = threading.Lock()
        self._timer = threading.Timer(self.delay, self._show)
        self._timer.daemon = True
        self._timer.start()
        return self._update

    def _update(self, event: IndexProgress) -> None:
        elapsed = max(self._clock() - self._start, 1e-6)
        count = f"{event.articles:,} articles, {event.articles / elapsed:,.0f}/s"
        many = event.files_total > 1
        expected = event.file_expected
        big = expected is not None and (not many or expected >= self.big_file)
        name = Path(event.path).name
        self._bar.update(self._files, completed=event.files_done, total=event.files_total,
                         visible=many, note=f"{count}  {name}")
        self._bar.update(self._articles, completed=event.file_articles, total=expected,
                         visible=big, note=name if many else f"{count}  {name}")

    def _show(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.start()

    def __exit__(self, *exc: object) -> None:
        if self._timer is None:
            return
        self._timer.cancel()
        with self._lock:
            self._bar.stop()
            self._bar = None


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check a --since/--until value before anything is searched; the window as a whole too."""
    if value is None:
        return None
    try:
        period(value)
    except BadDateError as exc:
        raise click.BadParameter(f"{exc}; write YYYY, YYYY-MM or YYYY-MM-DD") from None
    since = value if param.name == "since" else ctx.params.get("since")
    until = value if param.name == "until" else ctx.params.get("until")
    try:
        date_window(since, until)
    except BadDateError:
        raise click.UsageError(
            f"--since {since} comes after --until {until}, so nothing can match: swap them"
        ) from None
    return value


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters: ``--tag``, ``--category``, ``--speaker``, ``--author``, ``--year``, dates."""
    options = [
        click.option(
            "--tag", "tags", multiple=True, help="Only articles with this tag (repeatable: all)."
        ),
        click.option(
            "--category",
            "categories",
            multiple=True,
            help="Only articles in this category (repeatable: all).",
        ),
        click.option(
            "--speaker", "speakers", multiple=True, help="Only articles quoting this person."
        ),
        click.option("--author", "authors", multiple=True, help="Only articles by this author."),
        click.option("--year", "years", multiple=True, help="Only articles published that year."),
        click.option(
            "--since",
            metavar="DATE",
            callback=_date_option,
            help="Published on or after DATE (YYYY[-MM[-DD]]).",
        ),
        click.option(
            "--until", metavar="DATE", callback=_date_option, help="Published on or before DATE."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--format text|json|jsonl|csv`` and its shorthand ``--json``."""
    command = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="Output for people (text) or for scripts.",
    )(command)
    return click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(command)


def _format(options: dict[str, Any]) -> str:
    fmt = options.pop("fmt")
    return "json" if options.pop("as_json") else fmt


def _emit(fmt: str, text: Callable[[], str], whole: Any, rows: list[dict[str, Any]]) -> None:
    """Print a result for people (``text``) or for scripts (JSON, JSON Lines, CSV)."""
    if fmt == "text":
        write(text(), nl=False)
    else:
        write(format_output(fmt, whole, rows), nl=False)


def _filters(options: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {
        "tag": options.pop("tags"),
        "category": options.pop("categories"),
        "speaker": options.pop("speakers"),
        "author": options.pop("authors"),
        "year": options.pop("years"),
    }


@cli.command("search", cls=QueryCommand)
@click.argument("query", nargs=-1, required=True)
@filter_options
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option(
    "--all", "every", is_flag=True, help="Every match, in rank order (instead of one page)."
)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option(
    "--full-text", is_flag=True, help="Give each hit's whole body too (in every format)."
)
@click.option("--plain", is_flag=True, help="Read the query as plain words (no operators).")
@click.option("--strict", is_flag=True, help="Fail on query mistakes instead of warning.")
@index_option
@output_options
@click.pass_context
@handle_errors
def search_command(
    ctx: click.Context, query: tuple[str, ...], index_dir: Path | None, **options: Any
) -> None:
    """Search the index: ranked articles with highlighted snippets and tag counts.

    Words starting with - are part of the query (coffee -brazil), never options. Several words
    find articles with any of them, those with all of them first; a field clause such as
    date:1987-03 is one more optional word, so write +date:1987-03 (or use --since and
    --until) to keep only articles from that period.
    """
    fmt = _format(options)
    filters = _filters(options)
    every = options.pop("every")
    if every:
        _no_paging_with_all(ctx)
        options.pop("limit"), options.pop("page")
    with _open(index_dir) as searcher:
        if every:
            _emit_stream(fmt, searcher.search_all(" ".join(query), filters=filters, **options))
            return
        results = searcher.search(" ".join(query), filters=filters, **options)
    _emit(fmt, lambda: results_text(results, color=_color()), results, hit_records(results))


def _no_paging_with_all(ctx: click.Context) -> None:
    for name in ("limit", "page"):
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError(f"--all prints every match; leave out --{name}")


def _emit_stream(fmt: str, stream: HitStream) -> None:
    """Print every hit of ``stream`` as it is built, in any format."""
    results = stream.results
    if fmt == "text":
        color = _color()
        write(results_head(results, every=True))
        write_lines(hit_text(hit, color=color) + "\n\n" for hit in stream)
        write(results_tail(results), nl=False)
        return
    write_lines(stream_output(fmt, results, stream))


@cli.command("quotes", cls=QueryCommand)
@click.argument("query", nargs=-1)
@click.option(
    "--speaker", "speakers", multiple=True, help="Only quotes by this person or organization."
)
@click.option("--tag", "tags", multiple=True, help="Only articles with this tag (repeatable).")
@click.option(
    "--since",
    metavar="DATE",
    callback=_date_option,
    help="Published on or after DATE (YYYY[-MM[-DD]]).",
)
@click.option(
    "--until", metavar="DATE", callback=_date_option, help="Published on or before DATE."
)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--strict", is_flag=True, help="Fail on query mistakes instead of warning.")
@index_option
@output_options
@handle_errors
def quotes_command(query: tuple[str, ...], index_dir: Path | None, **options: Any) -> None:
    """Who said it? Quotations matching QUERY, with their speakers and articles, best first."""
    fmt = _format(options)
    if not query and not options["speakers"]:
        raise click.UsageError("give words to look for in quotations, or --speaker NAME")
    with _open(index_dir) as searcher:
        results = searcher.quotes(" ".join(query), **options)
    _emit(fmt, lambda: quotes_text(results, color=_color()), results, quote_records(results))


@cli.command("facets", cls=QueryCommand)
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--field",
    "fields",
    multiple=True,
    type=click.Choice(["tag", "category", "speaker", "org", "author", "year", "month"]),
    help="Which counts to show (default: all of them; months when the years are few).",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    help=f"Values shown per field [default: {FACETS_ON_TERMINAL} on a terminal, else all].",
)
@index_option
@output_options
@handle_errors
def facets_command(
    query: tuple[str, ...],
    fields: tuple[str, ...],
    limit: int | None,
    index_dir: Path | None,
    **options: Any,
) -> None:
    """Count tags, categories, speakers, organizations, authors and years over every match."""
    fmt = _format(options)
    names = fields or ("tag", "category", "speaker", "org", "author", "year")
    if fmt == "text" and "year" in names and "month" not in names:
        names += ("month",)  # shown when the years are few
    if limit is None and fmt == "text" and _on_terminal():
        limit = FACETS_ON_TERMINAL
    filters = _filters(options)
    with _open(index_dir) as searcher:
        results = searcher.search(
            " ".join(query), filters=filters, facets=names, limit=1, snippets=False, **options
        )
    if fmt != "text":
        shown = {name: counts[:limit] for name, counts in results.facets.items()}
        whole = {"total": results.total, "facets": shown}
        write(format_output(fmt, whole, facet_records(shown)), nl=False)
        return
    write(f"{results.total:,} article" + ("" if results.total == 1 else "s"))
    for warning in results.warnings:
        write(f"warning: {warning}")
    write(facets_text(results.facets, top=limit, within=results.facets_within))


@cli.command("show")
@click.argument("article_id")
@index_option
@json_option
@handle_errors
def show_command(article_id: str, index_dir: Path | None, as_json: bool) -> None:
    """Print one stored article in full (ARTICLE_ID as shown by search; a prefix works)."""
    with _open(index_dir) as searcher:
        article = searcher.get(article_id)
        if article is None:
            raise _fail(_not_found(searcher, article_id))
    write(to_json(article.to_dict()) if as_json else show_text(article), nl=not as_json)


def _not_found(searcher: Searcher, article_id: str, shown: int = 10) -> str:
    """Why ``article_id`` names no article: none starts so, or several do (listed)."""
    ids = searcher.ids_starting(article_id, limit=shown + 1)
    if len(ids) < 2:
        return f"no article with id {article_id!r}; ids are shown in brackets by search"
    lines = [
        f"{article_id!r} is ambiguous: "
        + (f"more than {shown}" if len(ids) > shown else f"{len(ids)}")
        + " article ids start with it; give more of the id:"
    ]
    for candidate in ids[:shown]:
        found = searcher.get(candidate)
        lines.append(f"  {candidate}  {one_line(found.title) if found else ''}".rstrip())
    return "\n".join(lines)


@cli.command("stats")
@index_option
@json_option
@handle_errors
def stats_command(index_dir: Path | None, as_json: bool) -> None:
    """Show what the index holds: articles, dates, distinct values, size on disk."""
    with _open(index_dir) as searcher:
        stats = searcher.stats()
    write(to_json(stats) if as_json else stats_text(stats))


@cli.command("explain", cls=QueryCommand)
@click.argument("query", nargs=-1, required=True)
@click.option("--id", "article_id", help="Also show why this article scored as it did.")
@index_option
@output_options
@handle_errors
def explain_command(
    query: tuple[str, ...], article_id: str | None, index_dir: Path | None, **options: Any
) -> None:
    """Show how QUERY is understood: its terms after analysis and the parsed query."""
    fmt = _format(options)
    text = " ".join(query)
    with _open(index_dir) as searcher:
        parsed = searcher.parse(text)
        scored = searcher.explain(text, article_id) if article_id else None
    if article_id and scored is None:
        raise _fail(f"no article with id {article_id!r}; ids are shown in brackets by search")
    if fmt != "text":
        whole: dict[str, object] = {
            "terms": analyze(text),
            "query": str(parsed.query),
            "warnings": parsed.warnings,
        }
        whole["article"] = scored
        write(format_output(fmt, whole, scored["terms"] if scored else []), nl=False)
        return
    write(f"terms: {' '.join(analyze(text)) or '(none)'}")
    write(f"query: {parsed.query}")
    for warning in parsed.warnings:
        write(f"warning: {warning}")
    if scored:
        write(explain_text(scored))


@cli.command("similar")
@click.argument("article_id")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@index_option
@output_options
@handle_errors
def similar_command(article_id: str, limit: int, index_dir: Path | None, **options: Any) -> None:
    """Articles most like ARTICLE_ID (by its most distinctive words)."""
    fmt = _format(options)
    with _open(index_dir) as searcher:
        results = searcher.similar(article_id, limit=limit)
        if results is None:
            raise _fail(_not_found(searcher, article_id))
    _emit(fmt, lambda: results_text(results, color=_color()), results, hit_records(results))


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--jsonl", is_flag=True, help="One JSON object per article.")
@handle_errors
def extract_command(paths: tuple[Path, ...], jsonl: bool) -> None:
    """Print the articles read from PATHS, without indexing them."""
    from corpus.sources import Parsed, Skipped, iter_parsed

    for result in iter_parsed(paths):
        if isinstance(result, Skipped):
            write(f"skipped {result.path}: {result.reason}", err=True)
            continue
        assert isinstance(result, Parsed)
        for article in result.articles:
            if jsonl:
                write(to_json(article.to_dict(), indent=None))
            else:
                write(show_text(article))


@cli.command("serve")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="DOSSIER_TOKEN",
    default=None,
    help="Require this access token on every request (default: $DOSSIER_TOKEN).",
)
@click.option(
    "--insecure-no-token",
    is_flag=True,
    help="Allow an address other machines can reach without a token.",
)
@click.option(
    "--time-limit",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.1, 600),
    help="Seconds a request may wait for, and spend on, a search before it is refused.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes, each with its own searcher (searches run side by side).",
)
@handle_errors
def serve_command(  # noqa: PLR0913 - one parameter per option
    index_dir: Path | None,
    host: str,
    port: int,
    token: str | None,
    insecure_no_token: bool,
    time_limit: float,
    workers: int,
) -> None:
    """Serve a search page and a JSON API for the index (read-only) and print its address."""
    try:
        from search.web.serve import check_bind, run
    except ImportError as exc:
        raise _fail(
            f"dossier serve needs the web extra ({exc.name} is missing): "
            "pip install 'dossier[web]', or pip install '.[web]' in a checkout"
        ) from None
    try:
        check_bind(host, token, insecure_no_token)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    searcher = _open(index_dir)
    write(f"Serving {searcher.index_dir} (Ctrl+C stops)")
    run(
        searcher,
        host=host,
        port=port,
        token=token,
        time_limit=time_limit,
        announce=write,
        workers=workers,
    )
