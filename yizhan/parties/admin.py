from django.contrib import admin

from .models import Party, Representation

admin.site.register(Party)
admin.site.register(Representation)
