from django.contrib import admin

from .models import JudgmentDocument, PublicationDraft, PublicationEvent


@admin.register(JudgmentDocument)
class JudgmentDocumentAdmin(admin.ModelAdmin):
    list_display = ("case_number", "title", "court", "doc_type", "effective_on", "is_effective")
    list_filter = ("court", "doc_type", "is_effective")
    search_fields = ("case_number", "title")


@admin.register(PublicationDraft)
class PublicationDraftAdmin(admin.ModelAdmin):
    list_display = ("document", "court", "status", "due_on", "version")
    list_filter = ("status", "court")
    readonly_fields = ("changes",)


@admin.register(PublicationEvent)
class PublicationEventAdmin(admin.ModelAdmin):
    list_display = ("draft", "action", "actor", "at")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
