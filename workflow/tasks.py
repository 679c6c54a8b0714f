from celery import shared_task


@shared_task(bind=True)
def echo(self, value):
    """Returns its input and who ran it: proves a worker really takes tasks from the broker."""
    return {"value": value, "worker": self.request.hostname}


@shared_task
def send_nota_melding(nota_id: int, soort: str, ontvanger_ids: list[int]) -> int:
    """Tells people a nota needs them (queued by the services after their commit)."""
    from letters.models import Nota

    from .models import Medewerker
    from .notifications import send_nota_melding as send

    nota = Nota.objects.get(pk=nota_id)
    return send(nota, soort, list(Medewerker.objects.filter(pk__in=ontvanger_ids, is_active=True)))
