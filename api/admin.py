from django.contrib import admin
from django.db import models

from workflow.models import Webhookabonnement, Webhookbericht

from .models import ApiSleutel


@admin.register(ApiSleutel)
class ApiSleutelAdmin(admin.ModelAdmin):
    """Tokens are made and revoked by their owner; the beheerder sees them, nothing more."""

    list_display = [
        "naam",
        "medewerker",
        "prefix",
        "verloopt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    ]
    list_select_related = ["medewerker"]
    search_fields = ["naam", "prefix", "medewerker__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Webhookabonnement)
class WebhookabonnementAdmin(admin.ModelAdmin):
    """Subscriptions, kept by a beheerder; switched off rather than deleted (the log refers)."""

    list_display = ["naam", "url", "actief", "aangemaakt_op"]
    list_filter = ["actief"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Webhookbericht)
class WebhookberichtAdmin(admin.ModelAdmin):
    """The delivery log: every CloudEvent, its attempts and the receiver's last answer."""

    list_display = [
        "soort", "abonnement", "status", "pogingen", "laatste_statuscode", "laatste_fout",
        "aangemaakt_op", "verzonden_op", "volgende_poging_op",
    ]  # fmt: skip
    list_filter = ["status", "abonnement"]
    list_select_related = ["abonnement"]
    search_fields = ["event_id", "soort"]
    readonly_fields = [f.name for f in Webhookbericht._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
