from celery import shared_task


@shared_task(bind=True)
def echo(self, value):
    """Returns its input and who ran it: proves a worker really takes tasks from the broker."""
    return {"value": value, "worker": self.request.hostname}
