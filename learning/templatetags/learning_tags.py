from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict | None, key: Any) -> Any:
    """`{{ states|get_item:block.id }}`: a dictionary lookup by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)
