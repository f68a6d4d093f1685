"""The trial module's use cases (re-exported from the modules that implement them)."""

from __future__ import annotations

from .appeals import decide_appeal, record_answer, register_appeal
from .assignment import add_exclusion, assign_case, assign_manually, set_panel
from .closure import (
    close_case,
    generate_document,
    mark_effective,
    record_service,
    settle_fees,
    upload_document,
)
from .deadlines import (
    convert_procedure,
    decide_extension,
    end_suspension,
    request_extension,
    start_suspension,
)
from .enforcement import (
    accept_bankruptcy_petition,
    apply_for_enforcement,
    close_enforcement,
    record_measure,
)
from .hearings import (  # noqa: F401  (part B: hearings)
    adjourn_hearing,
    cancel_hearing,
    hold_hearing,
    record_online_objection,
    schedule_hearing,
)
from .serial import (  # noqa: F401  (part B: serial cases)
    attach_cases,
    batch_assign,
    batch_documents,
    batch_schedule,
    create_group,
)

__all__ = [
    "accept_bankruptcy_petition",
    "add_exclusion",
    "apply_for_enforcement",
    "assign_case",
    "assign_manually",
    "close_case",
    "close_enforcement",
    "convert_procedure",
    "decide_appeal",
    "decide_extension",
    "end_suspension",
    "generate_document",
    "mark_effective",
    "record_answer",
    "record_measure",
    "record_service",
    "register_appeal",
    "request_extension",
    "set_panel",
    "settle_fees",
    "start_suspension",
    "upload_document",
]
