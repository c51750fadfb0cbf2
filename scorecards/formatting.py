"""Numbers and durations as a Dutch reader expects them: "7,4", "1.250", "83%",
"1 dag en 4 uur". One place, so the company page, the ranking, the method page and the
charts all say it the same way. A missing value (None) reads as an em dash."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

MISSING = "—"
HOUR = 3600
DAY = 24 * HOUR
# Below this, days and hours ("1 dag en 4 uur"); from here on whole days: for a term of
# 14 days, the hours of a slow answer no longer tell the reader anything.
DAYS_ONLY_FROM = 3 * DAY


def _round(value, places: int = 0) -> Decimal:
    # Half up, as taught at school (Python's round() would make 2.5 into 2).
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimal(value, places: int = 1) -> str:
    """7.4 -> "7,4"; 1250 -> "1.250"; None -> "—". Rounded half up to `places`."""
    if value is None or value == "":
        return MISSING
    number = _round(value, places)
    if number == 0:
        number = abs(number)  # no "-0,0"
    text = f"{number:,.{places}f}"  # "1,250.5"
    return text.translate(str.maketrans(",.", ".,"))


def count(value) -> str:
    """A count, whole: 3 -> "3", 1250 -> "1.250"."""
    return decimal(value, 0)


def percent(value, places: int = 0) -> str:
    """83 -> "83%" (the Dutch style guides write it without a space)."""
    return MISSING if value is None else f"{decimal(value, places)}%"


def _seconds(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def _unit(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def duration(value) -> str:
    """A timedelta or a number of seconds, in words:
    under an hour "minder dan een uur"; under a day whole hours ("3 uur");
    under three days days and hours ("1 dag en 4 uur", "2 dagen"); then whole days."""
    seconds = _seconds(value)
    if seconds is None:
        return MISSING
    seconds = max(seconds, 0)
    if seconds < HOUR:
        return "minder dan een uur"
    if seconds < DAYS_ONLY_FROM:
        hours = int(_round(seconds / HOUR))
        days, hours = divmod(hours, 24)
        if not days:
            return f"{hours} uur"
        text = _unit(days, "dag", "dagen")
        return f"{text} en {hours} uur" if hours else text
    return _unit(int(_round(seconds / DAY)), "dag", "dagen")


def hours(value) -> str:
    """A duration stored in hours (a float, as in the scores), in words."""
    return MISSING if value is None else duration(float(value) * HOUR)


def _percent_number(fraction: float) -> str:
    return decimal(100 * fraction, 0)


def estimate_value(value) -> str:
    """The figure of an Estimate alone: "72%", "7,4"; "—" without observations."""
    if value is None or value.value is None:
        return MISSING
    if value.kind == "share":
        return percent(100 * value.value)
    return decimal(value.value, 1)


def estimate_interval(value) -> str:
    """The interval of an Estimate in brackets: "(95%-interval 61–81%)"; a mean from a
    single grade has none: "(te weinig gegevens voor een interval)"; "" without any."""
    if value is None or value.value is None:
        return ""
    if value.interval is None:
        if value.kind == "share":
            return ""
        # Two grades or more without an interval: a score kept before the squares were.
        return (
            "(te weinig gegevens voor een interval)"
            if value.n < 2
            else "(interval nog niet berekend)"
        )
    if value.kind == "share":
        low, high = _percent_number(value.interval.low), _percent_number(value.interval.high)
        return f"(95%-interval {low}–{high}%)"
    return f"(95%-interval {decimal(value.interval.low, 1)}–{decimal(value.interval.high, 1)})"


def estimate(value) -> str:
    """A figure with its 95% interval (scorecards.intervals.Estimate):
    "72% (95%-interval 61–81%)", "7,4 (95%-interval 6,8–8,0)"; a grade from a single
    grade has no interval: "8,0 (te weinig gegevens voor een interval)"."""
    interval = estimate_interval(value)
    return f"{estimate_value(value)} {interval}" if interval else estimate_value(value)


def ordinal(rank: int) -> str:
    """3 -> "3e", as Dutch writes places."""
    return f"{rank}e"
