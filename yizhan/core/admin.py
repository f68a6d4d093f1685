from django.contrib import admin

from .models import CalendarOverride, Court, Department, Team

admin.site.register(Court)
admin.site.register(Department)
admin.site.register(Team)
admin.site.register(CalendarOverride)
