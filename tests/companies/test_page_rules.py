import pytest

from advice.models import AdviceIndexPage, AdvicePage
from companies.models import CompanyIndexPage, CompanyPage
from home.models import HomePage, OutOfScopePage

pytestmark = pytest.mark.django_db


def test_company_pages_live_only_in_the_company_index(home_page, company_index, advice_index):
    assert CompanyPage.can_create_at(company_index)
    assert not CompanyPage.can_create_at(home_page)
    assert not CompanyPage.can_create_at(advice_index)


def test_there_is_one_company_index_and_one_advice_index_under_home(
    home_page, company_index, advice_index
):
    assert not CompanyIndexPage.can_create_at(home_page)  # max_count reached
    assert not AdviceIndexPage.can_create_at(home_page)
    assert CompanyIndexPage.parent_page_types == ["home.HomePage"]
    assert AdviceIndexPage.parent_page_types == ["home.HomePage"]


def test_advice_pages_live_only_in_the_advice_index(home_page, company_index, advice_index):
    assert AdvicePage.can_create_at(advice_index)
    assert not AdvicePage.can_create_at(home_page)
    assert not AdvicePage.can_create_at(company_index)


def test_leaf_pages_take_no_children(company, advice_index):
    from advice.factories import AdvicePageFactory

    advice = AdvicePageFactory(parent=advice_index)
    for page_type in [CompanyPage, AdvicePage, OutOfScopePage, HomePage, CompanyIndexPage]:
        assert not page_type.can_create_at(company)
        assert not page_type.can_create_at(advice)


def test_the_admin_refuses_a_company_page_outside_the_company_index(client, editor, home_page):
    client.force_login(editor)

    url = f"/admin/pages/add/companies/companypage/{home_page.pk}/"

    response = client.post(url, {"title": "Ergens B.V.", "kvk_number": "12345678"}, follow=True)

    assert response.redirect_chain[0][1] == 302
    messages = [str(m) for m in response.context["messages"]]
    assert any("geen toegang" in m for m in messages), messages
    assert not CompanyPage.objects.exists()
