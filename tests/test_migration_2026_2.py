"""Migrating responses of questionnaire 2026.1 to 2026.2 (issue 12, item 7) with the toolkit's migration
machinery: renamed options are mapped, answers that no longer fit are dropped with their reason, nothing else
changes, and the old file stays as it was. The inputs are the example files as shipped with 2026.1."""

from __future__ import annotations

import json

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.responses import load_response, migrate_response
from toolkit.scoring.scores import score

from .conftest import DATA

OLD = DATA / "responses-2026.1"


def test_the_2026_1_joinery_migrates_with_every_change_explained(qn):
    path = OLD / "micro-craft-firm.json"
    before = path.read_bytes()
    resp, report = migrate_response(path, qn)
    assert path.read_bytes() == before
    assert (report.from_version, report.to_version) == ("2026.1", "2026.2") and resp.questionnaire_version == "2026.2"
    # renamed options are mapped
    assert resp.answers["en_energy_audit"].value == "none_recent"  # was "never"
    assert resp.answers["hr_policy"].value == "none"  # was "no"
    assert resp.answers["res_circular"].value == "single_practice"  # was "yes"
    # answers that could be any of several new levels are dropped, each with its reason
    assert set(report.invalid) == {"resp_management_review", "inc_employee_ideas", "pol_donations"}
    assert "no longer exists" in report.invalid["inc_employee_ideas"]
    assert "not applicable" in report.invalid["pol_donations"]  # no longer allowed there
    old = json.loads(before)["answers"]
    assert set(report.kept) == set(old) - set(report.invalid) - set(report.dropped)
    for qid in report.kept:  # everything else carries over unchanged
        if qid not in ("en_energy_audit", "hr_policy", "res_circular"):
            assert resp.answers[qid].value == old[qid].get("value"), qid
    score(qn, resp)  # and the migrated response scores


def test_outcome_questions_are_dropped_with_their_reason(qn):
    resp, report = migrate_response(OLD / "manufacturer.json", qn)
    assert "com_regional_sourcing" in report.invalid and "inn_sustainable_revenue" in report.invalid
    assert "regional share of purchasing" in report.invalid["com_regional_sourcing"]
    assert resp.answers["inc_employee_ideas"].value == "rewarded"  # "yes": implemented ideas are rewarded
    assert resp.answers["resp_management_review"].value == "twice_yearly"


def test_cli_migrate_writes_a_2026_2_response(qn, tmp_path):
    out = tmp_path / "joinery-2026.2.json"
    res = CliRunner().invoke(main, ["migrate", str(OLD / "micro-craft-firm.json"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Migrated from 2026.1 to 2026.2" in res.output and "dropped inc_employee_ideas" in res.output
    assert load_response(out, qn).questionnaire_version == "2026.2"
