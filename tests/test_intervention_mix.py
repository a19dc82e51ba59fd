"""The superior chooses the audit rate, the fine (up to a legal maximum) and the subsidy
(issue 14 item 5): the exact optimum of :func:`cheapest_mix` against a brute-force grid."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from govgames.analyses import intervention as iv
from govgames.games.dilemmas import central_intervention
from govgames.games.errors import InputError
from govgames.games.pure import pure_nash_equilibria

KW = dict(benefit=1, cost=2.5, spill=1, formal_cost=0.5)


def _grid_min(mode, *, max_fine, audit_cost, fine_cost, subsidy_cost, n=81, g_max=4.0, **kw):
    """Cheapest grid point at which the target is a pure equilibrium, checked on the payoff
    table of every grid point (every player, every deviation)."""
    q, f, g = sp.symbols("q f g")
    game = central_intervention(b=kw["benefit"], c=kw["cost"], s=kw["spill"], q=q, f=f, g=g,
                                k=kw["formal_cost"], mode=mode)
    prof = game.pure_profile(iv.REAL[mode])
    Q, F, G = np.meshgrid(np.linspace(0, 1, n), np.linspace(0, max_fine, n),
                          np.linspace(0, g_max, n), indexing="ij")
    pay = {}
    for idx in np.ndindex(*game.payoff_array.shape):
        fn = sp.lambdify((q, f, g), sp.sympify(game.payoff_array[idx]), "numpy")
        pay[idx] = np.broadcast_to(fn(Q, F, G), Q.shape)
    ok = np.ones(Q.shape, bool)
    for i in range(game.n_players):
        for d in range(game.shape[i]):
            dev = tuple(d if j == i else a for j, a in enumerate(prof))
            ok &= pay[(i,) + dev] <= pay[(i,) + prof] + 1e-12
    cost = audit_cost * Q + fine_cost * F + subsidy_cost * G
    return float(np.min(np.where(ok, cost, np.inf)))


CASES = [("mandated", dict(KW)), ("preempted", dict(KW)),
         ("mandated", dict(benefit=1, cost=6, spill=0.5, formal_cost=0.5)),
         ("preempted", dict(benefit=1, cost=8, spill=1, formal_cost=0))]


@pytest.mark.parametrize("mode, kw", CASES)
@pytest.mark.parametrize("prices", [(1, Fraction(1, 20), 2), (1, 0, 2), (3, Fraction(1, 2), 1)])
def test_mix_agrees_with_brute_force_grid(mode, kw, prices):
    a, phi, s = prices
    max_fine = 6
    m = iv.cheapest_mix(mode, max_fine=max_fine, audit_cost=a, fine_cost=phi, subsidy_cost=s,
                        **kw)
    grid = _grid_min(mode, max_fine=max_fine, audit_cost=a, fine_cost=float(phi),
                     subsidy_cost=s, **kw)
    exact = float(m.cost)
    assert exact <= grid + 1e-9                 # no grid point beats the optimum
    step = (a + phi * max_fine + s * 4) / 80    # one grid step in each instrument
    assert grid - exact <= step                 # and the grid comes within a step of it
    # the optimum really makes cooperation an equilibrium (checked in exact numbers)
    lv = m.levels
    g = central_intervention(b=sp.nsimplify(kw["benefit"]), c=sp.nsimplify(kw["cost"]),
                             s=sp.nsimplify(kw["spill"]), q=lv["audit q"], f=lv["fine f"],
                             g=lv["subsidy g"], k=sp.nsimplify(kw["formal_cost"]), mode=mode)
    assert iv.REAL[mode] in [e.pure_profile for e in pure_nash_equilibria(g)]
    assert 0 <= lv["audit q"] <= 1 and 0 <= lv["fine f"] <= max_fine and lv["subsidy g"] >= 0


def test_mix_closed_forms():
    # mandated, c - b - k = 1 <= c - b = 3/2 <= f: q f = 1, cost q + f/20 -> f = sqrt(20)
    m = iv.cheapest_mix("mandated", **KW)
    assert m.levels == {"audit q": 1 / sp.sqrt(20), "fine f": sp.sqrt(20), "subsidy g": 0}
    assert sp.simplify(m.cost - 2 / sp.sqrt(20)) == 0
    assert any("Symbolic" in b for b in m.binding)
    # preempted: g + q f >= 3/2 -> f = sqrt(30)
    assert iv.cheapest_mix("preempted", **KW).levels["fine f"] == sp.sqrt(30)
    # a free fine goes to the legal maximum (Becker 1968), and with a rational optimum the mix
    # equals the fixed-fine linear program at that fine
    for mode in ("mandated", "preempted"):
        m = iv.cheapest_mix(mode, fine_cost=0, max_fine=8, **KW)
        assert m.levels["fine f"] == 8 and "fine f <= max_fine" in m.binding
        lp = iv.cheapest_intervention(mode, fine=8, **KW)
        assert m.cost == lp.cost and m.levels["audit q"] == lp.levels["audit q"]


def test_mix_uses_the_subsidy_when_the_legal_fine_is_too_small():
    m = iv.cheapest_mix("preempted", benefit=1, cost=8, spill=1, formal_cost=0, max_fine=3)
    assert m.levels == {"audit q": 1, "fine f": 3, "subsidy g": 4}
    assert m.cost == 1 + Fraction(3, 20) + 8


def test_mix_refusals():
    with pytest.raises(InputError, match="unknown mode"):
        iv.cheapest_mix("advised", **KW)
    with pytest.raises(InputError, match="max_fine must be a non-negative"):
        iv.cheapest_mix("mandated", max_fine=-1, **KW)
    # mandated: an empty mechanism is fined only q f <= max_fine, so c - b - k > max_fine fails
    with pytest.raises(InputError, match="no audit q <= 1, fine f <= 2"):
        iv.cheapest_mix("mandated", benefit=1, cost=6, spill=1, formal_cost=0.5, max_fine=2)


def test_compute_reports_the_mix_and_the_fixed_fine_cost():
    n = iv.compute(iv.load(target_costs=(2.5,), subsidies=(1.0,), max_fine=4, fine=4),
                   with_map=False)
    mix = n.mix.set_index("mode")
    # mandated: sqrt(20) > 4, so the legal maximum binds: f = 4, q = 1/4
    assert mix.loc["mandated", "fine f"] == 4 and mix.loc["mandated", "audit q"] == 0.25
    assert mix.loc["mandated", "cost"] == pytest.approx(0.25 + 4 / 20)
    assert "fine f <= max_fine" in mix.loc["mandated", "binding"]
    # the fixed-fine cost: the linear program at fine 4 plus the fine's cost
    assert mix.loc["preempted", "cost with the fine fixed"] == pytest.approx(1.5 / 4 + 4 / 20)
    with pytest.raises(InputError, match="max_fine must be a positive number"):
        iv.load(max_fine=0)


def test_narrate_mix_sentence_from_hand_made_numbers():
    import pandas as pd
    mix = pd.DataFrame([{"mode": "mandated", "legal maximum fine": 8.0, "audit q": 0.25,
                         "fine f": 4.0, "subsidy g": 0.0, "cost": 0.45,
                         "cost with the fine fixed": 0.5},
                        {"mode": "preempted", "legal maximum fine": 8.0, "audit q": np.nan,
                         "fine f": np.nan, "subsidy g": np.nan, "cost": np.nan,
                         "cost with the fine fixed": np.nan}])
    assert iv._mix_text(mix) == (
        " Choosing the fine too, up to the legal maximum 8 with each unit of fine costing the "
        "superior 0.05, the cheapest mix is mandated: audit 0.25, fine 4, subsidy 0 (cost "
        "0.45 against 0.5 with the fine fixed); preempted: no mix within the legal maximum "
        "makes it real.")
    assert iv._mix_text(pd.DataFrame()) == ""


def test_fixed_fine_above_the_legal_maximum_is_refused():
    # QA: max_fine=3 with the default fine 5 priced a fine the superior may not set, so choosing
    # the fine "cost more" than fixing it; max_fine=0.5 found no mix while the fixed fine worked
    for max_fine in (3, 0.5):
        with pytest.raises(InputError, match=rf"fine 5 is above the legal maximum max_fine "
                                             rf"{max_fine:g}"):
            iv.load(max_fine=max_fine)
    assert iv.load(max_fine=5).fine == 5          # the maximum itself may be the fixed fine


def test_cli_refuses_fine_above_max_fine_in_one_line(capsys):
    from govgames.analyses.cli import main
    code = main(["analyses", "run", "intervention", "--param", "max_fine=3"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "fine 5" in err and "max_fine 3" in err


@pytest.mark.parametrize("fine, max_fine, cost", [(5, 5, 2.5), (2, 6, 2.5), (3, 3, 3.2),
                                                  (1, 8, 1.8), (4, 4, 6.0)])
def test_choosing_the_fine_never_costs_more_than_fixing_it(fine, max_fine, cost):
    n = iv.compute(iv.load(target_costs=(cost,), subsidies=(1.0,), fine=fine, max_fine=max_fine,
                           cost=cost), with_map=False)
    for _, row in n.mix.iterrows():
        fixed = row["cost with the fine fixed"]
        if np.isnan(fixed):
            continue
        assert not np.isnan(row["cost"]), row     # the fixed fine is a feasible choice
        assert row["cost"] <= fixed + 1e-12, row
    text = iv.narrate(n)[0]
    assert "no mix within the legal maximum" not in text or n.cheapest["cost"].isna().any()


@pytest.mark.parametrize("name, value, fragment", [
    ("max_fine", float("nan"), "max_fine: nan is not a finite number"),
    ("max_fine", float("inf"), "max_fine: inf is not a finite number"),
    ("max_fine", None, "max_fine: None is not a number"),
    ("max_fine", True, "max_fine: True is not a number"),
    ("max_fine", "10", "max_fine must be a non-negative number, got the text '10'"),
    ("fine_cost", -0.1, "fine_cost must be a non-negative number, got -0.1"),
    ("fine_cost", float("nan"), "fine_cost: nan"),
    ("audit_cost", float("inf"), "audit_cost: inf"),
    ("benefit", float("nan"), "benefit: nan"),
    ("cost", float("inf"), "cost: inf"),
    ("cost", -3, "cost must be a positive number, got -3"),
    ("formal_cost", -1, "formal_cost must be a non-negative number, got -1"),
    ("spill", "x", "spill must be a number, got the text 'x'"),
])
def test_mix_arguments_validated_by_name(name, value, fragment):
    kw = {**KW, name: value}
    with pytest.raises(InputError) as exc:
        iv.cheapest_mix("mandated", **kw)
    assert str(exc.value).startswith("cheapest_mix: ") and fragment in str(exc.value)
