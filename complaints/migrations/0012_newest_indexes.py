"""Indexes for newest-first lists of complaints (home page, company page, search fallback).

Built CONCURRENTLY: on a site with a million complaints a plain CREATE INDEX would hold
off every new complaint and reaction while it runs. A concurrent build cannot run inside
a transaction, hence atomic = False."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("companies", "0008_customer_service_route"),
        ("complaints", "0011_outbox_key_hash"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="complaintpage",
            index=models.Index(fields=["-published_at", "-page_ptr"], name="complaint_newest"),
        ),
        AddIndexConcurrently(
            model_name="complaintpage",
            index=models.Index(
                fields=["company", "-published_at", "-page_ptr"], name="complaint_company_newest"
            ),
        ),
    ]
