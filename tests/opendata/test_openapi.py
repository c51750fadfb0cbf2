"""The manifest as the OpenAPI description says it is."""

import json
from io import StringIO

import jsonschema_rs
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_live_manifest_matches_the_described_schema(client, world):
    call_command("open_data_dump", stdout=StringIO())
    spec = client.get("/api/v2/openapi.json").json()
    operation = spec["paths"]["/open-data/manifest.json"]["get"]
    schema = spec["components"]["schemas"]["OpenDataManifest"]

    response = client.get("/open-data/manifest.json")
    manifest = json.loads(b"".join(response.streaming_content))

    assert response["Content-Type"] in operation["responses"]["200"]["content"]
    jsonschema_rs.validator_for(schema, validate_formats=True).validate(manifest)
    for item in manifest["files"]:
        assert set(item) == set(schema["properties"]["files"]["items"]["required"])


def test_without_a_dump_the_manifest_is_a_described_404(client, site):
    spec = client.get("/api/v2/openapi.json").json()
    operation = spec["paths"]["/open-data/manifest.json"]["get"]

    response = client.get("/open-data/manifest.json")

    assert response.status_code == 404
    assert response["Content-Type"] in operation["responses"]["404"]["content"]
