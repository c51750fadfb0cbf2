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
