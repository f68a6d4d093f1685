from django.contrib import admin

from .models import Case, Cause, FeeNotice, SupplementaryFeeNotice

admin.site.register(Cause)
admin.site.register(Case)
admin.site.register(FeeNotice)
admin.site.register(SupplementaryFeeNotice)
