"""The registrable domain of a company's website, from the Public Suffix List."""

import pytest

from companies.domains import email_domain, email_on_domain, is_free_mail, registrable_domain
from companies.forms import ClaimForm, InviteColleagueForm


@pytest.mark.parametrize(
    "website, domain",
    [
        # Dutch companies: one label under .nl, whatever the subdomain.
        ("https://www.polderpost.nl/", "polderpost.nl"),
        ("https://klantenservice.winkel.polderpost.nl/contact", "polderpost.nl"),
        # Two-level public suffixes: the list knows them, no hand-made list needed.
        ("https://shop.bedrijf.co.uk/", "bedrijf.co.uk"),
        ("https://www.bedrijf.com.au", "bedrijf.com.au"),
        ("https://www.gemeente.noord-holland.nl", "noord-holland.nl"),
        ("https://bakkerij.kyoto.jp", "bakkerij.kyoto.jp"),
        # Upper case, a trailing dot, a port, user info and no scheme.
        ("HTTPS://WWW.Polderpost.NL./over-ons", "polderpost.nl"),
        ("https://www.polderpost.nl:8443/", "polderpost.nl"),
        ("https://iemand@www.polderpost.nl/", "polderpost.nl"),
        ("www.polderpost.nl", "polderpost.nl"),
        # Internationalised names compare in their punycode form.
        ("https://www.bücher.nl/", "xn--bcher-kva.nl"),
        ("https://WWW.BÜCHER.NL/", "xn--bcher-kva.nl"),
        ("https://www.xn--bcher-kva.nl/", "xn--bcher-kva.nl"),
        # A bare public suffix is nobody's domain.
        ("https://co.uk/", ""),
        ("nl", ""),
        ("https://nl./", ""),
        # Pages on a platform's shared suffix have no domain of their own.
        ("https://polderpost.github.io/", ""),
        ("https://github.io/", ""),
        ("https://polderpost.blogspot.com/", ""),
        # No host to speak of.
        ("http://127.0.0.1:8000/", ""),
        ("http://[2001:db8::1]/", ""),
        ("localhost", ""),
        ("https://[onaf", ""),
        ("", ""),
    ],
)
def test_the_registrable_domain_of_a_website(website, domain):
    assert registrable_domain(website) == domain


def test_addresses_are_read_in_the_same_form_as_websites():
    assert email_domain("Anne@Klantenservice.BÜCHER.nl.") == "klantenservice.xn--bcher-kva.nl"
    assert email_on_domain("anne@klantenservice.bücher.nl", "xn--bcher-kva.nl")
    assert not email_on_domain("anne@bücher.nl", "xn--bcher-kva.com")


@pytest.mark.parametrize(
    "host, shared",
    [
        ("gmail.com", True),
        ("hotmail.nl", True),
        ("github.io", True),
        ("polderpost.github.io", True),
        ("blogspot.com", True),
        ("co.uk", True),
        ("", True),
        ("polderpost.nl", False),
        ("mail.polderpost.nl", False),
        ("bedrijf.co.uk", False),
    ],
)
def test_which_mail_hosts_say_nothing_about_an_employer(host, shared):
    assert is_free_mail(host) is shared


@pytest.fixture
def make_company(db, company):
    def make(website):
        company.website = website
        return company

    return make


@pytest.mark.parametrize("form_class", [ClaimForm, InviteColleagueForm])
def test_a_company_on_a_platform_suffix_cannot_be_proved_by_mail(make_company, form_class):
    company = make_company("https://polderpost.github.io/")

    for email in ["anne@polderpost.github.io", "anne@github.io"]:
        form = form_class(data={"email": email}, company=company)
        assert not form.is_valid(), email


@pytest.mark.parametrize("form_class", [ClaimForm, InviteColleagueForm])
def test_a_company_under_a_two_level_suffix_is_proved_by_its_own_domain(make_company, form_class):
    company = make_company("https://www.bedrijf.co.uk/")

    assert form_class(data={"email": "anne@bedrijf.co.uk"}, company=company).is_valid()
    assert not form_class(data={"email": "anne@ander.co.uk"}, company=company).is_valid()


@pytest.mark.parametrize("form_class", [ClaimForm, InviteColleagueForm])
def test_an_idn_company_accepts_its_own_addresses(make_company, form_class):
    company = make_company("https://www.bücher.nl/")

    form = form_class(data={"email": "anne@xn--bcher-kva.nl"}, company=company)
    assert form.is_valid(), form.errors


def test_both_forms_name_the_domain_in_their_help_text(make_company):
    company = make_company("https://www.polderpost.nl/")

    claim = ClaimForm(company=company)
    invite = InviteColleagueForm(company=company)

    assert "eindigt op @polderpost.nl" in str(claim["email"].help_text)
    assert "Ook een adres op @polderpost.nl" in str(invite["email"].help_text)


def test_without_a_domain_the_forms_give_no_domain_help(make_company):
    company = make_company("https://polderpost.github.io/")

    assert ClaimForm(company=company)["email"].help_text == ""
    form = InviteColleagueForm(data={"email": "anne@github.io"}, company=company)
    assert not form.is_valid()
    assert "het domein van het bedrijf" in form.errors["email"][0]
