from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class YizhanUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("实名信息", {"fields": ("real_name", "id_number", "mobile", "licence_no", "law_firm")}),
    )


admin.site.register(ApiToken)
