"""Leader–follower games and minimal intervention, checked against closed forms and brute force."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame, nash_equilibria
from govgames.games.errors import InputError
from govgames.games.extensive.leader import (minimal_intervention, stackelberg_continuous,
                                             stackelberg_mixed, stackelberg_pure)
from govgames.games.verify import is_equilibrium_exact


def test_stackelberg_duopoly_linear_demand():
    a, b, c, q1, q2 = sp.symbols("a b c q1 q2", positive=True)
    price = a - b * (q1 + q2)
    r = stackelberg_continuous((price - c) * q1, (price - c) * q2, q1, q2)
    assert sp.simplify(r.commitment[q1] - (a - c) / (2 * b)) == 0
    assert sp.simplify(r.response[q2] - (a - c) / (4 * b)) == 0
    assert sp.simplify(r.payoffs[0] - (a - c) ** 2 / (8 * b)) == 0
    assert sp.simplify(r.payoffs[1] - (a - c) ** 2 / (16 * b)) == 0


def test_stackelberg_continuous_needs_concavity():
    x, y = sp.symbols("x y")
    with pytest.raises(InputError, match="follower's payoff is not shown concave"):
        stackelberg_continuous(x * y, y ** 2, x, y)


def test_pure_selection_optimistic_vs_pessimistic():
    # after "Up" the follower is indifferent; the selection decides what the leader gets
    g = NormalFormGame([[[3, 0], [1, 1]], [[1, 1], [0, 2]]], players=["L", "F"],
                       strategies=[["Up", "Down"], ["Left", "Right"]])
    opt = stackelberg_pure(g, selection="optimistic")
    pes = stackelberg_pure(g, selection="pessimistic")
    assert (opt.commitment, opt.response, opt.payoffs) == ("Up", ("Left",), (3, 1))
    assert (pes.commitment, pes.response, pes.payoffs) == ("Down", ("Right",), (1, 2))
    rule = stackelberg_pure(g, selection=lambda game, eqs: eqs[-1])
    assert rule.response in [("Right",), ("Right",)]
    with pytest.raises(InputError, match="unknown selection"):
        stackelberg_pure(g, selection="random")


def test_pure_commitment_three_players_followers_play_equilibrium():
    # the centre commits to Audit or Not; two cities then play a game with a pure equilibrium
    P = np.zeros((3, 2, 2, 2), dtype=object)
    for s, a, b in itertools.product(range(2), repeat=3):
        fine = 2 if s == 0 else 0
        ua = (3 if b == 0 else 0) - (1 if a == 0 else 0) - (fine if a == 1 else 0)
        ub = (3 if a == 0 else 0) - (1 if b == 0 else 0) - (fine if b == 1 else 0)
        P[1][s, a, b], P[2][s, a, b] = ua, ub
        P[0][s, a, b] = 2 * ((a == 0) + (b == 0)) - (1 if s == 0 else 0)
    g = NormalFormGame(P, players=["Centre", "A", "B"],
                       strategies=[["Audit", "Not"], ["Abate", "Pollute"], ["Abate", "Pollute"]])
    r = stackelberg_pure(g, "Centre")
    assert r.commitment == "Audit" and r.response == ("Abate", "Abate") and r.payoffs[0] == 3


def _vertices_best(A, B):
    """Brute force: every vertex of {x in simplex : j best response}, exact; best leader value."""
    m, k = A.shape
    best = None
    for j in range(k):
        cons = [([B[i, l] - B[i, j] for i in range(m)], Fraction(0)) for l in range(k) if l != j]
        cons += [([-Fraction(int(i == r)) for i in range(m)], Fraction(0)) for r in range(m)]
        for rows in itertools.combinations(range(len(cons)), m - 1):
            M = sp.Matrix([[1] * m] + [[sp.Rational(str(v)) for v in cons[r][0]] for r in rows])
            if M.rank() < m:
                continue
            sol = M.LUsolve(sp.Matrix([1] + [0] * (m - 1)))
            x = [Fraction(int(v.p), int(v.q)) for v in sol]
            if all(sum(a * v for a, v in zip(row, x)) <= b for row, b in cons):
                val = sum(x[i] * A[i, j] for i in range(m))
                best = val if best is None else max(best, val)
    return best


@settings(max_examples=30)
@given(seed=st.integers(0, 10**6), m=st.integers(2, 3), k=st.integers(2, 3))
def test_mixed_commitment_against_vertex_enumeration(seed, m, k):
    rng = np.random.default_rng(seed)
    P = rng.integers(-3, 4, size=(2, m, k))
    g = NormalFormGame(P)
    r = stackelberg_mixed(g)
    A = np.array([[Fraction(int(v)) for v in row] for row in P[0]], dtype=object)
    B = np.array([[Fraction(int(v)) for v in row] for row in P[1]], dtype=object)
    assert r.payoffs[0] == _vertices_best(A, B)
    x = r.commitment
    assert sum(x) == 1 and min(x) >= 0
    j = g.strategies[1].index(r.response)
    fol = [sum(x[i] * B[i, l] for i in range(m)) for l in range(k)]
    assert fol[j] == max(fol)
    # commitment never hurts: at least the pure commitment and every Nash equilibrium
    assert r.payoffs[0] >= stackelberg_pure(g).payoffs[0]
    for e in nash_equilibria(g):
        assert float(r.payoffs[0]) >= float(e.payoffs[0]) - 1e-9
    # the leader as the column player of the transposed game gets the same value
    h = NormalFormGame(np.stack([P[1].T, P[0].T]))
    assert stackelberg_mixed(h, leader=1).payoffs[1] == r.payoffs[0]


def pd(T=4, R=3, P=1, S=0):
    return NormalFormGame([[[R, S], [T, P]], [[R, T], [S, P]]], players=["A", "B"],
                          strategies=[["Abate", "Pollute"]] * 2)


def test_minimal_intervention_prisoners_dilemma():
    g = pd()
    subsidy = lambda i, p: 1 if p[i] == 0 else 0
    fine = lambda i, p: -1 if p[i] == 1 else 0
    r = minimal_intervention(g, ["Abate", "Abate"], {"subsidy": subsidy, "fine": fine},
                             cost={"subsidy": 2, "fine": 1})
    assert r.exact and r.levels == {"subsidy": 0, "fine": 1} and r.cost == 1
    assert is_equilibrium_exact(r.game, [[1, 0], [1, 0]])
    assert sorted(r.binding) == ["A to Pollute", "B to Pollute"]
    # a strict margin and a cap on the fine: the subsidy covers the rest
    r2 = minimal_intervention(g, ["Abate", "Abate"], {"subsidy": subsidy, "fine": fine},
                              cost={"subsidy": 2, "fine": 1}, bounds={"fine": (0, "1/2")},
                              margin="1/4")
    assert r2.levels == {"subsidy": Fraction(3, 4), "fine": Fraction(1, 2)}
    assert r2.cost == Fraction(2)
    with pytest.raises(InputError, match="no levels of fine within the bounds"):
        minimal_intervention(g, ["Abate", "Abate"], {"fine": fine}, cost={"fine": 1},
                             bounds={"fine": (0, "1/2")})


@settings(max_examples=30)
@given(seed=st.integers(0, 10**6))
def test_minimal_intervention_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    P = rng.integers(-4, 5, size=(2, 2, 2))
    g = NormalFormGame(P)
    D1 = rng.integers(-2, 3, size=(2, 2, 2))
    D2 = rng.integers(-2, 3, size=(2, 2, 2))
    costs = {"u": int(rng.integers(1, 4)), "v": int(rng.integers(1, 4))}
    try:
        r = minimal_intervention(g, [0, 0], {"u": D1, "v": D2}, cost=costs,
                                 bounds={"u": (0, 5), "v": (0, 5)})
    except InputError as exc:
        assert "no levels" in str(exc)
        # brute force on a fine grid finds nothing either
        grid = [Fraction(k, 4) for k in range(21)]
        for u, v in itertools.product(grid, grid):
            Q = P + u * D1 + v * D2
            assert not (Q[0][0, 0] >= Q[0][1, 0] and Q[1][0, 0] >= Q[1][0, 1])
        return
    assert r.exact
    u, v = r.levels["u"], r.levels["v"]
    Q = P + u * D1 + v * D2
    assert Q[0][0, 0] >= Q[0][1, 0] and Q[1][0, 0] >= Q[1][0, 1]
    # no vertex of the feasible polygon is cheaper (exact enumeration of 2x2 intersections)
    cons = [([D1[0][1, 0] - D1[0][0, 0], D2[0][1, 0] - D2[0][0, 0]], P[0][0, 0] - P[0][1, 0]),
            ([D1[1][0, 1] - D1[1][0, 0], D2[1][0, 1] - D2[1][0, 0]], P[1][0, 0] - P[1][0, 1]),
            ([-1, 0], 0), ([0, -1], 0), ([1, 0], 5), ([0, 1], 5)]
    for (a, b1), (c, b2) in itertools.combinations(cons, 2):
        det = a[0] * c[1] - a[1] * c[0]
        if det == 0:
            continue
        x = Fraction(int(b1 * c[1] - a[1] * b2), int(det))
        y = Fraction(int(a[0] * b2 - b1 * c[0]), int(det))
        if all(row[0] * x + row[1] * y <= bb for row, bb in cons):
            assert costs["u"] * x + costs["v"] * y >= r.cost
