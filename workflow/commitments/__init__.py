"""Toezeggingen and moties: the register, their links to notas, and afdoen by letters.

Parlementaire coördinatie keeps the register (and the beheerder may too): it registers
toezeggingen and moties, records the letters that handled them, lets them lapse or reopens
them. The opsteller of a nota links the items its letter handles, marking each as discharged
by it or only reported on, while the letter can still change; the nota's section g
(Toezeggingen) is written from these links. Sending the letter (verzending.kamerbrief_verzenden)
calls `discharge_by_letter` inside its transaction: every link becomes a `StandVanZaken`, a
discharged eenmalige toezegging is voldaan, a periodic one records the occurrence and moves to
its next deadline, a discharged motie is afgedaan, and a motie only reported on keeps its status.

Every service runs in one transaction, locks what it changes, checks who acts and the guards
(refusing with `ActionNotAllowed` and a Dutch message) and writes the history in the same
transaction, like workflow.services.

One module per part: basis, toezeggingen, moties, afdoen, koppelingen; this package exports
the services the pages, the API and the demo call.
"""

from workflow.commitments.afdoen import (  # noqa: F401
    discharge_by_letter,
)
from workflow.commitments.basis import (  # noqa: F401
    KB,
    LETTER_SENT,
    WIJZE_BIJ_VERZENDING,
    M,
    T,
    Wijze,
    as_register_keeper,
    check_link_commitments,
    lock_motie,
    lock_toezegging,
    may_keep_register,
)
from workflow.commitments.koppelingen import (  # noqa: F401
    active_links,
    nota_link_commitment,
    nota_unlink_commitment,
    section_g_text,
    write_section_g,
)
from workflow.commitments.moties import (  # noqa: F401
    MOTIE_FIELDS,
    motie_afdoen,
    motie_heropenen,
    motie_in_uitvoering_nemen,
    motie_niet_uitgevoerd,
    motie_rapporteren,
    motie_register,
    motie_update,
    set_indieners,
)
from workflow.commitments.toezeggingen import (  # noqa: F401
    TOEZEGGING_FIELDS,
    toezegging_afdoen,
    toezegging_heropenen,
    toezegging_laten_vervallen,
    toezegging_rapporteren,
    toezegging_register,
    toezegging_update,
)
