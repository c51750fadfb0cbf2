import pytest

from tests.search.conftest import TOKEN, published  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def open_data_dir(settings, tmp_path):
    """Each test its own dump directory (engineers and CI share the machine)."""
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    return settings.OPEN_DATA_DIR


@pytest.fixture
def world(published, make_complaint, company, company_index):  # noqa: F811
    """Public complaints at two companies, hidden ones beside them, and a score each."""
    from datetime import date

    from companies.factories import CompanyPageFactory
    from scorecards.models import CompanyScore

    other = CompanyPageFactory(parent=company_index, title="Zuinig Stroom")
    public = [
        published(title="Pakket nooit bezorgd"),
        published(title="Factuur twee keer betaald", status="awaiting_consumer"),
        published(title="Stroom afgesloten zonder bericht", company=other, status="rated"),
    ]
    hidden = [
        make_complaint(status="draft", title="Concept VERBORGENCONCEPT"),
        make_complaint(status="in_moderation", title="Wacht VERBORGENMODERATIE"),
        make_complaint(status="withdrawn", title="Ingetrokken VERBORGENINGETROKKEN"),
    ]
    for page in hidden:
        page.private_details.details = f"Adres {TOKEN}"
        page.private_details.save()
    CompanyScore.objects.all().delete()  # publishing computed real ones: only these count
    CompanyScore.objects.create(
        company=company,
        computed_on=date(2026, 11, 30),
        complaints=2,
        first_reaction_terms=2,
        first_reaction_on_time=1,
        rated=4,
        rated_solved=3,
        grade_sum=30,
        smoothed_grade=7.1,
        verdict="pluim",
    )
    CompanyScore.objects.create(company=other, computed_on=date(2026, 11, 30), complaints=1)
    return {"public": public, "hidden": hidden, "other": other}


HIDDEN_MARKS = ("VERBORGENCONCEPT", "VERBORGENMODERATIE", "VERBORGENINGETROKKEN")
