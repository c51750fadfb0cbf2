"""Read-only queries for company pages."""

from itertools import groupby


def companies_by_sector(companies):
    """[(sector, [company, ...]), ...] in the sectors' own order, companies by name."""
    ordered = sorted(companies, key=lambda c: (c.sector.sort_order, c.sector.name, c.title))
    return [(sector, list(group)) for sector, group in groupby(ordered, key=lambda c: c.sector)]
