"""Views of the law lookup and the calculator (stubs; being built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


plan_costs_refresh = law_lookup = legal_bases_section = cost_benefit_section = _todo
