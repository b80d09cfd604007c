"""Reading level is measured on the prose a reader sees, and each sentence keeps its source line."""

from __future__ import annotations

import textwrap

from psychoed.content.body import markdown_tokens
from psychoed.content.prose import Prose
from psychoed.content.prose import extract_prose as prose_of


def extract_prose(body: str, first_line: int) -> Prose:
    """The prose of ``body`` as the checks read it: from the body's Markdown tokens."""
    return prose_of(markdown_tokens(body), first_line)


def sentences(body: str, first_line: int = 10) -> list[tuple[str, int, int]]:
    prose = extract_prose(textwrap.dedent(body), first_line)
    return [(s.text, s.line, s.section) for s in prose.sentences]


def test_each_sentence_gets_the_line_it_starts_on() -> None:
    body = """\
    First sentence here. Second one starts on
    this line and ends here. Third
    starts at the end of a line.
    """
    assert sentences(body) == [
        ("First sentence here.", 10, 0),
        ("Second one starts on this line and ends here.", 10, 0),
        ("Third starts at the end of a line.", 11, 0),
    ]


def test_link_text_counts_but_addresses_code_and_html_do_not() -> None:
    body = """\
    Read [our guide to sleep](sleep.md) tonight. Run `make serve` <b>now</b> at <https://example.org/x>.
    Visit https://example.org/long/path today.

    ```
    Code is not prose. It is skipped.
    ```

        Indented code is skipped too.

    <div>Raw HTML blocks are skipped.</div>

    ![A picture of a cat](cat.png)
    """
    assert [text for text, _, _ in sentences(body)] == [
        "Read our guide to sleep tonight.",
        "Run now at .",
        "Visit today.",
    ]


def test_headings_are_labels_not_sentences_but_start_sections() -> None:
    body = """\
    The introduction.

    ## 1. Ask questions

    Ask anything.

    ### A sub-heading stays in its section

    Still section one.

    ## Closing

    The end.
    """
    prose = extract_prose(textwrap.dedent(body), 5)
    assert [(s.text, s.section) for s in prose.sentences] == [
        ("The introduction.", 0),
        ("Ask anything.", 1),
        ("Still section one.", 1),
        ("The end.", 2),
    ]
    assert prose.section_lines == (7, 15)


def test_list_items_and_table_cells_end_sentences_without_full_stops() -> None:
    body = """\
    - a walk outside
    - a warm drink
      before bed

    | What | Why |
    | --- | --- |
    | a short nap | it helps |
    """
    assert sentences(body, 1) == [
        ("a walk outside", 1, 0),
        ("a warm drink before bed", 2, 0),
        ("a short nap", 7, 0),
        ("it helps", 7, 0),
    ]


def test_admonition_bodies_count_and_their_titles_do_not() -> None:
    body = """\
    !!! note "If you are in danger"
        Call 911 now. Then tell someone you trust.
    """
    assert sentences(body, 1) == [("Call 911 now.", 2, 0), ("Then tell someone you trust.", 2, 0)]


def test_abbreviations_do_not_end_sentences() -> None:
    assert [t for t, _, _ in sentences("Ask Dr. Lee about it, e.g. by phone. Then rest.\n")] == [
        "Ask Dr. Lee about it, e.g. by phone.",
        "Then rest.",
    ]


def test_questions_and_exclamations_end_sentences() -> None:
    assert [t for t, _, _ in sentences('Is it worry? "Yes!" It can be.\n')] == ["Is it worry?", '"Yes!"', "It can be."]
