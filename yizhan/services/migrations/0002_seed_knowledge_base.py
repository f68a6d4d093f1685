"""Seed the consultation knowledge base (idempotent: existing slugs are left alone)."""

from django.db import migrations


def seed(apps, schema_editor):
    from yizhan.services import kb_seed

    kb_seed.load(apps.get_model("services", "KnowledgeEntry"))


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
