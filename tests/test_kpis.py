"""Energy and GHG KPIs against hand calculations with the shipped German factors.

Shipped factors (toolkit/data/factors-de-2024.yaml): grid 0.363 kg/kWh (UBA 2024); natural gas 0.1811 kg per
billed kWh (BAFA 0.201 on Hi, / 1.11) and 10.5 kWh/m3; heating oil 10.0 kWh/l, 0.266 kg/kWh; LPG 12.8 kWh/kg,
0.239 kg/kWh; district heat 0.280 kg/kWh; diesel 9.9 kWh/l, 2.64 kg/l; petrol 9.0 kWh/l, 2.33 kg/l.
"""

from __future__ import annotations

import pytest

from toolkit.errors import FactorTableError
from toolkit.kpis import load_factors
from toolkit.loader import load_questionnaire
from toolkit.responses import Answer, Company, new_response
from toolkit.scoring import score

from .conftest import DATA


@pytest.fixture(scope="module")
def energy_qn():
    return load_questionnaire(DATA / "questionnaires" / "energy.yaml")


def response(qn, answers: dict[str, tuple[float, str]], employees=20, turnover=2_500_000):
    resp = new_response(qn, Company(id="kpi-co", name="KPI GmbH", employees=employees, turnover=turnover))
    for qid, (value, unit) in answers.items():
        resp.answers[qid] = Answer(value=value, unit=unit)
    return resp


ALL = {
    "en_grid": (100_000, "kWh"),
    "en_green_share": (60, "percent"),
    "en_pv": (20, "MWh"),
    "en_gas": (5_000, "m3"),
    "en_oil": (2_000, "l"),
    "en_lpg": (300, "kg"),
    "en_heat": (30, "MWh"),
    "en_diesel": (1_000, "l"),
    "en_petrol": (500, "l"),
}


def test_all_carriers_against_hand_calculation(energy_qn):
    k = score(energy_qn, response(energy_qn, ALL)).kpis
    mwh = {e.carrier: e.mwh for e in k.energy}
    # energy: gas 5000 m3 * 10.5 = 52,500 kWh; oil 2000 l * 10 = 20,000; LPG 300 kg * 12.8 = 3,840;
    # diesel 1000 l * 9.9 = 9,900; petrol 500 l * 9.0 = 4,500
    assert mwh == pytest.approx({"grid_electricity": 100.0, "self_generated_electricity": 20.0, "natural_gas": 52.5,
                                 "heating_oil": 20.0, "lpg": 3.84, "district_heat": 30.0, "diesel": 9.9,
                                 "petrol": 4.5})
    assert k.total_mwh == pytest.approx(240.74)
    # renewable: 60 % of 100 MWh green tariff + 20 MWh PV = 80 MWh of 240.74
    assert k.renewable_mwh == pytest.approx(80.0)
    assert k.renewable_share == pytest.approx(100 * 80 / 240.74)
    # scope 1: gas 52,500*0.1811 = 9,507.75 kg; oil 20,000*0.266 = 5,320; LPG 3,840*0.239 = 917.76;
    # diesel 1,000*2.64 = 2,640; petrol 500*2.33 = 1,165 -> 19,550.51 kg
    assert k.scope1_t == pytest.approx(19.55051)
    # scope 2 location: grid 100,000*0.363 = 36,300 kg + district heat 30,000*0.28 = 8,400 kg
    assert k.scope2_location_t == pytest.approx(44.7)
    # scope 2 market: 40 % of the grid at 0.363 = 14,520 kg + 8,400 kg district heat
    assert k.scope2_market_t == pytest.approx(22.92)
    # intensities: (19.55051 + 44.7) t / 20 employees; / 2.5 MEUR
    assert k.intensity_per_employee_t == pytest.approx(64.25051 / 20)
    assert k.intensity_per_meur_t == pytest.approx(64.25051 / 2.5)
    assert k.energy_per_employee_mwh == pytest.approx(240.74 / 20)


def test_exported_self_generation_is_not_consumption(energy_qn):
    # 20 MWh generated, 5,000 kWh fed into the grid -> 15 MWh consumed on site, all renewable
    k = score(energy_qn, response(energy_qn, {"en_pv": (20, "MWh"), "en_pv_exported": (5_000, "kWh"),
                                              "en_grid": (45_000, "kWh")})).kpis
    pv = next(e for e in k.energy if e.carrier == "self_generated_electricity")
    assert pv.mwh == pytest.approx(15.0) and pv.renewable_mwh == pytest.approx(15.0)
    assert k.total_mwh == pytest.approx(60.0)
    assert k.renewable_share == pytest.approx(25.0)


def test_units_convert_before_the_factor(energy_qn):
    # 52.5 MWh of gas is the same as 5,000 m3 at 10.5 kWh/m3
    a = score(energy_qn, response(energy_qn, {"en_gas": (5_000, "m3")})).kpis
    b = score(energy_qn, response(energy_qn, {"en_gas": (52.5, "MWh")})).kpis
    assert a.scope1_t == pytest.approx(b.scope1_t) == pytest.approx(9.50775)
    # heating oil given as kWh is counted directly: 20,000 kWh * 0.266 = 5,320 kg
    c = score(energy_qn, response(energy_qn, {"en_oil": (20_000, "kWh")})).kpis
    assert c.scope1_t == pytest.approx(5.32)


def test_factor_sources_and_years_are_reported(energy_qn):
    k = score(energy_qn, response(energy_qn, ALL)).kpis
    grid = next(e for e in k.energy if e.carrier == "grid_electricity")
    assert grid.factor.value == 0.363 and grid.factor.year == 2024 and "Umweltbundesamt" in grid.factor.source
    assert all(e.factor.source and e.factor.year for e in k.energy)
    # every shipped source also reads in English for English reports
    assert all(e.factor.source_en and e.factor.source_in("en") != e.factor.source_in("de") for e in k.energy)
    assert grid.factor.source_in("en").startswith("German Environment Agency")


def test_no_market_based_figure_without_a_green_tariff(energy_qn):
    k = score(energy_qn, response(energy_qn, {"en_grid": (10_000, "kWh")})).kpis
    assert k.scope2_market_t is None
    assert k.renewable_share == 0


def test_no_intensity_without_employees_or_turnover(energy_qn):
    k = score(energy_qn, response(energy_qn, {"en_grid": (10_000, "kWh")}, employees=None, turnover=None)).kpis
    assert k.intensity_per_employee_t is None and k.intensity_per_meur_t is None


def test_own_factor_table(energy_qn, tmp_path):
    text = (DATA.parent.parent / "toolkit" / "data" / "factors-de-2024.yaml").read_text()
    own = tmp_path / "own.yaml"
    own.write_text(text.replace("value: 0.363", "value: 0.5"))
    k = score(energy_qn, response(energy_qn, {"en_grid": (10_000, "kWh")}), load_factors(own)).kpis
    assert k.scope2_location_t == pytest.approx(5.0)


def test_broken_factor_table_is_located(tmp_path):
    text = (DATA.parent.parent / "toolkit" / "data" / "factors-de-2024.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("value: 0.266", "value: -1"))
    with pytest.raises(FactorTableError) as info:
        load_factors(bad)
    problem = info.value.problems[0]
    line = next(i for i, ln in enumerate(bad.read_text().splitlines(), 1) if "value: -1" in ln)
    assert problem.location.line == line and "heating_oil" in problem.message
