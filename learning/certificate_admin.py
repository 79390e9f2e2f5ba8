"""Certificates in the Wagtail admin: a listing for staff, a revoke page, and the
accreditation report (per register and period, as CSV or XLSX; same access as the
listing).

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
from django.views.defaults import permission_denied

from .certificates import (
    REASON_MAX_LENGTH,
    accreditation_report_csv,
    accreditation_report_rows,
    accreditation_report_xlsx,
    certificate_revoke,
    user_can_revoke_certificates,
    user_can_view_certificates,
)
from .models import AccreditationRegister, Certificate

PER_PAGE = 50
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


# ------------------------------------------------------------------ accreditation report

DUTCH_DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]
REPORT_FORMATS = {"html", "csv", "xlsx"}
REPORT_PREVIEW_ROWS = 100


class AccreditationReportForm(forms.Form):
    register = forms.ChoiceField(
        label=_("Register"),
        choices=[
            (value, label)
            for value, label in AccreditationRegister.choices
            if value != AccreditationRegister.NONE
        ],
    )
    date_from = forms.DateField(
        label=_("Van"),
        input_formats=DUTCH_DATE_FORMATS,
        help_text=_("Bijvoorbeeld 1-1-2026 of 01-01-2026."),
        error_messages={
            "required": _("Vul de begindatum in."),
            "invalid": _("Vul de begindatum in als dag-maand-jaar, bijvoorbeeld 01-01-2026."),
        },
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        input_formats=DUTCH_DATE_FORMATS,
        help_text=_("Bijvoorbeeld 31-3-2026."),
        error_messages={
            "required": _("Vul de einddatum in."),
            "invalid": _("Vul de einddatum in als dag-maand-jaar, bijvoorbeeld 31-03-2026."),
        },
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned


def accreditation_report(request: HttpRequest) -> HttpResponse:
    """Per register and period: the certificates to upload to the register, on screen
    (the first rows) or as CSV or XLSX. Anyone else in the admin gets a 403 (not
    Wagtail's quiet redirect to the dashboard: a bookmarked export should fail plainly)."""
    if not user_can_view_certificates(user=request.user):
        return permission_denied(request, PermissionDenied())
    form = AccreditationReportForm(request.GET or None)
    output = request.GET.get("format", "html")
    if output not in REPORT_FORMATS:
        output = "html"
    rows = None
    if form.is_valid():
        register = form.cleaned_data["register"]
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        rows = accreditation_report_rows(register=register, date_from=date_from, date_to=date_to)
        filename = f"accreditatie-{register}-{date_from:%Y-%m-%d}-{date_to:%Y-%m-%d}"
        if output == "csv":
            response = HttpResponse(
                accreditation_report_csv(rows=rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            return response
        if output == "xlsx":
            label = str(AccreditationRegister(register).label)
            response = HttpResponse(
                accreditation_report_xlsx(rows=rows, title=label),
                content_type=XLSX_CONTENT_TYPE,
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
            return response
    return render(
        request,
        "learning/certificate_admin_report.html",
        {
            "form": form,
            "rows": rows,
            "preview": rows[:REPORT_PREVIEW_ROWS] if rows else [],
            "preview_limit": REPORT_PREVIEW_ROWS,
        },
        status=400 if form.errors else 200,
    )
