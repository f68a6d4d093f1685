"""The summary's triggers mark a unit on UPDATE only when a column the summary reads changed
(yizhan/stats/summary.py, WATCHED): saving a case's deadline no longer marks its unit."""

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    from yizhan.stats.summary import create_triggers

    create_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("stats", "0007_summary_dirty_index")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
