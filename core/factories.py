"""Generic factories shared by the apps' factories, the tests and `seed_demo` (which
calls them with fixed values)."""

import factory
from django.utils.text import slugify
from wagtail.models import Page


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a live page under `parent`; with an existing slug there, updates it instead.

    The update keeps `seed_demo` idempotent: running it twice leaves one page per slug.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    @classmethod
    def _create(cls, model_class, *args, parent: Page, **kwargs):
        page = model_class.objects.child_of(parent).filter(slug=kwargs["slug"]).first()
        if page is None:
            page = model_class(**kwargs)
            parent.add_child(instance=page)
        else:
            for name, value in kwargs.items():
                setattr(page, name, value)
        page.full_clean()
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class HomeChildFactory(PageFactory):
    """A page directly under the site's home page unless a parent is given."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            from wagtail.models import Site

            parent = Site.objects.get(is_default_site=True).root_page
        return super()._create(model_class, *args, parent=parent, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.django.Password("x")
