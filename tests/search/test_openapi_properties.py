"""A property-based run of the project's JSON API from its own OpenAPI description.

Schemathesis reads /api/v2/openapi.json and sends generated requests (valid and
invalid values for every described parameter) to the WSGI application, in this test's
database transaction, against the real Elasticsearch with a few indexed complaints.
Every answer must be below 500, carry a documented status code and content type, and
match the described schema. The run is bounded (a fixed number of examples per
operation) and deterministic (derandomised), so it gives the same verdict every time.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 50


def _schema():
    from config.wsgi import application
    from search.openapi import spec

    loaded = schemathesis.openapi.from_dict(spec())
    loaded.app = application
    loaded.config.generation.update(max_examples=EXAMPLES_PER_OPERATION, deterministic=True)
    return loaded


schema = _schema()


@pytest.fixture
def indexed(published, generous_rate_limits):
    from django.core import signals
    from django.db import close_old_connections

    # The limits are not what this run is about: 50 examples of the export would meet
    # its few per ten minutes (generous_rate_limits).
    published(title="Pakket nooit bezorgd")
    published(title="Factuur twee keer afgeschreven", status="awaiting_consumer")
    # The application runs in this test's transaction; like Django's test client, keep
    # it from closing the connection at the end of each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    # The database, index and application are the test's fixtures, shared by all of
    # its examples on purpose: each example only reads.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_as_described(indexed, case):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            negative_data_rejection,
        ]
    )
