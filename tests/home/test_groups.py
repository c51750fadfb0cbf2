import pytest
from django.contrib.auth.models import Group

from core import roles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", [roles.MODERATORS, roles.EDITORS])
def test_staff_groups_exist_and_may_enter_the_admin(name):
    group = Group.objects.get(name=name)

    assert group.permissions.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).exists()


def test_editors_may_add_and_publish_pages():
    editors = Group.objects.get(name=roles.EDITORS)

    codenames = set(editors.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= codenames


@pytest.mark.parametrize("user_fixture", ["editor", "moderator"])
def test_staff_reach_the_admin_dashboard(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    assert client.get("/admin/").status_code == 200


def test_a_consumer_is_kept_out_of_the_admin(client, consumer):
    client.force_login(consumer)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_moderators_have_no_page_or_collection_rights():
    moderators = Group.objects.get(name=roles.MODERATORS)

    assert not moderators.page_permissions.exists()
    assert not moderators.collection_permissions.exists()
    assert moderators.permissions.filter(codename="change_companyrequest").exists()


def test_editors_manage_sectors_and_topics_but_not_representatives():
    editors = Group.objects.get(name=roles.EDITORS)
    codenames = set(editors.permissions.values_list("codename", flat=True))

    assert {"add_sector", "change_sector", "add_topic", "change_topic"} <= codenames
    assert "add_companyrepresentative" not in codenames
