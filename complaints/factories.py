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
):
    """A complaint brought to `status` by the real transitions (the state machine and,
    for approval, publication); no status is written directly."""
    from complaints import services
    from complaints.models import ComplaintPage

    draft = services.start_draft(
        consumer,
        company,
        {"bought_directly": True, "company_is_dutch": True, "told_company_first": True},
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
    for action in PATHS[status]:
        if action == "approve":
            draft.refresh_from_db()
            draft.save_revision().publish()  # what the workflow's approval does
            services.transition(draft, action, now=now)
        else:
            services.transition(draft, action, now=now)
    return ComplaintPage.objects.get(pk=draft.pk)
