"""The form renderer: the common widgets written in Python instead of through the template engine.

Django renders every widget from a template (an <input> is input.html including attrs.html, a
<select> includes select_option.html once per option), and the register's filter form, with a
select per member of government and ministry, spent most of its rendering time in the engine.
`FormRenderer` writes those widgets (inputs, textareas, selects, lists of radios and checkboxes)
directly, to exactly the bytes Django's own templates give (tests/test_formulieren.py holds them
side by side), and leaves everything else to them: forms, fields, labels, errors, and any widget
or template it does not know.

It follows the templates in django/forms/templates/django/forms/widgets/ of the installed Django
(5.2): a Django upgrade that changes them fails tests/test_formulieren.py. A template an app
overrides is rendered by the engine (where each template comes from is checked once), as is a
widget whose context the template would read otherwise than this module does.
"""

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import django
from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import stringformat
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

WIDGETS = "django/forms/widgets/"
_DJANGO_WIDGETS = Path(django.__file__).parent / "forms/templates/django/forms/widgets"


class _Fallback(Exception):
    """What the template would do here is not what this module writes: let the engine render."""


def _plain(value: Any) -> Any:
    # A template calls what it finds callable; only the engine does that exactly as it does.
    if callable(value):
        raise _Fallback
    return value


def _out(value: Any) -> str:
    """{{ value }}: localtime, localized, escaped unless safe (render_value_in_context)."""
    value = localize(template_localtime(_plain(value)))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _as_s(value: Any) -> str:
    """{{ value|stringformat:'s' }}: a safe value stays safe (the filter is is_safe)."""
    value = _plain(value)
    formatted = stringformat(value, "s")
    if isinstance(value, SafeData):
        formatted = mark_safe(formatted)
    return conditional_escape(formatted)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """attrs.html: ` name="value"`, a True value as a bare name, a False one left out."""
    if not isinstance(attrs, dict) or "items" in attrs:  # `attrs.items` would read that key
        raise _Fallback
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_out(name)}")
        else:
            parts.append(f' {_out(name)}="{_as_s(value)}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value == None else f' value="{_as_s(value)}"'  # noqa: E711 (as the template)
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: Mapping[str, Any]) -> str:
    value = _plain(widget["value"])
    return (
        f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_out(value) if value else ''}</textarea>"
    )


def _option(option: Mapping[str, Any]) -> str:
    if option["template_name"] != WIDGETS + "select_option.html":
        raise _Fallback
    return (
        f'<option value="{_as_s(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_out(option['label'])}</option>\n"
    )


def _select(widget: Mapping[str, Any]) -> str:
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _group_index in widget["optgroups"]:
        group_name = _plain(group_name)
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            parts.append("\n  ")
            parts.append(_option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _choice_input(option_template: str) -> Callable[[Mapping[str, Any]], str]:
    """radio.html and checkbox_select.html: multiple_input.html, an input_option.html per choice."""

    def option_html(option: Mapping[str, Any]) -> str:
        if option["template_name"] != WIDGETS + option_template:
            raise _Fallback
        label_id = _plain(option["attrs"].get("id", ""))
        wrap = _plain(option["wrap_label"])
        html = _input(option) + "\n"  # input.html ends in a newline, as the templates below
        if wrap:
            label_for = f' for="{_out(label_id)}"' if label_id else ""
            html = f"<label{label_for}>{html}"
            html += f" {_out(option['label'])}</label>"
        return html + "\n\n"

    def write(widget: Mapping[str, Any]) -> str:
        attrs = widget["attrs"]
        if not isinstance(attrs, dict):
            raise _Fallback
        widget_id, css = _plain(attrs.get("id", "")), _plain(attrs.get("class", ""))
        parts = [
            "<div",
            f' id="{_out(widget_id)}"' if widget_id else "",
            f' class="{_out(css)}"' if css else "",
            ">",
        ]
        for group, options, _index in widget["optgroups"]:
            group = _plain(group)
            if group:
                parts.append(f"\n  <div><label>{_out(group)}</label>")
            for option in options:
                parts.append(f"<div>\n    {option_html(option)}</div>")
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return "".join(parts)

    return write


# The template each writer stands for, with the templates it includes: all of them must be
# Django's own for the writer to be used.
INPUTS = (
    "input.html", "text.html", "email.html", "url.html", "number.html", "password.html",
    "hidden.html", "search.html", "tel.html", "color.html", "date.html", "datetime.html",
    "time.html", "checkbox.html",
)  # fmt: skip
WRITERS: dict[str, tuple[Callable[[Mapping[str, Any]], str], tuple[str, ...]]] = {
    **{WIDGETS + name: (_input, (name, "input.html", "attrs.html")) for name in INPUTS},
    WIDGETS + "textarea.html": (_textarea, ("textarea.html", "attrs.html")),
    WIDGETS + "select.html": (_select, ("select.html", "select_option.html", "attrs.html")),
    **{
        WIDGETS + template: (
            _choice_input(option),
            (
                template,
                "multiple_input.html",
                option,
                "input_option.html",
                "input.html",
                "attrs.html",
            ),
        )
        for template, option in (
            ("radio.html", "radio_option.html"),
            ("checkbox_select.html", "checkbox_option.html"),
        )
    },
}


class FormRenderer(DjangoTemplates):
    """Django's DjangoTemplates renderer, with the common widgets written in Python."""

    @cached_property
    def writers(self) -> dict[str, Callable[[Mapping[str, Any]], str]]:
        """The writers whose templates are, as this engine finds them, Django's own files."""

        def own(name: str) -> bool:
            origin = self.engine.get_template(WIDGETS + name).origin.name  # type: ignore[attr-defined]
            return Path(origin) == _DJANGO_WIDGETS / name

        return {
            template: writer
            for template, (writer, templates) in WRITERS.items()
            if all(own(name) for name in templates)
        }

    def render(self, template_name: str, context: Any, request: Any = None) -> str:
        writer = self.writers.get(template_name)
        if writer is not None and isinstance(context, dict):
            try:
                return writer(context["widget"])
            except (_Fallback, KeyError, TypeError, ValueError, AttributeError):
                pass
        return super().render(template_name, context, request=request)
