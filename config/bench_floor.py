"""The floor for bench/run: the cheapest page Django can serve behind our middleware.

One indexed query (the user's open steps, on the (parafeerder, status) index) and a table of as
many rows as a real page shows (`?rows=`), in a bare template. A page's latency divided by this
one's says what the page costs beyond Django itself. Routed only when PARAFEER_BENCH_FLOOR is on
(config/settings/bench.py), never in production.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from workflow.models import Parafeerstap


@login_required
def floor(request):
    rows = min(max(int(request.GET.get("rows", "50") or 50), 1), 5000)
    # Sliced in Python, not with LIMIT: for a directeur (thousands of steps, few of them open)
    # PostgreSQL misjudges how many rows match and answers a LIMIT by scanning the table.
    steps = list(
        Parafeerstap.objects.filter(
            parafeerder_id=request.user.pk, status=Parafeerstap.Status.AAN_DE_BEURT
        )
        .order_by()
        .values_list("pk", "nota_id", "deadline", "omschrijving")
    )[:rows]
    return render(request, "bench_floor.html", {"steps": steps})
