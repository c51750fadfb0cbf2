import factory
from django.utils.text import slugify

from core.factories import HomeChildFactory, PageFactory


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.Sector"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    sort_order = factory.Sequence(int)


class CompanyIndexPageFactory(HomeChildFactory):
    class Meta:
        model = "companies.CompanyIndexPage"

    title = "Bedrijven"
    slug = "bedrijven"


class CompanyPageFactory(PageFactory):
    """A company page; `contact_emails=[...]` adds its private complaint contacts."""

    class Meta:
        model = "companies.CompanyPage"

    title = factory.Sequence(lambda n: f"Bedrijf {n} B.V.")
    legal_name = factory.LazyAttribute(lambda o: o.title)
    kvk_number = factory.Sequence(lambda n: f"{50000000 + n:08d}")
    sector = factory.SubFactory(SectorFactory)
    reach = "national"
    region = ""
    in_scope_confirmed = True
    participates = True
    description = "<p>Een Nederlands bedrijf.</p>"

    @classmethod
    def _create(cls, model_class, *args, parent=None, contact_emails=(), **kwargs):
        from companies.models import CompanyContactAddress, CompanyIndexPage

        if parent is None:
            parent = CompanyIndexPage.objects.first() or CompanyIndexPageFactory()
        page = super()._create(model_class, *args, parent=parent, **kwargs)
        if contact_emails:
            page.contact_addresses.all().delete()
            for email in contact_emails:
                CompanyContactAddress.objects.create(
                    page=page, email=email, name="Klachtenafdeling"
                )
        return page


class CompanyRepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.CompanyRepresentative"
        django_get_or_create = ("user", "company")

    user = factory.SubFactory("core.factories.UserFactory")
    company = factory.SubFactory(CompanyPageFactory)
