"""The admin form of every versioned page: "Wat is er veranderd" is required when the
version replaces another, except while saving a draft (Wagtail defers required fields
then), so an editor can save a half-finished new version but not submit or publish it
without telling readers what changed."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from .versioning import version_changes_message


class VersionedPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if self.is_deferred_validation or "changes" not in self.fields:
            return cleaned_data
        older = cleaned_data.get("supersedes")
        if older is not None and not (cleaned_data.get("changes") or "").strip():
            self.add_error("changes", version_changes_message(older=older))
        return cleaned_data
