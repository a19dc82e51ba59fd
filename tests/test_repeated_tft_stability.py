"""Collective stability of Tit for Tat against an independent best-response computation."""
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import InputError
from govgames.games.repeated import tit_for_tat_threshold


def best_reply_value(T, R, P, S, w):
    """Best discounted payoff against Tit for Tat: TFT's next move is the state (C or D); solve
    the 2-state decision problem exactly over its 4 stationary policies (Fractions)."""
    reward = {("C", "C"): R, ("C", "D"): T, ("D", "C"): S, ("D", "D"): P}
    best = None
    for pol in product("CD", repeat=2):
        act = dict(zip("CD", pol))
        # V(s) = r(s, a) + w V(a): two linear equations
        a_c, a_d = act["C"], act["D"]
        # solve by substitution
        # V_C = r(C,a_c) + w V_{a_c};  V_D = r(D,a_d) + w V_{a_d}
        rc, rd = reward[("C", a_c)], reward[("D", a_d)]
        if a_c == "C" and a_d == "D":
            vc, vd = rc / (1 - w), rd / (1 - w)
        elif a_c == "C" and a_d == "C":
            vc = rc / (1 - w)
            vd = rd + w * vc
        elif a_c == "D" and a_d == "D":
            vd = rd / (1 - w)
            vc = rc + w * vd
        else:  # C -> D, D -> C
            vc = (rc + w * rd) / (1 - w * w)
            vd = rd + w * vc
        best = vc if best is None else max(best, vc)
    return best


@settings(max_examples=60)
@given(st.lists(st.integers(0, 20), min_size=4, max_size=4, unique=True),
       st.integers(1, 99))
def test_threshold_matches_best_reply(pay, w100):
    S, P, R, T = sorted(Fraction(x) for x in pay)
    w = Fraction(w100, 100)
    stable = best_reply_value(T, R, P, S, w) <= R / (1 - w)
    assert stable == (w >= Fraction(str(tit_for_tat_threshold(T, R, P, S))))


def test_axelrod_payoffs_and_errors():
    assert str(tit_for_tat_threshold(5, 3, 1, 0)) == "2/3"
    with pytest.raises(InputError, match="needs T > R"):
        tit_for_tat_threshold(3, 3, 1, 0)


def test_discretised_cournot_refused_quickly_with_hint():
    import time

    import numpy as np

    from govgames.games import NormalFormGame, pure_nash_equilibria
    from govgames.games.repeated import critical_discount_factor
    q = np.linspace(0, 4.5, 19)  # 19 x 19 discretised Cournot, a = 10, b = 1, c = 1
    Q1, Q2 = np.meshgrid(q, q, indexing="ij")
    P = np.array([(9 - Q1 - Q2) * Q1, (9 - Q1 - Q2) * Q2])
    g = NormalFormGame(P)
    coll = (int(np.argmin(abs(q - 2.25))),) * 2
    t = time.process_time()
    with pytest.raises(InputError, match="19x19 stage game.*collusion_threshold"):
        critical_discount_factor(g, coll)
    assert time.process_time() - t < 1
    # the hinted route works: an explicit pure stage equilibrium
    nash = pure_nash_equilibria(g)[0]
    res = critical_discount_factor(g, coll, punishment=nash)
    assert 0 < float(res.delta) < 1
