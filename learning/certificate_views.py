"""Thin views for certificates: the public verification page and its look-up form, the
learner's PDF download, and the course page's "Certificaat aanvragen" action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .certificates import (
    certificate_code_normalise,
    certificate_get_for_owner,
    certificate_issue,
    certificate_pdf,
    certificate_verify,
    certificates_list_of_learner,
)
from .models import CoursePage


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """A form to type in a code from a paper certificate."""
    typed = request.GET.get("code", "")
    error = ""
    if "code" in request.GET:
        normalised = certificate_code_normalise(code=typed)
        if normalised is not None:
            return redirect("learning_certificate_verify", code=normalised)
        error = (
            _(
                "Dit is geen geldige verificatiecode. Een code heeft 20 letters en cijfers, "
                "bijvoorbeeld ABCD-EFGH-JKMN-PQRS-TVWX."
            )
            if typed.strip()
            else _("Vul de verificatiecode in.")
        )
    return render(
        request,
        "learning/certificate_lookup.html",
        {"typed": typed, "error": error},
        status=400 if error else 200,
    )


@require_GET
def certificate_verify_page(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone can check a certificate: valid, revoked (with the date) or unknown."""
    verification = certificate_verify(code=code)
    if verification.certificate is not None and code != verification.code:
        return redirect("learning_certificate_verify", code=verification.code)
    response = render(
        request,
        "learning/certificate_verify.html",
        {"verification": verification, "certificate": verification.certificate},
        status=404 if verification.status == "unknown" else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    """The owner's PDF; anyone else (and a revoked certificate) gets a 404."""
    certificate = certificate_get_for_owner(user=request.user, code=code)
    if certificate is None:
        raise Http404(_("Certificaat niet gevonden."))
    pdf = certificate_pdf(
        certificate=certificate,
        verify_url=request.build_absolute_uri(certificate.get_verify_url()),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificaat-{slugify(certificate.course_title)[:60] or 'cursus'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_request(request: HttpRequest, *, course: CoursePage) -> HttpResponse:
    """POST "Certificaat aanvragen" from the course page (action=certificate)."""
    url = course.get_url(request) or "/"
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    try:
        certificate_issue(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Je certificaat staat klaar. Je kunt het nu downloaden."))
    return HttpResponseRedirect(f"{url}#certificaat")


@login_required
@require_GET
def certificate_list(request: HttpRequest) -> HttpResponse:
    """ "Mijn certificaten": every certificate of the learner with its PDF, verification
    address, points and register."""
    from .clinics.selectors import attendance_rows  # noqa: PLC0415 (a sub-app of learning)

    return render(
        request,
        "learning/certificate_list.html",
        {
            "certificates": certificates_list_of_learner(user=request.user),
            "sessions_attended": attendance_rows(user=request.user),
        },
    )
