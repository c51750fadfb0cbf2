import factory
from django.utils.text import slugify


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "complaints.Topic"
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Onderwerp {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    sort_order = factory.Sequence(int)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.sectors.set(extracted)


# The path through the state machine that reaches each status from a draft.
PATHS = {
    "draft": [],
    "in_moderation": ["submit"],
    "rejected": ["submit", "reject"],
    "awaiting_company": ["submit", "approve"],
    "awaiting_consumer": ["submit", "approve", "company_reacts"],
    "awaiting_rating": ["submit", "approve", "company_reacts", "mark_solved"],
    "rated": ["submit", "approve", "company_reacts", "mark_solved", "rate"],
    "unanswered": ["submit", "approve", "company_term_missed"],
    "closed": ["submit", "approve", "company_reacts", "consumer_term_missed"],
    "withdrawn": ["submit", "withdraw"],
    "expired": ["submit", "approve", "expire"],
}


COMPANY_REPLY = (
    "Dank voor uw bericht en excuses voor het ongemak. We zoeken dit uit en laten u binnen "
    "een week weten wat we kunnen doen."
)


def representative_of(company):
    """The company's first representative, or a new one for it."""
    from django.contrib.auth import get_user_model

    from companies.models import CompanyRepresentative

    rep = company.representatives.select_related("user").first()
    if rep is not None:
        return rep.user
    user, _ = get_user_model().objects.get_or_create(
        username=f"rep-{company.slug}", defaults={"email": f"rep@{company.slug}.example"}
    )
    CompanyRepresentative.objects.get_or_create(user=user, company=company)
    return user


def make_complaint(
    *,
    company,
    consumer,
    status="draft",
    title="Pakket nooit bezorgd",
    description="Mijn pakket is nooit aangekomen, terwijl het als bezorgd staat.",
    desired_outcome="Ik wil mijn geld terug.",
    private_details="Ordernummer 123456, Dorpsstraat 1",
    topic=None,
    now=None,
    slug=None,
    moderator=None,
    notify=True,
    grade=8,
):
    """A complaint brought to `status` the way real ones get there: submitted into the
    moderation workflow, approved or rejected through its task, then moved by the state
    machine. No status is written directly."""
    from complaints import services
    from complaints.models import ComplaintPage

    draft = services.start_draft(
        consumer,
        company,
        {"bought_directly": True, "company_is_dutch": True, "told_company_first": True},
        slug=slug,
    )
    services.update_draft(
        draft,
        {
            "title": title,
            "description": description,
            "desired_outcome": desired_outcome,
            "topic": topic,
        },
    )
    draft.private_details.details = private_details
    draft.private_details.save()
    with services.notifications_enabled(notify):
        for action in PATHS[status]:
            draft = ComplaintPage.objects.get(pk=draft.pk)
            if action == "submit":
                services.submit(draft, consumer, now=now)
            elif action in ("approve", "reject"):
                task_state = draft.current_workflow_task_state
                comment = (
                    "De klacht bevat een scheldwoord; pas dat aan." if action == "reject" else ""
                )
                with services.transition_time(now):
                    task_state.task.specific.on_action(
                        task_state, moderator, action, comment=comment
                    )
            elif action == "withdraw":
                services.withdraw(draft, consumer, now=now)
            elif action == "company_reacts":
                services.react(draft, representative_of(company), COMPANY_REPLY, now=now)
            elif action == "mark_solved":
                services.mark_solved(draft, representative_of(company), now=now)
            elif action == "rate":
                services.rate(draft, consumer, grade=grade, solved=grade >= 6, comment="", now=now)
            else:
                services.transition(draft, action, now=now)
    return ComplaintPage.objects.get(pk=draft.pk)
