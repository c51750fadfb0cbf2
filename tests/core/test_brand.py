"""The site's look: logo, favicon, and the colour pairs of static/css/site.css."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.contrast import contrast

STATIC = Path(__file__).resolve().parents[2] / "static"
CSS = (STATIC / "css" / "site.css").read_text()

# (foreground, background) pairs the stylesheet puts together.
TEXT_PAIRS = [
    ("--ink", "--paper"),
    ("--ink", "--soft"),
    ("--ink", "--neutral-soft"),
    ("--ink", "--warning-soft"),
    ("--muted", "--paper"),
    ("--muted", "--soft"),
    ("--accent", "--paper"),
    ("--accent", "--soft"),
    ("--accent-strong", "--accent-soft"),
    ("--accent-ink", "--accent"),
    ("--accent-ink", "--accent-strong"),
    ("--danger", "--paper"),
    ("--danger", "--danger-soft"),
    ("--accent-ink", "--danger"),
    ("--accent-ink", "--danger-strong"),
    ("--success", "--success-soft"),
    ("--success", "--paper"),
    ("--warning", "--warning-soft"),
    ("--footer-ink", "--footer-bg"),
    ("--footer-link", "--footer-bg"),
]
# Borders of controls and the focus indicator (WCAG 1.4.11: 3:1).
COMPONENT_PAIRS = [
    ("--control", "--paper"),
    ("--control", "--soft"),
    ("--accent", "--paper"),
    ("--danger", "--paper"),
    ("--warning-edge", "--paper"),
    ("--warning-edge", "--warning-soft"),
    ("--focus-outline", "--paper"),
    ("--focus-outline", "--soft"),
    ("--focus-outline", "--warning-soft"),
    ("--focus-ring", "--footer-bg"),
]


def custom_properties() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})", root))


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_colours_reach_4_5_to_1(fg, bg):
    colours = custom_properties()
    assert contrast(colours[fg], colours[bg]) >= 4.5, (fg, bg)


@pytest.mark.parametrize(("fg", "bg"), COMPONENT_PAIRS)
def test_component_colours_reach_3_to_1(fg, bg):
    colours = custom_properties()
    assert contrast(colours[fg], colours[bg]) >= 3, (fg, bg)


def test_the_focus_indicator_is_never_switched_off():
    without_comments = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    assert not re.search(r"outline\s*:\s*(none|0)\b", without_comments)
    assert not re.search(r"outline-(color|style)\s*:\s*(transparent|none)", without_comments)


@pytest.mark.django_db
def test_favicon_ico_is_served_as_an_image(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


def test_svg_favicon_and_logo_exist_with_a_title():
    assert (STATIC / "img" / "favicon.svg").read_text().startswith("<svg")
    logo = (STATIC / "img" / "logo.svg").read_text()
    assert "<title" in logo and "Klachtenkompas" in logo


@pytest.mark.django_db
def test_every_page_links_the_favicons_and_shows_the_logo_with_a_name(client, site):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'img/favicon.svg" type="image/svg+xml"' in html
    logo = re.search(r'<a class="brand" href="/"><img [^>]*>', html).group(0)
    assert 'src="/static/img/logo.svg"' in logo
    assert 'alt="Klachtenkompas' in logo
