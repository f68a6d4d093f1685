from django.contrib import admin

from .models import KnowledgeEntry, Petition, ServiceSlot, SmsMessage, Ticket


@admin.register(KnowledgeEntry)
class KnowledgeEntryAdmin(admin.ModelAdmin):
    list_display = ("question", "category", "court", "is_published", "updated_at")
    list_filter = ("category", "is_published")
    search_fields = ("question", "keywords")


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("number", "court", "kind", "channel", "status", "due_on")
    list_filter = ("kind", "channel", "status")
    search_fields = ("number", "caller_phone", "caller_id_number")


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ("number", "court", "form", "status", "received_on", "accept_due_on")
    list_filter = ("form", "status")


admin.site.register(ServiceSlot)
admin.site.register(SmsMessage)
