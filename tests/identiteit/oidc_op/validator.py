from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    # Hand out every claim of the person, whatever the scope (the test decides the claims).
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        claims = dict(settings.OP_PEOPLE[request.user.username]["claims"])
        return {k: v for k, v in claims.items() if not k.startswith("_")}

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        person = settings.OP_PEOPLE[request.user.username]["claims"]
        # A misbehaving provider, on purpose: a token meant for another client, or one that
        # expired an hour ago.
        if "_aud" in person:
            claims["aud"] = person["_aud"]
        if person.get("_verlopen"):
            claims["exp"] = int((timezone.now() - timedelta(hours=1)).timestamp())
        return claims, expiration
