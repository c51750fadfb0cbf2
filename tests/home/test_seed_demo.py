import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from core import roles

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_demo_accounts_once(site, settings, capsys, client):
    settings.DEMO_PASSWORD = "geheim-demo"
    User = get_user_model()

    call_command("seed_demo")
    first = User.objects.count()
    call_command("seed_demo")

    from companies.models import CompanyPage

    assert User.objects.count() == first == 4 + CompanyPage.objects.count()
    out = capsys.readouterr().out
    reps = [f"rep-{c.slug}" for c in CompanyPage.objects.all()]
    for username in ["admin", "moderator", "editor", "consumer", *reps]:
        assert User.objects.get(username=username).check_password("geheim-demo"), username
        assert username in out
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="moderator").groups.filter(name=roles.MODERATORS).exists()
    assert User.objects.get(username="editor").groups.filter(name=roles.EDITORS).exists()
    consumer = User.objects.get(username="consumer")
    assert not consumer.is_staff and not consumer.groups.exists()

    # What `make run` prints is what signs in: the name or the address, no stop at
    # "verify your e-mail address".
    for login in ["consumer", consumer.email.upper(), "moderator", reps[0]]:
        assert login in out or login.lower() in out
        response = client.post("/account/login/", {"login": login, "password": "geheim-demo"})
        assert response.status_code == 302, login
        assert "confirm-email" not in response["Location"], login
        assert client.session.get("_auth_user_id"), login
        client.logout()


def test_seed_demo_is_refused_where_demo_data_is_not_allowed(settings):
    settings.ALLOW_DEMO_DATA = False

    with pytest.raises(CommandError, match="uitgeschakeld"):
        call_command("seed_demo")

    assert get_user_model().objects.count() == 0
