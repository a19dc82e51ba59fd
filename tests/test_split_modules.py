"""Modules with one job: the split readers, entry rules and club stability functions agree with
the names kept at the old paths, and the exact trees of entry conditions agree with the sympy
front end of the same whitelist parser."""
import warnings
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.errors import InputError
from govgames.games.expr import exact_tree, parse_comparison, parse_expression, parse_syntax


# ------------------------------------------------------------------ old paths keep every name
def test_old_module_paths_keep_their_names():
    import govgames.games.io as gio
    import govgames.games.io_json as gjson
    import govgames.games.nfg as gnfg
    import govgames.networks.entry as entry
    from govgames.networks import builders, entry_rules
    assert gio.parse_nfg is gnfg.parse_nfg and gio.game_from_json is gjson.game_from_json
    assert entry.EntryRule is entry_rules.EntryRule
    assert entry.gravity_linkage is builders.gravity_linkage
    for name in gio.__all__:
        assert hasattr(gio, name), name
    for name in entry.__all__:
        assert hasattr(entry, name), name


def test_json_bulk_integer_reader_agrees_with_the_exact_reader(monkeypatch):
    import govgames.games.io_json as gjson
    rng = np.random.default_rng(3)
    A, B = (rng.integers(-2**52, 2**52, (120, 100)).tolist() for _ in range(2))
    obj = {"type": "normal_form", "players": ["A", "B"],
           "strategies": [[f"s{i}" for i in range(120)], [f"t{j}" for j in range(100)]],
           "payoffs": [A, B]}
    fast = gjson.game_from_json(obj)
    calls = []
    monkeypatch.setattr(gjson, "_integer_tables", lambda *a: calls.append(1))
    slow = gjson.game_from_json(obj)
    assert calls  # the exact path really ran
    assert np.array_equal(fast.numeric_payoffs(), slow.numeric_payoffs())


# ------------------------------------------------------------------ club stability functions
@pytest.fixture
def club():
    from govgames.networks import Club
    G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2}), ("C", "D", {"weight": 1})])
    return Club(["A", "B"], "linkage >= 1", G)


@pytest.mark.parametrize("name, args, kwargs", [
    ("individual_rationality", (), {}), ("internal_stability", (), {}),
    ("is_individually_rational", (), {}), ("is_internally_stable", (), {}),
    ("expansion", (), {}), ("external_stability", (), {}),
    ("is_externally_stable", (), {"consent": True}), ("is_stable", (), {}),
    ("core_check", (), {}), ("expand", (), {}), ("reachable_stable_clubs", (), {}),
    ("threshold_sweep", ("linkage", [1, 2, 3]), {}), ("summary", (), {}),
])
def test_deprecated_methods_warn_and_give_what_the_functions_give(club, name, args, kwargs):
    from govgames.networks import club_stability
    new = getattr(club_stability, name)(club, *args, **kwargs)
    with pytest.warns(DeprecationWarning, match=f"club_stability.{name}"):
        old = getattr(club, name)(*args, **kwargs)
    if hasattr(new, "equals"):
        assert new.equals(old)
    elif hasattr(new, "in_core"):
        assert (new.in_core, new.blocking, new.deficit) == (old.in_core, old.blocking, old.deficit)
    else:
        assert new == old


def test_old_club_keyword_is_the_new_members_argument(club):
    from govgames.networks.club_stability import internal_stability
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old = club.internal_stability(club=["A", "B", "C"])
    assert old.equals(internal_stability(club, ["A", "B", "C"]))
    assert list(old.index) == ["A", "B", "C"]


def test_stability_by_hand_on_a_path(club):
    from govgames.networks.club_stability import expand, is_internally_stable, is_stable
    # A-B members: shares 2, 2 (half of the link each); C gains 1 by joining: not stable
    assert is_internally_stable(club) and not is_stable(club)
    final, path = expand(club)
    assert sorted(final) == ["A", "B", "C", "D"] and path == ["C", "D"]


# ------------------------------------------------------------------ one whitelist parser
def _exact_value(tree, env):
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "name":
        return env[tree[1]]
    if kind == "neg":
        inner = _exact_value(tree[1], env)
        return None if inner is None else -inner
    a, b = _exact_value(tree[2], env), _exact_value(tree[3], env)
    if a is None or b is None or (tree[1] == "/" and b == 0):
        return None  # division by zero at this point
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[tree[1]]


_leaf = st.one_of(st.sampled_from(["x", "y"]),
                  st.integers(-50, 50).map(str),
                  st.sampled_from(["0.1", "2.5", "1e-3", "7"]))
_expr = st.recursive(_leaf, lambda e: st.one_of(
    st.tuples(e, st.sampled_from(["+", "-", "*", "/"]), e).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
    e.map(lambda s: f"-{s}")), max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(_expr, st.fractions(-20, 20, max_denominator=7), st.fractions(-20, 20, max_denominator=7))
def test_exact_tree_agrees_with_the_sympy_front_end(text, x, y):
    src, node = parse_syntax(text, where="t", max_length=2000, invalid="?")
    tree = exact_tree(node, src, where="t", allowed="arithmetic")
    exact = _exact_value(tree, {"x": x, "y": y})
    try:
        expr = parse_expression(text, ["x", "y"])
    except InputError:  # a division by a constant zero: the exact tree divides by zero too
        assert exact is None or "/" in text
        return
    value = expr.subs({sp.Symbol("x", real=True): sp.Rational(x.numerator, x.denominator),
                       sp.Symbol("y", real=True): sp.Rational(y.numerator, y.denominator)})
    if exact is None or value.has(sp.zoo, sp.nan):
        return
    assert Fraction(int(value.p), int(value.q)) == exact


@pytest.mark.parametrize("text, message", [
    ("u", "is not a comparison"), ("1 < u < 2", "chained comparisons"),
    ("u != 1", "operator NotEq is not allowed"), ("u >= f(1)", "found a Call element"),
    ("u >= a.b", "found a Attribute element"), ("u >= g[1]", "key is not a quoted city"),
    ("u >= True", "the constant True"),
])
def test_parse_comparison_refuses_with_a_named_reason(text, message):
    with pytest.raises(InputError, match=message):
        parse_comparison(text, where="c", max_length=99, invalid="not valid",
                         allowed="arithmetic")
