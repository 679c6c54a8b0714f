"""What the services announce to the apps above workflow that take part in an act.

Each signal is sent inside the service's transaction, so a receiver's writes commit or roll
back with the act itself (they are not side effects: those go through the outbox after commit).
The apps above connect their receivers in their AppConfig.ready(); workflow never imports them.
"""

from django.dispatch import Signal

# Sent by verzending.kamerbrief_verzenden once the letter is recorded as sent.
# Arguments: kamerbrief, acting, now.
kamerbrief_verzonden = Signal()
