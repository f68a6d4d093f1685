from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "yizhan.services"
    label = "services"
    verbose_name = "诉讼服务"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import search
        from .models import KnowledgeEntry

        # The in-memory search index is rebuilt after any change to the knowledge base.
        post_save.connect(
            search.invalidate, sender=KnowledgeEntry, dispatch_uid="services_kb_saved"
        )
        post_delete.connect(
            search.invalidate, sender=KnowledgeEntry, dispatch_uid="services_kb_deleted"
        )
