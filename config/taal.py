"""The interface's language: Dutch for everyone, English only for whoever chose it.

Django's LocaleMiddleware follows the browser's Accept-Language, so a civil servant with an
English browser got an English Parafeer (issue 14). Here only the choice made in the footer
(Django's `set_language` view, remembered in a cookie for a year) counts; without one it is
LANGUAGE_CODE, Dutch.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_noop

# Django says "Dit veld is verplicht."; the catalogue of Django REST framework, an installed app,
# says "Dit veld is vereist." and would win for every form of the site. Ours wins over both.
VERPLICHT = gettext_noop("This field is required.")


def gekozen_taal(request) -> str:
    gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return gekozen if gekozen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class TaalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(gekozen_taal(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
