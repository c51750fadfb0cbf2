"""Writes to companies that touch more than one object."""

from django.utils.text import slugify

from companies.models import CompanyIndexPage, CompanyPage, Sector


def get_or_create_sector(name: str) -> Sector:
    slug = slugify(name)[:100] or "overig"
    sector, _ = Sector.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
    return sector


def get_or_create_company(name: str, kvk: str | None, sector: Sector) -> CompanyPage:
    """A live company page under the company index, found by KvK number or name."""
    company = None
    if kvk:
        company = CompanyPage.objects.filter(kvk_number=kvk).first()
    if company is None:
        company = (
            CompanyPage.objects.filter(title=name).first()
            or CompanyPage.objects.filter(legal_name=name).first()
        )
    if company is not None:
        return company
    if not kvk:
        raise ValueError(f"bedrijf {name!r} bestaat nog niet en heeft geen KvK-nummer")
    index = CompanyIndexPage.objects.first()
    if index is None:
        raise ValueError(
            "er is geen bedrijvenoverzicht (CompanyIndexPage) om het bedrijf onder te hangen"
        )
    base = slugify(name)[:60] or "bedrijf"
    slug, n = base, 1
    while CompanyPage.objects.child_of(index).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    company = CompanyPage(
        title=name,
        slug=slug,
        legal_name=name,
        kvk_number=kvk or "",
        sector=sector,
        in_scope_confirmed=True,
    )
    index.add_child(instance=company)
    company.full_clean()  # the caller's transaction undoes the page when this fails
    company.save_revision().publish()
    return company
