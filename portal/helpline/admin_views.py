"""The triage inbox in the Wagtail admin: listing (subject, preview, search, filters in
the URL), the thread page (triage and answer, with standard answers to insert), the
dashboard panel, CSV export and the monthly report. Every view, export and deletion of a
submission is in the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from portal.anonymisation.policy import PERSONAL_DATA
from portal.core.csv_export import csv_text

from . import models as m
from .dates import datetime_long
from .models import CannedAnswer, Kind, Status, Submission
from .permissions import user_can_handle_helpline
from .selectors import (
    hulplijn_members,
    inbox_counts,
    preview_of,
    subject_of,
    submission_inbox_queryset,
    submission_inbox_search,
    submission_report,
    thread_messages_for_user,
)
from .services import (
    answer_personal_data_errors,
    submission_answer,
    submission_export_log,
    submission_triage_update,
    submission_view_log,
    thread_mark_read,
)

# ---------------------------------------------------------------- listing


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Soort"), choices=Kind.choices)
    urgent = django_filters.BooleanFilter(
        label=gettext_lazy("Spoed"),
        widget=forms.Select(
            choices=[
                ("", "---------"),
                ("true", gettext_lazy("Ja")),
                ("false", gettext_lazy("Nee")),
            ]
        ),
    )
    open = django_filters.BooleanFilter(
        label=gettext_lazy("Open of afgerond"),
        method="filter_open",
        widget=forms.Select(
            choices=[
                ("", "---------"),
                ("true", gettext_lazy("Open")),
                ("false", gettext_lazy("Afgerond")),
            ]
        ),
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Te laat"),
        field_name="is_overdue",
        widget=forms.Select(
            choices=[
                ("", "---------"),
                ("true", gettext_lazy("Ja")),
                ("false", gettext_lazy("Nee")),
            ]
        ),
    )
    assignee = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Behandelaar"), queryset=lambda request: hulplijn_members()
    )
    region = django_filters.CharFilter(label=gettext_lazy("Gemeente"), method="filter_region")

    class Meta:
        model = Submission
        fields = ["status", "open", "kind", "urgent", "overdue", "assignee", "region"]

    def filter_region(self, queryset, name, value):  # noqa: ANN001, ANN201
        if not value:
            return queryset
        return queryset.filter(Q(region__icontains=value) | Q(municipality__name__icontains=value))

    def filter_open(self, queryset, name, value):  # noqa: ANN001, ANN201 - django-filter's signature
        if value is None:
            return queryset
        closed = Q(status=Status.CLOSED)
        return queryset.exclude(closed) if value else queryset.filter(closed)


class DueColumn(Column):
    """Due time in Dutch words, "Spoed" for an urgent one; an overdue item says "Te laat"
    in a badge of its own (solid red, an icon and words: not like any status tag, not by
    colour only)."""

    cell_template_name = "helpline/admin/due_cell.html"

    def get_cell_context_data(self, instance: Submission, parent_context: Any) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = getattr(instance, "is_overdue", False)
        context["instance"] = instance
        context["display"] = datetime_long(instance.due_at)
        return context


class SubjectColumn(TitleColumn):
    """The first words of the question (a referral: of its sketch) as a link to the
    thread, with the reference below and a mark for unread replies from the sender."""

    cell_template_name = "helpline/admin/subject_cell.html"

    def get_cell_context_data(self, instance: Submission, parent_context: Any) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        context["subject"] = subject_of(instance.text) or instance.reference
        context["instance"] = instance
        context["unread_replies"] = getattr(instance, "unread_replies", 0)
        return context


def _preview(submission: Submission) -> str:
    body = getattr(submission, "last_message_body", None)
    if body is None:
        return preview_of(submission.text)
    who = _("IPW") if submission.last_message_from_staff else _("Afzender")
    return f"{who}: {preview_of(body)}"


class SubmissionIndexView(generic.IndexView):
    page_title = gettext_lazy("Hulplijn: inbox")
    default_ordering = None
    # Database search (icontains over reference, sender, organisation, text and
    # messages): submission_inbox_search, not Wagtail's search index.
    is_searchable = True
    search_fields = ["reference"]
    search_backend_name = None
    export_filename = "hulplijn"
    FORMATS = ("csv",)
    list_export = [
        "reference",
        "kind",
        "received_at",
        "due_at",
        "status",
        "urgent",
        "region",
        "first_contact_at",
        "closed_at",
        "assignee",
    ]

    def get_base_queryset(self):  # noqa: ANN201
        return submission_inbox_queryset()

    def search_queryset(self, queryset):  # noqa: ANN001, ANN201
        if not self.is_searching:
            return queryset
        return submission_inbox_search(queryset=queryset, query=self.search_query)

    def order_queryset(self, queryset):  # noqa: ANN001, ANN201
        # Without a chosen column order, keep the inbox order: overdue first, then by due time.
        if not self.ordering:
            return queryset
        return super().order_queryset(queryset)

    @cached_property
    def columns(self) -> list[Column]:
        return [
            SubjectColumn(
                "subject",
                label=_("Onderwerp"),
                get_url=lambda obj: self.get_edit_url(obj),
                sort_key="reference",
            ),
            Column(
                "preview",
                label=_("Laatste bericht"),
                accessor=_preview,
                classname="helpline-preview",
            ),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda obj: obj.status == Status.NEW,
                sort_key="status",
            ),
            DueColumn("due_at", label=_("Uiterlijk contact"), sort_key="due_at"),
            Column("assignee", label=_("Behandelaar"), accessor=_assignee_label),
            Column("region", label=_("Gemeente"), accessor="municipality_label"),
            Column(
                "received_at",
                label=_("Ontvangen"),
                accessor=lambda obj: datetime_long(obj.received_at),
                sort_key="received_at",
            ),
        ]

    @cached_property
    def header_buttons(self) -> list:
        return [
            HeaderButton(
                _("Maandrapport"),
                url=reverse("helpline_inbox:report"),
                icon_name="table",
            )
        ]

    @cached_property
    def header_more_buttons(self) -> list:
        # CSV only (XLSX needs openpyxl, not installed).
        return [button for button in super().header_more_buttons if "xlsx" not in button.url]

    def as_spreadsheet(self, queryset, spreadsheet_format):  # noqa: ANN001, ANN201
        submissions = list(queryset)
        submission_export_log(submissions=submissions, user=self.request.user)
        return super().as_spreadsheet(submissions, spreadsheet_format)

    def write_csv_response(self, queryset) -> HttpResponse:  # noqa: ANN001
        """The portal's one CSV writer (Dutch Excel, local times, formulas neutralised)
        instead of Wagtail's plain one."""
        content = csv_text(
            headers=[self.get_heading(queryset, field) for field in self.list_export],
            rows=(self.to_row_dict(item).values() for item in queryset),
        )
        response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
        filename = f"{self.get_filename()}-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def get_heading(self, queryset, field):  # noqa: ANN001, ANN201
        return super().get_heading(Submission.objects.none(), field)

    def to_row_dict(self, item: Submission) -> dict:
        row = super().to_row_dict(item)
        row["kind"] = item.get_kind_display()
        row["status"] = item.get_status_display()
        row["assignee"] = _assignee_label(item)
        row["region"] = item.municipality_label
        return row


def _assignee_label(submission: Submission) -> str:
    if submission.assignee is None:
        return "—"
    return submission.assignee.get_full_name() or submission.assignee.email


# ---------------------------------------------------------------- triage and answer


class SubmissionSummaryPanel(Panel):
    """The submission itself, read-only: what the professional wrote, their contact
    details, the page they came from and the answers sent so far."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "helpline/admin/summary_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict:
            context = super().get_context_data(parent_context)
            submission = self.instance
            context["submission"] = submission
            context["thread_messages"] = thread_messages_for_user(
                user=self.request.user, submission=submission
            )
            context["problem_domains"] = list(submission.problem_domains.all())
            context["overdue"] = bool(
                submission.is_open
                and submission.first_contact_at is None
                and timezone.now() > submission.due_at
            )
            return context


class CannedAnswerPanel(Panel):
    """A select of the standard answers with an "Invoegen" button that puts the chosen
    text into the answer box (a small script; without it, staff copy the text shown)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "helpline/admin/canned_answer_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict:
            context = super().get_context_data(parent_context)
            context["canned_answers"] = list(CannedAnswer.objects.only("title", "body"))
            context["target_id"] = self.form["answer"].id_for_label
            return context


class SubmissionTriageForm(WagtailAdminModelForm):
    answer = forms.CharField(
        label=gettext_lazy("Antwoord sturen"),
        required=False,
        max_length=m.ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Wordt per e-mail naar de afzender gestuurd en verschijnt in het gesprek bij "
            "‘Mijn vragen’. Leeg laten om alleen status, behandelaar of notities op te slaan."
        ),
    )

    def clean_answer(self) -> str:
        """The guard on the answer before it is mailed (internal notes are guarded by the
        model, Submission.guarded_fields)."""
        answer = self.cleaned_data.get("answer") or ""
        errors = answer_personal_data_errors(body=answer)
        if errors:
            raise forms.ValidationError(errors, code=PERSONAL_DATA)
        return answer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = hulplijn_members()
            self.fields["assignee"].label_from_instance = lambda user: (
                user.get_full_name() or user.email
            )


class SubmissionTriageView(generic.EditView):
    """Open a submission (logged), change status, assignee and notes, send an answer."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)  # sets self.object
        submission_view_log(submission=self.object, user=request.user)
        thread_mark_read(submission=self.object, reader=request.user)
        return response

    def get_page_subtitle(self) -> str:
        return f"{self.object.get_kind_display()} {self.object.reference}"

    def save_instance(self) -> Submission:
        original = Submission.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        submission = submission_triage_update(
            submission=original,
            status=data["status"],
            assignee=data.get("assignee"),
            internal_notes=data.get("internal_notes", ""),
            by=self.request.user,
        )
        self.answer_sent = False
        if (data.get("answer") or "").strip():
            submission_answer(submission=submission, body=data["answer"], by=self.request.user)
            self.answer_sent = True
        return submission

    def get_success_message(self) -> str:
        if getattr(self, "answer_sent", False):
            return _("%(reference)s is opgeslagen en het antwoord is verstuurd naar %(email)s.") % {
                "reference": self.object.reference,
                "email": self.object.email,
            }
        return _("%(reference)s is opgeslagen.") % {"reference": self.object.reference}


# ---------------------------------------------------------------- monthly report


class ReportForm(forms.Form):
    month = forms.RegexField(
        label=gettext_lazy("Maand"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        error_messages={"invalid": gettext_lazy("Kies een maand, bijvoorbeeld 2026-03.")},
    )

    def year_month(self) -> tuple[int, int]:
        value = self.cleaned_data.get("month") if self.is_valid() else None
        if value:
            year, month = value.split("-")
            return int(year), int(month)
        today = timezone.localdate()
        return today.year, today.month


def report_view(request: HttpRequest) -> HttpResponse:
    if not user_can_handle_helpline(user=request.user):
        raise PermissionDenied
    form = ReportForm(request.GET or None)
    year, month = form.year_month()
    report = submission_report(year=year, month=month)
    return render(
        request,
        "helpline/admin/report.html",
        {
            "form": form,
            "report": report,
            "month_start": date(year, month, 1),
            "sections": [
                (_("Naar urgentie"), report.by_urgency),
                (_("Naar soort"), report.by_kind),
                (_("Naar gemeente"), report.by_region),
                (_("Naar probleemdomein (aanmeldingen kunnen er meer hebben)"), report.by_domain),
                (_("Naar samenstelling huishouden (aanmeldingen)"), report.by_household_type),
            ],
        },
    )


# ---------------------------------------------------------------- viewset


class SubmissionViewSet(ModelViewSet):
    model = Submission
    name = "helpline_inbox"
    url_prefix = "hulplijn"
    icon = "help"
    menu_label = gettext_lazy("Hulplijn")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionTriageView
    filterset_class = SubmissionFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50
    search_fields = None

    panels = [
        SubmissionSummaryPanel(heading=gettext_lazy("Bericht")),
        FieldPanel("status"),
        FieldPanel("assignee"),
        FieldPanel("internal_notes"),
        CannedAnswerPanel(heading=gettext_lazy("Standaardantwoord invoegen")),
        FieldPanel("answer"),
    ]

    def get_edit_handler(self):  # noqa: ANN201
        return ObjectList(self.panels, base_form_class=SubmissionTriageForm).bind_to_model(
            self.model
        )

    def get_urlpatterns(self) -> list:
        # "add" stays routed but the permission policy refuses it: submissions come
        # from the public forms only.
        return [*super().get_urlpatterns(), path("report/", report_view, name="report")]


# ---------------------------------------------------------------- dashboard


class InboxDashboardPanel(Component):
    """On the admin dashboard, for the Hulplijn group: counts of new, urgent, overdue and
    own open submissions, each a link into the inbox with that filter."""

    name = "helpline_inbox_counts"
    order = 50
    template_name = "helpline/admin/dashboard_panel.html"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict:
        counts = inbox_counts(user=self.request.user)
        index = reverse("helpline_inbox:index")
        items = [
            (_("Nieuw"), counts.new, f"{index}?status=new", False),
            (_("Spoed, open"), counts.urgent, f"{index}?urgent=true&open=true", False),
            (_("Te laat"), counts.overdue, f"{index}?overdue=true", bool(counts.overdue)),
            (
                _("Aan mij toegewezen, open"),
                counts.mine,
                f"{index}?assignee={self.request.user.pk}&open=true",
                False,
            ),
        ]
        return {"items": items, "inbox_url": index}


def inbox_dashboard_panel_for(request: HttpRequest) -> InboxDashboardPanel | None:
    if not user_can_handle_helpline(user=request.user):
        return None
    return InboxDashboardPanel(request)
