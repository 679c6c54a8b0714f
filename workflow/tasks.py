from celery import shared_task


@shared_task(bind=True)
def echo(self, value):
    """Returns its input and who ran it: proves a worker really takes tasks from the broker."""
    return {"value": value, "worker": self.request.hostname}


@shared_task
def send_melding(model: str, pk: int, soort: str, ontvanger_ids: list[int]) -> int:
    """Tells people a nota or Kamerbrief needs them (queued by the services after their commit)."""
    from django.apps import apps

    from .models import Medewerker
    from .notifications import send_melding as send

    item = apps.get_model(model).objects.get(pk=pk)
    return send(item, soort, list(Medewerker.objects.filter(pk__in=ontvanger_ids, is_active=True)))
