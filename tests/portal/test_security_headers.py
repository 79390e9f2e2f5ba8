"""What every public page sends and loads: security headers, a strict Content Security
Policy, and nothing from third parties."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from portal.home.factories import ContentPageFactory, callout, paragraph, video


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            directives[tokens[0]] = tokens[1:]
    return directives


@pytest.fixture
def public_response(client, site_root):
    page = ContentPageFactory(
        parent=site_root,
        title="Over de methode",
        body=[
            paragraph("<p>Wat het huishouden nodig heeft, komt eerst.</p>"),
            callout("<p>Let op de eerste stap.</p>", variant="warning"),
            video(
                title="Uitleg",
                url="https://www.youtube.com/watch?v=aBcDeFgHiJk",
                transcript_html="<p>De tekst van de video.</p>",
            ),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    return response


def test_public_page_has_a_strict_content_security_policy(public_response):
    directives = csp_directives(public_response["Content-Security-Policy"])

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    # The only third party is the youtube-nocookie player a visitor chooses to start.
    assert directives["frame-src"] == ["https://www.youtube-nocookie.com"]
    for sources in directives.values():
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources


def test_public_page_sends_nosniff_referrer_policy_and_frame_options(public_response):
    assert public_response["X-Content-Type-Options"] == "nosniff"
    assert public_response["Referrer-Policy"] in {
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    }
    assert public_response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


def test_public_page_loads_nothing_from_third_parties_and_has_no_inline_code(public_response):
    soup = BeautifulSoup(public_response.content, "html.parser")

    resources = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "source"])]
    resources += [link.get("href") for link in soup.find_all("link", rel="stylesheet")]
    for address in filter(None, resources):
        parsed = urlparse(address)
        assert not parsed.netloc, f"loads {address} from another site"

    inline_scripts = [script for script in soup.find_all("script") if not script.get("src")]
    assert inline_scripts == []
    assert soup.find_all(style=True) == []
    assert soup.find_all("style") == []
