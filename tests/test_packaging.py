"""The installed distribution carries what cscheck needs at run time: rules, manifests, templates, the
demo's standard (`pip install . && cscheck demo` is the README's first command) and the rule cases that
`cscheck explain` shows.

CI installs the package (`pip install '.[test]'`) before running the tests; this checks that install."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rules_manifests_templates_and_demo_are_in_the_installed_package() -> None:
    distribution = importlib.metadata.distribution("cscheck")
    installed = {str(f) for f in distribution.files or []}
    wanted = {f"cscheck/data/rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml")}
    wanted |= {f"cscheck/data/reference_texts/{p.name}" for p in (ROOT / "reference_texts").glob("*.json")}
    wanted.add("cscheck/data/docs/configuration.md")  # `cscheck explain config` shows it
    wanted |= {f"cscheck/data/rule-cases/{p.name}" for p in (ROOT / "tests" / "rules").glob("*.yaml")}
    assert len(wanted) >= 80  # 37 rules and their word lists, 6 manifests, 37 rule case files
    if '"editable": true' not in (distribution.read_text("direct_url.json") or ""):
        # an editable install lists only the forced data, the package itself stays in the checkout
        wanted |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "cscheck" / "report" / "templates").iterdir()}
        wanted |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "cscheck" / "demo").iterdir() if p.is_file()}
        assert "cscheck/demo/standaard.md" in wanted
    assert wanted - installed == set()
