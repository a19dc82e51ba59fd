"""Hostile and unusual input: bounded work, exact answers near ties, safe files, one-line errors.

Regression tests for the inputs of issue 18, grouped by kind, plus a bounded hypothesis fuzz of
the readers asserting that only :class:`~govgames.games.errors.InputError` escapes.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from govgames.games.errors import InputError


# ----------------------------------------------------------------------------- zero fitness
def _moran_exact(A, a, b, N, w):
    """Fixation probability by solving the absorption equations of the birth-death chain exactly
    (an independent method: a linear system over the rationals, not the product formula)."""
    A = [[Fraction(x) for x in row] for row in A]
    w = Fraction(w)
    h = sp.symbols(f"h0:{N + 1}")
    eqs = [sp.Eq(h[0], 0), sp.Eq(h[N], 1)]
    for j in range(1, N):
        pa = (A[a][a] * (j - 1) + A[a][b] * (N - j)) / (N - 1)
        pb = (A[b][a] * j + A[b][b] * (N - j - 1)) / (N - 1)
        f, g = 1 - w + w * pa, 1 - w + w * pb
        tot = j * f + (N - j) * g
        up = Fraction(j * f, tot) * Fraction(N - j, N)
        down = Fraction((N - j) * g, tot) * Fraction(j, N)
        eqs.append(sp.Eq(h[j], sp.Rational(up.numerator, up.denominator) * h[j + 1]
                         + sp.Rational(down.numerator, down.denominator) * h[j - 1]
                         + (1 - sp.Rational(up.numerator, up.denominator)
                            - sp.Rational(down.numerator, down.denominator)) * h[j]))
    sol = sp.solve(eqs, h, dict=True)[0]
    return sol[h[1]]


@pytest.mark.parametrize("A, N, w", [
    ([[3, 0], [5, 1]], 4, 1),      # the issue's example: 0 and 55/83
    ([[3, 0], [5, 1]], 7, 1),
    ([[2, 0], [3, 0]], 5, 1),      # the residents' fitness vanishes too
    ([[3, 0], [5, 1]], 6, Fraction(1, 2)),
])
def test_fixation_with_zero_fitness_matches_exact_chain(A, N, w):
    from govgames.games.repeated.dynamics import fixation_probability
    for a, b in ((0, 1), (1, 0)):
        try:
            expected = _moran_exact(A, a, b, N, w)
        except (IndexError, KeyError):  # the chain is not absorbed: fixation impossible
            expected = 0
        got = fixation_probability(A, a, b, N, float(w))
        assert got == pytest.approx(float(expected), abs=1e-12), (a, b)


def test_issue_fixation_values():
    from govgames.games.repeated.dynamics import fixation_probability, simulate_fixation
    A = [[3, 0], [5, 1]]
    assert fixation_probability(A, 0, 1, 4, 1.0) == 0.0
    assert fixation_probability(A, 1, 0, 4, 1.0) == pytest.approx(55 / 83, abs=1e-14)
    assert simulate_fixation(A, 0, 1, 4, 1.0, runs=50, seed=0) == (0.0, 0.0)
    est, se = simulate_fixation(A, 1, 0, 4, 1.0, runs=4000, seed=0)
    assert abs(est - 55 / 83) < 5 * se


def test_moran_zero_fitness_and_refusals():
    from govgames.games.repeated.dynamics import fixation_probability, moran_process
    r = moran_process([[3, 0], [5, 1]], [3, 3], selection=1.0, seed=1)
    assert r.winner == "s2"
    with pytest.raises(InputError, match="non-negative"):
        fixation_probability([[-1, 0], [5, 1]], 0, 1, 4, 1.0)
    with pytest.raises(InputError, match="fitness 0"):
        fixation_probability([[0, 0], [0, 0]], 0, 1, 4, 1.0)


# ----------------------------------------------------------------------------- time bound
class _TooSlow(Exception):
    pass


@pytest.fixture
def within():
    """``with within(seconds):`` fails the test when the block runs longer (SIGALRM)."""
    import contextlib
    import signal

    @contextlib.contextmanager
    def limit(seconds=5):
        def handler(signum, frame):
            raise _TooSlow(f"took more than {seconds} s")
        old = signal.signal(signal.SIGALRM, handler)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return limit


# ----------------------------------------------------------------------------- kind 1: numbers
def _json_game(entry, params=None):
    return {"type": "normal_form", "players": ["A", "B"], "strategies": [["x", "y"], ["x", "y"]],
            "parameters": params if params is not None else {"b": None},
            "payoffs": {"A": [[entry, 0], [0, 0]], "B": [[0, 0], [0, 0]]}}


@pytest.mark.parametrize("entry, message", [
    ("1e-999999999", "too small"),
    ("1e999999999", "too large"),
    ("-1e999999999", "too large"),
    ("1e999", "too large"),
    ("1.7e308", "too large"),
    ("1/" + "0" * 5000, "longer than"),
    ("1/" + "7" * 1000, "too large"),
    ("exp(exp(exp(exp(10))))", "exp of a number above"),
    ("54**0.9000000000001", "fractional exponent"),
    ("2**1e-999999999", "too small"),
    ("b + sqrt(-1)", "not a real number"),
    ("b*log(0)", "not a finite real number"),
    ("b/(1-1)", "division by zero"),
    ("(-8)**(1/3)", "not a real number"),
    ("1e-400 + b", "too small"),
])
def test_astronomical_numbers_refused_quickly(within, entry, message):
    from govgames.games.io import game_from_json
    with within(3), pytest.raises(InputError, match=message) as info:
        game_from_json(_json_game(entry), source="g.json")
    assert str(info.value).startswith("g.json: payoffs.A[0][0]") and "\n" not in str(info.value)


@pytest.mark.parametrize("value", ["1e-999999999", "1e999999999", "1e999"])
def test_astronomical_parameters_weights_quotas_thresholds(within, value):
    from govgames.games.io import game_from_json
    from govgames.networks.coalitional import CoalitionalGame
    from govgames.networks.entry import EntryRule
    with within(3):
        with pytest.raises(InputError, match="parameters.b"):
            game_from_json(_json_game("b", {"b": value}))
        with pytest.raises(InputError, match=r"weights\[0\]"):
            CoalitionalGame.weighted_voting([value, 1], 1)
        with pytest.raises(InputError, match="quota"):
            CoalitionalGame.weighted_voting([1, 1], value)
        with pytest.raises(InputError, match="too (small|large)"):
            EntryRule.from_json({"rule": {"all_of": [f"urbanization >= {value}"]}})
        with pytest.raises(InputError, match="too (small|large)"):
            EntryRule.from_json({"rule": "x >= t", "parameters": {"t": value}})


def test_json_number_below_float_range_is_not_a_tie():
    """1e-400 next to 0 was read as 0.0 and a non-equilibrium was listed as one."""
    from govgames.games.io import game_from_json, parse_json_text
    text = ('{"players": ["A", "B"], "strategies": [["x", "y"], ["x"]], '
            '"payoffs": {"A": [[0], [1e-400]], "B": [[0], [0]]}}')
    with pytest.raises(InputError, match=r"payoffs.A\[1\]\[0\].*1e-400.*too small"):
        game_from_json(parse_json_text(text), source="t.json")
    ok = game_from_json(parse_json_text(text.replace("1e-400", "1e-300")))
    from govgames.games import is_equilibrium_exact
    assert ok.exact_payoffs()[0, 1, 0] == Fraction(1, 10**300)
    assert not is_equilibrium_exact(ok, ("x", "x"))
    assert is_equilibrium_exact(ok, ("y", "x"))


@pytest.mark.parametrize("token", ["1e-999999999", "1e999999999", "1e999", "9" * 400])
def test_nfg_astronomical_token(within, token):
    from govgames.games.io import parse_nfg
    with within(3), pytest.raises(InputError, match=r"x.nfg: line 2: .*(too|long)"):
        parse_nfg('NFG 1 R "x" { "A" "B" } { 1 1 }\n' + token + " 2", source="x.nfg")


def test_exact_rational_matches_fraction_within_bounds():
    from hypothesis import given, settings, strategies as st
    from govgames.games.numbers import exact_rational

    @settings(max_examples=200, deadline=None)
    @given(st.integers(-10**30, 10**30), st.integers(0, 40), st.integers(-200, 200),
           st.booleans())
    def check(m, k, e, with_exp):
        digits = str(abs(m))
        text = ("-" if m < 0 else "") + (digits[:-k] or "0") + "." + digits[-k:].rjust(k, "0") \
            if k else str(m)
        if with_exp:
            text += f"e{e}"
        assert exact_rational(text) == Fraction(text)

    check()


# ----------------------------------------------------------------------------- kind 7: Gambit labels
def test_nfg_empty_and_repeated_labels_made_unique_as_gambit_does():
    from govgames.games.io import parse_nfg
    # players unnamed (older Gambit), strategies repeated, one already using the suffix
    g = parse_nfg('NFG 1 R "sww" { "" "" }\n{ { "" "" } { "x" "x" "x_1" } }\n""\n'
                  "1 2 3 4 5 6 7 8 9 10 11 12", source="sww.nfg")
    assert g.players == ("_1", "_2")
    assert g.strategies == (("_1", "_2"), ("x_2", "x_3", "x_1"))
    assert any("renamed as Gambit does" in note for note in g.notes)
    assert g.payoff(("_2", "x_1")).tolist() == [11.0, 12.0]
    assert parse_nfg('NFG 1 R "" { "A" "B" } { 1 1 }\n1 2').notes == ()


@pytest.mark.parametrize("written, label", [
    (r'"say \"hi\""', 'say "hi"'),
    (r'"C:\temp"', "C:\\temp"),
    (r'"a\b\"c"', 'a\\b"c'),
    ('""', "_1"),
])
def test_nfg_backslash_as_gambit_reads_it(written, label):
    from govgames.games.io import game_to_nfg, parse_nfg
    g = parse_nfg(f'NFG 1 R "t" {{ {written} "B" }} {{ 1 1 }}\n1 2')
    assert g.players[0] == label
    assert parse_nfg(game_to_nfg(g)).players == g.players  # written back as Gambit reads it


# ----------------------------------------------------------------------------- kind 6: one line
def _cli(capsys, *argv):
    from govgames.analyses.cli import main
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _one_safe_line(err):
    assert err.endswith("\n") and err.count("\n") == 1, err[:300]
    assert "\x1b" not in err and "\r" not in err
    err.encode("utf-8")  # no lone surrogate


@pytest.mark.parametrize("name", ["A\nB", "A\x1b[31mRED", "A\rB", "A\ud800", "A\u2028B"])
def test_cli_names_with_control_characters_print_one_safe_line(tmp_path, capsys, name):
    import json
    f = tmp_path / "g.json"
    obj = {"players": [name, name], "strategies": [["x"], ["y"]],
           "payoffs": {name: [[1]]}}
    f.write_text(json.dumps(obj))
    code, out, err = _cli(capsys, "solve", str(f))
    assert code == 2 and out == ""
    _one_safe_line(err)
    assert str(f) in err


def test_cli_huge_token_is_truncated_with_its_length(tmp_path, capsys):
    f = tmp_path / "g.nfg"
    f.write_text('NFG 1 R "x" { "A" "B" } { 1 1 }\n' + "x" * 1_000_000 + " 2\n")
    code, out, err = _cli(capsys, "solve", str(f))
    assert code == 2
    _one_safe_line(err)
    assert len(err) < 1000 and "characters)" in err and str(f) in err


def test_cli_file_name_too_long(tmp_path, capsys):
    code, out, err = _cli(capsys, "solve", str(tmp_path / ("a" * 5000 + ".json")))
    assert code == 2
    _one_safe_line(err)


def test_cli_non_finite_result_is_refused_not_printed_as_nan(tmp_path, capsys):
    import json
    f = tmp_path / "v.json"
    f.write_text(json.dumps({"type": "coalitional", "players": ["A", "B"],
                             "values": {"A": 1e308, "B": -1e308, "A,B": 1e308}}))
    code, out, err = _cli(capsys, "value", str(f), "--solution", "banzhaf", "--json")
    assert "NaN" not in out and "Infinity" not in out
    if code == 0:
        json.loads(out)
    else:
        assert code == 2
        _one_safe_line(err)


def test_one_line_escapes_and_truncates():
    from govgames.analyses.cli import one_line
    assert one_line("a\nb\x1b[0m\x00") == "a\\nb\\x1b[0m\\x00"
    s = one_line("é" * 10_000, limit=100)
    assert len(s) <= 100 and s.endswith("(10000 characters)")


# ----------------------------------------------------------------------------- kind 2: budget
def test_vertex_enumeration_of_15x400_refused_at_once(within):
    from govgames.games import NormalFormGame, nash_equilibria
    from govgames.games.budget import BudgetError, budget
    g = NormalFormGame(np.random.default_rng(0).integers(0, 9, (2, 15, 400)).astype(float))
    with within(3), pytest.raises(BudgetError, match=r"lemke_howson\(game\) finds one"):
        nash_equilibria(g)
    small = NormalFormGame(np.random.default_rng(1).integers(0, 9, (2, 6, 6)).astype(float))
    with budget(max_work=10), pytest.raises(BudgetError, match="GOVGAMES_MAX_WORK"):
        nash_equilibria(small)
    with budget(max_work=float("inf")):
        assert len(nash_equilibria(small)) >= 1


def test_vertex_bound_matches_brute_force_counts():
    """The upper bound theorem against the vertices of cubes and simplices (exact counts)."""
    from govgames.games.budget import polytope_vertex_bound
    assert polytope_vertex_bound(3, 6) == 8            # cube
    assert polytope_vertex_bound(3, 4) == 4            # simplex
    assert polytope_vertex_bound(2, 7) == 7            # heptagon
    # cyclic-polytope duals: h-vector formula for d = 4, k = 8 gives 20
    assert polytope_vertex_bound(4, 8) == 20


def test_large_payoff_list_nfg_read_in_bulk_and_solved_for_pure(tmp_path, capsys, within):
    n = 1000  # the issue used 1800x1800; kept smaller for the suite
    rng = np.random.default_rng(2)
    f = tmp_path / "big.nfg"
    f.write_text(f'NFG 1 R "big" {{ "A" "B" }} {{ {n} {n} }}\n'
                 + " ".join(map(str, rng.integers(0, 100, 2 * n * n))) + "\n")
    with within(15):
        code, out, err = _cli(capsys, "solve", str(f), "--method", "pure", "--json")
    assert code == 0, err


def test_nfg_followed_by_junk_refused_before_memory_runs_out(within):
    from govgames.games.io import parse_nfg
    head = 'NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7 8 '
    with within(10), pytest.raises(InputError, match="found 2000008|budget"):
        parse_nfg(head + "7 " * 2_000_000)
    with within(10), pytest.raises(InputError, match="budget|expected"):
        parse_nfg(head + "junk " * 600_000)


@pytest.mark.parametrize("case, params, name", [
    ("trust", {"repetitions": 100_000_000}, "repetitions"),
    ("club", {"sweep_points": 1_000_000_000}, "sweep_points"),
])
def test_case_parameters_estimated_before_work(within, case, params, name):
    import importlib
    from govgames.games.budget import BudgetError
    mod = importlib.import_module(f"govgames.analyses.{case}")
    with within(20), pytest.raises(BudgetError, match=name):
        mod.run(**params)


def test_weighted_voting_keeps_callers_exact_and_budgets_the_count_table(within):
    from govgames.games.budget import BudgetError
    from govgames.networks.coalitional import CoalitionalGame
    from govgames.networks.voting import banzhaf_index
    assert CoalitionalGame.weighted_voting([1] * 29, 15).is_exact is False
    assert CoalitionalGame.weighted_voting([1] * 5, 3, tabulate=False).is_exact is False
    assert CoalitionalGame.weighted_voting([1] * 5, 3).is_exact is True
    with within(10):
        b = banzhaf_index([1] * 100, 51)
    assert sum(b.values()) == pytest.approx(1.0)
    with within(3), pytest.raises(BudgetError, match="tabulate=True"):
        banzhaf_index([5e7, 5e7, 1], 5e7 + 1, method="dp")
    with within(3):        # few players: the coalitions enumerated instead (s22-fix)
        assert banzhaf_index([5e7, 5e7, 1], 5e7 + 1, rational=True)["P3"] == Fraction(1, 3)


# ----------------------------------------------------------------------------- kind 5: files
def test_report_never_writes_through_or_deletes_user_files(tmp_path):
    from govgames.analyses.report import build_report
    out = tmp_path / "r"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / "index.html.tmp").symlink_to(victim)          # a user's link named like a temp file
    (out / ".govgames-write-test").write_text("mine")      # a user's file named like a probe
    path = build_report(out, cases=[])
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert victim.read_text() == "precious"
    assert (out / ".govgames-write-test").read_text() == "mine"
    assert (out / "index.html.tmp").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == [".govgames-write-test", "index.html",
                                                     "index.html.tmp"]


def test_index_html_symlink_is_replaced_only_with_force_and_never_followed(tmp_path):
    from govgames.analyses.report import build_report
    out = tmp_path / "r"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / "index.html").symlink_to(victim)
    with pytest.raises(InputError, match="force"):
        build_report(out, cases=[])
    build_report(out, cases=[], force=True)
    assert victim.read_text() == "precious" and not (out / "index.html").is_symlink()


def test_concurrent_report_runs_into_one_folder_do_not_both_succeed(tmp_path):
    from govgames.analyses.report import build_report
    from govgames.games.files import folder_lock
    out = tmp_path / "r"
    out.mkdir()
    with folder_lock(out):  # another run holds the folder
        with pytest.raises(InputError, match="another govgames run"):
            build_report(out, cases=[])
    assert not (out / "index.html").exists()
    build_report(out, cases=[])  # the lock is released afterwards
    assert not (out / ".govgames.lock").exists()


def test_stale_lock_of_a_finished_process_is_taken_over(tmp_path):
    import subprocess
    import sys
    from govgames.games.files import folder_lock
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (tmp_path / ".govgames.lock").write_text(proc.stdout.strip())
    with folder_lock(tmp_path):
        pass


def test_figures_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "figs"
    code, _, err = _cli(capsys, "analyses", "run", "trust", "--param", "repetitions=2",
                        "--figures", str(out))
    assert code == 0, err
    pngs = sorted(out.glob("*.png"))
    assert pngs
    pngs[0].write_bytes(b"user's own picture")
    code, _, err = _cli(capsys, "analyses", "run", "trust", "--param", "repetitions=2",
                        "--figures", str(out))
    assert code == 2 and "--force" in err
    _one_safe_line(err)
    assert pngs[0].read_bytes() == b"user's own picture"
    code, _, err = _cli(capsys, "analyses", "run", "trust", "--param", "repetitions=2",
                        "--figures", str(out), "--force")
    assert code == 0 and pngs[0].read_bytes().startswith(b"\x89PNG")


def test_write_game_is_atomic_and_refuses_existing(tmp_path):
    from govgames.games import NormalFormGame
    from govgames.games.io import read_game, write_game
    g = NormalFormGame([[[1, 0]], [[0, 1]]])
    target = tmp_path / "g.nfg"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target.symlink_to(victim)
    with pytest.raises(InputError, match="file exists"):
        write_game(g, target)
    write_game(g, target, overwrite=True)
    assert victim.read_text() == "precious" and read_game(target) == g
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nfg", "victim.txt"]


# ----------------------------------------------------------------------------- fuzz
_NFG_PIECES = ['NFG', '1', 'R', 'D', '"', '"x"', '""', '"\\"', '{', '}', ',', '2', '0', '-1',
               '1/0', '1e999999', '1e-99999', '²', '٣', '1.5', '.5', '+', '\\', '\n', ' ',
               '"a\\"b"', '9' * 30, 'nan', 'inf', '\x00', '\ud800', '\x1b[31m']


def _bounded(fn, *args):
    """Call ``fn``: only InputError may escape, within a per-input time bound."""
    import signal

    def handler(signum, frame):
        raise _TooSlow(f"{fn.__name__} took more than 2 s on {args!r:.200}")

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        fn(*args)
    except InputError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message and "\r" not in message, \
            f"{fn.__name__}: not a one-line message: {message!r:.300}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_fuzz_readers_only_input_error_escapes():
    from hypothesis import HealthCheck, given, settings, strategies as st
    from govgames.games.expr import parse_expression
    from govgames.games.io import game_from_json, parse_json_text, parse_nfg
    from govgames.networks.entry import EntryRule
    from govgames.networks.io import parse_game

    fuzz = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))

    @fuzz
    @given(st.lists(st.sampled_from(_NFG_PIECES), max_size=40))
    def nfg(pieces):
        _bounded(parse_nfg, 'NFG 1 R "t" ' + " ".join(pieces))
        _bounded(parse_nfg, " ".join(pieces))

    json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**400, 10**400),
                             st.floats(), st.text(max_size=20),
                             st.sampled_from(["1e-999999999", "1e999", "x**99", "exp(999)",
                                              "b*log(0)", "2**0.1", "-1/0", "max()", "b" * 5]))
    json_values = st.recursive(json_scalars, lambda c: st.one_of(
        st.lists(c, max_size=4), st.dictionaries(st.text(max_size=5), c, max_size=4)),
        max_leaves=20)

    @fuzz
    @given(json_values, st.sampled_from(["players", "strategies", "payoffs", "parameters",
                                         "title", "type"]))
    def json_games(value, key):
        base = {"players": ["A", "B"], "strategies": [["x", "y"], ["x"]],
                "parameters": {"b": None},
                "payoffs": {"A": [[1], [2]], "B": [[0], ["b"]]}}
        base[key] = value
        _bounded(game_from_json, base)
        _bounded(parse_game, base)
        _bounded(parse_game, {"type": "coalitional", "players": ["A", "B"], key: value})
        _bounded(parse_game, {"type": "weighted_voting", "weights": value, "quota": value})

    @fuzz
    @given(st.lists(st.sampled_from(list("bc0123456789.eE+-*/()^, ²") +
                                    ["**", "exp", "log", "sqrt", "min", "max", "1e999",
                                     "1e-999", "0.9000000000001"]), max_size=30))
    def expressions(parts):
        _bounded(parse_expression, "".join(parts), ["b", "c"])

    @fuzz
    @given(st.one_of(st.text(max_size=40), json_values))
    def rules(rule):
        _bounded(EntryRule.from_json, {"rule": rule})
        _bounded(EntryRule.from_json, {"rule": "x >= t", "parameters": {"t": rule}})
        if isinstance(rule, str):
            _bounded(parse_json_text, rule)

    nfg()
    json_games()
    expressions()
    rules()


_EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "reference" / "formats" / "examples"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\S+')
_PIECES = ['{', '}', '"', '""', '"x"', '"a" "a"', '0', '1', '2', '-1', '1/2', '1/0', '1e999',
           '1e-400', 'nan', '²', 'p', 'c', 't', 'NFG', 'EFG', 'R', ',', '\\', '9' * 30,
           '"\x00"', '"\ud800"', '"\x1b[2J"', '"a\nb"']
_BYTES = [b"\xff", b"\xef\xbb\xbf", b"\x00", b"\n", b"{", b"}", b"[", b"]", b'"', b"\\",
          b"1e999", b"\xed\xa0\x80", b",", b":", b"null", b"NaN", b"1e-400", b"-"]


def _mutate(seq, muts, pieces):
    """``seq`` (a list of tokens, or a bytearray) with deletions, duplications, insertions,
    replacements and truncations at the given positions."""
    out = seq[:]
    for pos, op, k in muts:
        piece = pieces[k % len(pieces)]
        i = pos % (len(out) + 1)
        if op == "del":
            del out[i:i + 1]
        elif op == "dup":
            out[i:i] = out[i:i + 1]
        elif op == "ins":
            out[i:i] = piece if isinstance(out, bytearray) else [piece]
        elif op == "rep":
            out[i:i + 1] = piece if isinstance(out, bytearray) else [piece]
        else:
            del out[i:]
    return out


def _json_paths(obj, prefix=()):
    yield prefix
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(
        obj, list) else ()
    for k, v in items:
        yield from _json_paths(v, prefix + (k,))


def test_fuzz_mutated_example_files_every_reader(tmp_path):
    """The files of the format reference, mutated token by token, value by value and byte by
    byte: every reader returns a game or raises a one-line InputError, each within 2 s.

    Readers: games.nfg, games.extensive.efg, games.io_json (normal-form and continuous),
    games.extensive.json_tree, networks.io and networks.entry_json, from objects, from text
    and from files on disk (invalid UTF-8, byte-order marks, NUL, truncation)."""
    import copy
    import json

    from hypothesis import HealthCheck, given, settings, strategies as st

    from govgames.games.extensive.efg import parse_efg, read_efg
    from govgames.games.extensive.json_tree import tree_from_json
    from govgames.games.io import read_game
    from govgames.games.io_json import game_from_json
    from govgames.games.nfg import parse_nfg
    from govgames.networks import io as nio
    from govgames.networks.entry_json import rule_from_json

    fuzz = settings(max_examples=70, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
    mutations = st.lists(st.tuples(st.integers(0, 10 ** 6),
                                   st.sampled_from(["del", "dup", "ins", "rep", "cut"]),
                                   st.integers(0, 100)), max_size=4)
    readers = {"payoff_form.nfg": [parse_nfg], "outcome_form.nfg": [parse_nfg],
               "tree.efg": [parse_efg], "normal_form.json": [game_from_json],
               "continuous.json": [game_from_json], "tree.json": [tree_from_json],
               "coalitional.json": [nio.parse_game], "network.json": [nio.parse_game],
               "weighted_voting.json": [nio.parse_game], "entry_rule.json": [rule_from_json]}
    from_disk = {".nfg": [read_game], ".efg": [read_efg, read_game], ".json": [read_game]}
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20),
                        st.floats(), st.text(max_size=6),
                        st.sampled_from(["1/0", "1e999", "1e-400", "b", "-1", "0", "2/3",
                                         "Shanghai", "Pass", "Entrant", "x >= 1"]))
    values = st.recursive(scalars, lambda c: st.one_of(
        st.lists(c, max_size=3), st.dictionaries(st.text(max_size=4), c, max_size=3)),
        max_leaves=8)

    def structure_fuzz(base, fns):
        paths = list(_json_paths(base))[1:]

        @fuzz
        @given(st.lists(st.tuples(st.integers(0, len(paths) - 1), values), max_size=3))
        def run(muts):
            obj = copy.deepcopy(base)
            for k, value in muts:
                *head, last = paths[k]
                try:
                    node = obj
                    for key in head:
                        node = node[key]
                    node[last] = value
                except (KeyError, IndexError, TypeError):
                    pass                # the path went away with an earlier mutation
            for fn in fns:
                _bounded(fn, obj)
        return run

    def token_fuzz(tokens, fns):
        @fuzz
        @given(mutations)
        def run(muts):
            for fn in fns:
                _bounded(fn, " ".join(_mutate(tokens, muts, _PIECES)))
        return run

    def disk_fuzz(data, name, fns):
        @fuzz
        @given(mutations)
        def run(muts):
            path = tmp_path / name
            path.write_bytes(bytes(_mutate(data, muts, _BYTES)))
            for fn in fns:
                _bounded(fn, path)
        return run

    networks_files = {"coalitional.json": [nio.read_game], "network.json": [nio.read_game],
                      "weighted_voting.json": [nio.read_game],
                      "entry_rule.json": [rule_from_json]}
    for name, fns in readers.items():
        text = (_EXAMPLES / name).read_text(encoding="utf-8")
        if name.endswith(".json"):
            structure_fuzz(json.loads(text), fns)()
        else:
            token_fuzz(_TOKEN.findall(text), fns)()
        disk = networks_files.get(name) or from_disk[Path(name).suffix]
        disk_fuzz(bytearray((_EXAMPLES / name).read_bytes()), name, disk)()


# ----------------------------------------------------------------------------- kind 3: limits
@pytest.mark.parametrize("make, match", [
    (lambda: __import__("govgames.games.io", fromlist=["x"]).parse_nfg(
        'NFG 1 R "x" { "A" "B" } { ² 1 }\n1 2 3 4'), "positive integer, found ²"),
    (lambda: __import__("govgames.games.io", fromlist=["x"]).parse_nfg(
        'NFG 1 R "x" { ' + " ".join(f'"P{i}"' for i in range(65)) + " } { " + "1 " * 65
        + "}\n" + "1 " * 65), "at most 63"),
    (lambda: __import__("govgames.games.io", fromlist=["x"]).game_from_json(
        {"players": [f"P{i}" for i in range(65)], "strategies": [["s"]] * 65, "payoffs": []}),
     "at most 63"),
    (lambda: __import__("govgames.networks.entry", fromlist=["x"]).EntryRule.from_json(
        '{"rule": ' + '{"all_of": [' * 450 + '"x >= 1"' + "]}" * 450 + "}"), "nested"),
])
def test_representation_limits_are_one_line_errors(within, make, match):
    with within(5), pytest.raises(InputError, match=match) as info:
        make()
    assert "\n" not in str(info.value)


def test_payoffs_spanning_1e155_to_1e_155_refused_not_a_traceback():
    from govgames.games import nash_equilibria
    from govgames.games.io import game_from_json
    g = game_from_json({"players": ["A", "B"], "strategies": [["x", "y"], ["x", "y"]],
                        "payoffs": {"A": [[1e155, 1e-155], [0, 1]],
                                    "B": [[1, 0], [1e-155, 1e155]]}})
    with pytest.raises(InputError, match="orders of magnitude"):
        nash_equilibria(g)
    assert len(nash_equilibria(g, method="pure")) == 2


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_csv_data_that_is_not_a_regular_file_is_refused(tmp_path, within, special):
    import os
    from govgames.analyses.base import read_csv_checked
    path = special
    if special == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    with within(3), pytest.raises(InputError, match="not a regular file"):
        read_csv_checked(path, {"city": str}, what="city table")


def test_promotion_large_lam_gives_a_weight_not_a_wrong_parameter_message():
    from govgames.analyses.promotion import critical_weight
    assert critical_weight(2, lam=1e308) == 0.0   # cooperation pays at every weight
    assert critical_weight(2, lam=10.0) == 0.0
    assert 0 < critical_weight(2, lam=0.0) < 1


def test_symbolic_report_of_a_large_symbolic_game_estimated_first(within):
    from govgames.games import NormalFormGame
    from govgames.games.budget import BudgetError
    from govgames.games.symbolic import symbolic_report
    b = sp.Symbol("b", real=True)
    P = np.empty((2, 24, 24), dtype=object)
    for k, idx in enumerate(np.ndindex(2, 24, 24)):
        P[idx] = (k % 7) + (b if k % 2 else 0)
    with within(5), pytest.raises(BudgetError, match="24x24.*subs"):
        symbolic_report(NormalFormGame(P))


# ----------------------------------------------------------------------------- follow-up (QA)
def _pd_json(players, strategies=(("x", "y"), ("x", "y")), title=None):
    obj = {"type": "normal_form", "players": list(players),
           "strategies": [list(s) for s in strategies],
           "payoffs": [[[1, 1], [0, 2]], [[2, 0], [1, 1]]]}
    if title is not None:
        obj["title"] = title
    return obj


@pytest.mark.parametrize("players, strategies", [
    (["A", "B\ud800"], (("x", "y"), ("x", "y"))),
    (["A", "B\nX"], (("x", "y"), ("x", "y"))),
    (["A", "B"], (("x", "y\x1b[2J"), ("x", "y"))),
])
@pytest.mark.parametrize("json_out", [False, True])
def test_cli_json_names_with_surrogates_or_controls_refused_naming_the_player(
        tmp_path, capsys, players, strategies, json_out):
    import json
    f = tmp_path / "s.json"
    f.write_text(json.dumps(_pd_json(players, strategies)))  # ensure_ascii: "\ud800" escaped
    code, out, err = _cli(capsys, "solve", str(f), *(["--json"] if json_out else []))
    assert code == 2 and out == ""
    _one_safe_line(err)
    assert str(f) in err and ("players[1]" in err or "strategies[0][1]" in err)


def _no_raw_controls(text):
    import re
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", text), repr(text[:300])
    text.encode("utf-8")


@pytest.mark.parametrize("json_out", [False, True])
def test_cli_solve_escapes_control_characters_in_nfg_names_and_title(tmp_path, capsys, json_out):
    import json
    f = tmp_path / "esc.nfg"
    f.write_text('NFG 1 R "t\x1b]0;pwned\x07" { "A\x1b[2J" "B\x9b" } { 2 2 }\n1 1 0 2 2 0 1 1\n',
                 encoding="utf-8")
    code, out, err = _cli(capsys, "solve", str(f), *(["--json"] if json_out else []))
    assert code == 0, err
    _no_raw_controls(out)
    _no_raw_controls(err)
    if json_out:  # still valid JSON, the names intact after decoding
        assert json.loads(out)["players"] == ["A\x1b[2J", "B\x9b"]
    else:
        assert "A\\x1b[2J" in out and "t\\x1b]0;pwned\\x07" in out and "B\\u009b" in out


@pytest.mark.parametrize("json_out", [False, True])
@pytest.mark.parametrize("solution", ["shapley", "core"])
def test_cli_value_prints_hostile_player_names_safely(tmp_path, capsys, json_out, solution):
    import json
    bad = "B\ud800\x1b[2J"
    f = tmp_path / "v.json"
    f.write_text(json.dumps({"type": "coalitional", "players": ["A", bad],
                             "values": {"A": 1, bad: 1, f"A,{bad}": 3}}))
    code, out, err = _cli(capsys, "value", str(f), "--solution", solution,
                          *(["--json"] if json_out else []))
    assert code == 0, err
    _no_raw_controls(out)
    if json_out:
        assert bad in json.loads(out)["players"]
    else:
        assert "B\\ud800\\x1b[2J" in out


def test_moran_population_beyond_the_budget_refused_at_once(within):
    from govgames.games.repeated.dynamics import MAX_POPULATION, fixation_probability
    with within(2), pytest.raises(InputError, match="population_size 1000000000 is too large"):
        fixation_probability([[3, 0], [5, 1]], 1, 0, 10**9, selection=1)
    # the largest allowed population still answers in seconds
    with within(20):
        p = fixation_probability([[3, 0], [5, 1]], 1, 0, MAX_POPULATION, selection=1)
    assert 0 < p < 1


def test_entry_rule_built_deep_in_python_refused_with_input_error():
    from govgames.networks.entry import MAX_RULE_DEPTH, EntryRule
    r = EntryRule("urbanization >= 0.2")
    with pytest.raises(InputError, match="nested more than"):
        for k in range(3 * MAX_RULE_DEPTH):
            r = (r & "gdp >= 1") if k % 2 else (r | "gdp >= 2")
    r = EntryRule("urbanization >= 0.2")
    for k in range(MAX_RULE_DEPTH - 1):  # just inside the limit: a round trip works
        r = (r & "gdp >= 1") if k % 2 else (r | "gdp >= 2")
    assert str(EntryRule.from_json(r.to_json())) == str(r)


@pytest.mark.parametrize("text, match", [
    ("not json at all " * 500, "invalid JSON"),
    ("[1, 2", "invalid JSON"),
    ('{"rule": ', "invalid JSON"),
    ("[1, 2]", "expected a JSON object"),
])
def test_entry_rule_from_unparsable_json_text_is_one_input_error(text, match):
    from govgames.networks.entry import EntryRule
    with pytest.raises(InputError, match=match) as info:
        EntryRule.from_json(text)
    assert "too long" not in str(info.value)


@pytest.mark.parametrize("value, match", [
    ("1e-999999999", "too small"),
    ("1e999999999", "too large"),
    ("nan", "not a number"),
    ("inf", "not a number"),
])
def test_case_param_numbers_go_through_exact_rational_bounds(capsys, value, match):
    code, out, err = _cli(capsys, "analyses", "run", "river", "--param",
                          f"abatement_cost={value}")
    assert code == 2 and out == ""
    _one_safe_line(err)
    assert "abatement_cost" in err and match in err


def test_case_param_integers_and_rationals():
    from govgames.analyses.commands.cases import coerce_param
    assert coerce_param("n", "1e3", 5) == 1000 and coerce_param("r", "2/3", 1.0) == 2 / 3
    with pytest.raises(InputError, match="not an integer"):
        coerce_param("n", "1.5", 5)


# the core and the nucleolus of this game are now solved on rescaled values (round 24 QA,
# tests/test_qa_s24.py::test_core_and_nucleolus_of_values_near_1e308)
@pytest.mark.parametrize("solution", ["banzhaf"])
@pytest.mark.parametrize("json_out", [False, True])
def test_cli_value_errors_on_values_near_1e308_name_the_file(tmp_path, capsys, solution,
                                                              json_out):
    import json
    f = tmp_path / "big.json"
    big = {"A": 1e308, "B": -1e308, "C": 1e308, "A,B": 1e308, "A,C": -1e308, "B,C": 1e308,
           "A,B,C": 1e308}
    f.write_text(json.dumps({"type": "coalitional", "players": ["A", "B", "C"], "values": big}))
    code, out, err = _cli(capsys, "value", str(f), "--solution", solution,
                          *(["--json"] if json_out else []))
    assert code == 2 and out == ""
    _one_safe_line(err)
    assert f"{f}: {solution}:" in err and "rescale" in err


def test_nfg_label_writer_agrees_with_gambits_reader_by_brute_force():
    """Every label over {a, backslash, quote} up to length 5: the writer writes it exactly when
    some quoted text reads back to it under Gambit's lexer rules, and the text it writes reads
    back to the label (reader: the token regex and ``_gambit_label``)."""
    import itertools
    import re

    from govgames.games.io import _gambit_label, _q
    alpha = ["a", "\\", '"']
    token = re.compile(r'(?:[^"]|(?<=\\)")*')
    readable = set()
    for length in range(9):
        for raw in map("".join, itertools.product(alpha, repeat=length)):
            if token.fullmatch(raw) and not raw.endswith("\\"):  # a closed quoted label
                readable.add(_gambit_label(raw))
    for length in range(6):
        for label in map("".join, itertools.product(alpha, repeat=length)):
            try:
                q = _q(label)
            except InputError:
                assert label not in readable, label
                continue
            assert token.fullmatch(q[1:-1]) and not q[1:-1].endswith("\\")
            assert _gambit_label(q[1:-1]) == label


@pytest.mark.parametrize("written, label", [
    (r'"A\\x"', "A\\\\\\x"),       # Gambit: 2 backslashes before x read as 3
    (r'"A\\\"B"', 'A\\\\\\\\"B'),  # 3 backslashes before a quote read as 4 and the quote
])
def test_nfg_backslash_runs_read_as_gambit_and_written_back(written, label):
    from govgames.games.io import game_to_nfg, parse_nfg
    g = parse_nfg(f'NFG 1 R "t" {{ {written} "B" }} {{ 1 1 }}\n1 2')
    assert g.players[0] == label
    assert parse_nfg(game_to_nfg(g)).players == g.players


def test_nfg_label_ending_in_backslash_is_unterminated_as_in_gambit():
    from govgames.games.io import parse_nfg
    with pytest.raises(InputError, match="unterminated"):
        parse_nfg('NFG 1 R "t" { "A\\\\" "B" } { 1 1 }\n1 2')


def _table_json(A, B, **extra):
    k = len(A)
    return {"type": "normal_form", "players": ["A", "B"],
            "strategies": [[f"s{i}" for i in range(k)], [f"t{j}" for j in range(len(A[0]))]],
            "payoffs": [A, B], **extra}


def test_json_integer_tables_read_in_bulk_agree_with_the_exact_reader(monkeypatch):
    import govgames.games.io as gio
    rng = np.random.default_rng(7)
    A, B = (rng.integers(-2**52, 2**52, (110, 100)).tolist() for _ in range(2))
    fast = gio.game_from_json(_table_json(A, B))
    monkeypatch.setattr(gio, "_integer_tables", lambda *a: None)
    slow = gio.game_from_json(_table_json(A, B))
    assert np.array_equal(fast.numeric_payoffs(), slow.numeric_payoffs())
    assert fast.players == slow.players and fast.strategies == slow.strategies
    monkeypatch.undo()
    # entries the bulk path must not take: a bool, a float, text, 2**53, a ragged row
    A2 = [row[:] for row in A]
    A2[3][4] = True
    with pytest.raises(InputError, match=r"payoffs\[0\]\[3\]\[4\]: expected a payoff"):
        gio.game_from_json(_table_json(A2, B))
    for bad, exact in [(2**53 + 1, sp.Integer(2**53 + 1)), (0.5, sp.Rational(1, 2)),
                       ("1/3", sp.Rational(1, 3))]:
        A2[3][4] = bad
        assert gio.game_from_json(_table_json(A2, B)).exact_payoffs()[0][3, 4] == exact
    A3 = [row[:] for row in A]
    A3[5] = A3[5][:-1]
    with pytest.raises(InputError, match=r"payoffs\[0\]\[5\]: has 99 entries"):
        gio.game_from_json(_table_json(A3, B))


def test_large_json_integer_game_read_quickly(tmp_path, capsys, within):
    import json
    rng = np.random.default_rng(0)
    A, B = (rng.integers(-1000, 1000, (600, 600)).tolist() for _ in range(2))
    f = tmp_path / "big.json"
    f.write_text(json.dumps(_table_json(A, B)))
    with within(15):
        code, out, err = _cli(capsys, "solve", "--method", "pure", "--json", str(f))
    assert code == 0, err
    assert json.loads(out)["players"] == ["A", "B"]


def _tree(moves):
    return {"type": "tree", "players": ["A"], "root": {"player": "A", "moves": moves}}


@pytest.mark.parametrize("read, obj, match", [
    # what the mutation fuzz found: TypeErrors and messages broken over lines
    ("tree", _tree({"x": {"payoffs": [1]}, "y": {"moves": None}}), "moves: must be a non-empty"),
    ("network", {"type": "coalitional", "players": ["A", "B"], "values": {"A": 0, "B": 0, "A,B": 1},
                 "unions": [[["A"]], ["B"]]}, r"unions\[0\]: unknown player \['A'\]"),
    ("network", {"type": "coalitional", "players": ["A", "B"], "values": {"A": 0, "B": 0, "A,B": 1},
                 "unions": [[{}], ["B"]]}, "unknown player {}"),
    ("rule", {"rule": {"all_of": [{"condition": "x >= 1", "name": ["n"]}]}},
     r"rule.all_of\[0\].name: expected a string"),
    ("rule", {"rule": "x >= 1", "name": 3}, "name: expected a string"),
    ("rule", {"rule": "x >= t", "parameters": {"t\r\x05": ""}},
     r"parameters.'t\\r\\x05': '' is not a number"),
    ("rule", {"rule": {"all_of": [{"\x18b\n": {}}]}}, r"found keys '\\x18b\\n'"),
])
def test_fuzz_findings_are_one_line_input_errors(read, obj, match):
    from govgames.games.extensive.json_tree import tree_from_json
    from govgames.networks.entry_json import rule_from_json
    from govgames.networks.io import parse_game

    fn = {"tree": tree_from_json, "network": parse_game, "rule": rule_from_json}[read]
    with pytest.raises(InputError, match=match) as info:
        fn(obj)
    assert "\n" not in str(info.value) and "\r" not in str(info.value)


def test_input_error_is_always_one_line():
    """Every InputError escapes newlines and terminal controls taken from the input."""
    msg = str(InputError("bad key 'a\nb\x1b[31m\u2028\ud800'"))
    assert msg == "bad key 'a\\nb\\x1b[31m\\u2028\\ud800'"
    import pickle

    again = pickle.loads(pickle.dumps(InputError("x\ny")))
    assert str(again) == "x\\ny" and isinstance(again, InputError)


# ----------------------------------------------------------------------------- QA s27
_MAX_EXP_2x2 = {  # payoffs max(k*b, exp(b/j)) + c: estimated 0.6 s, took 9 s (6x6: minutes)
    "type": "normal_form", "players": ["A", "B"], "strategies": [["s0", "s1"], ["s0", "s1"]],
    "parameters": {"b": None},
    "payoffs": {"A": [["max(0*b, exp(b/2))+3", "max(4*b, exp(b/1))+2"],
                      ["max(6*b, exp(b/7))+0", "max(8*b, exp(b/9))+9"]],
                "B": [["max(3*b, exp(b/3))+1", "max(5*b, exp(b/4))+2"],
                      ["max(9*b, exp(b/8))+4", "max(1*b, exp(b/5))+6"]]}}


def test_symbolic_report_stops_at_its_time_budget_when_the_estimate_is_low():
    """The estimate is checked first, then the time at every inequality: a report whose
    estimate fits the budget but which runs far longer stops near the budget, saying how far
    it got (it ran to the end, 9 s here and minutes on a 6x6 game)."""
    import time

    from govgames.games.budget import BudgetError, budget, symbolic_report_seconds
    from govgames.games.io import game_from_json
    from govgames.games.symbolic import symbolic_report
    g = game_from_json(_MAX_EXP_2x2)
    assert symbolic_report_seconds(g.shape, g.payoff_array.flat) < 0.65
    start = time.process_time()
    with budget(max_seconds=0.65), pytest.raises(BudgetError, match=r"ran \d of 4 profiles"):
        symbolic_report(g)
    assert time.process_time() - start < 6


def test_cli_symbolic_budget_refusal_names_the_file(tmp_path, capsys):
    import json

    from govgames.analyses.cli import main
    b = [[f"{(i * 24 + j) % 7}*b + {j % 5}" for j in range(24)] for i in range(24)]
    f = tmp_path / "sym24.json"
    f.write_text(json.dumps({"type": "normal_form", "players": ["A", "B"],
                             "strategies": [[f"s{i}" for i in range(24)]] * 2,
                             "parameters": {"b": None}, "payoffs": {"A": b, "B": b}}))
    assert main(["solve", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"govgames solve: error: {f}: the symbolic conditions of every pure")
    assert len(err.strip().splitlines()) == 1


def test_conditions_sympy_cannot_solve_are_kept_as_written_not_intersected():
    """solveset leaves exp(b/2) + 1 >= 4*b unsolved (a ConditionSet); intersecting such sets
    ran for minutes on a 6x6 game of max/exp payoffs (9 s on this 2x2 one) and printed
    ConditionSets. They are kept as written, like the conditions sympy refuses."""
    import time

    from govgames.games.io import game_from_json
    from govgames.games.symbolic import symbolic_report
    start = time.process_time()
    rep = symbolic_report(game_from_json(_MAX_EXP_2x2))
    text = str(rep["profiles"])
    assert "ConditionSet" not in text and "Max(" in text and len(rep["profiles"]) == 4
    assert time.process_time() - start < 6
