"""Which articles report the same event: GDELT counts an event once, with the number of
its mentions, sources and articles, and lists each mention in its Mentions table.

In a store, two events are reports of one event when their articles are in the same story
and they have the same CAMEO code, the same actor and the same recipient (the store's
cross-document actors; an event whose actor is unknown matches nothing). Analysis files
carry no stories, so each event there is its own single report.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Report:
    document: str  # the store's document hash
    event: str  # the event's id in that document's analysis


@dataclass
class ReportGroup:
    """The reports of one event, the first stored report first."""
    reports: list[Report] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    published: str | None = None  # the first report's publication date

    @property
    def first(self) -> Report:
        return self.reports[0]

    @property
    def articles(self) -> int:
        return len({report.document for report in self.reports})


_REPORTS_SQL = """
SELECT e.document, e.id, e.cameo, sd.story, a1.actor AS actor, a2.actor AS recipient,
       d.outlet, d.published
FROM events e
JOIN documents d ON d.hash = e.document
LEFT JOIN story_documents sd ON sd.document = e.document
LEFT JOIN entity_actors a1 ON a1.entity = e.document || '/' || e.actor
LEFT JOIN entity_actors a2 ON a2.entity = e.document || '/' || e.recipient
ORDER BY d.rowid, e.position"""


def store_report_groups(store) -> dict[Report, ReportGroup]:
    """Every stored event's group of reports, by report."""
    groups: dict[tuple, ReportGroup] = {}
    by_report: dict[Report, ReportGroup] = {}
    for row in store.conn.execute(_REPORTS_SQL):
        report = Report(row["document"], row["id"])
        if row["story"] is not None and row["actor"] is not None:
            signature = (row["story"], row["cameo"], row["actor"], row["recipient"])
        else:
            signature = (report,)
        group = groups.setdefault(signature, ReportGroup(published=row["published"]))
        group.reports.append(report)
        if row["outlet"]:
            group.outlets.add(row["outlet"])
        by_report[report] = group
    return by_report
