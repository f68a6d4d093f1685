"""Search index schema 3 (docs/search.md): on PostgreSQL the keyword-search columns and the
tsvectors move from ``search_document`` to the narrow key table ``search_key`` (rows filled
from the stored bodies, no re-indexing needed); SQLite is unchanged. The search tables are
not models: ``store.ensure_schema`` creates or upgrades them; this migration runs it at
deploy time so that no web request pays for an upgrade."""

from django.db import migrations


def upgrade_search_tables(apps, schema_editor):
    from yizhan.publication.search import store

    store.ensure_schema(schema_editor.connection.alias, force=True)


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    operations = [
        migrations.RunPython(upgrade_search_tables, migrations.RunPython.noop, elidable=True),
    ]
