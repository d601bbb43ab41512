"""Names in running text: finding a run of capitalised words and deciding who it names.

The parts, used by :mod:`corpus.extract._attribution` and :mod:`corpus.extract.speakers`:

* word lists shipped as code: person titles and honorifics, post-nominals, organisation cues,
  capitalised words that never belong to a person's name (days, months, places, function words);
* :func:`tokens` splits text into word and punctuation tokens with their offsets;
* :func:`run_before` and :func:`run_after` collect the run of name-like tokens that ends at, or
  starts at, a position;
* :func:`make_name` strips titles and post-nominals from a run and classifies what is left as a
  ``"person"``, an ``"org"`` or ``"unknown"`` (a lone surname or company name that only the
  article's earlier mentions can settle).

A person needs two name tokens or a title; one bare capitalised word stays ``"unknown"``, because
in news copy it is as often a company, a country or a newspaper. Only the caller can promote it,
when the construction says it is a person ("Smith, a lawyer, said"; "quoted Safavi of the NCRI,
who said") or an earlier full name matches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

TITLES = frozenset(
    """Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lady Lord Madam Madame Mme Mlle Monsieur Herr
    Sen Sens Senator Rep Reps Representative Congressman Congresswoman Gov Governor President
    Vice Minister Ministers Premier Chancellor Secretary Undersecretary Chairman Chairwoman Chair
    Chairperson Director Commissioner Ambassador Envoy Spokesman Spokeswoman Spokesperson Judge
    Justice Mayor King Queen Prince Princess Pope Cardinal Bishop Archbishop Rabbi Imam Sheikh
    Ayatollah Hojatoleslam Mullah Rev Reverend Father Sister Brother Gen Col Lt Capt Sgt Maj Adm
    Cmdr Commander Colonel Captain Sergeant Lieutenant Admiral Marshal Officer Inspector Detective
    Chief CEO Deputy Attorney Solicitor Prosecutor Counsel MP MEP QC KC Speaker Leader Sultan Emir
    Crown Brigadier Democrat Republican Analyst Dealer Trader Lawyer Officials Official Hon
    Honourable Honorable
    Mr. Mrs. Ms. Dr. Prof. Sen. Rep. Gov. Gen. Col. Lt. Capt. Sgt. Rev. Hon. Adm.""".split()
)
_FEMALE_TITLES = frozenset(
    "Mrs Ms Miss Lady Dame Madam Madame Mme Mlle Queen Princess Sister".split()
)
_MALE_TITLES = frozenset("Mr Sir Lord Monsieur Herr King Prince Father Brother".split())
POSTNOMINALS = frozenset("QC KC MP MEP Jr Sr PhD MD MBE OBE CBE Esq II III".split())
ORG_CUES = frozenset(
    """International Organisation Organization Council Committee Ministry Group Agency Union
    Association Institute Institution Foundation News Times Party Court Commission Inc Corp Co Ltd
    Plc PLC LLC AG SA NV GmbH Bank Company Companies Corporation Department Office Board Bureau Fund
    Federation Network Post Journal Service Services Watch Centre Center University College School
    Academy Church Government Parliament Congress Senate Army Police Authority Exchange Trust
    Society
    Alliance League Coalition Movement Front Assembly Secretariat Tribunal Nations Airlines Airways
    Industries Holdings Partners Securities Capital Motors Petroleum Oil Energy Systems Technologies
    Electric Steel Communications Press Television Radio Magazine Daily Herald Tribune Gazette
    Hospital Brigade Forces Guard Corps Mission Embassy Reuters Administration Cabinet Treasury
    Brothers Bros Associates Research Mujahedin Mojahedin Resistance Amnesty Greenpeace Rights
    Agencies Lines Program Programme Project Initiative Campaign Panel Review Resources Mines
    Mining Pictures Entertainment Foods Products Chemicals Electronics Semiconductor Industrie Motor
    Bancorp Bancshares Inns Works Gruppo Zeitung Force LP Productions Fashions Stores Banque Banco
    Banca Compagnie Societe Distillers Ag Limited Laboratories Labs Cross Hydro Unit House
    Kremlin Pentagon Vatican""".split()
)
_ORG_HEAD_NOUNS = frozenset(
    """company firm group organisation organization agency bank body newspaper paper party union
    ministry department council committee charity broadcaster network station institute
    association coalition movement""".split()
)
_ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson director minister lawyer attorney president chairman
    chairwoman analyst researcher scientist official leader professor economist secretary member
    head chief executive manager expert activist advocate adviser advisor author writer journalist
    reporter editor founder partner trader dealer strategist governor senator representative
    mayor ambassador envoy diplomat commissioner judge prosecutor investigator rapporteur survivor
    witness victim mother father son daughter wife husband brother sister student teacher doctor
    candidate politician lawmaker legislator campaigner officer commander general colonel
    spokesmen officials""".split()
)
_FUNCTION_CAPS = frozenset(
    """The A An This That These Those It He She They We I You His Her Its Their Our My But And Or
    So Yet Also However Meanwhile Still Then Now Today Yesterday Tomorrow In On At By For From
    With Without Of To As After Before During Since Until While When Where Why How What Which Who
    If Although Though Because Last Next Earlier Later Many Most Some Several Both Each Every All
    Asked According Speaking Writing Quoting Finally Instead Indeed Moreover Furthermore Besides
    Nevertheless Overall Thus Hence Mr Here There Such Other Another Only Even Just No Not Despite
    Under Over Between Among Against Through Per Via Dear Please Thank Thanks Analysts Officials
    Stockbrokers Brokers Dealers Traders Economists Bankers Sources Experts Diplomats Witnesses
    Residents Police Investors Critics Officers Authorities Researchers Scientists Doctors Lawyers
    Prosecutors Protesters Activists Campaigners Observers Delegates Members Leaders Users Der Die
    Das Les Il""".split()
)
_CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec Christmas Easter Ramadan""".split()
)
_NON_PERSON = frozenset(
    """North South East West Northern Southern Eastern Western Central Middle Upper Lower New Old
    United States Kingdom Republic Islamic Democratic People's Peoples Federal National Royal
    Human Street Avenue Road House Square Palace City County State Province Island Islands
    Bay River Valley Coast Gulf Sea Ocean Mountains Airport Station Bridge Tower
    Africa America Americas Asia Europe Arabia Korea Zealand Kong Lanka Rica Salvador Germany
    Union Iran Iraq Israel Syria Lebanon Turkey Egypt Russia China Japan India Pakistan France
    Britain England Scotland Wales Ireland Italy Spain Canada Mexico Brazil Argentina Chile
    Australia Geneva Washington London Paris Tehran Moscow Beijing Tokyo Brussels Berlin Wall
    Kremlin Pentagon Capitol Downing Vatican Internet Web Twitter Facebook God Allah
    Iranian American British French German Russian Chinese Japanese Swiss Israeli Arab Soviet
    Western European African Asian Muslim Christian Jewish Catholic Sunni Shia Shiite""".split()
)
PARTICLES = frozenset(
    "de da di du del della der den van von ter bin ibn al el la le dos das y".split()
)
_CONNECTORS = frozenset("of for and & the".split())
_DEPARTMENTS = frozenset(
    "State Foreign Affairs Defence Defense Interior Home Finance Trade Commerce Health Education "
    "Justice Energy Labour Labor Agriculture Economy Industry Transport Environment".split()
)
_ABBREVIATED = frozenset(
    "Mr Mrs Ms Dr Prof Sen Sens Rep Gov Gen Col Lt Capt Sgt Rev Hon St Jr Sr Adm".split()
)

_PLACE_INITIALS = frozenset("U.S. U.S U.K. U.K U.N. U.N E.U. E.U".split())
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:\.(?=[\s,;:)]|$))?|\d+|[^\w\s]"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark and its offsets.

    ``word`` is the token without a trailing full stop or possessive ``'s``.
    """

    text: str
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class NameRef:
    """A cleaned name: ``display`` form, ``kind`` and what the run said about the bearer."""

    display: str
    kind: str  # "person", "org" or "unknown"
    titled: bool = False
    gender: str = ""
    start: int = 0
    end: int = 0
    whole: str = ""  # the run before titles were stripped ("King World")


def _word(text: str) -> str:
    word = text[:-1] if text.endswith(".") and "." not in text[:-1] else text
    return word[:-2] if word.endswith(("’s", "'s")) else word


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of ``text[start:end]`` with offsets into ``text``."""
    return list(_iter_tokens(text, start, len(text) if end is None else end))


def _iter_tokens(text: str, start: int, stop: int) -> Iterator[Token]:
    for m in _TOKEN.finditer(text, start, stop):
        yield Token(m.group(), m.start(), m.end(), _word(m.group()))


def _is_name_word(token: Token) -> bool:
    word = token.word
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    # al-Assad, bin-Laden: a lower-case particle hyphenated to a capitalised name.
    head, _, tail = word.partition("-")
    return bool(tail) and head in PARTICLES and tail[:1].isupper()


def _joinable(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    return (gap == "" and left.text.endswith(".")) or (gap.isspace() and "\n\n" not in gap)


def _is_possessive(token: Token) -> bool:
    return token.text.endswith(("’s", "'s"))


def _ends_sentence(token: Token) -> bool:
    """True when a token's full stop ends a sentence rather than an abbreviation or initial."""
    word = token.text[:-1]
    if _INITIALS.fullmatch(token.text):
        return False
    return token.text.endswith(".") and not (len(word) == 1 or word in _ABBREVIATED)


def _trim(run: list[Token]) -> list[Token]:
    while run and (run[0].word in _CONNECTORS or run[0].word in PARTICLES):
        run = run[1:]
    while run and (run[-1].word in _CONNECTORS or run[-1].word in PARTICLES):
        run = run[:-1]
    return run


def run_before(text: str, end: int, floor: int = 0) -> list[Token]:
    """Return the name-like tokens that end exactly at ``end`` (ignoring trailing spaces).

    >>> [t.word for t in run_before("Yesterday Swiss MP Laurence Rielle", 35)]
    ['Swiss', 'MP', 'Laurence', 'Rielle']
    """
    toks = tokens(text, max(floor, end - 240), end)
    run: list[Token] = []
    for token in reversed(toks):
        if run and not _joinable(text, token, run[0]):
            break
        if not run and (text[token.end : end].strip() or _ends_sentence(token)):
            return []
        if run and _is_possessive(token):
            break
        if _is_name_word(token) and token.word not in _FUNCTION_CAPS | _CALENDAR:
            run.insert(0, token)
        elif run and (token.word in _CONNECTORS or token.word in PARTICLES) and token.word != "the":
            run.insert(0, token)
        elif run and token.word == "the" and run[0].word[:1].isupper():
            run.insert(0, token)
        else:
            break
        if token is not toks[-1] and _ends_sentence(token):
            run.pop(0)
            break
    return _trim(run)


def run_after(text: str, start: int, limit: int | None = None) -> list[Token]:
    """Return the name-like tokens that start at ``start`` (after white space).

    >>> [t.word for t in run_after("said Dr. Jane Doe, a lawyer", 4)]
    ['Dr', 'Jane', 'Doe']
    """
    stop = min(len(text), start + 240) if limit is None else limit
    run: list[Token] = []
    for token in _iter_tokens(text, start, stop):
        if run and not _joinable(text, run[-1], token):
            break
        if not run and text[start : token.start].strip():
            return []
        if _is_name_word(token) and token.word not in _CALENDAR:
            if not run and token.word in _FUNCTION_CAPS and token.word not in TITLES:
                return []
            run.append(token)
        elif run and (token.word in _CONNECTORS or token.word in PARTICLES):
            run.append(token)
        else:
            break
        if _ends_sentence(token) or _is_possessive(token):
            break
    return _trim(run)


def _strip_titles(run: list[Token]) -> tuple[list[Token], bool, str]:
    """Drop everything up to the last title; return (rest, titled, gender)."""
    titled, gender = False, ""
    while len(run) > 1 and run[-1].word in POSTNOMINALS:
        run, titled = run[:-1], True
    last = -1
    for i, token in enumerate(run):
        word = token.word
        if word in TITLES or (word == "General" and i and run[i - 1].word in TITLES):
            last = i
    if last >= 0:
        word = run[last].word
        gender = "f" if word in _FEMALE_TITLES else "m" if word in _MALE_TITLES else ""
        run, titled = run[last + 1 :], True
        # "Secretary of State George Shultz": the portfolio after the title is not the name.
        while run and run[0].word in {"of", "for"}:
            # The first word after "of (the)" always names the portfolio.
            run = run[3:] if len(run) > 2 and run[1].word == "the" else run[2:]
            while run and (run[0].word in _DEPARTMENTS or run[0].word in {"and", "the", "&"}):
                run = run[1:]
    return _trim(run), titled, gender


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


_NOT_IN_INITIALS = frozenset(
    "of and the for & de du la le Inc Corp Co Ltd Plc PLC LLC AG SA NV GmbH Limited".split()
)


def initials(name: str) -> str:
    """The initials an organization's name is abbreviated to.

    >>> initials("Trans World Airlines Inc"), initials("International Development Association")
    ('TWA', 'IDA')
    """
    return "".join(w[0] for w in name.split() if w not in _NOT_IN_INITIALS and w[0].isupper())


def is_org_words(words: list[str]) -> bool:
    """True when a run of words carries an organisation cue."""
    if any(w in ORG_CUES for w in words):
        return True
    return len(words) == 1 and _is_acronym(words[0])


_APPOSITIVE_END = re.compile(r"\b(?:for|of|at|with|in|from|on|to|who|whose|which|that)\b")


def appositive_kind(text: str) -> str:
    """Say whether an appositive (", a spokesman for X,") describes a ``"person"`` or ``"org"``.

    >>> appositive_kind("a spokesman for the company"), appositive_kind("the oil company")
    ('person', 'org')
    """
    head = re.split(_APPOSITIVE_END, text, maxsplit=1)[0]
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", head)}
    if words & _ROLE_NOUNS or any(w in POSTNOMINALS for w in text.split()):
        return "person"
    if words & _ORG_HEAD_NOUNS:
        return "org"
    if re.fullmatch(r"\s*\d{1,3}\s*", text):  # "Smith, 45, said"
        return "person"
    return ""


def make_name(run: list[Token]) -> NameRef | None:
    """Clean a run of tokens into a :class:`NameRef`, or ``None`` when no name is left.

    >>> name = make_name(tokens("Grand Ayatollah Hossein Ali Montazeri"))
    >>> name.display, name.kind, name.titled
    ('Hossein Ali Montazeri', 'person', True)
    >>> make_name(tokens("Amnesty International")).kind
    'org'
    """
    if not run:
        return None
    whole = [t.word for t in run]
    if is_org_words(whole) and not any(w in TITLES for w in whole[1:]):
        return NameRef(" ".join(whole), "org", start=run[0].start, end=run[-1].end)
    rest, titled, gender = _strip_titles(run)
    words = [t.word for t in rest]
    if not words or any(not w[:1].isalpha() for w in words):
        return None
    initials = {t.word for t in rest if _INITIALS.fullmatch(t.text)}
    start, end = rest[0].start, rest[-1].end
    display = " ".join(t.text if _INITIALS.fullmatch(t.text) else t.word for t in rest)
    if is_org_words(words):
        return NameRef(display, "org", start=start, end=end)
    if any(w in _CONNECTORS for w in words):
        return None
    names = [w for w in words if w not in initials]
    if any(w in _PLACE_INITIALS for w in words):
        return None
    if any(w in _NON_PERSON or w in _FUNCTION_CAPS or w in _CALENDAR for w in names):
        return None
    if any(w.isupper() and len(w) > 1 for w in names) or not names:
        return None
    if len([w for w in words if w not in PARTICLES]) >= 2 or titled:
        return NameRef(display, "person", titled, gender, start, end, " ".join(whole))
    return NameRef(display, "unknown", start=start, end=end, whole=" ".join(whole))


def split_of(run: list[Token]) -> list[Token]:
    """Cut "Safavi of the National Council" to its head when the head is not itself an org."""
    for i, token in enumerate(run):
        if token.word in {"of", "at", "from", "for"}:
            head = run[:i]
            if not head or is_org_words([t.word for t in head]) or head[-1].word in TITLES:
                return run  # "Bank of England", "Chancellor of the Exchequer NAME"
            return head
    return run
