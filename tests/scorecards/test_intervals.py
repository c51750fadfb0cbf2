"""The 95% intervals, against published values (no database)."""

import math

import pytest

from scorecards import formatting
from scorecards.intervals import (
    Interval,
    grade_estimate,
    mean_interval,
    share_estimate,
    shared_ranks,
    t95,
    wilson,
)


def test_wilson_matches_the_textbook_example_of_8_out_of_10():
    # Wilson (1927); e.g. Newcombe (1998), and every online calculator: 0.490-0.943.
    interval = wilson(8, 10)
    assert round(interval.low, 3) == 0.490
    assert round(interval.high, 3) == 0.943


def test_wilson_for_a_large_sample_is_close_to_the_normal_interval():
    interval = wilson(500, 1000)
    half = 1.96 * math.sqrt(0.25 / 1000)
    assert interval.low == pytest.approx(0.5 - half, abs=0.001)
    assert interval.high == pytest.approx(0.5 + half, abs=0.001)


def test_wilson_at_the_edges_keeps_width_and_stays_within_0_and_1():
    everything = wilson(10, 10)
    assert everything.high == 1.0 and round(everything.low, 3) == 0.722
    nothing = wilson(0, 10)
    assert nothing.low == 0.0 and round(nothing.high, 3) == 0.278
    assert wilson(0, 0) is None
    one = wilson(1, 1)
    assert one.high == 1.0 and round(one.low, 3) == 0.207


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson(11, 10)


def test_t_values_match_the_table_and_the_expansion_beyond_it():
    assert t95(1) == 12.706 and t95(9) == 2.262 and t95(30) == 2.042
    # Exact values of Student's t (97.5th percentile) for 40, 60 and 120 degrees.
    assert t95(40) == pytest.approx(2.0211, abs=0.0005)
    assert t95(60) == pytest.approx(2.0003, abs=0.0005)
    assert t95(120) == pytest.approx(1.9799, abs=0.0005)


def test_the_mean_interval_uses_the_sample_standard_deviation_and_t():
    grades = [6, 7, 8, 9]
    interval = mean_interval(len(grades), sum(grades), sum(g * g for g in grades))
    # mean 7.5, s = 1.291, t(3) = 3.182: 7.5 +- 2.054
    assert round(interval.low, 2) == 5.45 and round(interval.high, 2) == 9.55


def test_the_mean_interval_needs_two_grades_and_stays_on_the_scale():
    assert mean_interval(1, 8, 64) is None
    assert mean_interval(0, 0, 0) is None
    assert mean_interval(3, 24, 192) == Interval(8.0, 8.0)  # all the same grade
    wide = mean_interval(2, 11, 1 + 100)  # a 1 and a 10
    assert wide == Interval(1, 10)


def test_shared_ranks_only_separate_intervals_that_do_not_overlap():
    a, b, c, d = Interval(8, 9), Interval(7.5, 8.5), Interval(6, 7), Interval(1, 10)
    assert shared_ranks([a, b, c, d]) == [1, 1, 3, 1]
    # b overlaps a, but c lies wholly below both: third, not second.


def test_estimates_read_in_dutch_with_their_interval():
    assert formatting.estimate(share_estimate(8, 10, 5)) == "80% (95%-interval 49–94%)"
    assert formatting.estimate(share_estimate(0, 0, 5)) == "—"
    grade = grade_estimate(4, 30, 230, 5)
    assert formatting.estimate(grade) == "7,5 (95%-interval 5,4–9,6)"
    assert formatting.estimate(grade_estimate(1, 8, 64, 5)) == (
        "8,0 (te weinig gegevens voor een interval)"
    )
    # A score kept before the squares were: the mean, no invented interval.
    assert formatting.estimate(grade_estimate(4, 30, None, 5)) == (
        "7,5 (interval nog niet berekend)"
    )


def test_few_observations_are_flagged():
    assert share_estimate(3, 4, 5).few and not share_estimate(5, 5, 5).few
    assert not share_estimate(0, 0, 5).few  # nothing at all is not "few": it is none
