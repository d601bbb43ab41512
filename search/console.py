"""The terminal side of the CLI: reading query words apart from options, writing output safely.

* :class:`QueryCommand` is a click command whose query words are never read as options: a
  word starting with ``-`` (``-brazil``, the query's own exclusion) stays a query word unless it
  is exactly one of the command's options. A mistyped long option (``--limt``) is still an
  error, and ``--`` ends the options as usual.
* :func:`write` prints text that can never fail to encode: lone surrogates (from a broken
  source) become U+FFFD, and characters the terminal's encoding lacks become ``?``.
* :func:`exit_quietly_on_broken_pipe` ends the program as Unix tools do when the reader of
  its output goes away (``dossier extract … | head``): no message, exit status 141.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from typing import NoReturn

import click

__all__ = ["QueryCommand", "clean_text", "exit_quietly_on_broken_pipe", "one_line", "write"]

_SURROGATE = re.compile("[\ud800-\udfff]")
BROKEN_PIPE_STATUS = 141
"""128 + SIGPIPE: what a shell reports for a tool whose reader went away."""
ECHO_CHARS = 60
"""A query echoed back is cut to this many characters."""


def clean_text(text: str) -> str:
    """Replace lone surrogates (text that is not Unicode) by U+FFFD, so it always encodes.

    >>> clean_text("a\\ud800b")
    'a\ufffdb'
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def one_line(text: str, limit: int = ECHO_CHARS) -> str:
    """``text`` on one line, quoted, cut to about ``limit`` characters (for echoing queries).

    >>> one_line("oil  \\n price")
    "'oil price'"
    >>> one_line("x" * 100, limit=10)
    "'xxxxxxxxx…' (100 characters)"
    """
    flat = " ".join(clean_text(text).split())
    if len(flat) <= limit:
        return repr(flat)
    return f"{flat[: limit - 1] + '…'!r} ({len(flat):,} characters)"


def write(text: str = "", *, nl: bool = True, err: bool = False) -> None:
    """Print ``text`` (to stderr with ``err``); it never raises for its characters."""
    stream = sys.stderr if err else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    text = clean_text(text)
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.encode(encoding, "replace").decode(encoding)
    click.echo(text, nl=nl, err=err)


def write_lines(chunks: Iterable[str]) -> None:
    """Print each chunk as it comes (streamed output), without adding newlines."""
    for chunk in chunks:
        write(chunk, nl=False)


def exit_quietly_on_broken_pipe() -> NoReturn:
    """Stop at once, silently: the program reading our output has closed it."""
    # Further writes (and Python's final flush) would fail again: send them nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass
    sys.exit(BROKEN_PIPE_STATUS)


class QueryCommand(click.Command):
    """A command whose free arguments are query words: ``-word`` is a word, not an option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move query words behind ``--`` so click reads only real options as options."""
        takes_value: dict[str, bool] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not (param.is_flag or param.count)
        options: list[str] = []
        words: list[str] = []
        rest = iter(args)
        for arg in rest:
            name = arg.split("=", 1)[0]
            if arg == "--":
                words.extend(rest)
            elif name in takes_value:
                options.append(arg)
                if takes_value[name] and "=" not in arg:
                    options.extend(_next(rest))
            elif arg.startswith("--") and len(arg) > 2:
                options.append(arg)  # a mistyped option: let click say so, with suggestions
            else:
                words.append(arg)
        return super().parse_args(ctx, [*options, "--", *words])


def _next(rest: Iterable[str]) -> list[str]:
    for value in rest:
        return [value]
    return []
