"""`{% learner_certificates as certificates %}`: the signed-in learner's certificates by
course id (one query), for the course page and the dashboard; pair with `get_item`."""

from typing import Any

from django import template

from learning.certificates import certificates_of_learner

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_certificates(context: dict[str, Any]) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return certificates_of_learner(user=user)
