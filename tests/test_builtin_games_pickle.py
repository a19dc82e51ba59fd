"""The package's own games in function mode can be sent to a process pool, and a value
function that cannot is refused up front with one InputError (QA)."""
import concurrent.futures as cf
import pickle

import networkx as nx
import numpy as np
import pytest

from govgames.games.errors import InputError
from govgames.networks import CoalitionalGame, banzhaf_value, myerson_value, shapley_value
from govgames.networks.builders import network_public_good_game, spillover_game
from govgames.networks.formation import pairwise_stable


@pytest.fixture(scope="module")
def pool():
    with cf.ProcessPoolExecutor(2) as ex:
        yield ex


def _graph():
    G = nx.cycle_graph(["A", "B", "C", "D", "E"])
    G.add_edge("A", "C")
    for i, v in enumerate(G.nodes):
        G.nodes[v]["benefit"] = 2.0 + i
        G.nodes[v]["cost"] = 1.0
    return G


def _games():
    G = _graph()
    return {
        "voting": CoalitionalGame.weighted_voting([5, 4, 3, 3, 2, 2, 1], 11, tabulate=False),
        "voting n>20": CoalitionalGame.weighted_voting([3] * 4 + [1] * 19, 15),
        "spillover": spillover_game(G, tabulate=False),
        "public good": network_public_good_game(G, fixed_cost=2.0, tabulate=False),
    }


@pytest.mark.parametrize("name", list(_games()))
def test_builtin_function_mode_games_pickle_and_run_on_a_pool(name, pool):
    g = _games()[name]
    assert not g.is_exact
    back = pickle.loads(pickle.dumps(g.value_function))
    members = np.eye(g.n, dtype=bool)[:3] | np.eye(g.n, dtype=bool)[1]
    assert np.array_equal(back(members), g.value_function(members))
    serial = shapley_value(g, method="sample", n_samples=256, seed=4)
    pooled = shapley_value(g, method="sample", n_samples=256, seed=4, executor=pool)
    assert dict(pooled) == dict(serial)
    if g.n <= 10:                         # the same values as the tabulated game (exact)
        exact = shapley_value(g.to_exact(), method="exact")
        assert all(abs(serial[p] - exact[p]) <= 5 * serial.std_errors[p] + 1e-12 for p in g.players)


def test_builtin_value_functions_match_their_tables():
    G = _graph()
    for f in (spillover_game, network_public_good_game):
        fun = f(G, tabulate=False).to_exact().values
        assert np.allclose(fun, f(G, tabulate=True).values)
    w = [5, 4, 3, 3, 2, 2, 1]
    assert np.array_equal(CoalitionalGame.weighted_voting(w, 11, tabulate=False).to_exact().values,
                          CoalitionalGame.weighted_voting(w, 11, tabulate=True).values)


def test_a_lambda_is_refused_up_front_on_a_process_pool(pool):
    g = CoalitionalGame.from_function(list("ABCD"), lambda S: float(len(S)), tabulate=False)
    for run in (lambda: shapley_value(g, method="sample", n_samples=64, seed=1, executor=pool),
                lambda: banzhaf_value(g, method="sample", n_samples=64, seed=1, executor=pool),
                lambda: myerson_value(g, nx.path_graph("ABCD"), method="sample",
                                      n_samples=64, seed=1, executor=pool)):
        with pytest.raises(InputError, match=r"value function .*cannot be sent to a process "
                                             r"pool .*module level") as info:
            run()
        assert "\n" not in str(info.value)
    # threads and serial runs take lambdas
    with cf.ThreadPoolExecutor(2) as threads:
        a = shapley_value(g, method="sample", n_samples=64, seed=1, executor=threads)
    assert dict(a) == dict(shapley_value(g, method="sample", n_samples=64, seed=1))


def test_a_lambda_payoff_is_refused_up_front_by_pairwise_stability(pool):
    G = nx.path_graph(4)
    with pytest.raises(InputError, match=r"payoff function \S*<lambda> cannot be sent"):
        pairwise_stable(G, lambda H: {v: float(H.degree(v)) for v in H}, method="naive",
                        executor=pool)


def test_a_club_with_a_lambda_sharing_rule_is_refused_up_front(pool):
    from govgames.networks.club_stability import reachable_stable_clubs
    from govgames.networks.clubs import Club

    G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    club = Club(["A", "B"], None, G, sharing=lambda game, members: {m: 1.0 for m in members})
    with pytest.raises(InputError, match="the club .* cannot be sent to a process pool"):
        reachable_stable_clubs(club, executor=pool)
    plain = Club(["A", "B"], None, G)       # the default rules are picklable
    assert reachable_stable_clubs(plain, executor=pool)["members"].tolist() == [("A", "B", "C")]
