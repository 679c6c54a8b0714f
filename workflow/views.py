from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@require_GET
@never_cache
def healthz(request):
    checks = {"database": health.check_database(), "broker": health.check_broker()}
    failing = {part: reason for part, reason in checks.items() if reason}
    body = {
        "status": "ok" if not failing else "fout",
        "database": "ok" if not checks["database"] else "fout",
        "broker": (
            ("ok" if not checks["broker"] else "fout")
            if settings.CELERY_BROKER_URL
            else "niet ingesteld (taken draaien in het proces)"
        ),
    }
    if failing:
        body["fouten"] = failing
    return JsonResponse(body, status=503 if failing else 200)


@login_required
def home(request):
    return render(request, "workflow/home.html")
