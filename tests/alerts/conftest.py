import pytest


@pytest.fixture(autouse=True)
def alert_rate(settings):
    settings.ALERT_SUBSCRIBE_RATE = "1000/m"
