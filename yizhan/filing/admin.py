from django.contrib import admin

from .models import FeeRelief, Filing, FilingAttachment

admin.site.register(Filing)
admin.site.register(FilingAttachment)
admin.site.register(FeeRelief)
