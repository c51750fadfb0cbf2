from django.db import models
from django.utils.translation import gettext_lazy as _

from scorecards import intervals


class CompanyScore(models.Model):
    """A company's figures over the 12 months up to `computed_on` (scorecards.scores)."""

    class Verdict(models.TextChoices):
        NONE = "", _("geen")
        PLUIM = "pluim", _("pluim")
        IMPROVE = "improve", _("verbeterpunt")

    company = models.ForeignKey(
        "companies.CompanyPage", on_delete=models.CASCADE, related_name="scores"
    )
    computed_on = models.DateField(_("berekend op"))
    complaints = models.PositiveIntegerField(_("klachten"), default=0)
    first_reaction_terms = models.PositiveIntegerField(default=0)
    first_reaction_on_time = models.PositiveIntegerField(default=0)
    company_turns = models.PositiveIntegerField(default=0)
    company_turns_on_time = models.PositiveIntegerField(default=0)
    median_first_reaction_hours = models.FloatField(null=True)
    first_reactions = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rated_solved = models.PositiveIntegerField(default=0)
    grade_sum = models.PositiveIntegerField(default=0)
    # With the count and the sum, what the 95% interval of the mean grade needs. Null on
    # scores computed before it was kept: those show no interval rather than a wrong one.
    grade_sum_squares = models.PositiveIntegerField(null=True)
    smoothed_grade = models.FloatField(null=True)
    # Settlement offers: of the complaints rated solved, those solved by an accepted
    # offer; of the accepted offers whose date has come (or that were confirmed), those
    # the company confirmed by that date and the consumer did not dispute.
    rated_solved_by_offer = models.PositiveIntegerField(default=0)
    offers_due = models.PositiveIntegerField(default=0)
    offers_on_time = models.PositiveIntegerField(default=0)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True, default="")

    class Meta:
        # The table kept its name when the model moved here from companies.
        db_table = "companies_companyscore"
        ordering = ["-computed_on"]
        constraints = [
            models.UniqueConstraint(fields=["company", "computed_on"], name="one_score_per_day")
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.company} op {self.computed_on}"

    @staticmethod
    def _share(part, whole):
        return round(100 * part / whole) if whole else None

    @property
    def first_reaction_on_time_pct(self):
        return self._share(self.first_reaction_on_time, self.first_reaction_terms)

    @property
    def turns_on_time_pct(self):
        return self._share(self.company_turns_on_time, self.company_turns)

    @property
    def solved_pct(self):
        return self._share(self.rated_solved, self.rated)

    @property
    def mean_grade(self):
        return round(self.grade_sum / self.rated, 1) if self.rated else None

    # Each figure with its 95% interval (scorecards.intervals); "few" below the number
    # of rated complaints a verdict needs, the same bar for every figure.
    @staticmethod
    def _few_below():
        from scorecards.scores import MIN_RATED

        return MIN_RATED

    @property
    def first_reaction_estimate(self):
        return intervals.share_estimate(
            self.first_reaction_on_time, self.first_reaction_terms, self._few_below()
        )

    @property
    def turns_estimate(self):
        return intervals.share_estimate(
            self.company_turns_on_time, self.company_turns, self._few_below()
        )

    @property
    def solved_estimate(self):
        return intervals.share_estimate(self.rated_solved, self.rated, self._few_below())

    @property
    def solved_by_offer_estimate(self):
        return intervals.share_estimate(
            self.rated_solved_by_offer, self.rated_solved, self._few_below()
        )

    @property
    def offers_on_time_estimate(self):
        return intervals.share_estimate(self.offers_on_time, self.offers_due, self._few_below())

    @property
    def grade_estimate(self):
        return intervals.grade_estimate(
            self.rated, self.grade_sum, self.grade_sum_squares, self._few_below()
        )

    @property
    def grade_interval_for_ranking(self):
        """The mean grade's interval; with fewer than two grades the whole scale, so such
        a company is never placed above or below anyone."""
        return self.grade_estimate.interval or intervals.Interval(
            intervals.GRADE_MIN, intervals.GRADE_MAX
        )
