"""Read-only admin views: documents come from the trial module and every change to a draft
goes through yizhan.publication.actions (history, audit, public search), never the admin."""

from typing import Any

from django.contrib import admin

from .models import JudgmentDocument, PublicationDraft, PublicationEvent


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(JudgmentDocument)
class JudgmentDocumentAdmin(_ReadOnly):
    list_display = ("case_number", "title", "court", "doc_type", "effective_on", "is_effective")
    list_filter = ("court", "doc_type", "is_effective")
    search_fields = ("case_number", "title")


@admin.register(PublicationDraft)
class PublicationDraftAdmin(_ReadOnly):
    list_display = ("document", "court", "status", "due_on", "version", "text_edited")
    list_filter = ("status", "court")


@admin.register(PublicationEvent)
class PublicationEventAdmin(_ReadOnly):
    list_display = ("draft", "action", "actor", "at")
