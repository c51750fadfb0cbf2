import factory

from core.factories import HomeChildFactory, PageFactory


class AdviceIndexPageFactory(HomeChildFactory):
    class Meta:
        model = "advice.AdviceIndexPage"

    title = "Tips"
    slug = "tips"


class AdvicePageFactory(PageFactory):
    class Meta:
        model = "advice.AdvicePage"

    title = factory.Sequence(lambda n: f"Tip {n}")
    intro = "Een korte samenvatting van de tip."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Inhoud van de tip.</p>")])
    escalation_route = ""

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        from advice.models import AdviceIndexPage

        if parent is None:
            parent = AdviceIndexPage.objects.first() or AdviceIndexPageFactory()
        return super()._create(model_class, *args, parent=parent, **kwargs)
