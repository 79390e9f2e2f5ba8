"""The one PDF renderer: HTML to PDF with WeasyPrint, loading nothing from outside.

    pdf = render_pdf(html)                 # tagged PDF (PDF/UA structure), bytes "%PDF..."

Every document of the portal (certificates, plan templates, practice plans) goes through
here, so all are tagged for screen readers and none can reach the network or the file
system while it is drawn (images come inline as data: URIs).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


def render_pdf(html: str, *, tagged: bool = True) -> bytes:
    """Render `html` (a whole document, styles inline or in <style>) to PDF bytes."""
    try:
        # Imported here: the site runs without the system libraries WeasyPrint needs
        # (pango); only drawing a PDF then fails, with the message below.
        from weasyprint import HTML  # noqa: PLC0415
        from weasyprint.urls import URLFetcher  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImproperlyConfigured(
            "WeasyPrint is needed for PDF documents: pip install weasyprint (and the pango "
            "libraries of the operating system)."
        ) from error
    # Only data: URIs (an image carried inside the document, such as a certificate's QR
    # code): the document loads nothing else (no network, no local files).
    no_fetching = URLFetcher(allowed_protocols=frozenset({"data"}))
    return HTML(string=html, url_fetcher=no_fetching).write_pdf(pdf_tags=tagged)
