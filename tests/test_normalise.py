from __future__ import annotations

import pytest

from armswatch.normalise import find_dateline, find_money, number_value, parse_date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on March 3, 2021", None, "2021-03-03"),
        ("14 November 2022", None, "2022-11-14"),
        ("in June", "2020-10-07", "2020-06"),
        ("in December", "2020-10-07", "2019-12"),
        ("last year", "2023-05-02", "2022"),
        ("in 2017", None, "2017"),
        ("on Tuesday", "2024-06-12", "2024-06-11"),
        ("Wednesday", "2024-06-12", "2024-06-12"),
        ("last Wednesday", "2024-06-12", "2024-06-05"),
        ("in June", None, None),
        ("on Monday", None, None),
        ("two-week", "2024-06-12", None),
        ("decades", "2024-06-12", None),
        ("2022-09-05", None, "2022-09-05"),  # an ISO date keeps its day, not just its year
        ("date 2022-09", "2024-06-12", "2022-09"),
        ("2022-02-30", None, None),  # no such day
        ("Earlier this month", "2025-03-20", "2025-03"),
        ("later this year", "2025-03-20", "2025"),
        ("this morning", "2025-09-27", "2025-09-27"),  # the day of publication
        ("earlier today", "2025-09-27", "2025-09-27"),
        ("September 21 and 22", "2025-09-27", "2025-09-21"),  # a range of days: its first
        ("21 and 22 September", "2025-09-27", "2025-09-21"),
        ("between 2021 and 2022", None, "2021"),  # years are no range of days
        ("last week", "2025-09-27", None),  # a week ago is no date to fuse by
    ],
)
def test_parse_date_truncates_to_what_is_known(
    text: str, published: str | None, expected: str | None
) -> None:
    assert parse_date(text, published) == expected


def test_a_date_still_to_come_is_the_first_after_publication() -> None:
    assert parse_date("in September", "2024-06-18", future=True) == "2024-09"
    assert parse_date("in May", "2024-06-18", future=True) == "2025-05"
    assert parse_date("on Friday", "2024-06-18", future=True) == "2024-06-21"
    assert parse_date("on 4 March 2023", "2024-06-18", future=True) == "2023-03-04"  # a year is a year


def test_money_in_words_and_symbols() -> None:
    found = find_money(
        "a package of €450 million, US$1.2bn in loans and 75 million Saudi riyals", "2023-03-01"
    )
    assert [(m.amount, m.currency) for m in found] == [(450e6, "EUR"), (1.2e9, "USD"), (75e6, "SAR")]
    assert found[1].usd == 1.2e9
    assert found[0].usd is not None and 400e6 < found[0].usd < 560e6  # converted at the ECB rate


def test_money_equivalent_in_dollars_becomes_usd() -> None:
    (money,) = find_money(
        "grant 300 million Turkish lira, equivalent to about $45 million, to the army", "2019-01-01"
    )
    assert (money.amount, money.currency, money.usd) == (300e6, "TRY", 45e6)


def test_money_indian_crore() -> None:
    (money,) = find_money("a contract worth Rs 1,200 crore was cleared", "2022-01-10")
    assert (money.amount, money.currency) == (12e9, "INR")


def test_quantities_in_digits_and_words() -> None:
    assert number_value(["eight"]) == 8
    assert number_value(["two", "dozen"]) == 24
    assert number_value(["several", "hundred"]) is None  # a vague count gives no quantity
    assert number_value(["a", "few", "dozen"]) is None
    assert number_value(["a", "dozen"]) == 12
    assert number_value(["4,500"]) == 4500
    assert number_value(["about", "300"]) == 300
    assert number_value(["several"]) is None


def test_dateline_gives_the_publication_date() -> None:
    assert find_dateline("MINISTRY OF DEFENCE\nPress release | 3 March 2022\n\nText") == "2022-03-03"
    assert find_dateline("Headline\nUpdated 9:10 AM, Sept. 14, 2023\nBody") == "2023-09-14"
    assert find_dateline("No date in the first lines at all.") is None


def test_a_sum_written_in_words_needs_its_scale() -> None:
    # "three billion kronor" is a sum; "one of the two million-dollar jets" is none
    (kronor,) = find_money("the government approved three billion kronor this week")
    assert (kronor.amount, kronor.currency) == (3_000_000_000, "SEK")
    (euros,) = find_money("a deal worth some three hundred and sixteen million euros with Rafael")
    assert (euros.amount, euros.currency) == (316_000_000, "EUR")
    assert find_money("one of the two million-dollar jets") == []


def test_counts_in_words_with_hyphens_and_hundreds() -> None:
    assert number_value(["ninety", "-", "six"]) == 96
    assert number_value(["five", "hundred", "and", "fifty"]) == 550
    assert number_value(["one", "and", "two"]) is None  # "and" joins a count only after hundred or thousand


def test_cfa_francs_are_read_and_converted_at_their_euro_peg() -> None:
    (money,) = find_money("a donation of 5 billion CFA francs for a military hospital", "2025-03-14")
    assert (money.amount, money.currency) == (5_000_000_000, "XAF")
    # 655.957 francs to the euro, whatever the ECB table holds: about 7.6 million euros in dollars
    euros = find_money("7,622,451 euros", "2025-03-14")[0]
    assert money.usd is not None and euros.usd is not None
    assert abs(money.usd - euros.usd) / euros.usd < 0.001


def test_caribbean_dollars_are_not_read_as_canadian_or_us_dollars() -> None:
    cases = {
        "a grant of EC$2.5 million for the coast guard": ("XCD", 925_926),
        "a BZ$6 million donation of trucks": ("BZD", 3_000_000),
        "the boats cost B$800,000": ("BSD", 800_000),
        "a TT$45 million security grant": ("TTD", None),  # not pegged, not in the ECB table
        "a C$5 million grant": ("CAD", None),
    }
    for text, (currency, usd) in cases.items():
        (money,) = find_money(text, "2025-03-14")
        assert money.currency == currency, text
        if usd is not None:
            assert money.usd == pytest.approx(usd, rel=0.01), text


def test_the_cedi_sign_is_ghanas_currency() -> None:
    found = find_money("support worth GH¢65 million, or GH₵ 2 billion", "2025-10-14")
    assert [(m.amount, m.currency) for m in found] == [(65_000_000, "GHS"), (2_000_000_000, "GHS")]


def test_a_sum_in_words_with_a_half() -> None:
    (money,) = find_money("Canada will provide seven and a half million Canadian dollars over five years")
    assert (money.amount, money.currency) == (7_500_000, "CAD")
    (money,) = find_money("a contract worth two and a half billion euros")
    assert (money.amount, money.currency) == (2_500_000_000, "EUR")


def test_a_scale_after_a_hyphen() -> None:
    (money,) = find_money("Ottawa announced $1.5-billion in further military aid for Ukraine", "2025-09-26")
    assert money.amount == 1_500_000_000
    (money,) = find_money("a 2-billion euro contract for frigates", "2025-09-26")
    assert (money.amount, money.currency) == (2_000_000_000, "EUR")
