"""A usage error (a missing argument, an unknown option or command, a bad value) is one line:
Click's own message and the command's --help to read, exit status 2, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from casegraph.cli import main

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show"], "Error: Missing argument 'REVIEW_ID'. See `main show --help`."),
        (["trends", "--bogus"], "Error: No such option '--bogus'. See `main trends --help`."),
        (
            ["compare", "--first", "2019"],
            "Error: Missing option '--second'. See `main compare --help`.",
        ),
        (
            ["themes", "correct"],
            "Error: Missing argument 'PASSAGE_ID'. See `main themes correct --help`.",
        ),
        (
            ["search", "nurse", "--k", "many"],
            "Error: Invalid value for '--k': 'many' is not a valid integer range. "
            "See `main search --help`.",
        ),
        (["--bogus"], "Error: No such option '--bogus'. See `main --help`."),
        (["nosuch"], "Error: No such command 'nosuch'. See `main --help`."),
    ],
)
def test_a_usage_error_is_one_line_naming_the_command_help(args: list[str], said: str) -> None:
    result = CliRunner().invoke(main, args, env=ENV)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [said]


def test_a_message_of_our_own_keeps_its_words_and_its_question() -> None:
    result = CliRunner().invoke(main, ["cooccur", "--theme", "hiden_men"], env=ENV)
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("Error: Invalid value for '--theme': no theme 'hiden_men'. Did you mean")
    assert line.endswith("(see `casegraph themes list`). See `main cooccur --help`.")


def test_a_group_alone_still_shows_its_help() -> None:
    result = CliRunner().invoke(main, ["themes"], env=ENV)
    assert "Commands:" in result.output
    assert "Error" not in result.output
