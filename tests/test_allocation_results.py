"""One allocation type for values, the core family's shapes, and Harsanyi dividends."""

import json
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from govgames.networks import (Allocation, CoalitionalGame, Dividends, InputError, SampledValue,
                               banzhaf_value, harsanyi_dividends, in_core, least_core,
                               linkage_shapley_value, myerson_value, nash_bargaining_split,
                               nucleolus, owen_value, proportional_split, shapley_value)


def _glove():
    return CoalitionalGame.from_function("ABC", lambda S: float("A" in S and ("B" in S or "C" in S)))


def test_every_value_function_returns_one_allocation_type():
    g = _glove()
    G = nx.path_graph(["A", "B", "C"])
    results = {
        "exact": [shapley_value(g), banzhaf_value(g), owen_value(g, [["A"], ["B", "C"]]),
                  myerson_value(g, G, method="exact"), nucleolus(g), least_core(g).allocation],
        "sampled": [shapley_value(g, method="sample", n_samples=200, seed=1),
                    banzhaf_value(g, method="sample", n_samples=200, seed=1)],
    }
    for r in results["exact"] + [linkage_shapley_value(G), proportional_split(3, {"A": 1, "B": 2}),
                                 nash_bargaining_split(g)]:
        assert isinstance(r, Allocation) and isinstance(r, dict)
        assert r.std_errors is None and r.exact and isinstance(r.method, str)
        df = r.to_frame()
        assert df.columns.tolist() == ["payoff"] and list(df.index) == list(r)
        assert r.to_series().tolist() == pytest.approx([float(v) for v in r.values()])
        assert "<table" in r._repr_html_()
        json.dumps(r)                       # still plain JSON
    for r in results["sampled"]:
        assert isinstance(r, SampledValue) and isinstance(r, Allocation) and not r.exact
        assert set(r.std_errors) == set(r)
        assert r.to_frame().columns.tolist() == ["payoff", "std_error"]
    # values unchanged by the new type
    assert dict(shapley_value(g)) == pytest.approx({"A": 2 / 3, "B": 1 / 6, "C": 1 / 6})


def test_sampled_values_attribute_is_a_deprecated_alias():
    est = shapley_value(_glove(), method="sample", n_samples=400, seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        total = sum(est.values())           # the mapping method: no warning
    with pytest.warns(DeprecationWarning, match="mapping method"):
        assert est.values["A"] == est["A"]
    with pytest.warns(DeprecationWarning):
        assert sum(est.values.values()) == pytest.approx(total)
    assert est == SampledValue(dict(est), est.std_errors, est.n_samples)
    assert est != SampledValue(dict(est), {p: 0.0 for p in est}, est.n_samples)


def test_in_core_frame_has_one_row_per_player_with_blocking_info():
    g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    r = in_core(g, {"A": 0.5, "B": 0.5, "C": 0.0})
    df = r.to_frame()
    assert df.shape == (3, 2) and df["payoff"].tolist() == [0.5, 0.5, 0.0]
    assert df["in_blocking"].tolist() == [p in r.blocking for p in "ABC"]
    assert r.allocation == {"A": 0.5, "B": 0.5, "C": 0.0}
    ok = in_core(CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3}), [2, 1]).to_frame()
    assert not ok["in_blocking"].any() and ok.attrs["in_core"] is True


def test_core_family_is_consistent():
    g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    nu, lc = nucleolus(g), least_core(g)
    assert nu.allocation is nu and nu.to_frame().attrs["domain"] == "imputation"
    eps, x = lc
    assert x is lc.allocation and isinstance(x, Allocation) and x.method == "least core"
    assert dict(nu) == pytest.approx(dict(x))
    for f in (least_core, nucleolus):
        with pytest.raises(InputError, match="rational=True is not available"):
            f(g, rational=True)
        assert f(g, rational=False) is not None


def test_dividends_are_one_type_and_rebuild_the_game():
    rng = np.random.default_rng(4)
    vals = {",".join(S): float(rng.integers(0, 9)) for k in (1, 2, 3)
            for S in __import__("itertools").combinations("ABC", k)}
    g = CoalitionalGame.from_dict(vals)
    d = harsanyi_dividends(g)
    assert isinstance(d, Dividends) and isinstance(d, dict) and d.array.shape == (8,)
    for m in range(8):                      # v(S) = sum of the dividends of the subsets of S
        assert g.values[m] == pytest.approx(sum(d.array[t] for t in range(8) if t & m == t))
    assert {S: v for S, v in d.items()} == {g.coalition(m): d.array[m]
                                            for m in range(8) if abs(d.array[m]) > 1e-12}
    assert np.asarray(d).tolist() == d.array.tolist()
    df = d.to_frame()
    assert isinstance(df, pd.DataFrame) and df["dividend"].sum() == pytest.approx(d.array.sum())
    with pytest.warns(DeprecationWarning, match="as_dict"):
        assert harsanyi_dividends(g, as_dict=True) == d
    with pytest.warns(DeprecationWarning):
        assert d[[1, 2]].tolist() == d.array[[1, 2]].tolist()


def test_power_indices_are_allocations_naming_the_index():
    from fractions import Fraction

    from govgames.networks import banzhaf_index, shapley_shubik_index
    bz = banzhaf_index([4, 2, 1], 5)
    raw = banzhaf_index([4, 2, 1], 5, normalized=False, rational=True)
    ss = shapley_shubik_index([4, 2, 1], 5, rational=True)
    for r in (bz, raw, ss):
        assert isinstance(r, Allocation) and r.std_errors is None and r.exact
        assert r.to_frame().columns.tolist() == ["payoff"] and "<table" in r._repr_html_()
    assert bz.method == "banzhaf index (normalised)" and raw.method == "banzhaf index (raw)"
    assert ss.method == "shapley-shubik index"
    # values unchanged: counted by hand (swings 3, 1, 1 of 4 coalitions; pivots 4, 1, 1 of 6)
    assert bz == {"P1": 0.6, "P2": 0.2, "P3": 0.2}
    assert raw == {"P1": Fraction(3, 4), "P2": Fraction(1, 4), "P3": Fraction(1, 4)}
    assert ss == {"P1": Fraction(2, 3), "P2": Fraction(1, 6), "P3": Fraction(1, 6)}
    g = CoalitionalGame.from_function("ABC", lambda S: float("A" in S and len(S) >= 2))
    assert banzhaf_value(g, normalized=True).method == "exact (normalised)"
    assert banzhaf_value(g).method == "exact"


def test_allocations_of_the_glove_game_show_no_negative_zero():
    import math
    g = _glove()
    lc, nu = least_core(g), nucleolus(g)
    assert dict(lc.allocation) == {"A": 1.0, "B": 0.0, "C": 0.0} == dict(nu)
    for x in [*lc.allocation.values(), *nu.values(), lc.epsilon]:
        assert math.copysign(1.0, x) == 1.0 or x != 0
    assert "-0" not in repr(lc) + repr(nu) + lc.to_frame().to_string()
    assert math.copysign(1.0, Allocation({"A": -0.0})["A"]) == 1.0
    assert Allocation({"A": -2.5})["A"] == -2.5


def test_deprecated_values_attribute_warns_on_every_access():
    est = shapley_value(_glove(), method="sample", n_samples=40, seed=1)
    uses = {
        "index": lambda: est.values["A"],
        "in": lambda: "A" in est.values,
        "len": lambda: len(est.values),
        "get": lambda: est.values.get("A"),
        "iter": lambda: list(est.values),
        "dict": lambda: dict(est.values),
        "items": lambda: list(est.values.items()),
        "keys": lambda: list(est.values.keys()),
        "copy": lambda: est.values.copy(),
        "eq": lambda: est.values == dict(est),
        "repr": lambda: repr(est.values),
        "bool": lambda: bool(est.values),
    }
    for name, use in uses.items():
        for _ in range(3):                  # every time, not only the first
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                use()
            dep = [w for w in caught if issubclass(w.category, DeprecationWarning)]
            assert len(dep) >= 1, name
            assert "mapping method" in str(dep[0].message), name
    # the answers are still those of the old dict attribute
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert est.values.get("A") == est["A"] and len(est.values) == len(est)
        assert "B" in est.values and dict(est.values) == dict(est)
    # the mapping method itself never warns
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert list(est.values()) == list(dict.values(est))
