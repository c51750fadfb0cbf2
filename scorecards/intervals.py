"""95% intervals for the scores: pure arithmetic, no database.

- A share (on time, solved) gets the Wilson score interval: unlike the textbook
  p ± z·√(p(1−p)/n) it stays inside 0–100% and does not shrink to nothing at 0 or 100%,
  which is where small companies often are.
- A mean grade gets Student's t interval, mean ± t·s/√n, with the sample standard
  deviation s; it needs at least two grades, and is cut to the grade scale (1–10).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054  # the standard normal's 97.5th percentile
GRADE_MIN, GRADE_MAX = 1, 10

# Student's t, 97.5th percentile, for 1..30 degrees of freedom (standard tables).
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def t95(df: int) -> float:
    """Student's t for a two-sided 95% interval. Beyond the table, the Cornish-Fisher
    expansion around z: within 0.001 of the exact value from 30 degrees of freedom on."""
    if df < 1:
        raise ValueError("at least one degree of freedom")
    if df <= len(_T95):
        return _T95[df - 1]
    z = Z95
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def wilson(successes: int, n: int, z: float = Z95) -> Interval | None:
    """The Wilson score interval for successes out of n, as fractions (0–1); None
    without observations."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f"{successes} successes out of {n}")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    # At 0 or n successes the bound is exactly 0 or 1; the float sum lands a hair off.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return Interval(low, high)


def mean_interval(n: int, total: float, sum_of_squares: float) -> Interval | None:
    """The t interval for a mean grade from the count, the sum and the sum of squares
    of the grades (what the scores store); None below two grades (te weinig gegevens)."""
    if n < 2:
        return None
    mean = total / n
    # max(): rounding can push a zero variance (all grades equal) a hair below zero.
    variance = max(0.0, (sum_of_squares - n * mean * mean) / (n - 1))
    half = t95(n - 1) * math.sqrt(variance / n)
    return Interval(max(GRADE_MIN, mean - half), min(GRADE_MAX, mean + half))


def shared_ranks(intervals: list[Interval]) -> list[int]:
    """Rank 1 is best (highest). A company is only placed below those whose whole
    interval lies above its own: rank = 1 + how many intervals lie entirely above."""
    return [1 + sum(1 for other in intervals if other.low > mine.high) for mine in intervals]


@dataclass(frozen=True)
class Estimate:
    """A figure as the pages show it: the value (a fraction for a share, a grade for a
    mean), its 95% interval (None when there are too few observations for one), the
    number of observations behind it, and whether that number is still small."""

    kind: str  # "share" or "grade"
    value: float | None
    interval: Interval | None
    n: int
    few: bool


def share_estimate(successes: int, n: int, few_below: int) -> Estimate:
    return Estimate(
        "share", successes / n if n else None, wilson(successes, n), n, 0 < n < few_below
    )


def grade_estimate(n: int, total: float, sum_of_squares: float | None, few_below: int) -> Estimate:
    """sum_of_squares None: not known (a score kept before it was), so no interval."""
    return Estimate(
        "grade",
        total / n if n else None,
        None if sum_of_squares is None else mean_interval(n, total, sum_of_squares),
        n,
        0 < n < few_below,
    )
