"""Themes on the command line are taken by id or label in any case, and an unknown one is an
error naming the closest themes."""

from __future__ import annotations

import click
import pytest

from casegraph.cli_vocab import resolve_themes


def resolve(*given: str) -> tuple[str, ...]:
    return tuple(resolve_themes(click.Context(click.Command("x")), click.Option(["--t"]), given))


@pytest.mark.parametrize(
    ("given", "ids"),
    [
        (("hidden_men",), ("hidden_men",)),
        (("HIDDEN_MEN",), ("hidden_men",)),
        (("Hidden or unseen men",), ("hidden_men",)),
        (("cannabis use", "neglect"), ("cannabis", "neglect")),
        (("Neglect", "neglect"), ("neglect",)),  # one theme named twice
        ((), ()),
    ],
)
def test_a_theme_is_taken_by_its_id_or_label_whatever_the_case(
    given: tuple[str, ...], ids: tuple[str, ...]
) -> None:
    assert resolve(*given) == ids


@pytest.mark.parametrize(
    ("given", "close"),
    [("hiden_men", "hidden_men"), ("Hidden or unseen man", "hidden_men"), ("canabis", "cannabis")],
)
def test_an_unknown_theme_names_the_closest(given: str, close: str) -> None:
    with pytest.raises(click.BadParameter) as refused:
        resolve("neglect", given)
    assert repr(given) in refused.value.message
    assert f"Did you mean {close}" in refused.value.message
