from typing import Any

from django.contrib import admin

from .models import (
    AppealRecord,
    AssignmentRule,
    CaseDocument,
    Exclusion,
    Extension,
    FeeSettlement,
    JudgeQuota,
    Suspension,
)


def _no(self: Any, request: Any, obj: Any = None) -> bool:
    return False


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("court", "name", "priority", "team", "is_active")
    list_filter = ("court", "is_active")


@admin.register(JudgeQuota)
class JudgeQuotaAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("team", "judge", "weight", "max_pending", "is_active")


# Read-only views of the records the actions write.
for model in (Exclusion, Suspension, Extension, CaseDocument, FeeSettlement, AppealRecord):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (admin.ModelAdmin,),
            {
                "has_add_permission": _no,
                "has_change_permission": _no,
                "has_delete_permission": _no,
            },
        ),
    )

# Part B: courtrooms and hearing records.
from . import admin_hearings  # noqa: E402, F401
