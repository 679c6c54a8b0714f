from django.contrib import admin

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
