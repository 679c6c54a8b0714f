"""The API tokens section of the profile page: `{% load api_profiel %}{% api_sleutels %}`.

The profile page belongs to workflow, which knows nothing of the API above it; the API adds its
section through this tag.
"""

from django import template

from api.profile import tokens_context

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def api_sleutels(context: template.Context) -> dict[str, object]:
    request = context["request"]
    return {
        **tokens_context(request),
        "request": request,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }
