"""Normalise: dates (ISO 8601, truncated to what the text says, relative dates against the publication
date), money (amount, ISO 4217 currency, US dollars) and quantities in digits or words."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from armswatch.lexicon import Lexicon, load_lexicon

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DURATION = re.compile(
    r"\b(year-old|decades?|centur(y|ies)|weeks?-long|hours?|minutes?|seconds?|"
    r"(\d+|two|three|four|five|six|seven|eight|nine|ten|several|few)[- ](days?|weeks?|months?|years?))\b",
    re.I,
)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
DAY_NUMBER = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")


@dataclass(frozen=True)
class Money:
    start: int  # character offsets into the text searched
    end: int
    amount: float
    currency: str
    usd: float | None = None

    def to_dict(self) -> dict[str, object]:
        amount: float | int = int(self.amount) if float(self.amount).is_integer() else self.amount
        usd = None if self.usd is None else round(self.usd)
        return {"amount": amount, "currency": self.currency, "usd": usd}


@lru_cache(maxsize=1)
def _money_regex() -> re.Pattern[str]:
    lex = load_lexicon()
    words = sorted(lex.currency_words, key=len, reverse=True)
    word_alt = "|".join(re.escape(w) + r"(?:e?s)?" for w in words) + "|kroner|kronor|reais|rubles|roubles"
    symbols = sorted(lex.currency_symbols, key=len, reverse=True)
    sym_alt = "|".join(re.escape(s) for s in symbols)
    code_alt = "|".join(sorted(lex.currency_codes))
    scale_alt = "|".join(
        sorted((re.escape(k) for k in lex.multipliers if k not in ("a", "an")), key=len, reverse=True)
    )
    number = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    # "three billion kronor", "three hundred and sixteen million euros": a sum in words needs its scale
    unit = "|".join(
        sorted((re.escape(w) for w in lex.number_words if w not in ("a", "an")), key=len, reverse=True)
    )
    # "seven and a half million": a half added to the last unit
    words_number = rf"(?:{unit})(?:(?:\s+and\s+|[\s-])(?:{unit}))*(?:\s+and\s+a\s+half)?"
    big = r"thousand|million|billion|trillion"
    return re.compile(
        # "$1.5-billion": a scale may follow a hyphen
        rf"(?P<sym>{sym_alt})\s?(?P<num1>{number})(?:[\s-]?(?P<scale1>{scale_alt})\b)?"
        rf"|\b(?P<code>{code_alt})\s?(?P<num2>{number})(?:[\s-]?(?P<scale2>{scale_alt})\b)?"
        rf"|\b(?P<num3>{number})(?:[\s-]?(?P<scale3>{scale_alt}))?\s+(?P<word>{word_alt}|{code_alt})\b"
        rf"|\b(?P<numw>{words_number})\s+(?P<scalew>{big})\s+(?P<wordw>{word_alt}|{code_alt})\b",
        re.I,
    )


def _to_amount(number: str, scale: str | None, lex: Lexicon) -> float:
    value = float(number.replace(",", ""))
    if scale:
        value *= lex.multipliers.get(scale.lower(), 1)
    return value


def _currency_of(match: re.Match[str], lex: Lexicon) -> str | None:
    if match.group("sym"):
        return lex.currency_symbols.get(match.group("sym")) or lex.currency_symbols.get(
            match.group("sym").upper()
        )
    if match.group("code"):
        return match.group("code").upper()
    word = (match.group("word") or match.group("wordw")).lower()
    if word.upper() in lex.currency_codes:
        return word.upper()
    for key, code in lex.currency_words.items():
        if word == key or re.fullmatch(re.escape(key) + r"(?:e?s)?", word):
            return code
    return {"kroner": "DKK", "kronor": "SEK", "reais": "BRL", "rubles": "RUB", "roubles": "RUB"}.get(word)


def find_money(text: str, on: str | None = None) -> list[Money]:
    """Amounts of money in text; a dollar figure given as an equivalent becomes the usd of the one before."""
    lex = load_lexicon()
    found: list[Money] = []
    for match in _money_regex().finditer(text):
        number = match.group("num1") or match.group("num2") or match.group("num3")
        scale = match.group("scale1") or match.group("scale2") or match.group("scale3")
        if match.group("numw"):
            spelled, half = re.subn(r"\s+and\s+a\s+half$", "", match.group("numw"), flags=re.I)
            count = number_value(re.split(r"[\s-]+", spelled))
            number, scale = (str(count + 0.5 * half), match.group("scalew")) if count else (None, None)
        if scale and scale.lower() in ("m", "b", "k") and not match.group("sym"):
            continue
        currency = _currency_of(match, lex)
        if not currency or not number:
            continue
        amount = _to_amount(number, scale, lex)
        if amount <= 0:
            continue
        found.append(
            Money(match.start(), match.end(), amount, currency, amount if currency == "USD" else None)
        )
    merged: list[Money] = []
    for money in found:
        prev = merged[-1] if merged else None
        between = text[prev.end : money.start] if prev else ""
        if (
            prev
            and prev.currency != "USD"
            and money.currency == "USD"
            and len(between) < 40
            and re.search(
                r"equivalent|about|around|roughly|approximately|some|or|\(|worth|nearly", between, re.I
            )
        ):
            merged[-1] = Money(prev.start, prev.end, prev.amount, prev.currency, money.amount)
            continue
        merged.append(money)
    return [
        m
        if m.usd is not None
        else Money(m.start, m.end, m.amount, m.currency, to_usd(m.amount, m.currency, on))
        for m in merged
    ]


@lru_cache(maxsize=1)
def _converter() -> object:
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def to_usd(amount: float, currency: str, on: str | None) -> float | None:
    """ECB reference rates (offline, bundled with currencyconverter) for the given date when known."""
    if currency == "USD":
        return amount
    peg = load_lexicon().currency_pegs.get(currency)
    if peg is not None:  # "5 billion CFA francs": fixed to the euro
        base, rate = peg
        return to_usd(amount / rate, base, on)
    converter = _converter()
    when: date | None = None
    if on and len(on) >= 4:
        parts = [int(p) for p in on.split("-")]
        when = date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)
    try:
        return float(converter.convert(amount, currency, "USD", date=when))  # type: ignore[attr-defined]
    except Exception:  # unknown currency or date outside the ECB table: the figure stays unconverted
        return None


ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")


TODAY_PART = re.compile(
    r"^\W*(?:early |earlier |late |later )?(?:this (?:morning|afternoon|evening)|today)\W*$"
)
DAY_RANGE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:am|pm))"
)


def _granularity(text: str) -> str | None:
    low = text.lower()
    words = re.findall(r"[a-z]+", low)
    if DURATION.search(low) and not re.search(r"\b(ago|last|earlier)\b", low):
        return None
    has_month = any(w in MONTHS for w in words)
    if any(w in WEEKDAYS for w in words) or low.strip() in ("today", "yesterday", "tonight"):
        return "day"
    if TODAY_PART.search(low):  # "this morning", "earlier today": the day of publication
        return "today"
    if has_month:
        stripped = YEAR.sub("", low)
        return "day" if DAY_NUMBER.search(stripped) else "month"
    if re.search(r"\b(last|this|next|previous) month\b", low):
        return "month"
    if YEAR.search(low) or re.search(r"\b(last|this|next|previous) year\b", low):
        return "year"
    return None


def is_relative_date(text: str) -> bool:
    """A date phrase whose year comes from the publication date, not the text ("last month", "in June",
    "on Thursday"): a year read so is less sure (SIPRI's "?")."""
    return ISO_DATE.search(text) is None and YEAR.search(text) is None


@lru_cache(maxsize=4096)  # an article repeats its date phrases, and dateparser is slow
def parse_date(text: str, published: str | None, future: bool = False) -> str | None:
    """ "February 25, 2020" -> "2020-02-25"; "in June" -> "2020-06" (published 2020-10-07); else None.
    A date without a year is the latest before publication, or with future set (an event still to come:
    "will hold an exercise in September") the first after it."""
    iso = ISO_DATE.search(text)
    if iso is not None:  # "2022-09-05", "2022-09": written as the contract writes it, at its precision
        year, month, day = iso.group(1), iso.group(2), iso.group(3)
        try:
            datetime(int(year), int(month), int(day or 1))
        except ValueError:
            return None
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    granularity = _granularity(text)
    if granularity is None:
        return None
    base: datetime | None = None
    if published:
        try:
            base = datetime.fromisoformat(published[:10] if len(published) >= 10 else published + "-01"[:10])
        except ValueError:
            base = None
    explicit_year = YEAR.search(text)
    if base is None and not explicit_year:
        return None  # a relative date with nothing to anchor it stays unknown
    if granularity == "today":
        return f"{base:%Y-%m-%d}" if base is not None else None
    # "September 21 and 22", "21 to 23 May": the first day of the range
    text = DAY_RANGE.sub(r"\1", text)
    weekday = _weekday_date(text, base, future)
    if weekday is not None:
        return weekday
    import dateparser

    cleaned = re.sub(
        r"^(on|in|at|since|from|by|during|earlier|later|early|late|mid|the|of)\s+",
        "",
        text.strip(),
        flags=re.I,
    )
    cleaned = re.sub(r"['’]s$", "", cleaned)
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    if granularity == "month":
        settings["PREFER_DAY_OF_MONTH"] = "first"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        if explicit_year and granularity == "year":
            return explicit_year.group(1)
        month_match = next((m for m in MONTHS if re.search(rf"\b{m}\b", cleaned.lower())), None)
        if month_match and explicit_year:
            parsed = dateparser.parse(f"{month_match} {explicit_year.group(1)}", languages=["en"])
        if parsed is None:
            return None
    if granularity == "year":
        return f"{parsed.year:04d}"
    if granularity == "month":
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return f"{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}"


def _weekday_date(text: str, base: datetime | None, future: bool = False) -> str | None:
    """ "on Thursday" in an article published on a Thursday is that day; otherwise the latest before it
    (or, for an event still to come, the first after it)."""
    words = re.findall(r"[a-z]+", text.lower())
    days = [w for w in words if w in WEEKDAYS]
    if base is None or len(days) != 1 or any(w in MONTHS for w in words) or YEAR.search(text):
        return None
    if any(w in ("next", "coming") for w in words):
        return None
    if future:
        ahead = (WEEKDAYS.index(days[0]) - base.weekday()) % 7
        return base.date().fromordinal(base.date().toordinal() + ahead).isoformat()
    back = (base.weekday() - WEEKDAYS.index(days[0])) % 7
    if back == 0 and "last" in words:
        back = 7
    day = base.date().fromordinal(base.date().toordinal() - back)
    return day.isoformat()


DATE_PRECISIONS = (
    re.compile(r"(\d{4})"),
    re.compile(r"(\d{4})-(\d{2})"),
    re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
)
RFC3339 = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?")


def day_of(value: str | None, published: str | None) -> date | None:
    """When a report places an event, as a day: its full date; a year or month the report's publication
    day falls in gives that day; otherwise the middle of the year or month."""
    if not value:
        value = published
    if not value:
        return None
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if published and published.startswith(value) and len(published) >= 10:
            return date.fromisoformat(published[:10])
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 15)
        return date(int(value[:4]), 7, 1)
    except ValueError:
        return None


def published_date(value: object) -> tuple[str | None, str | None]:
    """A publication date as the contract reads it: "2014", "2014-05", "2014-05-03" kept at their precision,
    an RFC 3339 date-time ("2014-05-03T10:00:00Z") as its day, and an e-mail style date as its day. Returns
    (the date, None), (None, None) for no value, or (None, a warning) for a value that is no date: the
    article is read all the same, with its date unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if not isinstance(value, str):
        return None, f"'published' is not a date ({value!r}); read as unknown"
    text = value.strip()
    stamp = RFC3339.fullmatch(text)
    if stamp:
        text = stamp.group(1)
    for size, pattern in enumerate(DATE_PRECISIONS, start=1):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = [int(p) for p in match.groups()]
        try:
            date(parts[0], parts[1] if size > 1 else 1, parts[2] if size > 2 else 1)
        except ValueError:
            break
        if 1800 <= parts[0] <= 2200:
            return text, None
        break
    else:
        from email.utils import parsedate_to_datetime

        try:  # "Tue, 03 May 2014 10:00:00 GMT" from a feed or an HTTP header
            return parsedate_to_datetime(value).date().isoformat(), None
        except (TypeError, ValueError, IndexError):
            pass
    shown = value if len(value) <= 40 else value[:37] + "..."
    return None, f"'published' is not a date ({shown!r}); read as unknown"


DATELINE = re.compile(
    r"\b(\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{4}|(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+\d{1,2},?\s+\d{4})\b"
)


def find_dateline(text: str) -> str | None:
    """The publication date from a date line in the first lines ("Press Service | 25 December 2019")."""
    head = "\n".join(text.splitlines()[:8])[:800]
    match = DATELINE.search(head)
    return parse_date(match.group(1), None) if match else None


def number_value(words: list[str]) -> int | None:
    """ "six" -> 6, "two dozen" -> 24, "11,000" -> 11000, "a dozen" -> 12; None when not a count."""
    lex = load_lexicon()
    total: int | None = None
    for at, raw in enumerate(words):
        word = raw.lower().replace(",", "")
        previous = words[at - 1].lower() if at else ""
        if word in lex.vague_counts:
            return None  # "several hundred": no count to give
        if re.fullmatch(r"\d+(\.\d+)?", word):
            value = float(word)
            total = int(value) if total is None else int(total * value)
        elif (word in lex.number_words and word not in ("a", "an")) or word in ("dozen", "hundred"):
            value_i = lex.number_words.get(word, 1)
            if word in lex.multipliers and total is not None:
                total *= lex.multipliers[word]
            else:
                total = value_i if total is None else total + value_i
        elif word in ("thousand", "million") and total is not None:
            total *= lex.multipliers[word]
        elif (word == "-" or (word == "and" and previous in ("hundred", "thousand"))) and total is not None:
            continue  # "five hundred and fifty", "ninety - six"
        elif word in (
            "a",
            "an",
            "some",
            "about",
            "around",
            "nearly",
            "roughly",
            "over",
            "more",
            "than",
            "up",
            "to",
            "at",
            "least",
            "approximately",
            "almost",
            "another",
            "additional",
            "of",
        ):
            if word in ("a", "an") and total is None:
                total = None
            continue
        else:
            return None
    return total
