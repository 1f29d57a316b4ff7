"""JSON report: the documented wire format (schema/report-v1.schema.json), schema_version 1."""

from __future__ import annotations

from cscheck.model import Report


def render(report: Report, **_: object) -> str:
    return report.model_dump_json(indent=2) + "\n"


def schema() -> dict[str, object]:
    data = Report.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["$id"] = "https://cscheck.example/schema/report-v1.schema.json"
    data["title"] = "cscheck report, schema_version 1"
    return data
