"""The sessions section of the profile page: `{% load identiteit_profiel %}{% sessies %}`.

The profile page belongs to workflow, which knows nothing of identiteit above it; identiteit
adds its section through this tag (as the API adds its tokens).
"""

from typing import Any

from django import template

from identiteit.services import active_sessions, describe_browser
from identiteit.tweefactor import apparaat_van, herstelcodes_over

register = template.Library()


@register.inclusion_tag("identiteit/_sessies.html", takes_context=True)
def sessies(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    current = request.session.session_key
    rows = [
        {
            "sessie": s,
            "waar": describe_browser(s.browser),
            "deze": s.sessiesleutel == current,
        }
        for s in active_sessions(request.user)
    ]
    return {
        "tweefactor_aan": apparaat_van(request.user) is not None,
        "herstelcodes_over": herstelcodes_over(request.user),
        "sessies": rows,
        "andere": any(not r["deze"] for r in rows),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
