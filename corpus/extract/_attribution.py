"""Who a quotation or a reported statement is attributed to, as written (before resolution).

The parts:

* verb lists: :data:`DIRECT_VERBS` may attribute a quotation ("called", "read", "continued" are
  only trusted next to quotation marks), :data:`INDIRECT_VERBS` report speech without marks;
* :func:`subject_before` reads the subject written before a verb, right to left: adverbs and
  auxiliaries, then a pronoun ("he added"), a relative "NAME, who said", a reference to an
  organisation's output ("the statement read", "Amnesty International's statement read",
  "a spokesman for ORG said"), or a name with up to two appositives ("NAME, QC, a lawyer, said");
* :func:`subject_after` reads an inverted attribution ("said Swiss MP NAME", "according to NAME");
* :func:`sentence_start` finds where the sentence holding an offset begins.

Every function returns a :class:`Subject` or ``None``; turning a subject into a speaker (a
pronoun into the person it stands for, a surname into a full name) is
:mod:`corpus.extract.speakers`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.extract._names import (
    NameRef,
    appositive_kind,
    make_name,
    run_after,
    run_before,
    split_of,
)

_INDIRECT = """said says told tells added adds stated states warned warns argued argues urged urges
noted notes explained explains insisted insists declared declares announced announces claimed
commented replied replies acknowledged acknowledges emphasized emphasised emphasizes emphasises
stressed stresses laments lamented reminded reminds wrote writes asked asks recalled recalls
concluded concludes predicted complained complains confirmed confirms admitted admits testified
cautioned""".split()
_DIRECT_ONLY = """say saying adding called calls calling continued continues read reads urging
warning stating observed observes tweeted tweets asserted asserts contended contends suggested
suggests responded responds answered answers remarked exclaimed quipped
explaining noting""".split()
INDIRECT_VERBS = frozenset(_INDIRECT) | {"pointed out", "points out"}
DIRECT_VERBS = INDIRECT_VERBS | frozenset(_DIRECT_ONLY) | {"went on", "goes on"}
_INVERTIBLE = frozenset("said says added concluded wrote stated noted explained argued".split())


def _verb_pattern(verbs: frozenset[str]) -> re.Pattern[str]:
    words = sorted(verbs, key=len, reverse=True)
    return re.compile(
        r"(?<![\w’'\-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w’'\-])"
    )


DIRECT_RE = _verb_pattern(DIRECT_VERBS)
INDIRECT_RE = _verb_pattern(INDIRECT_VERBS)

_ADVERBS = (
    r"also|further|later|then|again|previously|recently|earlier|repeatedly|explicitly|once|"
    r"reportedly|publicly|separately|subsequently|today|yesterday|simply|firmly|openly|clearly|"
    r"strongly|bluntly|flatly|angrily|quickly|privately|finally|initially|has|have|had|is|are|"
    r"was|were|will|would|may|might|could|should|must|can|did|does|do|not|never|always|often|"
    r"just|only|even|still|now|been|being|be|has\s+since|had\s+once"
)
_TRAILING_ADVERBS = re.compile(r"(?:(?<![\w’'])(?:" + _ADVERBS + r")\s*)+$")
_PASSIVE = re.compile(r"(?<![\w’'])(?:was|were|been|being|be|is|are)(?![\w’'])")
_PRONOUN = re.compile(r"(?<![\w’'])(he|she|they|it|He|She|They|It)\s*$")
_WHO = re.compile(r",\s*who\s*$")
_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)\s*$")
_OUTPUT_NOUNS = (
    r"statement|report|letter|communiqu[eé]|release|press\s+release|post|submission|"
    r"group|organi[sz]ation|company|firm|agency|ministry|bank|website|spokes(?:man|woman|person)"
)
_OUTPUT_REF = re.compile(
    r"(?<![\w’'])(?:[Tt]he|[Ii]ts|[Tt]his|[Tt]heir)\s+(?:[a-z]+\s+)?(?:" + _OUTPUT_NOUNS + r")\s*$"
)
_A_STATEMENT = re.compile(
    r"(?<![\w’'])[Aa]n?\s+(?:[a-z]+\s+)?(?:statement|report|letter|communiqu[eé]|press\s+release)\s*$"
)
_POSSESSIVE_OUTPUT = re.compile(r"[’']s\s+(?:[a-z]+\s+)?(?:" + _OUTPUT_NOUNS + r")\s*$")
_SPOKESMAN_FOR = re.compile(
    r"(?<![\w’'])(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)|representative|"
    r"official)\s+(?:for|of|at|from)\s+(?:the\s+)?$"
)
_ACCORDING = re.compile(r"(?<![\w’'])[Aa]ccording\s+to\s+")
_CORPORATE_IT = re.compile(
    r"\s+it\s+(?:has|had|agreed|plans|intends|expects|completed|sold|bought|acquired|signed|"
    r"filed|reported|received|will\s+(?:pay|sell|buy|acquire|open|close|issue|offer))\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’»)]*\s+(?=[\"“‘«(\[A-Z0-9])")
_END = re.compile(r"[.!?…](?=[”\"’»)]*(?:\s|$))")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|"
    r"Rev|Hon|St|Jr|Sr|No|Nos|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|"
    r"vs|U\.S|U\.K|U\.N)\.$"
)


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a verb's subject is as written: a name, a pronoun or a reference to an org's output.

    ``kind`` is ``"name"``, ``"pronoun"`` (``pronoun`` holds it) or ``"orgref"``; ``hint`` is
    ``"person"`` or ``"org"`` when an appositive or the construction tells which it is.
    """

    kind: str
    pos: int
    name: NameRef | None = None
    pronoun: str = ""
    hint: str = ""
    gender: str = ""


def sentence_start(text: str, pos: int, floor: int) -> int:
    """Return the offset where the sentence holding ``pos`` starts (never before ``floor``).

    >>> sentence_start("Dr. Jones left. Mr. Smith said no.", 25, 0)
    16
    """
    start = floor
    for match in _SENTENCE_END.finditer(text, max(floor, pos - 600), pos):
        if not _ABBREVIATION.search(text, max(floor, match.start() - 8), match.start()):
            start = match.end()
    return start


def _gender_after(text: str, pos: int) -> str:
    """Read "said in her remarks" / "told his" just after a verb."""
    match = re.match(
        r"\s+(?:(?:in|on|at|to|from|during|with|via)\s+)?(his|her|its)\b", text[pos : pos + 40]
    )
    if match:
        return {"his": "m", "her": "f", "its": "o"}[match.group(1)]
    # "McDonnell Douglas said it will open an office": a company, not a person.
    return "o" if _CORPORATE_IT.match(text, pos) else ""


def _strip_appositives(text: str, floor: int, end: int) -> tuple[int, str]:
    """Skip up to two ", appositive," groups written before ``end``; return (new end, hint)."""
    hint, original = "", end
    for _ in range(2):
        head = text[floor:end].rstrip()
        if not head.endswith(","):
            break
        comma = floor + len(head) - 1
        previous = text.rfind(",", max(floor, comma - 160), comma)
        appositive = text[previous + 1 : comma].strip()
        named = make_name(run_before(text, comma, previous + 1))
        if named is not None and named.kind == "person":
            break  # "In Jamaica, OPEC President NAME, who is also …, said": NAME is the subject
        kind = appositive_kind(appositive)
        starts_lower = appositive[:1].islower() or re.match(
            r"(?:[Aa]n?|[Tt]he|[Ii]ts)\s", appositive
        )
        if previous < 0 or not (kind or starts_lower) or len(appositive.split()) > 18:
            if end == original:
                return original, ""
            break
        hint = kind or hint  # the appositive nearest the name wins
        end = previous + 1
    head = text[floor:end].rstrip()
    if end != original and head.endswith(","):
        return floor + len(head) - 1, hint
    return original, hint


def _name_subject(name: NameRef | None, hint: str = "", gender: str = "") -> Subject | None:
    if name is None:
        return None
    return Subject("name", name.start, name, hint=hint, gender=gender or name.gender)


def subject_before(text: str, verb_start: int, floor: int, verb: str = "said") -> Subject | None:
    """Return the subject written just before the verb at ``verb_start``.

    >>> s = subject_before("Kristy Brimelow, QC, a lawyer, said", 31, 0)
    >>> s.name.display, s.hint
    ('Kristy Brimelow', 'person')
    >>> subject_before("He was told", 7, 0) is None
    True
    """
    head = text[max(floor, verb_start - 400) : verb_start]
    base = verb_start - len(head)
    adverbs = _TRAILING_ADVERBS.search(head)
    core_end = adverbs.start() if adverbs else len(head)
    if verb == "saying" and head[:core_end].rstrip().endswith((" as", "\nas")):
        core_end = head[:core_end].rstrip().rfind("as")  # "PAP quoted Baka as saying"
        core_end = len(re.sub(r"(?:(?:was|were|is|been)\s+)?quoted\s*$", "", head[:core_end]))
    elif (
        adverbs
        and _PASSIVE.search(adverbs.group())
        and (verb.endswith("ed") or verb in {"told", "said", "read", "written"})
    ):
        return None
    end = base + len(head[:core_end].rstrip())
    gender = _gender_after(text, verb_start + len(verb))
    core = text[max(floor, end - 400) : end]
    pronoun = _PRONOUN.search(core)
    if pronoun:
        word = pronoun.group(1).lower()
        return Subject("pronoun", end - len(core) + pronoun.start(), pronoun=word, gender=gender)
    who = _WHO.search(core)
    if who:
        antecedent = end - len(core) + who.start()
        paren = _PARENTHESIS.search(text, max(floor, antecedent - 90), antecedent)
        if paren:
            antecedent = paren.start()
        return _name_subject(make_name(split_of(run_before(text, antecedent, floor))), "person")
    output = _OUTPUT_REF.search(core) or _A_STATEMENT.search(core)
    if output:
        return Subject("orgref", end - len(core) + output.start(), hint="org")
    owner = _POSSESSIVE_OUTPUT.search(core)
    if owner:
        name = make_name(run_before(text, end - len(core) + owner.start(), floor))
        return _name_subject(name, "org-only") if name and name.kind != "person" else None
    run_end, hint = _strip_appositives(text, floor, end)
    run = split_of(run_before(text, run_end, floor))
    if run:
        before = text[max(floor, run[0].start - 30) : run[0].start]
        if re.search(r"(?:[’']s?|s[’'])\s+$", before):
            return None  # "an official at the Trade Representative's Office said"
        preposition = re.search(
            r"(?<![\w’'])(at|of|from|with|by|for|to|in|on|including|like|as|than|between|among|"
            r"against|about|and|or)\s+(?:the\s+)?$",
            before,
        )
        if preposition:
            # "NAME at ORG said" names NAME; "analysts polled by Reuters said" names nobody.
            head_run = run_before(text, run[0].start - len(before) + preposition.start(), floor)
            if preposition.group(1) not in {"at", "of", "from", "with"} or not head_run:
                return None
            return _name_subject(make_name(head_run), "person", gender)
        if _SPOKESMAN_FOR.search(before):
            name = make_name(run)
            return _name_subject(name, "org-only") if name and name.kind != "person" else None
    return _name_subject(make_name(run), hint, gender)


def _role_then_name(text: str, name: NameRef | None, limit: int) -> NameRef | None:
    """Skip "Merrill Lynch analyst" in "said Merrill Lynch analyst NAME" to reach NAME."""
    if name is None:
        return None
    role = re.match(r"\s+((?:[a-z\-]+\s+){1,3})(?=[A-Z])", text[name.end : limit])
    if role and appositive_kind(role.group(1)) == "person":
        person = make_name(run_after(text, name.end + role.end(), limit))
        return person if person is not None and person.kind == "person" else None
    return name


def subject_after(text: str, pos: int, floor: int) -> Subject | None:
    """Return a subject written after ``pos``: "said NAME", "NAME said", "according to NAME".

    ``floor`` bounds the search on the right (the end of the sentence).

    >>> subject_after("” said Swiss MP Laurence Fellman Rielle", 1, 40).name.display
    'Laurence Fellman Rielle'
    """
    lead = re.match(r"[\s,]*", text[pos:floor])
    start = pos + (lead.end() if lead else 0)
    if text[start : start + 1] in {".", "!", "?", ";"}:
        return None
    according = _ACCORDING.match(text, start, floor)
    if according:
        found = according_to(text, start, floor)
        return found[0][1] if found and found[0][0] == start else None
    verb = DIRECT_RE.match(text, start, floor)
    if verb:
        rest = verb.end()
        pronoun = re.match(r"\s+(he|she|they|it)\b", text[rest:floor])
        if pronoun:
            return Subject("pronoun", rest + pronoun.start(1), pronoun=pronoun.group(1))
        name = _role_then_name(text, make_name(split_of(run_after(text, rest, floor))), floor)
        role = re.match(r"\s+((?:[a-z\-]+\s+){1,3})(?=[A-Z])", text[rest:floor])
        if name is None and role and appositive_kind(role.group(1)) == "person":
            name = make_name(run_after(text, rest + role.end(), floor))  # "said economist NAME"
            name = name if name is not None and name.kind == "person" else None
        if name is None:
            return None
        after = text[name.end : floor]
        appositive = re.match(r"\s*,\s*([^,]{1,160})", after)
        hint = appositive_kind(appositive.group(1)) if appositive else ""
        return _name_subject(name, hint, _gender_after(text, name.end))
    for verb in DIRECT_RE.finditer(text, start, min(floor, start + 260)):
        subject = subject_before(text, verb.start(), start, verb.group())
        if subject is not None and subject.pos == start:
            return subject
        if subject is not None:
            return None
    return None


def sentence_end(text: str, pos: int, limit: int) -> int:
    """Return the offset just after the sentence holding ``pos`` ends (at most ``limit``)."""
    for match in _END.finditer(text, pos, limit):
        if not _ABBREVIATION.search(text, max(0, match.start() - 8), match.end()):
            return match.end()
    return limit


def according_to(text: str, start: int, end: int) -> list[tuple[int, Subject]]:
    """Return ``(offset, subject)`` for every "according to NAME" between ``start`` and ``end``."""
    found = []
    for match in _ACCORDING.finditer(text, start, end):
        run = split_of(run_after(text, match.end(), end))
        name = _role_then_name(text, make_name(run), end)
        if run and name is not None and name.end == run[-1].end:
            # "according to British Airways' chief executive, Colin Marshall": the person speaks.
            role = re.match(
                r"(?:[’']s?|s[’'])\s+((?:[a-z\-]+\s+){1,5}),?\s*", text[run[-1].end - 2 : end]
            )
            if role is None and re.match(r"[’']", text[run[-1].end : run[-1].end + 1]):
                role = re.match(r"[’']\s+((?:[a-z\-]+\s+){1,5}),?\s*", text[run[-1].end : end])
                offset = run[-1].end
            else:
                offset = run[-1].end - 2
            if role is not None:
                if appositive_kind(role.group(1)) != "person":
                    continue
                name = make_name(run_after(text, offset + role.end(), end))
                if name is None or name.kind != "person":
                    continue
        subject = _name_subject(name)
        if subject is not None:
            found.append((match.start(), subject))
    return found


def inverted_after_comma(
    text: str, verb_start: int, verb: str, floor: int, end: int
) -> Subject | None:
    """Read "…, concluded Amnesty International in a post": a comma, a verb, then a name."""
    if verb not in _INVERTIBLE or not text[floor:verb_start].rstrip().endswith(","):
        return None
    return _name_subject(make_name(run_after(text, verb_start + len(verb), end)))
