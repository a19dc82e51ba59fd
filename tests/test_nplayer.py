"""Every mixed equilibrium of N-player games (govgames.games.nplayer).

Checked against a published count (McKelvey and McLennan 1997), an independent brute-force
solver (sympy's resultant-based ``solve_poly_system`` over every support of 2-strategy games,
with exact best-response checks), pygambit's ``enumpoly`` and ``gnm`` when installed, and exact
certification of every profile returned.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame
from govgames.games.errors import InputError
from govgames.games.nplayer import (bezout_number, candidate_supports, enumerate_equilibria,
                                    enumeration_cost, logit_path_equilibrium, regret,
                                    too_large_reason)
from govgames.games.solve import nash_equilibria

F = Fraction


def mckelvey_mclennan() -> NormalFormGame:
    """The 2x2x2 game of McKelvey and McLennan (1997) with nine equilibria, two totally mixed
    (as distributed with Gambit)."""
    P = np.zeros((3, 2, 2, 2), dtype=int)
    P[:, 0, 0, 0] = 9, 8, 12
    P[:, 1, 1, 0] = 9, 8, 2
    P[:, 0, 1, 1] = 3, 4, 6
    P[:, 1, 0, 1] = 3, 4, 6
    return NormalFormGame(P)


def nau_game() -> NormalFormGame:
    """2x2x2 example of Nau, Gomez Canovas and Hansen (2004), as distributed with Gambit: three
    pure equilibria and a continuum of totally mixed ones."""
    P = np.zeros((3, 2, 2, 2), dtype=int)
    P[:, 0, 0, 0] = 0, 0, 2
    P[:, 1, 0, 0] = 3, 0, 0
    P[:, 0, 1, 0] = 0, 3, 0
    P[:, 0, 0, 1] = 1, 1, 0
    P[:, 1, 1, 1] = 0, 0, 3
    return NormalFormGame(P)


def exact_regret(game: NormalFormGame, profile) -> Fraction:
    """Largest gain from a pure deviation, in exact rational arithmetic."""
    P = game.exact_payoffs()
    xs = [np.array([F(x) for x in p], dtype=object) for p in profile]
    worst = F(0)
    for i in range(game.n_players):
        vals = P[i]
        for j in reversed(range(game.n_players)):
            if j != i:
                vals = np.tensordot(vals, xs[j], axes=([j], [0]))
        vals = [F(v) for v in np.atleast_1d(vals)]
        cur = sum((v * x for v, x in zip(vals, xs[i])), F(0))
        worst = max(worst, max(vals) - cur)
    return worst


def floats(res):
    return [np.concatenate(e.profile) for e in res.equilibria]


def test_mckelvey_mclennan_nine_equilibria_exact():
    g = mckelvey_mclennan()
    res = enumerate_equilibria(g)
    assert len(res.equilibria) == 9 and not res.components
    totally_mixed = [e for e in res.equilibria if all(len(s) == 2 for s in e.support)]
    assert len(totally_mixed) == 2
    assert sum(e.is_pure for e in res.equilibria) == 4
    got = {tuple(tuple(p) for p in e.exact_profile) for e in res.equilibria}
    assert ((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4))) in got
    assert ((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3))) in got
    for e, p in zip(res.equilibria, res.profiles):
        assert exact_regret(g, e.exact_profile) == 0
        assert p.is_equilibrium(g)
    # pruning never loses an equilibrium
    assert len(enumerate_equilibria(g, prune=False).equilibria) == 9


def test_three_player_matching_pennies_unique():
    g = NormalFormGame.from_function(
        lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    res = enumerate_equilibria(g)
    assert len(res.equilibria) == 1 and not res.components
    assert res.equilibria[0].exact_profile == ((F(1, 2), F(1, 2)),) * 3


def test_irrational_equilibrium_is_certified():
    # a generic 2x2x2 game whose totally mixed equilibria are irrational
    rng = np.random.default_rng(7)
    for _ in range(40):
        g = NormalFormGame(rng.integers(-9, 10, size=(3, 2, 2, 2)))
        res = enumerate_equilibria(g)
        irr = [(e, p) for e, p in zip(res.equilibria, res.profiles) if p.degree > 1]
        if irr:
            break
    assert irr, "no irrational equilibrium in 40 random games"
    e, p = irr[0]
    assert p.is_equilibrium(g)
    assert regret(g.numeric_payoffs(), list(e.profile)) < 1e-12
    assert "algebraic" in e.notes[0]


def test_positive_dimensional_components_reported():
    g = nau_game()
    res = enumerate_equilibria(g)
    pure = sorted(e.pure_profile for e in res.equilibria if e.is_pure)
    assert pure == [("s1", "s2", "s1"), ("s2", "s1", "s1"), ("s2", "s2", "s2")]
    full = [c for c in res.components if all(len(s) == 2 for s in c.support)]
    assert len(full) == 1 and full[0].dimension == 1 and len(full[0].samples) >= 2
    for c in res.components:
        for e in c.samples:
            assert exact_regret(g, e.exact_profile) == 0
    eqs = res.to_list()
    assert eqs.method == "polynomial" and any("continuum" in n for n in eqs.notes)
    # sample points of a continuum are described, not counted as listed equilibria
    assert len(eqs) == len(res.equilibria)


def _sympy_brute_force(game: NormalFormGame) -> list:
    """Every equilibrium of a 2-strategy game, support by support, with sympy's solver."""
    n = game.n_players
    P = game.exact_payoffs()
    p = sp.symbols(f"p0:{n}")  # probability of strategy 0
    out = []
    for kinds in itertools.product((0, 1, "mix"), repeat=n):
        vals = [sp.Integer(1) if k == 0 else sp.Integer(0) if k == 1 else p[i]
                for i, k in enumerate(kinds)]
        xs = [(v, 1 - v) for v in vals]

        def u(i, s):
            tot = sp.Integer(0)
            for prof in itertools.product((0, 1), repeat=n):
                if prof[i] != s:
                    continue
                w = sp.Rational(P[(i,) + prof].numerator, P[(i,) + prof].denominator)
                for j in range(n):
                    if j != i:
                        w = w * xs[j][prof[j]]
                tot += w
            return sp.expand(tot)

        mixed = [i for i, k in enumerate(kinds) if k == "mix"]
        eqs = [u(i, 0) - u(i, 1) for i in mixed]
        if mixed:
            if all(e == 0 for e in eqs):
                return None  # continuum: not handled by the brute force
            sols = sp.solve_poly_system(eqs, *[p[i] for i in mixed])
            if sols is None:
                return None
        else:
            sols = [()]
        for sol in sols:
            sub = dict(zip([p[i] for i in mixed], sol))
            if any(not sp.sympify(v).is_real for v in sol):
                continue
            point = [sp.nsimplify(v.subs(sub)) if v.free_symbols else v for v in vals]
            if any(not (0 < v < 1) for i, v in enumerate(point) if i in mixed):
                continue
            # exact best-response check of the pure players
            xs = [(v, 1 - v) for v in point]
            ok = True
            for i, k in enumerate(kinds):
                if k == "mix":
                    continue
                d = sp.simplify((u(i, 0) - u(i, 1)).subs(sub))
                if (k == 0 and d < 0) or (k == 1 and d > 0):
                    ok = False
            if ok:
                out.append(np.array([float(v) for v in point]))
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-60, 60), min_size=24, max_size=24))
def test_matches_sympy_brute_force_on_2x2x2(entries):
    g = NormalFormGame(np.array(entries).reshape((3, 2, 2, 2)))
    res = enumerate_equilibria(g)
    assume(not res.components)
    ref = _sympy_brute_force(g)
    assume(ref is not None)
    ours = [np.array([e.profile[i][0] for i in range(3)]) for e in res.equilibria]
    assert len(ours) == len(ref)
    for r in ref:
        assert any(np.abs(r - o).max() < 1e-9 for o in ours)
    for e in res.equilibria:
        assert regret(g.numeric_payoffs(), list(e.profile)) < 1e-9


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (3, 3, 2)])
def test_every_pygambit_equilibrium_is_found(shape):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(sum(shape) * 31 + len(shape))
    for _ in range(3):
        P = rng.integers(-20, 21, size=(len(shape),) + shape)
        g = NormalFormGame(P)
        res = enumerate_equilibria(g)
        ours = floats(res) + [np.concatenate(s.profile) for c in res.components for s in c.samples]
        G = gbt.StrategicGame.from_arrays(*[P[i].astype(int) for i in range(len(shape))])
        for solver in (gbt.nash.enumpoly_solve, gbt.nash.gnm_solve):
            for eq in solver(G).equilibria:
                x = np.array([float(v) for pl in G.players for _, v in eq[pl]])
                assert any(np.abs(x - o).max() < 1e-5 for o in ours), (shape, solver, x)


def test_cost_and_refusal():
    assert bezout_number((3, 3, 3)) == 10 and bezout_number((2, 2, 2, 2)) == 9
    assert enumeration_cost((2, 2, 2)).supports == 27
    big = NormalFormGame(np.zeros((3, 7, 7, 7)))
    msg = too_large_reason(big)
    assert msg is not None and "logit" in msg
    with pytest.raises(InputError, match="budget"):
        enumerate_equilibria(big)
    with pytest.raises(InputError, match="budget"):
        nash_equilibria(big, method="polynomial")
    with pytest.raises(InputError, match="unknowns"):
        enumerate_equilibria(NormalFormGame(np.zeros((3, 5, 5, 2))))
    eqs = nash_equilibria(big, method="all")  # falls back to pure equilibria, with the reason
    assert eqs.method == "pure" and "logit" in eqs.notes[0]   # the method that ran


def test_candidate_supports_prune_keeps_equilibrium_supports():
    g = mckelvey_mclennan()
    pruned = set(candidate_supports(g.numeric_payoffs()))
    for e in enumerate_equilibria(g, prune=False).equilibria:
        S = tuple(tuple(k for k, x in enumerate(p) if x > 0) for p in e.exact_profile)
        assert S in pruned


@pytest.mark.parametrize("shape", [(4, 4, 4), (2, 2, 2, 2, 2, 2), (5, 4, 3)])
def test_logit_path_finds_an_equilibrium_of_larger_games(shape):
    rng = np.random.default_rng(len(shape) * 100 + shape[0])
    g = NormalFormGame(rng.normal(size=(len(shape),) + shape))
    e = logit_path_equilibrium(g)
    span = max(np.ptp(g.numeric_payoffs()[i]) for i in range(len(shape)))
    assert regret(g.numeric_payoffs(), list(e.profile)) <= 1e-8 * span
    assert any("logit" in n for n in e.notes)


def test_logit_on_mckelvey_mclennan_is_one_of_the_nine():
    g = mckelvey_mclennan()
    e = logit_path_equilibrium(g)
    assert e.exact_profile is not None and exact_regret(g, e.exact_profile) == 0
    all9 = {tuple(tuple(p) for p in x.exact_profile) for x in enumerate_equilibria(g).equilibria}
    assert tuple(tuple(p) for p in e.exact_profile) in all9


def test_cli_solve_three_players(tmp_path, capsys):
    from govgames.analyses.cli import main
    from govgames.games.io import write_game

    path = write_game(mckelvey_mclennan(), tmp_path / "mm.nfg")
    assert main(["solve", str(path)]) == 0
    out = capsys.readouterr().out
    assert "9 Nash equilibria (method: polynomial)" in out and "2/5" in out
    assert main(["solve", str(path), "--method", "logit"]) == 0
    assert "(method: logit)" in capsys.readouterr().out
    big = write_game(NormalFormGame(np.zeros((3, 7, 7, 7))), tmp_path / "big.nfg")
    code = main(["solve", str(big), "--method", "polynomial"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "logit" in err


# ---------------------------------------------------------------- fast paths checked against
# the exact Groebner-basis solver (solve_support), support by support

def _random_game(draw_shape, entries):
    shape = draw_shape
    n = int(np.prod(shape)) * len(shape)
    return np.array((entries * (n // len(entries) + 1))[:n]).reshape((len(shape),) + shape)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2)]),
       st.lists(st.integers(-4, 4), min_size=8, max_size=40))
def test_linear_supports_match_groebner(shape, entries):
    # small payoff ranges give ties: inconsistent, unique and positive-dimensional systems
    from govgames.games.nplayer.linear import solve_linear_support
    from govgames.games.nplayer.polynomial import solve_support

    P = list(_random_game(shape, entries).astype(object))
    for S in candidate_supports(np.array(P, dtype=float), prune=False):
        fast = solve_linear_support(P, S)
        if fast is None:
            continue
        ref = solve_support(P, S)
        assert fast.dimension == ref.dimension or {fast.dimension, ref.dimension} == {-1, 0} \
            and not ref.points
        assert [p.coordinates for p in fast.points] == [p.coordinates for p in ref.points]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 3, 3), (3, 2, 2, 2)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 3, 100]))
def test_excluded_supports_have_no_equilibrium(shape, seed, span):
    # every exclusion route: the 2x2x2, 3x2x2 and 2x3x3 eliminations and the subdivision
    from govgames.games.nplayer.exclusion import support_excluded
    from govgames.games.nplayer.polynomial import solve_support

    rng = np.random.default_rng(seed)
    P = list(rng.integers(-span, span + 1, size=(len(shape),) + shape).astype(object))
    for S in candidate_supports(np.array(P, dtype=float)):
        if sum(len(s) > 1 for s in S) < 3 or not support_excluded(P, S):
            continue
        ref = solve_support(P, S)
        assert not ref.points, S  # never excludes an equilibrium (nor a continuum sample)


def test_exclusion_changes_no_equilibrium():
    rng = np.random.default_rng(12)
    for shape in [(3, 3, 3), (2, 2, 2, 2), (3, 2, 2, 2)]:
        for span in (2, 100):
            g = NormalFormGame(rng.integers(-span, span + 1, size=(len(shape),) + shape))
            fast, slow = enumerate_equilibria(g), enumerate_equilibria(g, exclude=False)
            assert [p.to_floats() for p in fast.profiles] == [p.to_floats() for p in slow.profiles]
            assert fast.supports_solved == slow.supports_solved
            keep = [c for c in slow.components if c.samples]
            assert [(c.support, c.dimension) for c in fast.components if c.samples] == \
                [(c.support, c.dimension) for c in keep]


def test_fractional_payoffs_take_the_exact_path():
    # non-integer payoffs are read exactly and scaled per player
    g = mckelvey_mclennan()
    h = NormalFormGame(g.numeric_payoffs() / 4 + 0.1)
    a, b = enumerate_equilibria(g), enumerate_equilibria(h)
    assert [e.exact_profile for e in a.equilibria] == [e.exact_profile for e in b.equilibria]
    assert b.equilibria[0].exact_payoffs == tuple(F(x) / 4 + F(1, 10)
                                                 for x in a.equilibria[0].exact_payoffs)


def _horner_arb_eval(q, x):
    """The former ball evaluation of algebraic.py (Horner's rule in Python), as reference."""
    import flint

    acc = flint.arb(0)
    for c in reversed(q.coeffs()):
        acc = acc * x + flint.arb(c)
    return acc


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-10 ** 30, 10 ** 30), st.integers(1, 10 ** 20)),
                min_size=1, max_size=12),
       st.fractions(min_value=-3, max_value=3, max_denominator=10 ** 6),
       st.sampled_from([53, 64, 128, 256]))
def test_arb_eval_encloses_exact_value_like_horner(coeffs, x, prec):
    import flint

    from govgames.games.nplayer.algebraic import _arb_eval

    q = flint.fmpq_poly([flint.fmpq(a, b) for a, b in coeffs])
    exact = sum(F(a, b) * x ** k for k, (a, b) in enumerate(coeffs))
    old = flint.ctx.prec
    try:
        flint.ctx.prec = prec
        xb = flint.arb(flint.fmpq(x.numerator, x.denominator))
        new, ref = _arb_eval(q, xb), _horner_arb_eval(q, xb)
        ex = flint.arb(flint.fmpq(exact.numerator, exact.denominator))
        assert new.overlaps(ex) and new.overlaps(ref)
        if prec >= 128 and exact != 0:
            assert float(new.mid()) == float(ref.mid()) == float(exact)
    finally:
        flint.ctx.prec = old


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 2, 2), (3, 2, 2)])
def test_arb_polynomial_path_matches_horner_path_on_random_games(shape, monkeypatch):
    """Old (Python Horner) and new (Arb polynomial) ball evaluation give identical output."""
    from govgames.games.nplayer import algebraic

    rng = np.random.default_rng(sum(shape) * 7 + len(shape))
    games = [NormalFormGame(rng.integers(-100, 101, size=(len(shape),) + shape))
             for _ in range(8)]
    new = [enumerate_equilibria(g) for g in games]
    monkeypatch.setattr(algebraic, "_arb_eval", _horner_arb_eval)
    old = [enumerate_equilibria(g) for g in games]
    n_irrational = 0
    for a, b in zip(new, old):
        assert a.profiles == b.profiles
        for ea, eb in zip(a.equilibria, b.equilibria, strict=True):
            assert np.concatenate(ea.profile).tolist() == np.concatenate(eb.profile).tolist()
            assert np.asarray(ea.payoffs, dtype=float).tolist() == \
                np.asarray(eb.payoffs, dtype=float).tolist()
            assert str(ea) == str(eb)
        n_irrational += sum(p.degree > 1 for p in a.profiles)
    assert n_irrational > 0  # the algebraic (ball) path was exercised


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 3, 3)]),
       st.integers(0, 2 ** 32 - 1))
def test_newton_evaluation_matches_tensordot(shape, seed):
    """The batched evaluation of the Newton heuristic (Jacobian columns as differences) equals
    the equations and the analytic Jacobian contracted with tensordot."""
    from govgames.games.nplayer.exclusion import SupportBoxes

    rng = np.random.default_rng(seed)
    P = list(rng.integers(-100, 101, size=(len(shape),) + shape))
    S = tuple(tuple(sorted(rng.choice(a, size=rng.integers(1, a + 1), replace=False)))
              for a in shape)
    sb = SupportBoxes(P, S)
    assume(sb.nvars > 0 and sb.rows)
    y = rng.random(sb.nvars) * 0.5
    F, J, slack, x = sb._evaluate(y)

    def contract(C, xs, skip=None):
        for pos in reversed(range(len(xs))):
            if pos != skip:
                C = np.tensordot(C, xs[pos], axes=([pos + 1], [0]))
        return C

    refF, refJ, refS = [], [], []
    for r in sb.rows:
        xs = [x[o] for o in r.others]
        val = contract(r.full, xs)
        refF.append(val[:r.n_eq])
        refS.append(val[r.n_eq:])
        jac = np.zeros((r.n_eq, sb.nvars))
        for m, o in enumerate(r.others):
            D = contract(r.full[:r.n_eq], xs, m)
            a = sb.offsets[o]
            jac[:, a:a + sb.sizes[o] - 1] = D[:, 1:] - D[:, :1]
        refJ.append(jac)
    np.testing.assert_allclose(F, np.concatenate(refF), atol=1e-9)
    np.testing.assert_allclose(J, np.vstack(refJ), atol=1e-9)
    np.testing.assert_allclose(slack, np.concatenate(refS), atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 19), st.integers(1, 4), st.integers(0, 2 ** 32 - 1))
def test_range_over_axis1_equals_numpy_min_max(b, v, k, seed):
    from govgames.games.nplayer.exclusion import _range_over_axis1

    vals = np.random.default_rng(seed).normal(size=(b, v, k))
    low, high = _range_over_axis1(vals)
    assert np.array_equal(low, vals.min(axis=1)) and np.array_equal(high, vals.max(axis=1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-40, 40), min_size=2, max_size=7).filter(lambda c: c[-1] != 0))
def test_unit_interval_root_filter_never_hides_a_root(coeffs):
    # the Descartes test that skips root isolation: False only when no root lies in [0, 1]
    import flint

    from govgames.games.nplayer.exclusion import _may_have_root_in_unit_interval

    if not _may_have_root_in_unit_interval(flint.fmpz_poly(coeffs)):
        x = sp.Symbol("x")
        assert sp.Poly(list(reversed(coeffs)), x).count_roots(0, 1) == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-30, 30), min_size=2, max_size=3).filter(lambda c: c[-1] != 0))
def test_closed_form_real_roots_match_arb(coeffs):
    # degree one and two: the discriminant and closed formula against Arb's root finder
    import flint

    from govgames.games.nplayer.exclusion import _arb_precision, _real_roots

    Q = flint.fmpz_poly(coeffs)
    with _arb_precision(128):
        fast = _real_roots(Q)
        ref = [r.real for r, _ in Q.complex_roots() if r.imag.is_zero()]
    assert len(fast) == len(ref)
    for r in fast:
        assert sum(1 for s in ref if r.overlaps(s)) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (3, 3, 2)]), st.integers(0, 2**32 - 1),
       st.sampled_from([2, 100]))
def test_trace_formula_matches_krylov_solve(shape, seed, span):
    # the rational univariate representation by traces equals the Krylov-matrix solution
    import flint

    from govgames.games.nplayer.polynomial import (IndifferenceSystem, _squarefree,
                                                   _trace_coordinates)

    rng = np.random.default_rng(seed)
    P = list(rng.integers(-span, span + 1, size=(len(shape),) + shape).astype(object))
    system = IndifferenceSystem(P, tuple(tuple(range(a)) for a in shape))
    G = system.groebner(system.equations)
    assume(system.dimension(G)[0] == 0)
    basis = system.standard_monomials(G)
    mats = system.multiplication_matrices(G, basis)
    D = len(basis)
    Mt = flint.fmpq_mat(D, D)
    for k, Mk in enumerate(mats):
        Mt = Mt + Mk * (k + 1)
    chi = Mt.charpoly()
    assume(_squarefree(chi).degree() == D)
    cols = [flint.fmpq_mat(D, 1)]
    cols[0][basis.index((0,) * system.nvars), 0] = 1
    for _ in range(D - 1):
        cols.append(Mt * cols[-1])
    K = flint.fmpq_mat([[c[r, 0] for c in cols] for r in range(D)])
    R = flint.fmpq_mat([[(Mk * cols[0])[r, 0] for Mk in mats] for r in range(D)])
    X = K.solve(R)
    ref = [flint.fmpq_poly([X[r, k] for r in range(D)]) for k in range(len(mats))]
    assert _trace_coordinates(mats, basis, Mt, chi) == ref


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2)]), st.integers(0, 2**32 - 1))
def test_weak_dominance_machine_integers_match_exact_objects(shape, seed):
    from govgames.games.nplayer.supports import support_weakly_dominated

    rng = np.random.default_rng(seed)
    P = rng.integers(-2, 3, size=(len(shape),) + shape)
    for S in candidate_supports(P.astype(float), prune=False):
        assert support_weakly_dominated(list(P), S) == \
            support_weakly_dominated(list(P.astype(object)), S)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 3, 3)]),
       st.integers(0, 2**32 - 1))
def test_contraction_keeps_every_equilibrium(shape, seed):
    # boxes of random sizes around each equilibrium with three or more mixing players keep it
    # (and the subdivision still finds the same equilibria: test_float_path_*)
    from govgames.games.nplayer.exclusion import SupportBoxes

    rng = np.random.default_rng(seed)
    P = rng.integers(-100, 101, size=(len(shape),) + shape)
    for e in enumerate_equilibria(NormalFormGame(P), rational=False).equilibria:
        x = [np.asarray(p, dtype=float) for p in e.profile]
        S = tuple(tuple(int(s) for s in np.flatnonzero(p > 0)) for p in x)
        if sum(len(s) > 1 for s in S) < 3:
            continue
        sb = SupportBoxes(list(P), S)
        y = np.concatenate([x[i][list(S[i][1:])] for i in sb.mixed])
        for radius in (1e-9, 1e-3, 0.1, 1.0):
            lo = np.clip(y - radius * rng.random(y.size), 0, 1)[None]
            hi = np.clip(y + radius * rng.random(y.size), 0, 1)[None]
            clo, chi = sb.contract(lo, hi)
            assert (clo[0] <= y + 1e-12).all() and (y - 1e-12 <= chi[0]).all()
            assert (clo >= lo).all() and (chi <= hi).all()


def _assert_matches_groebner(solver, shape, seed, span):
    """``solver`` (an elimination for one shape of support) gives, on every support of a random
    integer game where it applies, what the Groebner path gives: dimension, counts, the points
    to 40 digits and the rational points exactly."""
    from govgames.games.nplayer.polynomial import solve_support

    rng = np.random.default_rng(seed)
    P = list(rng.integers(-span, span + 1, size=(len(shape),) + shape).astype(object))
    for S in candidate_supports(np.array(P, dtype=float), prune=False):
        fast = solver(P, S)
        if fast is None:
            continue
        ref = solve_support(P, S)
        assert fast.dimension == ref.dimension
        assert (fast.n_complex, fast.multiple, fast.tight) == \
            (ref.n_complex, ref.multiple, ref.tight)
        assert sorted(str(p.evalf(40)) for p in fast.points) == \
            sorted(str(p.evalf(40)) for p in ref.points)
        assert sorted(str(p.coordinates) for p in fast.points if p.degree == 1) == \
            sorted(str(p.coordinates) for p in ref.points if p.degree == 1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (3, 2, 2, 2)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 5, 100]))
def test_binary_triple_matches_groebner(shape, seed, span):
    # small payoff ranges give ties: spurious roots of the denominators, double roots,
    # continua (left to the Groebner path) and rational or quadratic equilibria
    from govgames.games.nplayer.binary import solve_binary_triple

    _assert_matches_groebner(solve_binary_triple, shape, seed, span)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(3, 2, 2), (3, 3, 2), (2, 3, 2), (3, 2, 2, 2)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 5, 100]))
def test_two_binary_one_ternary_matches_groebner(shape, seed, span):
    from govgames.games.nplayer.binary import solve_two_binary_one_ternary

    _assert_matches_groebner(solve_two_binary_one_ternary, shape, seed, span)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2, 2), (3, 2, 2, 2), (2, 2, 3, 2), (2, 2, 2, 2, 1)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 5, 100]))
def test_binary_quadruple_matches_groebner(shape, seed, span):
    # four binary mixers: the resultant's extraneous factors (roots of the cleared
    # denominators) dropped, double roots and continua (small spans) left to Groebner
    from govgames.games.nplayer.quadruple import solve_binary_quadruple

    _assert_matches_groebner(solve_binary_quadruple, shape, seed, span)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(3, 2, 2, 2), (2, 3, 2, 2), (2, 2, 2, 3), (3, 2, 2, 2, 1),
                        (4, 2, 2, 2)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 5, 100]))
def test_ternary_and_binaries_matches_groebner(shape, seed, span):
    # one ternary and three binary mixers: the same equilibria as the Groebner path (points to
    # 40 digits, rational ones exactly), and never a finite answer where the Groebner path
    # samples a continuum of equilibria (double roots and continua are left to it)
    from govgames.games.nplayer.polynomial import solve_support
    from govgames.games.nplayer.ternary_binaries import _ternary_and_binaries

    rng = np.random.default_rng(seed)
    P = list(rng.integers(-span, span + 1, size=(len(shape),) + shape).astype(object))
    for S in candidate_supports(np.array(P, dtype=float), prune=False):
        fast = _ternary_and_binaries(P, S)
        if fast is None:
            continue
        ref = solve_support(P, S)
        assert fast.dimension <= 0 and (ref.dimension <= 0 or not ref.points)
        assert sorted(str(p.evalf(40)) for p in fast.points) == \
            sorted(str(p.evalf(40)) for p in ref.points)
        assert sorted(str(p.coordinates) for p in fast.points if p.degree == 1) == \
            sorted(str(p.coordinates) for p in ref.points if p.degree == 1)


def test_ternary_and_binaries_decides_generic_games():
    # on generic 3x2x2x2 games the elimination decides the full support (no Groebner basis)
    from govgames.games.nplayer.polynomial import solve_support
    from govgames.games.nplayer.ternary_binaries import _ternary_and_binaries

    S = ((0, 1, 2), (0, 1), (0, 1), (0, 1))
    for seed in range(8):
        P = list(np.random.default_rng(seed).integers(-100, 101, size=(4, 3, 2, 2, 2)))
        fast, ref = _ternary_and_binaries(P, S), solve_support(P, S)
        assert fast is not None and fast.dimension <= 0
        assert sorted(str(p.evalf(30)) for p in fast.points) == \
            sorted(str(p.evalf(30)) for p in ref.points)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(3, 3, 3), (3, 3, 3, 1), (3, 3, 3, 2), (4, 3, 3)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 5, 100]))
def test_ternary_triple_matches_groebner(shape, seed, span):
    # three players mixing three strategies each: rank-deficient points of the Cramer
    # systems, extraneous factors and continua (small spans) left to Groebner when undecided
    from govgames.games.nplayer.ternary import solve_ternary_triple

    _assert_matches_groebner(solve_ternary_triple, shape, seed, span)


def test_ternary_triple_finds_totally_mixed_equilibria():
    from govgames.games.nplayer.ternary import solve_ternary_triple
    from govgames.games.nplayer.polynomial import solve_support

    rng = np.random.default_rng(2026)
    found = 0
    for _ in range(12):
        P = list(rng.integers(-100, 101, size=(3, 3, 3, 3)).astype(object))
        fast, ref = solve_ternary_triple(P, ((0, 1, 2),) * 3), solve_support(P, ((0, 1, 2),) * 3)
        assert fast is not None and (fast.n_complex, fast.tight) == (ref.n_complex, ref.tight)
        assert sorted(str(p.evalf(40)) for p in fast.points) == \
            sorted(str(p.evalf(40)) for p in ref.points)
        found += len(fast.points)
    assert found > 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["quadruple", "ternary"]), st.integers(0, 2**32 - 1),
       st.sampled_from([1, 2, 3, 100]))
def test_eliminations_skipping_factors_keep_the_equilibria(which, seed, span):
    # enumerate_equilibria's variant (counts=False) skips the factors whose roots cannot give
    # an equilibrium: the same points as the Groebner path, and never a finite answer where
    # the Groebner path samples a continuum of equilibria
    from govgames.games.nplayer.quadruple import _binary_quadruple
    from govgames.games.nplayer.ternary import _ternary_triple
    from govgames.games.nplayer.polynomial import solve_support

    solver, shape = ((_binary_quadruple, (3, 2, 2, 2)) if which == "quadruple" else
                     (_ternary_triple, (3, 3, 3, 2)))
    rng = np.random.default_rng(seed)
    P = list(rng.integers(-span, span + 1, size=(len(shape),) + shape).astype(object))
    for S in candidate_supports(np.array(P, dtype=float), prune=False):
        fast = solver(P, S, False)
        if fast is None:
            continue
        ref = solve_support(P, S)
        assert fast.dimension <= 0 and (ref.dimension <= 0 or not ref.points)
        assert sorted(str(p.evalf(40)) for p in fast.points) == \
            sorted(str(p.evalf(40)) for p in ref.points)
        game = NormalFormGame(np.array(P, dtype=float))
        assert all(p.is_equilibrium(game) for p in fast.points)  # exactly, no tolerance


def test_binary_quadruple_decides_generic_games():
    # with payoffs in -100..100 the elimination decides the totally mixed support itself
    from govgames.games.nplayer.quadruple import solve_binary_quadruple
    from govgames.games.nplayer.polynomial import solve_support

    rng = np.random.default_rng(12)
    for _ in range(5):
        P = list(rng.integers(-100, 101, size=(4, 2, 2, 2, 2)).astype(object))
        fast, ref = solve_binary_quadruple(P, ((0, 1),) * 4), solve_support(P, ((0, 1),) * 4)
        assert fast is not None and fast.n_complex == ref.n_complex
        assert sorted(str(p.evalf(40)) for p in fast.points) == \
            sorted(str(p.evalf(40)) for p in ref.points)


def test_binary_triple_splits_factored_equations():
    # McKelvey-McLennan: each player's equation is a product of two linear factors
    from govgames.games.nplayer.binary import solve_binary_triple

    P = list(mckelvey_mclennan().payoff_array.astype(int).astype(object))
    sol = solve_binary_triple(P, ((0, 1),) * 3)
    assert sol is not None and sol.dimension == 0 and sol.n_complex == 2
    got = {tuple(tuple(c[0] for c in row) for row in p.coordinates) for p in sol.points}
    assert got == {((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4))),
                   ((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3)))}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-10 ** 300, 10 ** 300), st.integers(1, 10 ** 300)),
                min_size=1, max_size=8), st.integers(64, 256))
def test_arb_poly_of_fractions_equals_exact_conversion(coeffs, prec):
    # the enclosures of algebraic profiles: balls of n / d without a second gcd, the same as
    # the balls of the exact rationals
    import flint

    from govgames.games.nplayer.algebraic import _arb_poly
    from govgames.games.nplayer.exclusion import _arb_precision

    cs = [F(n, d) for n, d in coeffs]
    x = flint.arb(F(1, 3).numerator) / 3
    with _arb_precision(prec):
        got = _arb_poly(cs)(x)
        ref = flint.arb_poly(flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator)
                                              for c in cs]))(x)
    assert got.overlaps(ref) and got.rad() <= 2 * ref.rad() + flint.arb(2) ** (-prec)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(3, 3, 2), (2, 3, 3), (3, 3, 3), (4, 4, 2), (3, 3, 2, 2)]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 5, 100]))
def test_binary_and_pair_matches_groebner(shape, seed, span):
    from govgames.games.nplayer.binary import solve_binary_and_pair

    _assert_matches_groebner(solve_binary_and_pair, shape, seed, span)
