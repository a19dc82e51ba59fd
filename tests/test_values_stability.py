"""Core membership, least core, nucleolus: unit checks and input errors."""

import numpy as np
import pytest

from govgames.games.errors import InputError
from govgames.networks import (CoalitionalGame, core_is_nonempty, excesses, in_core, is_convex,
                      is_efficient, is_individually_rational, is_superadditive, least_core,
                      nash_bargaining_split, nucleolus, proportional_split, shapley_value)


def test_in_core_reports_blocking_coalition_and_efficiency():
    g = CoalitionalGame.from_dict({"A": 1, "B": 1, "C": 1, "A,B": 4, "A,C": 4, "B,C": 4,
                                   "A,B,C": 6})
    ok = in_core(g, [2, 2, 2])
    assert ok and ok.efficient and ok.blocking is None
    bad = in_core(g, {"A": 4, "B": 1, "C": 1})
    assert not bad and bad.blocking == frozenset({"B", "C"}) and bad.max_excess == 2
    waste = in_core(g, [2, 2, 1])
    assert not waste and not waste.efficient


def test_excesses_vector():
    g = CoalitionalGame.from_dict({"A": 1, "B": 2, "A,B": 5})
    assert excesses(g, [2, 3]).tolist() == [0, -1, -1, 0]


def test_least_core_imputation_domain_and_errors():
    g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    eps, x = least_core(g, domain="imputation")
    assert eps == pytest.approx(1 / 3)
    with pytest.raises(InputError, match="domain"):
        least_core(g, domain="bogus")
    h = CoalitionalGame.from_dict({"A": 2, "B": 2, "A,B": 3})
    with pytest.raises(InputError, match="imputation set is empty"):
        nucleolus(h)
    assert list(nucleolus(h, domain="pre").values()) == pytest.approx([1.5, 1.5])
    with pytest.raises(InputError, match="method"):
        nucleolus(g, method="x")


def test_core_nonempty_for_convex_game():
    g = CoalitionalGame.from_function(range(6), lambda S: len(S) ** 2)
    assert is_convex(g) and core_is_nonempty(g)
    assert in_core(g, shapley_value(g))


def test_nucleolus_symmetric_game_is_equal_split():
    g = CoalitionalGame.from_function(range(7), lambda S: len(S) ** 1.5)
    assert list(nucleolus(g).values()) == pytest.approx([7 ** 1.5 / 7] * 7)
    assert list(nucleolus(g, method="cg").values()) == pytest.approx([7 ** 1.5 / 7] * 7)


def test_nucleolus_larger_n_uses_constraint_generation_consistently():
    rng = np.random.default_rng(9)
    n = 13
    v = rng.uniform(0, 1, 1 << n) * np.array([bin(m).count("1") for m in range(1 << n)])
    g = CoalitionalGame(range(n), v)
    a = nucleolus(g, domain="pre", method="full")
    b = nucleolus(g, domain="pre", method="cg")
    assert a == pytest.approx(b, abs=1e-7)
    assert sum(b.values()) == pytest.approx(g.grand_value)


def test_efficiency_rationality_checks():
    g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    assert is_efficient(g, {"A": 2, "B": 1}) and not is_efficient(g, [1, 1])
    assert is_individually_rational(g, [1, 2]) and not is_individually_rational(g, [0.5, 2.5])
    with pytest.raises(InputError, match="unknown player"):
        is_efficient(g, {"A": 2, "Z": 1})
    with pytest.raises(InputError, match="no value for player 'B'"):
        in_core(g, {"A": 3})


def test_superadditive_and_convex_on_larger_game():
    rng = np.random.default_rng(1)
    n = 14                                   # 3**14 pairs, checked in chunks
    w = rng.uniform(0, 1, n)
    g = CoalitionalGame.from_function(range(n), lambda S: sum(w[i] for i in S) ** 2)
    assert is_superadditive(g) and is_convex(g)
    v = g.values.copy()
    v[(1 << 13) | 1] -= 1.0                  # break it for one pair
    h = CoalitionalGame(range(n), v)
    assert not is_superadditive(h) and not is_convex(h)


def test_simple_splits():
    g = CoalitionalGame.from_dict({"Up": 1, "Down": 2, "Up,Down": 9})
    assert proportional_split(g, {"Up": 1, "Down": 2}) == {"Up": 3.0, "Down": 6.0}
    assert nash_bargaining_split(g, disagreement=[0, 0]) == {"Up": 4.5, "Down": 4.5}
    with pytest.raises(InputError, match="no gains"):
        nash_bargaining_split(g, disagreement=[5, 5])
    with pytest.raises(InputError, match="not all be zero"):
        proportional_split(10, [0, 0])
    with pytest.raises(InputError, match="non-negative"):
        proportional_split(10, [1, -1])


def test_the_memory_refusal_of_the_core_family_names_a_limit_it_keeps_and_no_missing_method():
    from govgames.networks import least_core, nucleolus
    g = CoalitionalGame.from_function([f"P{i}" for i in range(30)],
                                      lambda S: float(len(S) >= 16), tabulate=False)
    for f in (least_core, nucleolus):
        with pytest.raises(InputError) as info:
            f(g)
        msg = str(info.value)
        # the 2 GiB memory budget holds 2**28 values of 8 bytes: 28 players fit, 30 do not
        assert "(at most 28 players)" in msg and f.__name__ in msg
        assert "method='sample'" not in msg and "tabulate=False" not in msg
    small = CoalitionalGame.from_function([f"P{i}" for i in range(12)], lambda S: 1.0,
                                          tabulate=False, max_bytes=8 * 2**11)
    with pytest.raises(InputError, match=r"\(at most 11 players\)"):
        small.to_exact()
