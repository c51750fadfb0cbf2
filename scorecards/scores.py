"""Company scores and pluimen: the rules of the public method page, in code.

Over a rolling window of 12 months, per company:
- first reaction on time: of the complaints whose first company term has ended or been
  answered, the share answered within the term (a settlement offer is an answer);
- company turns on time: of every company turn (each reaction or offer owed), the share
  made on time; a missed term counts as a turn not made on time;
- median time to the first reaction, in hours;
- solved: of the rated complaints, the share the consumer called solved;
- solved by an accepted offer: of the complaints rated solved, the share that had an
  accepted settlement offer (not reported as not carried out);
- offers carried out on time: of the offers accepted in the window whose carry-out date
  has passed (or that were confirmed or disputed sooner), the share the company
  confirmed by that date and the consumer did not dispute;
- grade: the mean of the consumer's grades (1-10), smoothed towards the site-wide mean
  with the weight of PRIOR_WEIGHT grades, so a handful of grades cannot dominate.
A company with at least MIN_RATED rated complaints earns a pluim or an improvement point.
"""

import statistics
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from core import pagecache
from core.queue import after_commit
from scorecards.models import CompanyScore

WINDOW = timedelta(days=365)
PRIOR_WEIGHT = 5
MIN_RATED = 5
PLUIM_GRADE, PLUIM_ON_TIME = 7.5, 80
IMPROVE_GRADE, IMPROVE_ON_TIME = 5.5, 50


def site_mean_grade(since: datetime) -> float:
    from complaints.models import Rating

    mean = Rating.objects.filter(created_at__gte=since).aggregate(mean=Avg("grade"))["mean"]
    return float(mean) if mean is not None else 6.5  # neutral before there are grades


def verdict(score) -> str:
    if score.rated < MIN_RATED or score.smoothed_grade is None:
        return ""
    on_time = score.first_reaction_on_time_pct or 0
    if score.smoothed_grade >= PLUIM_GRADE and on_time >= PLUIM_ON_TIME:
        return "pluim"
    if score.smoothed_grade < IMPROVE_GRADE or on_time < IMPROVE_ON_TIME:
        return "improve"
    return ""


def compute(company, today: date | None = None):
    """Compute and store (replace) the company's score for `today`."""
    from complaints.models import ComplaintEvent, ComplaintPage, Rating, Reaction, SettlementOffer
    from complaints.states import Action

    today = today or timezone.localdate()
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))
    since = end - WINDOW
    complaints = ComplaintPage.objects.filter(
        company=company, published_at__gte=since, published_at__lt=end
    )

    # The company's turns: its reactions and its offers (an offer is its answer in the
    # thread, a move of the table like a reaction, and makes no Reaction row itself).
    reactions = Reaction.objects.filter(
        complaint__in=complaints, party="company", created_at__lt=end
    ).values_list("complaint_id", "created_at", "on_time")
    offers_made = SettlementOffer.objects.filter(
        complaint__in=complaints, created_at__lt=end
    ).values_list("complaint_id", "created_at", "on_time")
    company_turns = sorted([*reactions, *offers_made], key=lambda turn: (turn[0], turn[1]))
    first_reactions = {}
    for complaint_id, created_at, on_time in company_turns:
        first_reactions.setdefault(complaint_id, (created_at, bool(on_time)))
    missed = set(
        ComplaintEvent.objects.filter(
            complaint__in=complaints, action=Action.COMPANY_TERM_MISSED, created_at__lt=end
        ).values_list("complaint_id", flat=True)
    )
    published = dict(complaints.values_list("pk", "published_at"))
    terms_ended = set(first_reactions) | missed
    first_on_time = sum(
        1 for cid in terms_ended if cid in first_reactions and first_reactions[cid][1]
    )
    hours = [
        (created_at - published[cid]).total_seconds() / 3600
        for cid, (created_at, _on_time) in first_reactions.items()
        if published.get(cid)
    ]
    missed_turns = ComplaintEvent.objects.filter(
        complaint__in=complaints, action=Action.COMPANY_TERM_MISSED, created_at__lt=end
    ).count()
    offer = SettlementOffer.State
    ratings = Rating.objects.filter(
        complaint__company=company, created_at__gte=since, created_at__lt=end
    ).annotate(
        # EXISTS, not a join: a join would count a rating once per offer.
        by_offer=Exists(
            SettlementOffer.objects.filter(
                complaint_id=OuterRef("complaint_id"),
                status__in=[offer.ACCEPTED, offer.CARRIED_OUT],
            )
        )
    )
    rating_totals = ratings.aggregate(
        n=Count("pk"),
        # Named apart from the field: an aggregate called "solved" would shadow it below.
        n_solved=Count("pk", filter=Q(solved=True)),
        solved_by_offer=Count("pk", filter=Q(solved=True, by_offer=True)),
        grade_sum=Sum("grade"),
        # With the sum and the count, what the interval of the mean grade needs.
        grade_sum_squares=Sum(F("grade") * F("grade")),
    )
    offer_totals = SettlementOffer.objects.filter(
        complaint__company=company,
        answered_at__gte=since,
        answered_at__lt=end,
        status__in=[offer.ACCEPTED, offer.CARRIED_OUT, offer.NOT_CARRIED_OUT],
    ).aggregate(
        due=Count(
            "pk",
            filter=Q(carry_out_by__lt=today) | ~Q(status=offer.ACCEPTED),
        ),
        on_time=Count(
            "pk",
            filter=Q(status=offer.CARRIED_OUT, carried_out_at__date__lte=F("carry_out_by")),
        ),
    )
    grade_sum = rating_totals["grade_sum"] or 0
    n = rating_totals["n"]
    mean = site_mean_grade(since)

    score = CompanyScore(
        company=company,
        computed_on=today,
        complaints=len(published),
        first_reaction_terms=len(terms_ended),
        first_reaction_on_time=first_on_time,
        first_reactions=len(first_reactions),
        median_first_reaction_hours=round(statistics.median(hours), 1) if hours else None,
        company_turns=len(company_turns) + missed_turns,
        company_turns_on_time=sum(1 for turn in company_turns if turn[2]),
        rated=n,
        rated_solved=rating_totals["n_solved"],
        grade_sum=grade_sum,
        grade_sum_squares=rating_totals["grade_sum_squares"] or 0,
        rated_solved_by_offer=rating_totals["solved_by_offer"],
        offers_due=offer_totals["due"],
        offers_on_time=offer_totals["on_time"],
        smoothed_grade=round((PRIOR_WEIGHT * mean + grade_sum) / (PRIOR_WEIGHT + n), 2)
        if n
        else None,
    )
    score.verdict = verdict(score)
    with transaction.atomic():
        CompanyScore.objects.filter(company=company, computed_on=today).delete()
        score.save()
        # Its company page and the pages that rank companies show the new figures.
        pagecache.bump_on_commit(pagecache.company_tag(company.pk), pagecache.SCORES)
    return score


def compute_all(today: date | None = None) -> int:
    from companies.models import CompanyPage

    companies = list(CompanyPage.objects.all())
    for company in companies:
        compute(company, today)
    return len(companies)


def latest(company):
    return company.scores.order_by("-computed_on").first()


def queue_recompute(company_id: int) -> None:
    """Recompute a company's score after this transaction commits (django-q2)."""

    after_commit("scorecards.tasks.recompute_scores", company_id, name="recompute_scores")
