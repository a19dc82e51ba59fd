"""Defects found by the fresh-user QA of round 23 (lever amounts given as Fractions or huge
integers, the parameter map's legend, the public-goods thresholds, large symmetric contests and
continuous games with a huge number of players)."""

from decimal import Decimal
from fractions import Fraction

import pytest
import sympy as sp

from govgames.games import dilemmas, mechanisms, nash_equilibria
from govgames.games.errors import InputError
from govgames.games.testing.trees import chain_efg


# --------------------------------------------------------------------------- lever amounts
def test_levers_keep_fraction_and_decimal_amounts_exact():
    """A Fraction (what critical_discount_factor returns) was refused as "not a number"."""
    pd = dilemmas.prisoners_dilemma(T=5, R=3, P=1, S=0)
    g = mechanisms.penalty(pd, "A", "Defect", Fraction(1, 3))
    assert g.exact_payoffs()[0, 1, 1] == sp.Rational(2, 3)
    eq = nash_equilibria(g)
    assert [e.pure_profile for e in eq] == [("Defect", "Defect")]
    assert eq[0].exact_payoffs[0] == Fraction(2, 3)
    h = mechanisms.subsidy(pd, "B", "Cooperate", Decimal("0.5"))
    assert h.exact_payoffs()[1, 0, 0] == sp.Rational(7, 2)


def test_levers_bound_huge_integers_instead_of_a_traceback():
    """10**20 + 1 raised a numpy TypeError; 10**400 must be refused by the 1e300 rule."""
    pd = dilemmas.prisoners_dilemma(T=5, R=3, P=1, S=0)
    g = mechanisms.transfer(pd, "A", "B", 10**20 + 1)
    assert g.exact_payoffs()[1, 0, 0] == 3 + 10**20 + 1
    with pytest.raises(InputError, match="the transfer amount.*too large"):
        mechanisms.transfer(pd, "A", "B", 10**400)
    with pytest.raises(InputError, match="the penalty.*not a finite number"):
        mechanisms.penalty(pd, "A", "Defect", Decimal("NaN"))


# --------------------------------------------------------------------------- parameter map
def test_parameter_map_legend_wraps_and_leaves_room_for_the_map():
    """The promotion figure's boundary region, named by four profiles, made a legend line
    wider than the figure: the map was squeezed to a tenth of it."""
    import matplotlib
    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    from govgames.games import NormalFormGame, parameter_map, plot_parameter_map
    from govgames.games.symbolic import LEGEND_WIDTH

    t, e = sp.symbols("t e")
    names = ["Cooperate with the neighbour", "Compete for the investment"]
    g = NormalFormGame([[[t * e, 0], [0, -t]], [[t * e, 0], [0, -t]]], players=["A", "B"],
                       strategies=[names, names])
    pmap = parameter_map(g, {"t": np.linspace(-1, 1, 41), "e": np.linspace(0.5, 2, 5)})
    assert any(" + " in name for name in pmap.region_names())   # the t = 0 line
    fig = Figure(figsize=(7.5, 4.5), layout="constrained")
    ax = plot_parameter_map(pmap, ax=fig.add_subplot())
    fig.canvas.draw()
    lines = [line for text in ax.get_legend().get_texts()
             for line in text.get_text().splitlines()]
    assert max(map(len, lines)) <= LEGEND_WIDTH
    assert not any(line.endswith(("(Cooperate with the neighbour,", "(Compete for the investment,"))
                   for line in lines)  # breaks fall between profiles
    assert ax.get_position().width > 0.4


# --------------------------------------------------------------------------- public goods
@pytest.mark.parametrize("value", ["1000000", "1", "41", "5,50"])
def test_public_goods_thresholds_outside_the_sweep_are_refused(value, capsys):
    """thresholds_at=1000000 exited 0 with a table holding only N = 40: the N asked for was
    silently left out."""
    from govgames.analyses.cli import main

    assert main(["analyses", "run", "public_goods", "--param", f"thresholds_at={value}"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "thresholds_at" in err and "outside 2..n_max (40)" in err


def test_public_goods_default_thresholds_still_clip_to_n_max():
    from govgames.analyses import public_goods

    nums = public_goods.compute(public_goods.load(), n_max=10)
    assert list(nums.thresholds["N"]) == [2, 3, 5, 10]
    with pytest.raises(InputError, match="not an integer"):
        public_goods.compute(public_goods.load(), n_max=10, thresholds_at=(2.5,))


# --------------------------------------------------------------------------- continuous games
@pytest.mark.parametrize("n", [5000, 20000])
def test_large_tullock_contest_finds_its_symmetric_equilibrium(n):
    """From about 4000 players the root (n - 1)/n**2 lay inside the first step of the
    bracketing grid, next to 0 where the payoff is 0/0: "no pure equilibrium found"."""
    import time

    from govgames.games.continuous import symmetric_equilibria, tullock_contest

    t0 = time.perf_counter()
    eqs = symmetric_equilibria(tullock_contest(n, v=1))
    assert len(eqs) == 1 and eqs[0].certified
    assert eqs[0].exact_profile[0][0] == sp.Rational(n - 1, n**2)
    assert time.perf_counter() - t0 < 20   # was quadratic in n (per-player block offsets)


@pytest.mark.parametrize("build", ["cournot", "tullock", "subs"])
def test_continuous_game_with_a_billion_players_is_refused_before_allocating(build):
    """cournot(10**9) listed 10**9 player names until MemoryError (or the OOM killer)."""
    import time

    from govgames.games.budget import BudgetError
    from govgames.games.continuous import cournot, tullock_contest

    make = {"cournot": lambda: cournot(10**9, a=10, b=1, c=1),
            "tullock": lambda: tullock_contest(10**7, v=1),
            "subs": lambda: cournot().subs(n=10**9)}[build]
    t0 = time.perf_counter()
    with pytest.raises(BudgetError, match=r"continuous game of 10+ players .*leave n symbolic"):
        make()
    assert time.perf_counter() - t0 < 5


# --------------------------------------------------------------------------- game trees
def test_chance_probabilities_as_float_thirds_get_a_hint():
    """1/3 and 2/3 as floats sum to 9999999999999999/10000000000000000: the refusal did not
    say why, nor what to write instead."""
    from govgames.games.extensive import ExtensiveGame, chance, terminal

    with pytest.raises(InputError, match=r"sum to 9999999999999999/10000000000000000, not 1; "
                                         r".*\"1/3\" or Fraction\(1, 3\)"):
        ExtensiveGame(["A"], chance({"x": (1 / 3, terminal(1)), "y": (2 / 3, terminal(0))}))
    with pytest.raises(InputError, match=r"sum to 5/6, not 1$"):
        ExtensiveGame(["A"], chance({"x": ("1/2", terminal(1)), "y": ("1/3", terminal(0))}))
    g = ExtensiveGame(["A"], chance({"x": (Fraction(1, 3), terminal(1)),
                                     "y": (Fraction(2, 3), terminal(0))}))
    assert g.n_players == 1


# --------------------------------------------------------------------------- sampled values
@pytest.mark.parametrize("which", ["shapley", "banzhaf", "owen"])
def test_absurd_sample_counts_are_refused_by_the_work_budget(which):
    """shapley_value(game, method="sample", n_samples=10**12) ran for hours."""
    import time

    import networkx as nx

    import govgames.networks as nw
    from govgames.games.budget import BudgetError

    game = nw.linkage_game(nx.Graph([("A", "B", {"weight": 5}), ("B", "C", {"weight": 3})]))
    call = {"shapley": lambda: nw.shapley_value(game, method="sample", n_samples=10**12),
            "banzhaf": lambda: nw.banzhaf_value(game, method="sample", n_samples=10**12),
            "owen": lambda: nw.owen_value(game, [["A"], ["B", "C"]], method="sample",
                                          n_samples=10**12)}[which]
    t0 = time.perf_counter()
    with pytest.raises(BudgetError, match=r"1000000000000 samples of 3 players.*fewer samples"):
        call()
    assert time.perf_counter() - t0 < 5


# --------------------------------------------------------------------------- govgames value
@pytest.mark.parametrize("solution, expected", [
    ("nucleolus", "it has no sampled method"), ("core", "it has no sampled method"),
    ("banzhaf", "banzhaf_value(game, method='sample')")])
def test_value_cli_too_many_players_names_the_right_way_out(tmp_path, capsys, solution,
                                                            expected):
    """Above 25 players every refusal pointed to shapley_value(..., method='sample'), also for
    the nucleolus and the core, which have no sampled method, and for Banzhaf."""
    import json

    from govgames.analyses.cli import main

    p = tmp_path / "chain.json"
    p.write_text(json.dumps({"type": "network",
                             "edges": [[f"c{i}", f"c{i + 1}"] for i in range(30)]}))
    assert main(["value", str(p), "--solution", solution]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "31 players are too many" in err
    assert expected in err
    assert solution == "banzhaf" or "shapley_value" not in err


# --------------------------------------------------------------------------- figures saved by a student
def _texts_outside(fig):
    """Titles, axis labels, texts and legends that a plain ``fig.savefig`` would cut."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fig.canvas.draw()
    r, fb = fig.canvas.get_renderer(), fig.bbox
    out = []
    for ax in fig.axes:
        items = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        items += [ax.get_legend()] if ax.get_legend() else []
        for it in items:
            if not it.get_visible() or (hasattr(it, "get_text") and not it.get_text()):
                continue
            bb = it.get_window_extent(r)
            if bb.x0 < fb.x0 - 1 or bb.x1 > fb.x1 + 1 or bb.y0 < fb.y0 - 1 or bb.y1 > fb.y1 + 1:
                out.append(getattr(it, "get_text", lambda: "legend")()[:40])
    return out


@pytest.mark.parametrize("case, key", [("sharing", "watershed_payments"), ("club", "network"),
                                       ("air_pollution", "sensitivity")])
def test_case_figures_fit_a_plain_savefig(case, key):
    """The report saves with bbox_inches="tight", but a student's fig.savefig("f.png") cut
    these titles (the Fujian one at both sides) and the air-pollution axis label."""
    import importlib

    import matplotlib
    matplotlib.use("Agg")

    mod = importlib.import_module(f"govgames.analyses.{case}")
    fig = mod.run().figures[key]
    assert _texts_outside(fig) == []


def test_figures_folder_that_is_a_file_is_refused_by_name(tmp_path, capsys):
    """--figures FILE said only "FILE: File exists", after running the whole case."""
    from govgames.analyses.cli import main

    target = tmp_path / "notadir"
    target.write_text("mine")
    assert main(["analyses", "run", "river", "--figures", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"figures folder {target} is a file, not a folder")
    assert target.read_text() == "mine"


# --------------------------------------------------------------------------- repeated games
def test_symbolic_nash_reversion_hint_uses_the_games_strategy_names():
    """The hint said punishment=('Defect', 'Defect') for a game whose strategies are Abate and
    Pollute."""
    from govgames.games.repeated import critical_discount_factor

    g = dilemmas.transboundary_externality()
    with pytest.raises(InputError, match=r"e\.g\. punishment=\('Pollute', 'Pollute'\)$"):
        critical_discount_factor(g, ("Abate", "Abate"))
    r = critical_discount_factor(g, ("Abate", "Abate"), punishment=("Pollute", "Pollute"))
    assert r.delta is not None


# --------------------------------------------------------------------------- clubs
@pytest.mark.parametrize("column, value, expected", [
    ("lat", float("nan"), r"column 'lat', city 'B': nan is not a finite number in \[-90, 90\]"),
    ("P", -5.0, r"column 'P', city 'B': -5.0 is not a positive finite number"),
    ("G", float("inf"), r"column 'G', city 'B': inf is not a positive finite number"),
    ("lon", 200.0, r"column 'lon', city 'B': 200.0 is not a finite number in \[-180, 180\]")])
def test_gravity_linkage_refuses_values_that_made_nan_weights(column, value, expected):
    """A NaN coordinate or a negative population gave NaN (or inf) link weights silently."""
    import pandas as pd

    from govgames.networks import gravity_linkage

    t = pd.DataFrame({"P": [100.0, 100.0], "G": [1.0, 4.0], "lon": [0.0, 0.0],
                      "lat": [0.0, 1.0]}, index=["A", "B"])
    t.loc["B", column] = value
    with pytest.raises(InputError, match=expected):
        gravity_linkage(t, population="P", gdp="G", lon="lon", lat="lat")


def test_reachable_stable_clubs_bounds_max_states_by_the_work_budget():
    """max_states=10**12 on the 41 YRD cities ran for hours (2**25 clubs reachable)."""
    import time

    from govgames.analyses.club import club_members, load_yrd_cities
    from govgames.games.budget import BudgetError
    from govgames.networks import Club, EntryRule, gravity_linkage
    from govgames.networks import club_stability as cs

    cities = load_yrd_cities()
    G = gravity_linkage(cities, population="population_10k", gdp="gdp_100m_yuan", lon="lon",
                        lat="lat")
    club = Club(club_members(cities, 2004), EntryRule("urbanization >= 0.20"), G, data=cities)
    t0 = time.perf_counter()
    with pytest.raises(BudgetError, match=r"up to 3\.36e\+07 clubs of 41 cities.*smaller "
                                          r"max_states"):
        cs.reachable_stable_clubs(club, max_states=10**12, progress=False)
    with pytest.raises(InputError, match="max_states must be a non-negative integer"):
        cs.reachable_stable_clubs(club, max_states=-1, progress=False)
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize("year", ["2004", float("nan"), 2004.5, True])
def test_club_members_refuses_a_year_that_is_not_an_integer(year):
    """"2004" raised a TypeError traceback; nan gave an empty club without a word."""
    from govgames.analyses.club import club_members, load_yrd_cities

    with pytest.raises(InputError, match="before_year must be an integer year"):
        club_members(load_yrd_cities(), year)


# --------------------------------------------------------------------------- huge allocations
@pytest.mark.parametrize("make, expected", [
    ("volunteers", r"an anonymous game of 1000000000000 players needs about"),
    ("memory_one", r"a memory-one tournament of 100000 strategies \(10000000000 Markov chains\)")])
def test_anonymous_games_and_memory_one_tournaments_check_memory_first(make, expected):
    """volunteers_dilemma(10**12).pure_equilibria() and a memory-one tournament of 10**5
    strategies asked numpy for 7 TiB / 298 GiB: a bare MemoryError, not the budget's message."""
    from govgames.games.budget import BudgetError
    from govgames.games.repeated import memory_one_tournament, random_memory_one

    call = {"volunteers": lambda: dilemmas.volunteers_dilemma(10**12, b=2, c=1),
            "memory_one": lambda: memory_one_tournament(random_memory_one(10**5, seed=1))}[make]
    with pytest.raises(BudgetError, match=expected):
        call()


# --------------------------------------------------------------------------- deep game trees
def _deep_efg(path, depth):
    """A chain of ``depth`` decision nodes, each with a tie (so 2**depth equilibria)."""
    path.write_text(chain_efg(depth, actions=("x", "y"), payoffs=lambda i: (1, 1), end=(1, 1),
                              title="deep"))
    return path


def test_astronomical_equilibrium_counts_are_written_as_powers_of_ten(tmp_path, capsys):
    """A 2000-level tree printed a 602-digit count; at 20,000 levels formatting the count
    raised Python's 4300-digit ValueError: a traceback with exit status 1."""
    from govgames.analyses.cli import main
    from govgames.games.extensive import backward_induction, read_efg

    p = _deep_efg(tmp_path / "deep.efg", 2000)
    with pytest.raises(InputError, match=r"the game has about 10\^60[0-9] subgame-perfect "):
        backward_induction(read_efg(p))
    assert main(["solve", str(p), "--method", "backward"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and len(err) < 300 and "about 10^60" in err


def test_cli_recursion_error_names_the_file(tmp_path, capsys):
    """--method all on a 3000-level tree said only "the input is nested too deeply"; the
    reduced strategies are now counted without recursion, so the refusal names their number
    and the methods that work on the tree (round s25)."""
    from govgames.analyses.cli import main

    p = _deep_efg(tmp_path / "deep.efg", 3000)
    assert main(["solve", str(p), "--method", "all"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"govgames solve: error: {p}: the reduced normal form would have "
                          "1,501 x 1,501 strategies")
    assert "'backward'" in err


def test_information_set_names_list_at_most_eight_moves(tmp_path):
    """Naming every information set by its full path cost time quadratic in depth (a
    20,000-level tree took 35 s before it was refused): a name lists the last eight moves."""
    from govgames.games.extensive import read_efg
    from govgames.games.extensive.tree import NAME_MOVES

    g = read_efg(_deep_efg(tmp_path / "deep.efg", 12))
    names = [h.name for h in g.infosets]
    assert names[:3] == ["root", "after y", "after y, y"]
    assert names[NAME_MOVES] == "after " + ", ".join(["y"] * NAME_MOVES)
    assert names[NAME_MOVES + 1] == "after ..., " + ", ".join(["y"] * NAME_MOVES)
    keys = [(h.player, h.name) for h in g.infosets]
    assert len(set(keys)) == len(keys)   # unique per player (a number is added when needed)
