"""Starts the test provider: `python -m tests.identiteit.oidc_op.serve <client_id> <secret>
<redirect_uri> <post_logout_uri>`, with OP_DB, OP_RSA_KEY and OP_PEOPLE in the environment.
Prints `READY <port>` once it serves."""

import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main(client_id: str, secret: str, redirect_uri: str, post_logout_uri: str) -> None:
    server = make_server("127.0.0.1", 0, lambda environ, start: [], handler_class=_Quiet)
    port = server.server_port
    os.environ["OP_ISSUER"] = f"http://127.0.0.1:{port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.identiteit.oidc_op.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username in settings.OP_PEOPLE:
        get_user_model().objects.create_user(username=username)
    Application.objects.create(
        name="Parafeer",
        client_id=client_id,
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        post_logout_redirect_uris=post_logout_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server.set_app(WSGIHandler())
    print(f"READY {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:5])
