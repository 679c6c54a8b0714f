"""Every state change of Parafeer, one module per thing it changes.

Each service runs in one transaction: it locks the row, checks that this person may act now
(themselves, as someone's vervanger, or as the office of a bewindspersoon), checks the guards,
changes state through the django-fsm transition, writes the history event, and queues the
notifications for after the commit. A refusal raises `ActionNotAllowed` (workflow/handelen.py)
with a Dutch message and leaves everything as it was.

- `basis`       the row lock, the status guard, who acts as opsteller or office
- `route`       the parafenroute of a concept
- `opstellen`   drafting a nota (create, edit)
- `nota`        the nota's transitions: indienen, paraferen, terugsturen, besluit, … afhandelen
- `bijlagen`    bijlagen of a nota and of a Kamerbrief
- `kamerbrief`  the Kamerbrief in progress: create, versions, drafts, ready for signing
- `afstemming`  asking co-signers' offices and their answers
- `verzending`  signing, sending, publishing, withdrawing a Kamerbrief
- `volgen`      following a nota
- `woo_export`  the Woo export of a nota
"""
