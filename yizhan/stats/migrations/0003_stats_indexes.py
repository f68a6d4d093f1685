"""Covering indexes for the indicator engine (docs/stats.md, "Performance").

Written as RunSQL here rather than in the owning apps' models: they serve only the statistics
queries, and each one lets a scan read the index instead of the table.

* ``stats_case_scan_idx``: the main grouped scan of ``cases_case`` by court reads the index in
  (court, type, closure method) order, so SQLite aggregates as it goes instead of sorting.
* ``stats_case_closed_idx``: the cases closed in a period (a range on ``closed_on``) with what
  the net-days histogram, the leaders' closures and the hearing probe need.
* ``stats_filing_received_idx`` and ``stats_service_served_idx``: the QJP e-filing and
  e-service shares, a range on the date.
"""

from django.db import migrations

INDEXES = [
    (
        "stats_case_scan_idx",
        "cases_case",
        "court_id, type_code, closure_method, filed_on, closed_on, closed_within_limit, "
        "pronounced_in_court, appeal_outcome, enforcement_due, recovered_amount, origin_id, "
        "assignment_method",
    ),
    (
        "stats_case_closed_idx",
        "cases_case",
        "closed_on, court_id, type_code, procedure, is_leader_case, judge_id, closure_method, "
        "filed_on, suspended_days",
    ),
    ("stats_filing_received_idx", "filing_filing", "received_on, court_id, channel"),
    ("stats_service_served_idx", "trial_servicerecord", "served_on, case_id, method"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0002_seed_catalogue"),
        ("cases", "0004_relation_parent_index"),
        ("filing", "0001_initial"),
        ("trial", "0003_hearings_part_b"),
    ]
    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
