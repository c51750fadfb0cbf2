"""Atom feeds: a company's newest public complaints, and the newest results of a search.

Only public fields: title, link, publication time, status and a short summary of the
public text; never the consumer, the private part or anything else of the thread."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.dateparse import parse_datetime
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

FEED_SIZE = 20
SUMMARY_WORDS = 40


class CompanyFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, company):
        self.request = request
        return company

    def title(self, company):
        return _("Klachten over %(company)s · Klachtenkompas") % {"company": company.title}

    def subtitle(self, company):
        return _("De nieuwste openbare klachten over %(company)s en hoe ze ervoor staan.") % {
            "company": company.title
        }

    def link(self, company):
        return company.get_url(self.request)

    def items(self, company):
        from complaints.selectors import public_complaints

        return public_complaints().filter(company=company)[:FEED_SIZE]

    def item_title(self, complaint):
        return complaint.title

    def item_link(self, complaint):
        return complaint.get_url(self.request)

    def item_pubdate(self, complaint):
        return complaint.published_at

    def item_updateddate(self, complaint):
        return complaint.published_at

    def item_description(self, complaint):
        summary = Truncator(complaint.description).words(SUMMARY_WORDS)
        return f"{_('Status')}: {complaint.status_label}. {summary}"

    def item_categories(self, complaint):
        return [complaint.topic.name] if complaint.topic_id else []


class SearchFeed(Feed):
    """The results of a search already run (opendata.views.search_feed validates and
    searches, so that a bad query is a 400 and an absent Elasticsearch a 503)."""

    feed_type = Atom1Feed

    def get_object(self, request, result, query):
        self.request = request
        self.query = query
        return result

    def title(self, result):
        if self.query:
            return _("Klachten over ‘%(q)s’ · Klachtenkompas") % {"q": self.query}
        return _("Nieuwe klachten · Klachtenkompas")

    def subtitle(self, result):
        return _("De nieuwste openbare klachten bij deze zoekopdracht.")

    def link(self, result):
        from django.urls import reverse

        query = self.request.META.get("QUERY_STRING", "")
        return reverse("search") + (f"?{query}" if query else "")

    def items(self, result):
        return result.results

    def item_title(self, item):
        return item["title"]

    def item_link(self, item):
        return item["url"]

    def item_pubdate(self, item):
        return parse_datetime(item["published_at"]) if item.get("published_at") else None

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_description(self, item):
        company = (item.get("company") or {}).get("name", "")
        highlight = strip_tags(item.get("highlight") or "")
        parts = [f"{company} · {_('Status')}: {item['status_label']}.", highlight]
        return " ".join(p for p in parts if p)

    def item_categories(self, item):
        return [item["topic"]["name"]] if item.get("topic") else []
