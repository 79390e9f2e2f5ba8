"""The import screen for editors ("Casussen importeren" in the admin's Casusboek menu).

1. Upload a JSON or CSV file (the format of `casebook_import` and the export).
2. A dry run checks every record with the command's own validation (`case_import(...,
   dry_run=True)`) and lists every error by record and field; nothing is stored.
3. Import: the checked file (carried signed in the form, so it cannot change between
   the check and the import) is imported in one transaction: all cases as drafts
   submitted to the editorial workflow, or, for someone who may publish there, published
   straight away. Any error stores nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.permission_policies.pages import PagePermissionPolicy

from .exporting import CaseFileError, case_file_format, case_records_parse
from .importing import CaseImportError, ImportIssue, ImportResult, case_import
from .importing.moderation import NoWorkflowError
from .models import CaseIndexPage

#: Larger files go through `manage.py casebook_import` (with its progress bar).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
PAYLOAD_SALT = "casebook.admin_import"
PAYLOAD_MAX_AGE = 60 * 60  # seconds between the check and the import

PUBLISH_MODERATION = "moderation"
PUBLISH_NOW = "publish"

NAME_LABELS = {
    "problem_domains": gettext_lazy("Nieuwe probleemdomeinen"),
    "regions": gettext_lazy("Nieuwe regio's"),
    "laws": gettext_lazy("Nieuwe wetten"),
    "articles": gettext_lazy("Nieuwe artikelen"),
}


def case_import_indexes_for(user: Any) -> list[CaseIndexPage]:
    """The case indexes under which `user` may add cases."""
    return [
        index
        for index in CaseIndexPage.objects.order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


def case_import_allowed(user: Any) -> bool:
    """Cheap check for the menu: may the user add pages anywhere at all?"""
    return PagePermissionPolicy().user_has_any_permission(user, ["add"])


class CaseUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand met casussen"),
        help_text=gettext_lazy(
            "Een .json- of .csv-bestand in het formaat van de export, tot 2 MB. Grotere "
            "bestanden importeer je met het commando casebook_import."
        ),
        error_messages={"required": gettext_lazy("Kies een bestand.")},
    )
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Casusboek"),
        queryset=CaseIndexPage.objects.none(),
        empty_label=None,
    )
    create_missing = forms.BooleanField(
        label=gettext_lazy("Maak onbekende probleemdomeinen, wetten en regio's aan"),
        required=False,
    )

    def __init__(self, *args: Any, indexes: list[CaseIndexPage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = CaseIndexPage.objects.filter(
            pk__in=[index.pk for index in indexes]
        ).order_by("path")
        self.only_index = indexes[0] if len(indexes) == 1 else None
        if self.only_index is not None:
            self.fields["parent"].required = False
            self.fields["parent"].widget = forms.HiddenInput()

    def clean_parent(self) -> CaseIndexPage:
        parent = self.cleaned_data.get("parent") or self.only_index
        if parent is None:
            raise forms.ValidationError(_("Kies het casusboek waarin de casussen komen."))
        return parent

    def clean_file(self) -> dict[str, str]:
        upload = self.cleaned_data["file"]
        try:
            file_format = case_file_format(path=upload.name)
        except CaseFileError as error:
            raise forms.ValidationError(str(error)) from error
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 2 MB. Importeer het met het commando casebook_import.")
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8 en probeer opnieuw.")
            ) from error
        return {"name": upload.name, "format": file_format, "text": text}


class CaseImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput())
    publish = forms.ChoiceField(
        label=gettext_lazy("Na het importeren"),
        choices=[
            (PUBLISH_MODERATION, gettext_lazy("Als concept ter beoordeling sturen (vier ogen)")),
            (PUBLISH_NOW, gettext_lazy("Direct publiceren")),
        ],
        initial=PUBLISH_MODERATION,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, can_publish: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_publish:
            self.fields["publish"].choices = self.fields["publish"].choices[:1]
            self.fields["publish"].widget = forms.HiddenInput()


def _payload_dumps(*, upload: dict[str, str], parent: CaseIndexPage, create_missing: bool) -> str:
    return signing.dumps(
        {**upload, "parent": parent.pk, "create_missing": create_missing},
        salt=PAYLOAD_SALT,
        compress=True,
    )


def _payload_loads(value: str) -> dict[str, Any] | None:
    try:
        return signing.loads(value, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.BadSignature:
        return None


def _issue_rows(errors: list[ImportIssue]) -> list[dict[str, Any]]:
    return [
        {
            "record": _("Bestand") if issue.record == 0 else issue.record,
            "field": issue.field or "–",
            "message": issue.message,
        }
        for issue in errors
    ]


def _new_names(result: ImportResult) -> list[tuple[str, str]]:
    return [
        (str(NAME_LABELS[key]), ", ".join(names)) for key, names in result.created_names.items()
    ]


def case_import_view(request: HttpRequest) -> HttpResponse:
    indexes = case_import_indexes_for(request.user)
    if not indexes:
        raise PermissionDenied
    template = "casebook/admin/case_import.html"
    context: dict[str, Any] = {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}

    if request.method == "POST" and "payload" in request.POST:
        return _import(request, indexes=indexes, template=template, context=context)

    form = CaseUploadForm(request.POST or None, request.FILES or None, indexes=indexes)
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, template, context)

    upload = form.cleaned_data["file"]
    parent = form.cleaned_data["parent"]
    create_missing = form.cleaned_data["create_missing"]
    context.update({"file_name": upload["name"], "parent": parent, "checked": True})
    try:
        records = case_records_parse(text=upload["text"], file_format=upload["format"])
        result = case_import(
            records=records, parent=parent, create_missing=create_missing, dry_run=True
        )
    except CaseFileError as error:
        context["errors"] = [{"record": _("Bestand"), "field": "–", "message": str(error)}]
        return TemplateResponse(request, template, context)
    except CaseImportError as error:
        context["errors"] = _issue_rows(error.errors)
        context["record_count"] = len(records)
        return TemplateResponse(request, template, context)

    can_publish = parent.permissions_for_user(request.user).can_publish_subpage()
    context.update(
        {
            "result": result,
            "new_names": _new_names(result),
            "confirm_form": CaseImportConfirmForm(
                initial={
                    "payload": _payload_dumps(
                        upload=upload, parent=parent, create_missing=create_missing
                    )
                },
                can_publish=can_publish,
            ),
        }
    )
    return TemplateResponse(request, template, context)


def _import(
    request: HttpRequest, *, indexes: list[CaseIndexPage], template: str, context: dict[str, Any]
) -> HttpResponse:
    data = _payload_loads(request.POST.get("payload", ""))
    parent = next((index for index in indexes if data and index.pk == data.get("parent")), None)
    if data is None or parent is None:
        messages.error(request, _("De controle is verlopen of ongeldig. Kies het bestand opnieuw."))
        return redirect("casebook_import:index")
    can_publish = parent.permissions_for_user(request.user).can_publish_subpage()
    form = CaseImportConfirmForm(request.POST, can_publish=can_publish)
    publish_now = form.is_valid() and form.cleaned_data["publish"] == PUBLISH_NOW and can_publish
    try:
        records = case_records_parse(text=data["text"], file_format=data["format"])
        result = case_import(
            records=records,
            parent=parent,
            create_missing=bool(data.get("create_missing")),
            submit_for_moderation=not publish_now,
            user=request.user,
        )
    except (CaseFileError, NoWorkflowError) as error:
        context.update(
            {
                "form": CaseUploadForm(indexes=indexes),
                "checked": True,
                "file_name": data["name"],
                "errors": [{"record": _("Bestand"), "field": "–", "message": str(error)}],
            }
        )
        return TemplateResponse(request, template, context)
    except CaseImportError as error:
        # Something changed since the check (a case with the same title was added).
        context.update(
            {
                "form": CaseUploadForm(indexes=indexes),
                "checked": True,
                "file_name": data["name"],
                "errors": _issue_rows(error.errors),
            }
        )
        return TemplateResponse(request, template, context)
    if publish_now:
        text = _("%(count)s casus(sen) geïmporteerd en gepubliceerd.")
    else:
        text = _(
            "%(count)s casus(sen) geïmporteerd als concept en ter beoordeling gestuurd. "
            "Een moderator publiceert ze."
        )
    message = text % {"count": result.created}
    if result.skipped:
        message += " " + _("%(count)s overgeslagen: die bestonden al, met dezelfde inhoud.") % {
            "count": result.skipped
        }
    messages.success(request, message)
    return redirect("casebook_cases:index")
