"""Energy and GHG KPIs against hand calculations with the shipped German factors.

Shipped factors (toolkit/data/factors-de-2024.yaml), every energy figure on the net calorific value (Hi):
grid 0.363 kg CO2/kWh (UBA 2024); natural gas billed in kWh Hs / 1.11 = kWh Hi, 0.201 kg/kWh Hi (BAFA 3.3),
1 m3 = 9.459 kWh Hi; heating oil 10.03 kWh/l, 0.266 kg/kWh; LPG 13.139 kWh/kg, 0.22716 kg/kWh (IPCC 2006);
district heat 0.280 kg/kWh; diesel 10.033 kWh/l, 0.266 kg/kWh; petrol 9.106 kWh/l, 0.24948 kg/kWh (IPCC 2006);
wood pellets 4.6 kWh/kg, Scope 1 0.034056 kg CO2e/kWh (CH4 + N2O), biogenic 0.4032 kg CO2/kWh;
R410A GWP 1923.5 (AR5).
"""

from __future__ import annotations

import pytest

from toolkit.definitions.factors import load_factors
from toolkit.definitions.loader import load_questionnaire
from toolkit.errors import FactorTableError
from toolkit.responses import Answer, Company, new_response
from toolkit.scoring.scores import score

from .conftest import DATA


@pytest.fixture(scope="module")
def energy_qn():
    return load_questionnaire(DATA / "questionnaires" / "energy.yaml")


def response(qn, answers: dict[str, tuple[object, str | None]], employees=20, turnover=2_500_000):
    resp = new_response(qn, Company(id="kpi-co", name="KPI GmbH", employees=employees, turnover=turnover))
    for qid, (value, unit) in answers.items():
        resp.answers[qid] = Answer(value=value, unit=unit)
    return resp


# The hand calculation of issue 13, item 3
HAND = {
    "en_grid": (100, "MWh"),
    "en_gas": (50, "MWh"),  # as billed: gross calorific value
    "en_diesel": (2_000, "l"),
    "en_refrigerants": ([{"refrigerant": "r410a", "kg": 5}], None),
}


def test_hand_calculation_grid_gas_diesel_refrigerant(energy_qn):
    k = score(energy_qn, response(energy_qn, HAND)).kpis
    mwh = {e.carrier: e.mwh for e in k.energy}
    # grid 100 MWh; gas 50 MWh Hs / 1.11 = 45.045045 MWh Hi; diesel 2,000 l x 10.033 kWh/l = 20.066 MWh
    assert mwh == pytest.approx({"grid_electricity": 100.0, "natural_gas": 50 / 1.11, "diesel": 20.066})
    assert k.total_mwh == pytest.approx(165.111045, abs=1e-6)
    # scope 1: gas 45,045.045 kWh x 0.201 = 9,054.054 kg; diesel 20,066 kWh x 0.266 = 5,337.556 kg;
    # R410A 5 kg x 1,923.5 = 9,617.5 kg -> 24,009.11 kg
    assert k.scope1_t == pytest.approx(9.054054 + 5.337556 + 9.6175, abs=1e-6)
    assert [(r.refrigerant, r.kg, r.gwp, r.t_co2e) for r in k.refrigerants] == [("R410A", 5.0, 1923.5, 9.6175)]
    # scope 2 location-based: 100,000 kWh x 0.363 = 36,300 kg
    assert k.scope2_location_t == pytest.approx(36.3)
    # VSME intensity: (24.00911 + 36.3) t / 2,500,000 EUR
    assert k.intensity_per_eur_t == pytest.approx(60.30911 / 2_500_000, rel=1e-6)
    assert k.intensity_per_meur_t == pytest.approx(60.30911 / 2.5, rel=1e-6)
    # the VSME breakdown: electricity 100 MWh, fuels 65.111 MWh, all non-renewable
    assert k.breakdown["electricity"] == pytest.approx({"renewable": 0.0, "non_renewable": 100.0})
    assert k.breakdown["fuel"] == pytest.approx({"renewable": 0.0, "non_renewable": 65.111045}, abs=1e-6)
    assert k.biogenic_co2_t == 0.0


def test_gas_billed_in_kwh_and_m3_give_the_same_net_energy(energy_qn):
    # 10,500 kWh as billed = 1,000 m3 at 10.5 kWh Hs/m3; both are 9,459 kWh Hi
    a = score(energy_qn, response(energy_qn, {"en_gas": (10_500, "kWh")})).kpis
    b = score(energy_qn, response(energy_qn, {"en_gas": (1_000, "m3")})).kpis
    assert a.total_mwh == pytest.approx(10.5 / 1.11, rel=1e-4) == pytest.approx(b.total_mwh, rel=1e-4)
    assert a.scope1_t == pytest.approx(10_500 / 1.11 * 0.201 / 1000)


def test_carriers_on_one_basis(energy_qn):
    answers = {
        "en_pv": (20, "MWh"),
        "en_oil": (2_000, "l"),
        "en_lpg": (300, "kg"),
        "en_heat": (30, "MWh"),
        "en_petrol": (500, "l"),
    }
    k = score(energy_qn, response(energy_qn, answers)).kpis
    mwh = {e.carrier: e.mwh for e in k.energy}
    # oil 2,000 l x 10.03 = 20.06 MWh; LPG 300 kg x 13.139 = 3.9417 MWh; petrol 500 l x 9.106 = 4.553 MWh
    assert mwh == pytest.approx(
        {
            "self_generated_electricity": 20.0,
            "heating_oil": 20.06,
            "lpg": 3.9417,
            "district_heat": 30.0,
            "petrol": 4.553,
        }
    )
    # scope 1: oil 20,060 x 0.266 = 5,335.96 kg; LPG 3,941.7 x 0.22716 = 895.4 kg; petrol 4,553 x 0.24948 = 1,135.88
    assert k.scope1_t == pytest.approx((20_060 * 0.266 + 3_941.7 * 0.22716 + 4_553 * 0.24948) / 1000)
    # scope 2: district heat 30,000 x 0.28 = 8,400 kg; district heat counts in the total, not the breakdown
    assert k.scope2_location_t == pytest.approx(8.4)
    assert k.total_mwh == pytest.approx(78.5547)
    assert "district_heat" not in k.breakdown and sum(
        c["renewable"] + c["non_renewable"] for c in k.breakdown.values()
    ) == pytest.approx(48.5547)


def test_biogenic_co2_is_outside_the_scopes(energy_qn):
    # 10 t of pellets x 4,600 kWh/t = 46 MWh: Scope 1 only CH4/N2O 46,000 x 0.034056 = 1,566.576 kg;
    # biogenic CO2 46,000 x 0.4032 = 18,547.2 kg, reported separately
    k = score(energy_qn, response(energy_qn, {"en_pellets": (10, "t")})).kpis
    assert k.total_mwh == pytest.approx(46.0)
    assert k.renewable_share == pytest.approx(100.0)
    assert k.scope1_t == pytest.approx(1.566576)
    assert k.biogenic_co2_t == pytest.approx(18.5472)
    # biogas as billed (gross): 111 MWh Hs = 100 MWh Hi; biogenic 100,000 x 0.19656 kg
    k = score(energy_qn, response(energy_qn, {"en_biogas": (111, "MWh")})).kpis
    assert k.total_mwh == pytest.approx(100.0)
    assert k.biogenic_co2_t == pytest.approx(19.656)
    assert k.scope1_t == pytest.approx(0.0599)
    assert k.breakdown["fuel"] == pytest.approx({"renewable": 100.0, "non_renewable": 0.0})


def test_a_reported_scope1_is_kept(energy_qn):
    answers = {**HAND, "en_scope1_reported": (30.5, "t")}
    k = score(energy_qn, response(energy_qn, answers)).kpis
    assert k.scope1_t == 30.5 and "scope1_t" in k.reported
    assert k.scope2_location_t == pytest.approx(36.3) and "scope2_location_t" not in k.reported


def test_every_factor_names_its_document_and_scope(energy_qn):
    table = load_factors()
    for carrier in table.carriers.values():
        f = carrier.factor
        assert f.document and f.version and f.table and f.url.startswith("https://"), carrier.id
        assert f.year and f.gases and f.boundary.get("de") and f.boundary.get("en"), carrier.id
        assert f.source and f.source_en and f.source_in("en") != f.source_in("de"), carrier.id
    assert table.carriers["grid_electricity"].factor.gases == "CO2"
    assert "Climate Change 13/2025" in table.carriers["grid_electricity"].factor.version
    assert table.carriers["natural_gas"].gross_to_net == 1.11
    assert "AR5" in table.gwp_source["en"]
    k = score(energy_qn, response(energy_qn, HAND)).kpis.to_dict()
    grid = next(e for e in k["energy"] if e["carrier"] == "grid_electricity")
    assert grid["factor"]["unit"] == "kg CO2/kWh" and grid["factor"]["gases"] == "CO2"
    assert k["energy_basis"] == "net calorific value (Hi)"


def test_exported_self_generation_is_not_consumption(energy_qn):
    # 20 MWh generated, 5,000 kWh fed into the grid -> 15 MWh consumed on site, all renewable
    k = score(
        energy_qn,
        response(energy_qn, {"en_pv": (20, "MWh"), "en_pv_exported": (5_000, "kWh"), "en_grid": (45_000, "kWh")}),
    ).kpis
    pv = next(e for e in k.energy if e.carrier == "self_generated_electricity")
    assert pv.mwh == pytest.approx(15.0) and pv.renewable_mwh == pytest.approx(15.0)
    assert k.total_mwh == pytest.approx(60.0)
    assert k.renewable_share == pytest.approx(25.0)


def test_market_based_scope2_with_a_green_tariff(energy_qn):
    k = score(energy_qn, response(energy_qn, {"en_grid": (100_000, "kWh"), "en_green_share": (60, "percent")})).kpis
    assert k.scope2_market_t == pytest.approx(0.4 * 36.3)
    assert k.breakdown["electricity"] == pytest.approx({"renewable": 60.0, "non_renewable": 40.0})
    k = score(energy_qn, response(energy_qn, {"en_grid": (10_000, "kWh")})).kpis
    assert k.scope2_market_t is None and k.renewable_share == 0


def test_no_intensity_without_employees_or_turnover(energy_qn):
    k = score(energy_qn, response(energy_qn, {"en_grid": (10_000, "kWh")}, employees=None, turnover=None)).kpis
    assert k.intensity_per_employee_t is None and k.intensity_per_meur_t is None and k.intensity_per_eur_t is None


def test_own_factor_table(energy_qn, tmp_path):
    text = (DATA.parent.parent / "toolkit" / "data" / "factors-de-2024.yaml").read_text()
    own = tmp_path / "own.yaml"
    own.write_text(text.replace("value: 0.363", "value: 0.5"))
    k = score(energy_qn, response(energy_qn, {"en_grid": (10_000, "kWh")}), load_factors(own)).kpis
    assert k.scope2_location_t == pytest.approx(5.0)


def test_broken_factor_table_is_located(tmp_path):
    text = (DATA.parent.parent / "toolkit" / "data" / "factors-de-2024.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("gross_to_net: 1.11\n    # 1 m3", "gross_to_net: 3\n    # 1 m3"))
    with pytest.raises(FactorTableError) as info:
        load_factors(bad)
    problem = info.value.problems[0]
    line = next(i for i, ln in enumerate(bad.read_text().splitlines(), 1) if "gross_to_net: 3" in ln)
    assert problem.location.line == line and "natural_gas" in problem.message


def test_answers_left_out_of_a_figure_are_located_warnings(energy_qn, tmp_path):
    """An answer the factor table cannot count is a located warning with its own code, not a loose text."""
    import yaml

    table = yaml.safe_load((DATA.parent.parent / "toolkit" / "data" / "factors-de-2024.yaml").read_text())
    del table["carriers"]["diesel"]  # W012: no such carrier
    table["carriers"]["heating_oil"]["energy_per_unit"] = {"kWh": 1.0}  # W013: litres cannot become kWh
    del table["gwp"]["values"]["R410A"]  # W014: no GWP for the refrigerant
    own = tmp_path / "own.yaml"
    own.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    resp = response(
        energy_qn,
        {"en_diesel": (100, "l"), "en_oil": (100, "l"), "en_refrigerants": ([{"refrigerant": "r410a", "kg": 5}], None)},
    )
    resp.path = "kpi-co.json"
    card = score(energy_qn, resp, load_factors(own))
    found = {(w.code, w.location.where) for w in card.kpis.warnings}
    assert found == {
        ("W012", "answers.en_diesel"),
        ("W013", "answers.en_oil"),
        ("W014", "answers.en_refrigerants"),
    }
    assert all(w.severity == "warning" and w.location.path == "kpi-co.json" for w in card.kpis.warnings)
    w013 = next(w for w in card.kpis.warnings if w.code == "W013")
    assert "'en_oil'" in w013.message and "heating_oil" in w013.message and w013.fix
    # the scorecard JSON carries them in the same shape as every other problem
    as_json = card.to_dict()["kpis"]["warnings"]
    assert {(w["code"], w["where"]) for w in as_json} == found
