"""draw_shares: a network drawn with nodes sized by their shares."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pytest  # noqa: E402

from govgames.games.errors import InputError  # noqa: E402
from govgames.networks import draw_shares, linkage_game, shapley_value  # noqa: E402


def test_node_sizes_follow_shares():
    G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2}), ("C", "D")])
    shares = shapley_value(linkage_game(G))
    fig, ax = plt.subplots()
    out = draw_shares(G, shares, ax=ax, title="Shapley value")
    assert out is ax and ax.get_title() == "Shapley value"
    nodes = [c for c in ax.collections if hasattr(c, "get_sizes") and len(c.get_sizes()) == 4]
    sizes = dict(zip(G.nodes, nodes[0].get_sizes()))
    assert sizes["B"] == max(sizes.values()) and sizes["D"] == min(sizes.values())
    texts = {t.get_text() for t in ax.texts}
    assert "B\n3.00" in texts
    plt.close(fig)


def test_missing_and_negative_shares_and_errors():
    G = nx.path_graph(["A", "B", "C"])
    ax = draw_shares(G, {"A": 1.0, "B": -1.0}, pos={"A": (0, 0), "B": (1, 0), "C": (2, 0)})
    assert {t.get_text() for t in ax.texts} >= {"C", "B\n-1.00"}
    plt.close("all")
    with pytest.raises(InputError, match="not a node"):
        draw_shares(G, {"Z": 1.0})
    with pytest.raises(InputError, match="mapping"):
        draw_shares(G, [1, 2, 3])
    plt.close("all")


def test_draw_shares_takes_the_game_or_says_what_it_needs():
    import matplotlib.pyplot as plt
    import networkx as nx

    from govgames.games.errors import InputError
    from govgames.networks import CoalitionalGame, linkage_game, shapley_value
    from govgames.networks.plots import draw_shares

    G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    game = linkage_game(G)
    ax = draw_shares(game, shapley_value(game))
    assert {t.get_text().split("\n")[0] for t in ax.texts} >= {"A", "B", "C"}
    plain = CoalitionalGame.from_function(["A", "B"], lambda S: len(S))
    with pytest.raises(InputError, match="not built from a graph"):
        draw_shares(plain, {"A": 1, "B": 1})
    with pytest.raises(InputError, match="expected a networkx graph"):
        draw_shares([1, 2], {"A": 1})
    plt.close("all")
