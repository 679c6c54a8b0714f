"""Dutch for everyone, whatever the browser asks; English only for whoever chooses it."""

from django.urls import reverse


def test_an_english_browser_gets_the_dutch_interface(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert page.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in page.content.decode()
    assert "Gelicentieerd onder de EUPL-1.2" in page.content.decode()


def test_the_choice_in_the_footer_is_remembered_until_changed(client):
    footer = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in footer and 'value="en"' in footer

    response = client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen/"
    cookie = response.cookies["django_language"]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 300 * 24 * 60 * 60
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="en">' in page.content.decode()
    assert "Licensed under the EUPL-1.2" in page.content.decode()

    client.post(reverse("set_language"), {"language": "nl", "next": "/inloggen/"})
    assert '<html lang="nl">' in client.get(reverse("login")).content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies["django_language"] = "fr"
    assert '<html lang="nl">' in client.get(reverse("login")).content.decode()
