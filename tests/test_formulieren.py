"""The form renderer writes the common widgets in Python: byte for byte what Django's own
templates give, and Django's templates for everything else."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from config.formulieren import FormRenderer


class CountingRenderer(FormRenderer):
    """Counts the templates the engine renders: none for a widget written in Python."""

    def __init__(self):
        super().__init__()
        self.templates = []

    def get_template(self, template_name):
        self.templates.append(template_name)
        return super().get_template(template_name)


DJANGO = DjangoTemplates()

ATTRS = [
    None,
    {"id": "id_veld", "required": True, "disabled": True, "autofocus": False},
    {
        "class": "a b",
        "aria-describedby": "id_veld-help",
        "aria-invalid": "true",
        "placeholder": gettext_lazy("Search"),
        "maxlength": 200,
        "data-x": "quote \" & <tag> '",
        "title": mark_safe("<i>veilig</i>"),
        "min": 0,
        "step": Decimal("0.5"),
    },
]

TEXT_VALUES = [
    None, "", "gewoon", 'a<b>&"\'c', mark_safe("<b>veilig</b>"), 0, 12.5, Decimal("3.10"),
    " spaties ", "regel\nregel",
]  # fmt: skip

CHOICES = [
    ("", "—"),
    (1, "één"),
    ("2", 'twee <"&">'),
    (3, gettext_lazy("Search")),
    (4.5, Decimal("1.5")),
    ("d", datetime.date(2023, 11, 30)),
    ("groep", [("g1", "in groep"), ("g2", gettext_lazy("Status"))]),
    (gettext_lazy("Status"), [(5, "vijf"), ("<6>", mark_safe("<em>zes</em>"))]),
]

SELECT_VALUES = [None, "", 1, "1", "2", ["g1", 5], [1, "<6>"], 4.5, "onbekend", True, "false"]


def both(widget, name, value, attrs=None):
    """What Django's templates give, and what FormRenderer gives (with the templates it used)."""
    counting = CountingRenderer()
    expected = widget.render(name, value, attrs=attrs, renderer=DJANGO)
    return expected, widget.render(name, value, attrs=attrs, renderer=counting), counting.templates


INPUTS = [
    forms.TextInput(),
    forms.NumberInput(),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.PasswordInput(),
    forms.HiddenInput(),
    forms.SearchInput() if hasattr(forms, "SearchInput") else forms.TextInput(),
    forms.TelInput() if hasattr(forms, "TelInput") else forms.TextInput(),
    forms.ColorInput() if hasattr(forms, "ColorInput") else forms.TextInput(),
    forms.TextInput(attrs={"size": 10, "readonly": True}),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("widget", INPUTS, ids=lambda w: type(w).__name__)
def test_inputs_are_written_as_django_writes_them(widget, language):
    with translation.override(language):
        for value in TEXT_VALUES:
            for attrs in ATTRS:
                expected, ours, templates = both(widget, "veld", value, attrs)
                assert ours == expected, (value, attrs)
                assert templates == [], (value, attrs)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dates_times_and_localized_numbers(language):
    cases = [
        (forms.DateInput(), [None, datetime.date(2023, 11, 30), "30-11-2023", "<x>"]),
        (forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}), [datetime.date(2024, 1, 2)]),
        (forms.DateTimeInput(), [datetime.datetime(2023, 11, 30, 14, 5), None]),
        (forms.TimeInput(), [datetime.time(9, 30), None]),
        (forms.NumberInput(), [Decimal("1234.5"), 1.25]),
    ]
    with translation.override(language):
        for widget, values in cases:
            for localized in (False, True):
                widget.is_localized = localized
                for value in values:
                    expected, ours, templates = both(widget, "datum", value, ATTRS[1])
                    assert (ours, templates) == (expected, []), (widget, value)


@pytest.mark.parametrize(
    "value", [None, True, False, "", "on", "false", "0", 1, 0, "<x>", mark_safe("<y>")]
)
def test_checkboxes(value):
    for widget in (forms.CheckboxInput(), forms.CheckboxInput(check_test=lambda v: v == "0")):
        for attrs in ATTRS:
            expected, ours, templates = both(widget, "te_laat", value, attrs)
            assert (ours, templates) == (expected, []), (value, attrs)


@pytest.mark.parametrize(
    "value",
    [None, "", "tekst", "\nbegint", "<script>&\"'</script>", mark_safe("<p>"), 0, 5, "a\r\nb"],
)
def test_textareas(value):
    for widget in (forms.Textarea(), forms.Textarea(attrs={"rows": 3, "cols": None})):
        for attrs in ATTRS:
            expected, ours, templates = both(widget, "tekst", value, attrs)
            assert (ours, templates) == (expected, []), (value, attrs)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("value", SELECT_VALUES, ids=str)
def test_selects_with_groups_lazy_labels_and_escaping(value, language):
    widgets = [
        forms.Select(choices=CHOICES),
        forms.SelectMultiple(choices=CHOICES),
        forms.Select(choices=[]),
        forms.Select(choices=[(1, "a")], attrs={"disabled": True, "required": True}),
    ]
    if not isinstance(value, list):
        widgets.append(forms.NullBooleanSelect())
    with translation.override(language):
        for widget in widgets:
            for attrs in ATTRS:
                expected, ours, templates = both(widget, "keuze", value, attrs)
                assert ours == expected, (widget, value, attrs)
                assert templates == [], (widget, value, attrs)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("value", SELECT_VALUES, ids=str)
def test_radios_and_checkboxes_with_groups_lazy_labels_and_escaping(value, language):
    class Unwrapped(forms.RadioSelect):
        def create_option(self, *args, **kwargs):
            return {**super().create_option(*args, **kwargs), "wrap_label": False}

    widgets = [
        forms.RadioSelect(choices=CHOICES),
        forms.CheckboxSelectMultiple(choices=CHOICES),
        forms.RadioSelect(choices=[]),
        forms.RadioSelect(choices=[(1, "a")], attrs={"class": "keuzes <x>", "required": True}),
        Unwrapped(choices=CHOICES),
    ]
    with translation.override(language):
        for widget in widgets:
            for attrs in ATTRS:
                expected, ours, templates = both(widget, "keuze", value, attrs)
                assert ours == expected, (widget, value, attrs)
                assert templates == [], (widget, value, attrs)


@pytest.mark.django_db
def test_a_model_choice_select():
    from workflow.models import Ministerie

    Ministerie.objects.create(naam="Ministerie van <Test> & Co", afkorting="T&C")
    field = forms.ModelChoiceField(queryset=Ministerie.objects.all(), required=False)
    first = Ministerie.objects.first()
    for value in (None, first.pk, str(first.pk)):
        expected, ours, templates = both(field.widget, "ministerie", value)
        assert (ours, templates) == (expected, [])


WIDGETS_LEFT_TO_DJANGO = [
    (forms.ClearableFileInput(), None),
    (forms.FileInput(), None),
    (forms.SplitDateTimeWidget(), datetime.datetime(2023, 11, 30, 14, 5)),
    (forms.SelectDateWidget(), datetime.date(2023, 11, 30)),
    (forms.MultipleHiddenInput(), ["a", "<b>"]),
    (forms.TextInput(attrs={"title": lambda: "opgeroepen"}), "x"),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS_LEFT_TO_DJANGO, ids=lambda w: str(w)[:40])
def test_other_widgets_are_rendered_by_djangos_templates(widget, value):
    expected, ours, templates = both(widget, "ander", value, ATTRS[1])
    assert ours == expected
    assert templates, "rendered by the engine"


def test_what_djangos_template_cannot_render_fails_as_it_does():
    # `widget.attrs.items` reads the key "items" of a dict before its method.
    widget = forms.Select(choices=[(1, "a")], attrs={"items": "x"})
    with pytest.raises(ValueError, match="Need 2 values to unpack"):
        widget.render("keuze", 1, renderer=DJANGO)
    with pytest.raises(ValueError, match="Need 2 values to unpack"):
        widget.render("keuze", 1, renderer=FormRenderer())


def test_an_option_template_of_its_own_is_rendered_by_the_engine():
    class EigenSelect(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class EigenRadios(forms.RadioSelect):
        option_template_name = "django/forms/widgets/checkbox_option.html"

    expected, ours, templates = both(EigenSelect(choices=CHOICES), "keuze", 1)
    assert ours == expected
    assert templates == ["django/forms/widgets/select.html"]
    expected, ours, templates = both(EigenRadios(choices=CHOICES), "keuze", 1)
    assert ours == expected
    assert templates == ["django/forms/widgets/radio.html"]


def test_a_template_an_app_overrides_is_rendered_by_the_engine(tmp_path):
    overrides = tmp_path / "templates" / "django" / "forms" / "widgets"
    overrides.mkdir(parents=True)
    (overrides / "attrs.html").write_text(
        "{% for name, value in widget.attrs.items %} {{ name }}='{{ value }}'{% endfor %}"
    )

    class Overridden(CountingRenderer):
        @cached_property
        def engine(self):
            engine = DjangoTemplates.engine.func(self)  # as Django's, with one more directory
            engine.engine.dirs = [str(tmp_path / "templates"), *engine.engine.dirs]
            return engine

    renderer = Overridden()
    rendered = forms.TextInput().render("q", "x", attrs={"id": "id_q"}, renderer=renderer)
    assert rendered == '<input type="text" name="q" value="x" id=\'id_q\'>'
    assert renderer.writers == {}


@pytest.mark.django_db
def test_the_register_filter_form_renders_the_same_whole(seed_organisation):
    from letters.models import Kamerbrief  # noqa: F401 (the apps are loaded)
    from workflow.forms.nota import RegisterFilterForm
    from workflow.models import Toezegging

    statuses = Toezegging.Status.choices
    for data in (None, {"q": '<zoek> & "', "status": "open", "te_laat": "on", "binnen": "x"}):
        with translation.override("nl"):
            django = RegisterFilterForm(data, statuses=statuses, renderer=DJANGO)
            counting = CountingRenderer()
            ours = RegisterFilterForm(data, statuses=statuses, renderer=counting)
            assert str(ours) == str(django)
            assert [f"{field}" for field in ours] == [f"{field}" for field in django]
        assert not any(name.startswith("django/forms/widgets/") for name in counting.templates)


def test_the_settings_use_it():
    assert settings.FORM_RENDERER == "config.formulieren.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)
