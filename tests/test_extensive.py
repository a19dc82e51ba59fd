"""Game trees: textbook answers, solvers checked against brute force and against each other."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.errors import InputError
from govgames.games.extensive import (ExtensiveGame, backward_induction, behaviour_profile,
                                      chance, count_subgame_perfect, decision, expected_payoffs,
                                      is_nash, is_subgame_perfect, random_tree, reduced_form,
                                      reduced_normal_form, sequence_form, sequence_form_lemke,
                                      subgame_perfect_equilibria, subgame_roots, terminal,
                                      tree_equilibria)
from govgames.games.extensive.behaviour import _profile
from govgames.games.verify import is_equilibrium_exact


# ---------------------------------------------------------------------------- textbook trees
def centipede(stages):
    """Rosenthal's centipede: the pot grows; taking gives the mover the larger share."""
    node = terminal(stages, stages)
    for k in range(stages - 1, -1, -1):
        mover = "A" if k % 2 == 0 else "B"
        big, small = k + 2, k
        take = terminal(big, small) if mover == "A" else terminal(small, big)
        node = decision(mover, {"take": take, "pass": node})
    return ExtensiveGame(["A", "B"], node, title=f"centipede {stages}")


def ultimatum(pie):
    """Proposer offers k of ``pie`` units; responder accepts (k for him) or rejects (0, 0)."""
    moves = {str(k): decision("R", {"accept": terminal(pie - k, k), "reject": terminal(0, 0)})
             for k in range(pie + 1)}
    return ExtensiveGame(["P", "R"], decision("P", moves), title="ultimatum")


def entry():
    return ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {
        "Out": terminal(0, 2),
        "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)})}))


@pytest.mark.parametrize("stages", [2, 3, 4, 6])
def test_centipede_take_at_once(stages):
    res = backward_induction(centipede(stages))
    assert len(res) == 1
    prof = res[0]
    assert all(p == (1, 0) for p in prof.probs)  # "take" everywhere, first action
    assert prof.payoffs == (2, 0)


def test_entry_deterrence_enter_and_accommodate():
    g = entry()
    res = backward_induction(g)
    assert [str(e) for e in res] == ["Entrant: In; Incumbent: Accommodate  (payoffs 1, 1)"]
    # (Out, Fight) is Nash but not subgame perfect
    threat = behaviour_profile(g, {"Entrant": "Out", "Incumbent": "Fight"})
    assert is_nash(g, threat) and not is_subgame_perfect(g, threat)


def test_entry_deterrence_file_matches_builder():
    import pathlib

    import govgames.games as games
    from govgames.games.extensive import read_efg

    g = read_efg(pathlib.Path(games.__file__).parent / "examples" / "entry_deterrence.efg")
    assert [str(e) for e in backward_induction(g)] == [str(e) for e in backward_induction(entry())]


@pytest.mark.parametrize("pie", [2, 3, 5])
def test_ultimatum_smallest_offer_accepted(pie):
    g = ultimatum(pie)
    res = backward_induction(g)
    offers = sorted(next(a for a, p in e.at("P")["P"].items() if p == 1) for e in res)
    # the responder is indifferent only at offer 0: either he accepts it and 0 is offered, or he
    # rejects it and the smallest positive offer (1) is made and accepted
    assert offers == ["0", "1"]
    assert sorted(e.payoffs for e in res) == [(pie - 1, 1), (pie, 0)]
    assert count_subgame_perfect(g) == 2
    assert "indifferent" in res.notes[0]


def test_ultimatum_pie_one_has_three_spe():
    # with a pie of 1, after "reject 0" the proposer is indifferent between offering 0 and 1
    assert count_subgame_perfect(ultimatum(1)) == 3


# ---------------------------------------------------------------------------- brute force
def pure_profiles(game):
    """Every pure behaviour profile (one action at every player information set)."""
    sets = [h for h in game.infosets if not h.is_chance]
    for choice in itertools.product(*(range(len(h.actions)) for h in sets)):
        probs = [None] * len(game.infosets)
        for h, a in zip(sets, choice):
            probs[h.index] = tuple(Fraction(int(j == a)) for j in range(len(h.actions)))
        yield _profile(game, probs)


def n_pure_profiles(game):
    return int(np.prod([len(h.actions) for h in game.infosets if not h.is_chance]))


@settings(max_examples=40)
@given(seed=st.integers(0, 10**6), players=st.integers(1, 3), depth=st.integers(1, 3))
def test_backward_induction_is_every_spe(seed, players, depth):
    g = random_tree(players, depth, max_actions=2 if depth == 3 else 3, merge_prob=0.0,
                    chance_prob=0.2, payoff_range=(0, 2), seed=seed)   # small range: many ties
    assert g.is_perfect_information
    if n_pure_profiles(g) > 3000:
        return
    brute = {p.key() for p in pure_profiles(g) if is_subgame_perfect(g, p)}
    found = backward_induction(g, max_equilibria=10**6)
    keys = [p.key() for p in found]
    assert len(keys) == len(set(keys)) == count_subgame_perfect(g)
    assert set(keys) == brute
    # each is a pure Nash equilibrium of the reduced normal form
    rf = reduced_form(g)
    for p in found:
        assert is_equilibrium_exact(rf.game, rf.mixed(p))


# ---------------------------------------------------------------------------- reduced form
def test_reduced_normal_form_centipede():
    nf = reduced_normal_form(centipede(3))
    assert nf.shape == (3, 2)
    assert nf.strategies[0] == ("take/*", "pass/take", "pass/pass")


def test_reduced_form_with_chance_and_symbols():
    q, c = sp.symbols("q c")
    g = ExtensiveGame(["Up", "Down"], chance({
        "clean": (q, decision("Up", {"abate": terminal(-c, 1), "pollute": terminal(0, 0)},
                              infoset="u")),
        "dirty": (1 - q, decision("Up", {"abate": terminal(-c, 2), "pollute": terminal(0, -1)},
                                  infoset="u"))}))
    nf = reduced_normal_form(g)
    P = nf.payoffs if hasattr(nf, "payoffs") else None
    assert nf.shape == (2, 1)
    num = reduced_normal_form(g.subs(q="1/4", c=1))
    vals = num.exact_payoffs()
    assert vals[0][0][0] == -1 and vals[1][0][0] == Fraction(1, 4) + 2 * Fraction(3, 4)
    assert vals[1][1][0] == -Fraction(3, 4)


@settings(max_examples=30)
@given(seed=st.integers(0, 10**6), depth=st.integers(2, 4))
def test_sequence_form_agrees_with_reduced_normal_form(seed, depth):
    g = random_tree(2, depth, max_actions=2 if depth == 4 else 3, merge_prob=0.7, seed=seed)
    rf = reduced_form(g)
    nf = rf.game
    prof = sequence_form_lemke(g)
    # the behaviour profile is an equilibrium of the tree and, as a mixed profile, of the
    # reduced normal form (independent exact checks), with the same payoffs
    assert is_nash(g, prof)
    mixed = rf.mixed(prof)
    assert is_equilibrium_exact(nf, mixed)
    P = nf.exact_payoffs()
    for i in range(2):
        val = sum(mixed[0][r] * mixed[1][k] * P[i][r][k]
                  for r in range(nf.shape[0]) for k in range(nf.shape[1]))
        assert val == prof.payoffs[i]
    # sequence-form payoffs x^T A y equal the tree's expected payoffs
    sf = sequence_form(g)
    x = sf.realization_plan(0, prof)
    y = sf.realization_plan(1, prof)
    assert sum(x[r] * sf.A[r, k] * y[k] for r in range(len(x)) for k in range(len(y))) \
        == prof.payoffs[0]
    # and every extreme equilibrium of the reduced normal form maps back to a tree equilibrium
    if max(nf.shape) <= 12:
        for e in tree_equilibria(g):
            assert is_nash(g, e)


def test_sequence_form_matching_pennies_and_sizes():
    g = ExtensiveGame(["1", "2"], decision("1", {
        "H": decision("2", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="g"),
        "T": decision("2", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="g")}))
    p = sequence_form_lemke(g)
    assert p.probs[0] == (Fraction(1, 2), Fraction(1, 2)) and p.payoffs == (0, 0)
    with pytest.raises(InputError, match="2-player"):
        sequence_form(ExtensiveGame(["a", "b", "c"], decision("a", {"x": terminal(0, 0, 0)})))


# ---------------------------------------------------------------------------- subgame perfection
def test_subgame_perfection_outside_option_battle():
    g = ExtensiveGame(["A", "B"], decision("A", {
        "Out": terminal(2, 2),
        "In": decision("A", {"U": decision("B", {"l": terminal(3, 1), "r": terminal(0, 0)}, infoset="b"),
                             "D": decision("B", {"l": terminal(0, 0), "r": terminal(1, 3)}, infoset="b")},
                       infoset="battle")}))
    assert subgame_roots(g) == [0, 2]
    spe = subgame_perfect_equilibria(g)
    assert sorted(e.payoffs for e in spe) == [(2, 2), (2, 2), (3, 1)]
    for e in spe:
        assert is_subgame_perfect(g, e)
    # the reduced normal form has Nash equilibria where B's threat (2/3 l + 1/3 r) makes A stay
    # out; A's unreached choice in the subgame is left open ("not reached")
    nash = tree_equilibria(g)
    assert sorted(e.payoffs for e in nash) == [(2, 2), (2, 2), (3, 1)]
    assert any(e.probs[2] == (Fraction(2, 3), Fraction(1, 3)) for e in nash)
    assert all(is_nash(g, e) for e in nash)
    assert any(not is_subgame_perfect(g, e) for e in nash)


@settings(max_examples=25)
@given(seed=st.integers(0, 10**6))
def test_subgame_perfect_on_random_trees(seed):
    g = random_tree(2, 3, max_actions=2, merge_prob=0.5, seed=seed)
    spe = subgame_perfect_equilibria(g)
    assert len(spe) >= 1
    for e in spe:
        assert is_subgame_perfect(g, e) and is_nash(g, e)
    if g.is_perfect_information:
        assert {e.key() for e in spe} == {e.key() for e in backward_induction(g)}


# ---------------------------------------------------------------------------- payoffs
def test_expected_payoffs_with_chance_and_outcomes():
    g = ExtensiveGame(["A"], chance({"h": ("1/3", decision("A", {"x": terminal(3), "y": terminal(0)})),
                                     "t": ("2/3", terminal(6))}, payoffs=[1]))
    assert expected_payoffs(g, {"A": "x"}) == (Fraction(1) + Fraction(1, 3) * 3 + Fraction(2, 3) * 6,)
    assert expected_payoffs(g, {"A": {"x": "1/2", "y": "1/2"}}) == (Fraction(11, 2),)


# ---------------------------------------------------------------------------- bad trees
def test_bad_trees_get_one_clear_error():
    with pytest.raises(InputError, match=r"chance node at the node after go: probabilities sum to 5/6"):
        ExtensiveGame(["A"], decision("A", {"go": chance({"H": ("1/2", terminal(1)),
                                                          "T": ("1/3", terminal(0))})}))
    with pytest.raises(InputError, match=r"information set 'b' of player 'B' has nodes with "
                                         r"different actions: \['l', 'r'\] at the node after U "
                                         r"but \['l', 'm'\] at the node after D"):
        ExtensiveGame(["A", "B"], decision("A", {
            "U": decision("B", {"l": terminal(0, 0), "r": terminal(0, 0)}, infoset="b"),
            "D": decision("B", {"l": terminal(0, 0), "m": terminal(0, 0)}, infoset="b")}))
    loop = decision("A", {"stop": terminal(0)})
    inner = decision("A", {"back": loop})
    loop.moves["on"] = inner
    with pytest.raises(InputError, match="cycle: action 'back' at the node after on leads back "
                                         "to the root"):
        ExtensiveGame(["A"], loop)
    with pytest.raises(InputError, match="negative"):
        ExtensiveGame(["A"], chance({"H": ("-1/2", terminal(1)), "T": ("3/2", terminal(0))}))
    with pytest.raises(InputError, match="3 payoffs given for 2 players"):
        ExtensiveGame(["A", "B"], decision("A", {"x": terminal(1, 2, 3)}))
    with pytest.raises(InputError, match="unknown player 'C'"):
        ExtensiveGame(["A", "B"], decision("C", {"x": terminal(1, 2)}))
    shared = terminal(0)
    with pytest.raises(InputError, match="used twice"):
        ExtensiveGame(["A"], decision("A", {"x": shared, "y": shared}))


def test_imperfect_information_refused_by_backward_induction():
    g = ExtensiveGame(["1", "2"], decision("1", {
        "H": decision("2", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="g"),
        "T": decision("2", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="g")}))
    with pytest.raises(InputError, match="needs perfect information.*subgame_perfect_equilibria"):
        backward_induction(g)
    with pytest.raises(InputError, match="unknown method"):
        tree_equilibria(g, "magic")


def test_too_many_equilibria_refused_before_listing():
    # 12 independent indifferent choices: 4096 subgame-perfect equilibria
    g = ExtensiveGame(["A"], chance({str(k): (Fraction(1, 12), decision("A", {"x": terminal(0), "y": terminal(0)}))
                                     for k in range(12)}))
    assert count_subgame_perfect(g) == 4096
    with pytest.raises(InputError, match="4,096 subgame-perfect equilibria"):
        backward_induction(g, max_equilibria=1000)


def test_draw_tree_labels_actions_probabilities_and_payoffs():
    import matplotlib

    matplotlib.use("Agg")
    from govgames.games.extensive import draw_tree, tree_layout

    g = ExtensiveGame(["A", "B"], chance({
        "good": ("2/3", decision("A", {"U": decision("B", {"l": terminal(1, 1), "r": terminal(0, 0)}, infoset="b"),
                                      "D": decision("B", {"l": terminal(0, 0), "r": terminal(2, 2)}, infoset="b")})),
        "bad": ("1/3", terminal(0, 0))}), title="t")
    ax = draw_tree(g)
    texts = {t.get_text() for t in ax.texts}
    assert {"good (2/3)", "bad (1/3)", "U", "D", "l", "r", "(2, 2)", "A", "B"} <= texts
    pos = tree_layout(g)
    # the parent sits centred over its children; leaves are evenly spaced
    for node in g.nodes:
        if node.children:
            xs = [pos[c][0] for c in node.children]
            assert pos[node.index][0] == (min(xs) + max(xs)) / 2
    assert sorted(pos[t][0] for t in g.terminals) == list(range(len(g.terminals)))
    matplotlib.pyplot.close("all")
