"""Speakers, organisations and quotations: one small news snippet per attribution pattern."""

from __future__ import annotations

import pytest

from corpus import SAMPLE_CORPUS, read_path
from corpus.article import Article
from corpus.extract import EXTRACTORS, extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    return extract_quotes(body)[1]


def quote_pairs(body: str) -> list[tuple[str, str, str]]:
    quotes, _, _ = extract_quotes(body)
    for q in quotes:
        assert body[q.start : q.end] == q.text
    return [(q.text, q.speaker, q.kind) for q in quotes]


# --- attribution patterns ---------------------------------------------------------------------


def test_said_after_quote_attributes_to_name():
    body = "“We will not back down,” said Maria Lopez, the union’s president."
    assert quote_pairs(body) == [("We will not back down", "Maria Lopez", "person")]


def test_name_said_after_quote_attributes_to_name():
    body = '"Prices will keep rising," John Carter said on Tuesday.'
    assert quote_pairs(body) == [("Prices will keep rising", "John Carter", "person")]


def test_name_said_colon_before_quote_attributes_to_name():
    body = "Finance Minister Anna Berg said: “The budget is balanced.”"
    assert quote_pairs(body) == [("The budget is balanced.", "Anna Berg", "person")]


def test_name_role_appositives_then_said_attributes_to_name():
    body = (
        "“The evidence is overwhelming,” Kristy Brimelow, QC, an international human rights "
        "lawyer, said in her remarks."
    )
    assert quote_pairs(body) == [("The evidence is overwhelming", "Kristy Brimelow", "person")]


def test_title_before_name_is_not_part_of_the_name():
    body = "“Justice must be done,” said Swiss MP Laurence Fellman Rielle"
    assert speakers_of(body) == ["Laurence Fellman Rielle"]


def test_role_at_org_appositive_keeps_person_apart_from_org():
    body = (
        "“The record is appalling,” said Philip Luther, Research and Advocacy Director for the "
        "Middle East and North Africa at Amnesty International."
    )
    quotes, people, orgs = extract_quotes(body)
    assert people == ["Philip Luther"]
    assert orgs == []
    assert quotes[0].kind == "person"


def test_according_to_name_attributes_quote():
    body = "According to Dr. Samuel Okafor, “the outbreak is under control.”"
    assert quote_pairs(body) == [("the outbreak is under control.", "Samuel Okafor", "person")]


def test_told_reporters_in_reported_speech_records_speaker_without_quote():
    body = "Treasury Secretary James Baker told reporters the dollar had fallen far enough."
    quotes, people, _ = extract_quotes(body)
    assert people == ["James Baker"]
    assert quotes == []


def test_name_quoted_name2_who_said_attributes_to_name2():
    body = (
        "Patrick Goodenough quoted the group’s research director, Philip Luther, who said, "
        "“these crimes against humanity are ongoing”."
    )
    quotes, people, _ = extract_quotes(body)
    assert [q.speaker for q in quotes] == ["Philip Luther"]
    assert "Patrick Goodenough" not in people


def test_single_name_of_org_who_said_is_a_person():
    body = (
        "He quoted Safavi of the National Council of Resistance of Iran (NCRI), who said that it "
        "would take “a major public pressure campaign”."
    )
    assert quote_pairs(body) == [("a major public pressure campaign", "Safavi", "person")]


def test_pronoun_follow_up_resolves_to_previous_speaker():
    body = (
        "“Growth will slow,” said economist Helen Park.\n\n"
        "“But there is no recession in sight,” she added."
    )
    assert [s for _, s, _ in quote_pairs(body)] == ["Helen Park", "Helen Park"]


def test_surname_follow_up_resolves_to_full_name():
    body = (
        "Patrick Goodenough published an opinion piece on Friday.\n\n"
        "“The killings were systematic,” Goodenough says."
    )
    assert speakers_of(body) == ["Patrick Goodenough"]


def test_pronoun_resolves_to_titled_subject_over_earlier_speaker():
    body = (
        "“It was a massacre,” said Philip Luther.\n\n"
        "During the meeting, Grand Ayatollah Hossein Ali Montazeri is heard warning the judges. "
        "He called the crime, “the biggest crime in the history of the Islamic Republic”."
    )
    quotes, _, _ = extract_quotes(body)
    assert quotes[-1].speaker == "Hossein Ali Montazeri"


def test_multi_paragraph_quote_spans_paragraphs_and_takes_last_attribution():
    body = (
        "Henrik Hermansson, a political scientist, addressed the conference.\n\n"
        "“Impunity is a cause of violations.\n\n"
        "“Failure to investigate is also a crime,” he concluded."
    )
    quotes, people, _ = extract_quotes(body)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Henrik Hermansson"
    assert quotes[0].text.startswith("Impunity")
    assert quotes[0].text.endswith("also a crime")
    assert body[quotes[0].start : quotes[0].end] == quotes[0].text
    assert people == ["Henrik Hermansson"]


def test_unattributed_quote_paragraph_continues_previous_speaker():
    body = (
        "“The tribunal is overdue,” Kristy Brimelow, a lawyer, said.\n\n"
        "“Many of the people had been arrested for distributing leaflets.”"
    )
    assert [s for _, s, _ in quote_pairs(body)] == ["Kristy Brimelow", "Kristy Brimelow"]


def test_name_inside_someone_elses_quote_is_not_a_speaker():
    body = (
        "“In July, Mostafa Pourmohammadi, the former minister, said the executions were "
        "justified,” said Anna Berg."
    )
    assert speakers_of(body) == ["Anna Berg"]


def test_person_only_mentioned_is_not_a_speaker():
    body = "The Justice Minister, Alireza Avaei, has strong links to the atrocities."
    assert extract_quotes(body) == ([], [], [])


def test_org_wrote_after_quote_is_org_speaker():
    body = "“This succession of violations is linked to impunity,” Amnesty International wrote."
    quotes, people, orgs = extract_quotes(body)
    assert [(q.speaker, q.kind) for q in quotes] == [("Amnesty International", "org")]
    assert people == []
    assert orgs == ["Amnesty International"]


def test_the_statement_read_resolves_to_org_that_issued_it():
    body = (
        "Amnesty International released a statement on Monday.\n\n"
        "“The pain inflicted on the families is severe,” the statement read."
    )
    assert quote_pairs(body) == [
        ("The pain inflicted on the families is severe", "Amnesty International", "org")
    ]


def test_short_org_name_resolves_to_full_org():
    body = (
        "Amnesty International published a report.\n\n"
        "Amnesty further stated that “torture amounts to a crime against humanity.”"
    )
    _, _, orgs = extract_quotes(body)
    assert orgs == ["Amnesty International"]


def test_inverted_org_attribution_without_quote_marks():
    body = "The treatment constitutes torture, concluded Amnesty International in a June post."
    assert extract_quotes(body) == ([], [], ["Amnesty International"])


def test_org_cue_keeps_company_out_of_people():
    body = "Texaco Inc said it would appeal. The company said the ruling was unfair."
    quotes, people, orgs = extract_quotes(body)
    assert people == []
    assert orgs == ["Texaco Inc"]


def test_reuters_analyst_at_firm_pattern():
    body = (
        "Julius Maldutis at Salomon Brothers said he likes the stock.\n\n"
        '"It has the ability to hedge," he said.'
    )
    quotes, people, orgs = extract_quotes(body)
    assert people == ["Julius Maldutis"]
    assert [q.speaker for q in quotes] == ["Julius Maldutis"]
    assert orgs == []


def test_verb_then_firm_role_name_takes_the_person():
    body = '"Analysts like the carrier," said Merrill Lynch analyst Edmund Greenslet.'
    assert speakers_of(body) == ["Edmund Greenslet"]


def test_single_unknown_word_is_not_invented_as_speaker():
    body = '"We expect a deal soon," Washington said.'
    assert extract_quotes(body) == ([], [], [])


def test_passive_told_is_not_speech_by_subject():
    body = "John Carter was told by officials that the plant would close."
    assert speakers_of(body) == []


def test_said_with_no_name_gives_no_speaker():
    body = "“We are leaving,” said. Officials said the talks failed."
    assert extract_quotes(body) == ([], [], [])


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ('"Straight quotes work," said Ana Lima.', "Straight quotes work"),
        ("« Les guillemets aussi », said Ana Lima.", "Les guillemets aussi"),
        ("‘Single quotes too,’ said Ana Lima.", "Single quotes too"),
        (
            "“Officials tried to “justify” the killings,” said Ana Lima.",
            "Officials tried to “justify” the killings",
        ),
        (
            "“They called it ‘a battlefield’ then,” said Ana Lima.",
            "They called it ‘a battlefield’ then",
        ),
    ],
)
def test_every_kind_of_quotation_mark_is_read(body, text):
    assert quote_pairs(body) == [(text, "Ana Lima", "person")]


def test_unbalanced_quote_does_not_crash_or_invent_speaker():
    body = "“This never closes and nobody says who"
    assert extract_quotes(body) == ([], [], [])


def test_scare_quotes_are_not_quotations():
    body = "Goodenough laments that many of the regime’s “death commissions” still hold office."
    quotes, _, _ = extract_quotes(body)
    assert quotes == []


# --- the extractor and the sample -------------------------------------------------------------


def test_extractor_fills_article_fields():
    article = Article(id="x", title="t", body="“We won,” said Jane Doe. Acme Corp said it lost.")
    enriched = extract_speakers(article)
    assert enriched.speakers == ("Jane Doe",)
    assert enriched.organizations == ("Acme Corp",)
    assert [q.speaker for q in enriched.quotes] == ["Jane Doe"]
    assert enriched.title == "t"


def test_extractors_are_registered_dates_first():
    names = [e.__name__ for e in EXTRACTORS]
    assert names.index("extract_dates_into") < names.index("extract_speakers")


@pytest.fixture(scope="module")
def sample():
    return read_path(SAMPLE_CORPUS).articles


def test_sample_first_article_speakers(sample):
    speakers = sample[0].speakers
    for name in (
        "Philip Luther",
        "Kristy Brimelow",
        "Laurence Fellman Rielle",
        "Henrik Hermansson",
    ):
        assert name in speakers
    assert "Maryam Rajavi" not in speakers
    assert "Mostafa Pourmohammadi" not in speakers
    assert sample[0].organizations == ("Amnesty International",)


def test_sample_first_article_quotes_attributed_in_order(sample):
    speakers = [q.speaker for q in sample[0].quotes if q.kind == "person"]
    assert speakers[0] == "Philip Luther"
    assert speakers[-1] == "Henrik Hermansson"
    pourmohammadi = next(q for q in sample[0].quotes if "Pourmohammadi" in q.text)
    assert pourmohammadi.speaker == "Kristy Brimelow"


def test_sample_second_article_speakers(sample):
    assert sample[1].speakers == ("Philip Luther",)
    assert sample[1].organizations == ("Amnesty International",)
    assert len(sample[1].quotes) == 3


def test_sample_third_article_is_all_amnesty(sample):
    assert sample[2].speakers == ()
    assert sample[2].organizations == ("Amnesty International",)
    assert {q.kind for q in sample[2].quotes} == {"org"}
    assert not any("They have also subjected" in q.text for q in sample[2].quotes)


def test_sample_fourth_article_speakers(sample):
    quotes = {q.speaker for q in sample[3].quotes}
    assert quotes == {"Philip Luther", "Hossein Ali Montarezi", "Safavi"}
    assert "Patrick Goodenough" not in quotes
    assert "Grand Ayatollah Hossein Ali Montarezi" not in sample[3].speakers


def test_abbreviation_resolves_to_the_organization_named_earlier():
    body = (
        "Trans World Airlines Inc said it would buy new planes.\n\n"
        "TWA said the order was worth 1.2 billion dlrs."
    )
    _, people, orgs = extract_quotes(body)
    assert orgs == ["Trans World Airlines Inc"] and people == []


def test_white_house_speaks_as_an_organization():
    _, people, orgs = extract_quotes("The White House said on Friday it would name a new envoy.")
    assert orgs == ["White House"] and people == []


def test_relative_clause_in_an_appositive_does_not_make_a_person_an_organization():
    body = (
        "Sen. William Proxmire, the Wisconsin Democrat whose Senate Banking Committee would hold "
        'hearings, said he hoped the successor "would be very supportive."'
    )
    quotes, people, orgs = extract_quotes(body)
    assert people == ["William Proxmire"] and orgs == []
    assert quotes[0].speaker == "William Proxmire" and quotes[0].kind == "person"


def test_name_that_starts_a_known_organization_is_that_organization():
    body = (
        "Niagara Mohawk Power Corp said it would cut costs.\n\n"
        "Niagara said the plant would close."
    )
    _, people, orgs = extract_quotes(body)
    assert people == [] and orgs == ["Niagara Mohawk Power Corp"]
