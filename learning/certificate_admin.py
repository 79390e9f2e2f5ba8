"""Certificates in the Wagtail admin: a listing for staff and a revoke page.

Only holders of `learning.view_certificate` or `learning.revoke_certificate` see the
listing ("IPW moderator" gets both from migration 0002_certificates); only holders of
`learning.revoke_certificate` may revoke. Editors ("IPW redacteur") get a 403. The
rules themselves live in `learning.certificates`; these views stay thin.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from .certificates import (
    REASON_MAX_LENGTH,
    certificate_revoke,
    user_can_revoke_certificates,
    user_can_view_certificates,
)
from .models import Certificate

PER_PAGE = 50


class CertificateFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=200,
        help_text=_("Naam, cursus of verificatiecode."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("valid", _("Geldig")), ("revoked", _("Ingetrokken"))],
    )


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekking"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Verplicht. De deelnemer ziet de reden op de cursuspagina; de openbare "
            "controlepagina toont alleen dat het certificaat is ingetrokken en wanneer."
        ),
        error_messages={"required": _("Geef een reden op voor het intrekken.")},
    )


def certificate_admin_index(request: HttpRequest) -> HttpResponse:
    if not user_can_view_certificates(user=request.user):
        raise PermissionDenied
    form = CertificateFilterForm(request.GET or None)
    queryset = Certificate.objects.select_related("revoked_by").order_by("-issued_at", "-pk")
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            queryset = queryset.filter(
                Q(learner_name__icontains=query)
                | Q(course_title__icontains=query)
                | Q(code__icontains=query.upper())
            )
        if form.cleaned_data["status"] == "valid":
            queryset = queryset.filter(revoked_at__isnull=True)
        elif form.cleaned_data["status"] == "revoked":
            queryset = queryset.filter(revoked_at__isnull=False)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "learning/certificate_admin_index.html",
        {
            "form": form,
            "page_obj": page,
            "can_revoke": user_can_revoke_certificates(user=request.user),
        },
    )


def certificate_admin_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not user_can_revoke_certificates(user=request.user):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = CertificateRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(
                request,
                _("Het certificaat %(code)s van %(name)s is ingetrokken.")
                % {"code": certificate.code, "name": certificate.learner_name},
            )
            return redirect("learning_certificates_admin:index")
    return render(
        request,
        "learning/certificate_admin_revoke.html",
        {"certificate": certificate, "form": form},
        status=400 if form.errors else 200,
    )
