"""Seed the indicator catalogue (domain-rules §6, §9) from yizhan.stats.catalogue."""

from django.db import migrations


def seed(apps, schema_editor):
    from yizhan.stats.catalogue import seed_rows

    Indicator = apps.get_model("stats", "Indicator")
    for row in seed_rows():
        Indicator.objects.update_or_create(code=row["code"], defaults=row)


def unseed(apps, schema_editor):
    apps.get_model("stats", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
