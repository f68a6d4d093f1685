from django.contrib import admin

from .models import Matter, Mediator, Organisation, SuitabilityRule


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "court", "is_active")
    list_filter = ("kind", "court")


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "organisation", "capacity", "available", "is_active")
    list_filter = ("organisation__court",)


@admin.register(SuitabilityRule)
class SuitabilityRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("court", "cause", "min_amount", "max_amount", "max_parties", "is_active")


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("number", "court", "status", "due_on")
    list_filter = ("status", "court")
    readonly_fields = [f.name for f in Matter._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
