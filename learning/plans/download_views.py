"""Downloads of plan templates (stub; being built)."""

from django.http import Http404


def plan_template_download(request, *, template, file_format):
    raise Http404
