"""A partial index of the enforcement cases by closing date, for the World Bank
enforcing-contracts chains (filing → judgment → enforcement): the chain query reads the
enforcement cases closed in the period from it and looks their parents up by key, instead
of walking every case."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_stats_indexes")]
    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS stats_case_enforcement_idx ON cases_case "
            "(closed_on, court_id, parent_id, filed_on) WHERE relation = 'enforcement'",
            "DROP INDEX IF EXISTS stats_case_enforcement_idx",
        )
    ]
