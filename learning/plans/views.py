"""Views of the practice plan builder (stubs; being built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


plan_list = plan_start = plan_detail = plan_section = plan_share = _todo
plan_complete = plan_delete = plan_export = team_plan_list = _todo
