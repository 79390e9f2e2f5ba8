"""The admin form of a plan template page.

Wagtail validates the page (its `clean()`) before the InlinePanel rows are put on the
instance, so the section rules are checked here, on the submitted rows, and shown as a
Dutch form error instead of failing later at save time. Wire it with
`PlanTemplatePage.base_form_class = PlanTemplatePageForm`.
"""

from __future__ import annotations

from typing import Any

from portal.core.version_forms import VersionedPageForm


class PlanTemplatePageForm(VersionedPageForm):
    def clean(self) -> dict[str, Any]:
        from .template_pages import plan_template_section_errors  # noqa: PLC0415

        cleaned_data = super().clean()
        formset = self.formsets.get("sections")
        if formset is None:
            return cleaned_data
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.is_valid()
            and form.cleaned_data
            and not (formset.can_delete and formset._should_delete_form(form))
        ]
        for message in plan_template_section_errors(sections=rows):
            self.add_error(None, message)
        return cleaned_data
