"""Hand-written YAML is read safely, and every key's line is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from psychoed.errors import SourceError
from psychoed.source.yaml_document import parse_settings_yaml, parse_yaml

PATH = Path("content/articles/x.md")


def test_lines_of_keys_and_list_items_are_file_lines() -> None:
    """Lines count from where the document starts in the file (after a front-matter fence)."""
    doc = parse_yaml("title: A\ntopics:\n  - one\n  - two\n", PATH, first_line=2)
    assert doc.line_of("title") == 2
    assert doc.line_of("topics") == 3
    assert doc.line_of("topics", 1) == 5
    assert doc.line_of("missing") == 2


def test_duplicate_key_is_refused_naming_both_lines() -> None:
    """A second `reviewed:` must not silently replace the first."""
    with pytest.raises(SourceError) as caught:
        parse_yaml("reviewed: 2024-01-01\ntitle: A\nreviewed: 2025-01-01\n", PATH, first_line=2)
    problem = caught.value.problem
    assert (problem.line, problem.rule.id) == (4, "yaml.duplicate-key")
    assert problem.message == "`reviewed` is given twice (first on line 2); keep one of them."


def test_alias_bomb_is_refused_without_expanding() -> None:
    """Aliases are refused at the first one, so a billion-laughs document costs nothing."""
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(SourceError) as caught:
        parse_yaml(bomb, PATH)
    assert caught.value.problem.rule.id == "yaml.alias"
    assert caught.value.problem.line == 2
    assert "aliases" in caught.value.problem.message


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    """`!!python/object` and friends are refused; nothing is constructed or executed."""
    marker = tmp_path / "ran"
    text = f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(SourceError) as caught:
        parse_yaml(text, PATH)
    assert caught.value.problem.rule.id == "yaml.tag"
    assert caught.value.problem.line == 1
    assert not marker.exists()


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("title: A\ndescription: [unclosed\nreviewer: x\n", PATH, first_line=2)
    problem = caught.value.problem
    assert problem.rule.id == "yaml.syntax"
    assert problem.line in (3, 4)
    assert problem.message.startswith("this is not valid YAML")


def test_settings_reader_tolerates_mkdocs_tags() -> None:
    """mkdocs.yml may use !ENV or !!python/name: tags that psychoed does not need."""
    doc = parse_settings_yaml(
        "site_name: !ENV [NAME, 'x']\nmarkdown_extensions:\n  - e:\n      f: !!python/name:os.getcwd\n",
        Path("mkdocs.yml"),
    )
    assert isinstance(doc.data, dict)
    assert doc.data["site_name"] is None
