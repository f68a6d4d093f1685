"""The summary's dirty markers: triggers on the source tables (yizhan/stats/summary.py), and
the indexes the refresh of one (court, month) unit reads. The summary itself is built by the
first read after this migration (or ``manage.py stats_refresh``), not here."""

from typing import Any

from django.db import migrations

INDEXES = [
    ("stats_case_unit_idx", "cases_case", "court_id, filed_on"),
    ("stats_matter_ended_idx", "mediation_matter", "court_id, ended_on"),
    ("stats_ticket_due_idx", "services_ticket", "court_id, due_on"),
]


def create(apps: Any, schema_editor: Any) -> None:
    from yizhan.stats.summary import create_triggers

    create_triggers(schema_editor.connection)


def drop(apps: Any, schema_editor: Any) -> None:
    from yizhan.stats.summary import drop_triggers

    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0005_summary"),
        ("cases", "0004_relation_parent_index"),
        ("trial", "0003_hearings_part_b"),
        ("filing", "0002_diverted_status"),
        ("mediation", "0001_initial"),
        ("services", "0002_seed_knowledge_base"),
    ]
    operations = [
        *(
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
                f"DROP INDEX IF EXISTS {name}",
            )
            for name, table, columns in INDEXES
        ),
        migrations.RunPython(create, drop),
    ]
