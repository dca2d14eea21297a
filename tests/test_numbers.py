"""Counts typed the way people write them, in both interface languages (Babel, CLDR)."""

import pytest

from dossier.numbers import CountError, format_count, format_percent, parse_count


@pytest.mark.parametrize("locale", ["it", "en"])
@pytest.mark.parametrize("typed", ["29.000", "29000", "29 000", "29\u00a0000", " 29.000 "])
def test_twenty_nine_thousand_the_italian_way_in_both_interfaces(typed, locale):
    assert parse_count(typed, locale) == 29_000


def test_english_grouping_in_the_english_interface():
    assert parse_count("29,000", "en") == 29_000
    assert parse_count("1,000,000", "en") == 1_000_000


@pytest.mark.parametrize(
    "typed,locale,reason",
    [
        ("29,000", "it", "ambiguous"),  # a decimal to an Italian reader, a thousand to an English one
        ("1,5", "it", "decimal"),
        ("1,5", "en", "decimal"),
        ("1.5", "en", "decimal"),
        ("1.234,5", "it", "decimal"),
        ("29.00", "it", "decimal"),  # not a grouping of thousands
        ("-5", "it", "not_a_number"),
        ("1e3", "en", "not_a_number"),
        ("dieci", "it", "not_a_number"),
        ("1" * 21, "it", "not_a_number"),  # bounded: longer than any count
        ("10.000.001", "it", "too_large"),
    ],
)
def test_a_decimal_or_an_ambiguous_value_is_refused_with_the_reason(typed, locale, reason):
    with pytest.raises(CountError) as err:
        parse_count(typed, locale)
    assert err.value.reason == reason


def test_empty_is_no_answer_yet():
    assert parse_count("  ", "it") is None


def test_the_largest_count_is_accepted():
    assert parse_count("10.000.000", "it") == 10_000_000


def test_numbers_and_shares_are_written_as_the_language_writes_them():
    assert format_count(29000, "it") == "29.000" and format_count(29000, "en") == "29,000"
    assert format_percent(8.15, "it") == "8,2%" and format_percent(8.2, "en") == "8.2%"
    assert format_count(None, "it") == ""
