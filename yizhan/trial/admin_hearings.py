"""Admin of courtrooms (法庭) and read-only views of the hearing records (part B)."""

from typing import Any

from django.contrib import admin

from .models import Adjournment, ConflictOverride, Courtroom, Hearing, HearingNotice


@admin.register(Courtroom)
class CourtroomAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("court", "name", "online_capable")
    list_filter = ("court", "online_capable")
    search_fields = ("name",)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


for model in (Hearing, HearingNotice, Adjournment, ConflictOverride):
    if not admin.site.is_registered(model):
        admin.site.register(model, ReadOnlyAdmin)
