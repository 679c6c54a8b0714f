"""The register's filter form rendered with Django's DjangoTemplates renderer and with
config.formulieren.FormRenderer, in the same process, on the database of the environment:

    uv run python manage.py demo --no-server   # any data with members of government and ministries
    uv run python bench/formulieren.py [--n 300]

The choices of the model selects are read once before timing, so the figures are rendering only
(no queries). It prints the median and the fastest render of the template
workflow/register/_filters.html and of its widgets alone, and checks that both give the same HTML.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="renders per figure")
    n = parser.parse_args().n

    import django

    django.setup()
    from django.forms.renderers import DjangoTemplates
    from django.template.loader import get_template
    from django.test import RequestFactory
    from django.utils import translation

    from config.formulieren import FormRenderer
    from workflow.forms.nota import RegisterFilterForm
    from workflow.models import Toezegging

    template = get_template("workflow/register/_filters.html")
    request = RequestFactory().get("/register/toezeggingen/")
    data = {"q": "zorg", "status": "open", "te_laat": "on", "binnen": "5"}

    def run(renderer, widgets_only: bool, times: int) -> tuple[float, float, str]:
        spent = []
        html = ""
        for _ in range(times):
            form = RegisterFilterForm(data, statuses=Toezegging.Status.choices, renderer=renderer)
            for name in ("bewindspersoon", "ministerie"):
                form.fields[name].widget.choices = list(form.fields[name].choices)
            form.is_valid()
            start = time.perf_counter()
            if widgets_only:
                html = "".join(str(field) for field in form)
            else:
                context = {"form": form, "kind": "toezeggingen", "query": ""}
                html = template.render(context, request)
            spent.append(time.perf_counter() - start)
        return statistics.median(spent) * 1000, min(spent) * 1000, html

    with translation.override("nl"):
        renderers = {"Django's templates": DjangoTemplates(), "FormRenderer": FormRenderer()}
        for widgets_only in (False, True):
            print("the widgets alone" if widgets_only else "workflow/register/_filters.html")
            for renderer in renderers.values():
                run(renderer, widgets_only, 20)  # warm: templates loaded, writers checked
            results = {name: run(r, widgets_only, n) for name, r in renderers.items()}
            for name, (median, fastest, _html) in results.items():
                print(f"  {name:20} median {median:.2f} ms, fastest {fastest:.2f} ms")
            same = len({html for _m, _f, html in results.values()}) == 1
            print(f"  same HTML: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
