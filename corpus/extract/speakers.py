"""Speakers, organisations and their quotations, found in an article body.

How the parts combine (see ARCHITECTURE.md, "corpus"):

1. :func:`corpus.extract._quotes.find_quotes` finds every quotation, including nested marks and
   quotations that run over several paragraphs.
2. Each quotation is attributed by :mod:`corpus.extract._attribution`, first after its closing
   mark (``"…," said NAME``, ``"…," NAME, ROLE, said``, ``"…," he added``, ``"…," the statement
   read``), then in the sentence leading into it (``NAME said: "…"``, ``NAME, who said that "…"``,
   ``according to NAME, "…"``). A quotation with no attribution that fills its own paragraph
   (or directly follows an attributed one in the same paragraph) continues the previous
   speaker, news style; any other unattributed quotation is dropped.
3. Reported speech outside quotation marks ("NAME said the talks …", "NAME told reporters …",
   "…, concluded ORG in a post") records its subject as a speaker too, **without** a
   :class:`~corpus.article.Quote` (there are no quotation marks, so there is no quoted text):
   ``Article.speakers`` and ``Article.organizations`` list everyone who spoke, ``Article.quotes``
   only what was quoted verbatim.
4. Names outside quotations are scanned as mentions. In text order, subjects are resolved: "he"
   and "she" to the most recent person who spoke or was the subject of a sentence, a lone surname
   to the full name written earlier, "it", "the statement" or "the group" to the organisation
   that most recently issued a statement, a lone word to a known organisation. A lone word that
   nothing settles is dropped: precision matters more than recall.

Names inside someone else's quotation, in tags or only mentioned are never speakers. Titles and
honorifics are not part of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.article import Article, Quote
from corpus.extract._attribution import (
    DIRECT_RE,
    INDIRECT_RE,
    Subject,
    according_to,
    inverted_after_comma,
    sentence_end,
    sentence_start,
    subject_after,
    subject_before,
)
from corpus.extract._names import NameRef, initials, make_name, run_after, split_of, tokens
from corpus.extract._quotes import QuoteSpan, find_quotes, paragraphs

__all__ = ["extract_quotes", "extract_speakers"]

_MASK = "#"
_ISSUER_AFTER = re.compile(
    r"(?:[’']s\s+(?:[a-z]+\s+)?(?:statement|report|letter|post|website|communiqu[eé])\b"
    r"|\s+(?:has\s+|had\s+|also\s+)?(?:released|issued|published|put\s+out)\s+(?:a|an|its)\s)"
)
_ISSUER_BEFORE = re.compile(
    r"(?:statement|report|letter|communiqu[eé])\s+(?:[a-z]+\s+)?by\s+(?:the\s+)?$"
)


@dataclass(slots=True)
class _Event:
    pos: int
    subject: Subject | None = None  # an attribution
    mention: NameRef | None = None  # a name written outside quotations
    is_subject: bool = False  # the mention starts a clause ("NAME is heard warning")
    issuer: bool = False  # the mention issued a statement ("ORG's statement")
    quotes: tuple[int, ...] = ()
    resolved: tuple[str, str] | None = None  # (display, kind)


def _mask(body: str, spans: list[QuoteSpan]) -> str:
    chars = list(body)
    for span in spans:
        for i in range(span.open_at, min(len(body), span.close_at + 1)):
            if not chars[i].isspace():
                chars[i] = _MASK
    return "".join(chars)


def _attribute(body: str, spans: list[QuoteSpan], k: int, pars: list[tuple[int, int]]):
    """Return (subject, zone) for quotation ``k``; the zone is the attribution's text span."""
    span = spans[k]
    par_start, _ = pars[span.first_par]
    _, par_end = pars[span.last_par]
    following = spans[k + 1].open_at if k + 1 < len(spans) else len(body)
    if span.closed:
        limit = sentence_end(body, span.close_at + 1, min(following, par_end))
        subject = subject_after(body, span.close_at + 1, limit)
        if subject is not None:
            return subject, (span.close_at, limit)
    previous = spans[k - 1].close_at + 1 if k and spans[k - 1].last_par == span.first_par else 0
    floor = sentence_start(body, span.open_at, max(par_start, previous))
    for verb in reversed(list(DIRECT_RE.finditer(body, floor, span.open_at))):
        gap = body[verb.end() : span.open_at]
        if len(gap.split()) > 10 or re.search(r"[.!?]\s", gap):
            break
        if len(gap.strip(" ,:").split()) > 1 and len(body[span.start : span.end].split()) < 3:
            break  # a scare-quoted phrase inside reported speech, not a quotation
        subject = subject_before(body, verb.start(), floor, verb.group())
        if subject is not None:
            return subject, (floor, span.open_at)
    found = according_to(body, floor, span.open_at)
    if found:
        return found[-1][1], (floor, span.open_at)
    return None, None


def _whole_paragraph(body: str, span: QuoteSpan, pars: list[tuple[int, int]]) -> bool:
    start, _ = pars[span.first_par]
    _, end = pars[span.last_par]
    return not body[start : span.open_at].strip() and not body[span.close_at + 1 : end].strip(
        ' ,.;:”’"'
    )


def _mentions(masked: str, pars: list[tuple[int, int]]) -> list[_Event]:
    events = []
    for par_start, par_end in pars:
        covered = par_start
        for token in tokens(masked, par_start, par_end):
            if token.start < covered or not token.word[:1].isupper():
                continue
            run = split_of(run_after(masked, token.start, par_end))
            if not run:
                continue
            covered = run[-1].end
            name = make_name(run)
            if name is None or name.kind == "unknown":
                continue
            before = masked[max(par_start, run[0].start - 60) : run[0].start]
            if name.kind == "person" and re.search(
                r"(?<![\w’'])(?:in|at|from|near|into)\s+$", before
            ):
                continue  # "meeting in Atlanta Duffy said": a place, then a name
            after = masked[run[-1].end : run[-1].end + 160]
            appositive = re.match(r",[^,.;]{1,120},", after)  # "NAME, a scientist, addressed"
            after = after[appositive.end() :] if appositive else after
            after_name = masked[
                name.end - 2
                if masked[name.end - 2 : name.end] in ("’s", "'s")
                else name.end : name.end + 60
            ]
            is_subject = bool(
                (not before.strip() or re.search(r"(?:[,;]|[.!?][”\"’]?)\s*$", before))
                and re.match(r"\s+(?!(?:of|and|for|in|on|at|to|from|with|by)\b)[a-z]", after)
            )
            issuer = name.kind == "org" and bool(
                _ISSUER_AFTER.match(after_name) or _ISSUER_BEFORE.search(before)
            )
            events.append(_Event(run[0].start, mention=name, is_subject=is_subject, issuer=issuer))
    return events


def _indirect(
    masked: str, pars: list[tuple[int, int]], zones: list[tuple[int, int]]
) -> list[_Event]:
    events = []
    for par_start, par_end in pars:
        for verb in INDIRECT_RE.finditer(masked, par_start, par_end):
            if any(a <= verb.start() <= b for a, b in zones):
                continue
            floor = sentence_start(masked, verb.start(), par_start)
            subject = subject_before(masked, verb.start(), floor, verb.group())
            if subject is None:
                end = sentence_end(masked, verb.end(), par_end)
                subject = inverted_after_comma(masked, verb.start(), verb.group(), floor, end)
            if subject is not None and subject.pronoun not in {"they"}:
                events.append(_Event(subject.pos, subject=subject))
        for pos, subject in according_to(masked, par_start, par_end):
            if not any(a <= pos <= b for a, b in zones):
                events.append(_Event(pos, subject=subject))
    return events


class _Resolver:
    """Turns written subjects into speakers, reading the article's events in text order."""

    def __init__(self, events: list[_Event]) -> None:
        self.orgs = [e.mention.display for e in events if e.mention and e.mention.kind == "org"]
        self.people: list[str] = []
        self.antecedents: list[tuple[str, str]] = []  # (display, gender), most recent last
        self.issuers: list[str] = []
        self.genders: dict[str, str] = {}

    def see(self, event: _Event) -> None:
        name = event.mention
        if name is None:
            return
        if name.kind == "person" and self._org(name.display) != name.display:
            return  # "Niagara Mohawk" is the start of "Niagara Mohawk Power Corp": not a person
        if name.kind == "person":
            display = self._person(name.display)
            self.people.append(display)
            if name.gender:
                self.genders.setdefault(display, name.gender)
            if event.is_subject:
                self.antecedents.append((display, name.gender))
        elif event.issuer:
            self.issuers.append(self._org(name.display))

    def _person(self, display: str) -> str:
        words = display.split()
        if len(words) > 1:  # "De Villiers" after "Henri de Villiers"
            suffix = " " + display.casefold()
            return next(
                (k for k in reversed(self.people) if k.casefold().endswith(suffix)), display
            )
        if len(words) == 1:
            for known in reversed(self.people):
                parts = known.split()
                if len(parts) > 1 and words[0] in (parts[0], parts[-1]):
                    return known
        return display

    def _org(self, display: str) -> str:
        for known in self.orgs:
            if known != display and known.startswith(display + " "):
                return known
        if " " not in display:  # "the Federation said" after "Taiwan Textile Federation"
            for known in self.orgs:
                if display in known.split()[1:]:
                    return known
        if display.isupper() and 2 <= len(display) <= 6:  # noqa: PLR2004 - "TWA" after "Trans World Airlines Inc"
            for known in self.orgs:
                if known != display and initials(known) == display:
                    return known
        return display

    def _unknown(self, word: str, hint: str) -> tuple[str, str] | None:
        person = self._person(word)
        if person != word or word in self.people:
            return person, "person"
        org = self._org(word)
        if org != word or word in self.orgs:
            return org, "org"
        return (word, hint) if hint in {"person", "org"} else None

    def _pronoun(self, subject: Subject) -> tuple[str, str] | None:
        if subject.pronoun in {"it", "they"}:
            return (self.issuers[-1], "org") if self.issuers else None
        unwanted = "f" if subject.pronoun == "he" else "m"
        for display, gender in reversed(self.antecedents):
            if (gender or self.genders.get(display, "")) not in {unwanted, "o"}:
                return display, "person"
        return None

    def resolve(self, subject: Subject) -> tuple[str, str] | None:
        name = subject.name
        if subject.kind == "pronoun":
            found = self._pronoun(subject)
        elif subject.kind == "orgref":
            found = (self.issuers[-1], "org") if self.issuers else None
        elif name is None:
            found = None
        elif subject.hint == "org-only":
            found = None if name.kind == "person" else self._unknown(name.display, "org")
            found = found if found and found[1] == "org" else None
        elif (
            name.kind == "org"
            or (subject.hint == "org" and not name.titled)
            or (subject.gender == "o" and not name.titled)
        ):
            found = (self._org(name.display), "org")
        elif name.kind == "person" and self._org(name.whole) != name.whole:
            found = (self._org(name.whole), "org")  # "Highwood Resources" of "... Ltd"
        elif name.kind == "person":
            found = (self._person(name.display), "person")
        else:
            found = self._unknown(name.display, subject.hint)
        if found is None:
            return None
        display, kind = found
        if kind == "person":
            self.people.append(display)
            gender = subject.gender if subject.gender in {"m", "f"} else ""
            if subject.pronoun in {"he", "she"}:
                gender = "m" if subject.pronoun == "he" else "f"
            if gender:
                self.genders.setdefault(display, gender)
            self.antecedents.append((display, gender))
        else:
            self.issuers.append(display)
        return found


def extract_quotes(body: str) -> tuple[list[Quote], list[str], list[str]]:
    """Find the quotations in ``body`` and who said them.

    :param body: article text, paragraphs separated by a blank line.
    :returns: ``(quotes, people, organizations)``: quotes in text order with
        ``body[q.start:q.end] == q.text``; people and organisations who spoke (quoted or in
        reported speech), in order of first appearance, each once.

    >>> quotes, people, orgs = extract_quotes('“We will appeal,” said Dr. Jane Doe, a lawyer.')
    >>> quotes[0].text, quotes[0].speaker, people, orgs
    ('We will appeal', 'Jane Doe', ['Jane Doe'], [])
    """
    spans = find_quotes(body)
    pars = paragraphs(body)
    masked = _mask(body, spans)
    events: list[_Event] = []
    zones: list[tuple[int, int]] = []
    for k in range(len(spans)):
        subject, zone = _attribute(body, spans, k, pars)
        if subject is not None and zone is not None:
            events.append(_Event(subject.pos, subject=subject, quotes=(k,)))
            zones.append(zone)
    events += _indirect(masked, pars, zones) + _mentions(masked, pars)
    events.sort(key=lambda e: (e.pos, e.subject is None))
    resolver = _Resolver(events)
    speaker_of: dict[int, tuple[str, str]] = {}
    spoke: dict[tuple[str, str], int] = {}
    for event in events:
        if event.subject is None:
            resolver.see(event)
            continue
        event.resolved = resolver.resolve(event.subject)
        if event.resolved is None:
            continue
        first = min([spans[k].start for k in event.quotes] + [event.pos])
        spoke[event.resolved] = min(spoke.get(event.resolved, first), first)
        for k in event.quotes:
            speaker_of[k] = event.resolved
    for k, span in enumerate(spans):
        if k in speaker_of or k == 0:
            continue
        previous = spans[k - 1]
        inherits = (
            previous.last_par == span.first_par - 1 and _whole_paragraph(body, span, pars)
        ) or (
            previous.last_par == span.first_par
            and re.fullmatch(r"[^.!?“”\"]+[.!?]\s*", body[previous.close_at + 1 : span.open_at])
            is not None
        )
        if inherits and (k - 1) in speaker_of:
            speaker_of[k] = speaker_of[k - 1]
    quotes = [
        Quote(body[span.start : span.end], speaker_of[k][0], span.start, span.end, speaker_of[k][1])
        for k, span in enumerate(spans)
        if k in speaker_of
    ]
    ordered = sorted(spoke, key=spoke.__getitem__)
    people = [d for d, kind in ordered if kind == "person"]
    orgs = [d for d, kind in ordered if kind == "org"]
    return quotes, people, orgs


def extract_speakers(article: Article) -> Article:
    """Extractor: fill ``quotes``, ``speakers`` (people) and ``organizations`` of ``article``.

    :param article: an article whose ``body`` is read; other fields are kept.
    :returns: a copy with the three fields replaced by what :func:`extract_quotes` finds.
    """
    quotes, people, orgs = extract_quotes(article.body)
    return article.replace(quotes=tuple(quotes), speakers=tuple(people), organizations=tuple(orgs))
