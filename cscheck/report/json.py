"""JSON report: the documented wire format (schema/report-v1.schema.json), schema_version 1."""

from __future__ import annotations

import msgspec

from cscheck.model import Report

# fields of a document's result that stay in the process: the facts compared across a submission
INTERNAL = ("facts",)


def render(report: Report, **_: object) -> str:
    data = msgspec.to_builtins(report)
    for document in data["documents"]:
        for name in INTERNAL:
            del document[name]
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode() + "\n"


def schema() -> dict[str, object]:
    """The JSON Schema of the report, as committed in schema/ (written with `json.dumps(…, indent=2)`)."""
    defs = msgspec.json.schema(Report)["$defs"]
    for name in INTERNAL:
        del defs["DocumentResult"]["properties"][name]
    report = defs.pop("Report")  # the report itself at the top, its parts under $defs
    return {"$defs": defs, **report, "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://cscheck.example/schema/report-v1.schema.json", "title": "cscheck report, schema_version 1"}
