"""Three-level centre -> provinces -> cities hierarchies: hand-solved instances, the game tree
(backward induction, subgame perfection) as the independent check, and bad input."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.errors import InputError
from govgames.games.extensive import (backward_induction, behaviour_profile, is_subgame_perfect,
                                      three_level)

AB = ["Abate", "Pollute"]


def _audit_pay(c, p, q):
    n = q.count("Abate")
    strict, relay = c == "Strict", p[0] == "Relay"
    city = [2 * n - (3 if a == "Abate" else 2 if strict and relay else 0) for a in q]
    fine = 2 * q.count("Pollute") if strict and not relay else 0
    return [3 * n - 2 * strict, sum(city) - relay - fine] + city


def test_hand_solved_audit_hierarchy():
    h = three_level("Centre", ["Lax", "Strict"], {"Province": ["Relay", "Shield"]},
                    {"A": AB, "B": AB}, _audit_pay)
    r = h.solve()
    # by hand: under Lax the cities play the dilemma (Pollute, Pollute) whatever the province
    # does, so it shields (0 > -1); under Strict a relayed fine makes Abate dominant (province
    # 2 - 1 = 1) while shielding leaves the dilemma and costs the province 4 in fines
    assert r.commitment == "Strict"
    assert r.response == ("Relay", "Abate", "Abate")
    assert r.payoffs == (4, 1, 1, 1)
    assert r.province_responses == {"Lax": ("Shield",), "Strict": ("Relay",)}
    assert r.city_responses[("Strict", ("Shield",))] == ("Pollute", "Pollute")
    assert r.table[0] == ("Lax", ("Shield", "Pollute", "Pollute"), (0, 0, 0, 0))
    assert all(isinstance(v, Fraction) for v in r.payoffs)
    assert r.selection == "provinces: optimistic; cities: optimistic"


def test_solution_is_the_unique_spe_of_the_tree():
    h = three_level("Centre", ["Lax", "Strict"], {"Province": ["Relay", "Shield"]},
                    {"A": AB, "B": AB}, _audit_pay)
    tree = h.to_tree()
    r = h.solve()
    assert is_subgame_perfect(tree, h.profile(r))
    assert behaviour_profile(tree, h.profile(r)).payoffs == r.payoffs
    # a one-city version has perfect information: backward induction is independent
    h1 = three_level("Centre", ["Lax", "Strict"], {"Province": ["Relay", "Shield"]},
                     {"A": AB}, lambda c, p, q: _audit_pay(c, p, q + ("Pollute",))[:3])
    eqs = backward_induction(h1.to_tree())
    r1 = h1.solve()
    assert len(eqs) == 1
    assert eqs[0].payoffs == r1.payoffs
    assert is_subgame_perfect(h1.to_tree(), h1.profile(r1))


def _coordination(c, p, q):
    # the cities coordinate on a joint plan (two equilibria); the centre likes "Joint" only
    # when it paid for it; the province is paid by what the cities do
    both = q[0] == q[1]
    city = [2 if both and q[0] == "Joint" else 1 if both else 0] * 2
    centre = (3 if both and q[0] == "Joint" else 0) - (1 if c == "Fund" else 0)
    if c == "Fund" and not (both and q[0] == "Joint"):
        centre -= 2
    return [centre, sum(city)] + city


def test_selection_is_stated_and_matters():
    h = three_level("Centre", ["Fund", "Wait"], {"Province": ["Go"]},
                    {"X": ["Joint", "Own"], "Y": ["Joint", "Own"]}, _coordination)
    opt = h.solve("optimistic")
    pes = h.solve(("optimistic", "pessimistic"))
    # optimistic: the cities coordinate on Joint after either commitment; Wait pays 3 > 2
    assert (opt.commitment, opt.response, opt.payoffs[0]) == ("Wait", ("Go", "Joint", "Joint"), 3)
    # pessimistic: after Fund the worst for the centre is (Own, Own): 0 - 1 - 2 = -3;
    # after Wait the worst is (Own, Own): 0
    assert (pes.commitment, pes.response, pes.payoffs[0]) == ("Wait", ("Go", "Own", "Own"), 0)
    assert pes.selection == "provinces: optimistic; cities: pessimistic"
    for r in (opt, pes):
        assert is_subgame_perfect(h.to_tree(), h.profile(r))
    last = h.solve(lambda cands: len(cands) - 1)
    assert last.selection == "provinces: <lambda>; cities: <lambda>"


def test_no_pure_equilibrium_is_reported():
    def pennies(c, p, q):
        match = q[0] == q[1]
        base = 1 if c == "Order" else 0
        return [base, 0, 1 if match else -1, -1 if match else 1] if c == "Order" else \
            [0, 0, 0, 0]
    h = three_level("C", ["Order", "Leave"], {"P": ["x"]}, {"A": ["H", "T"], "B": ["H", "T"]},
                    pennies)
    r = h.solve()
    assert r.commitment == "Leave"
    assert r.table[0] == ("Order", None, None)
    assert "no pure equilibrium" in r.notes[0]
    with pytest.raises(InputError, match="not a full behaviour profile"):
        h.profile(r)
    only = three_level("C", ["Order"], {"P": ["x"]}, {"A": ["H", "T"], "B": ["H", "T"]}, pennies)
    with pytest.raises(InputError, match="some level has no pure Nash"):
        only.solve()


@pytest.mark.parametrize("kwargs, match", [
    (dict(commitments=["a", "a"]), "distinct names"),
    (dict(provinces={}), "at least one player"),
    (dict(cities={"P": ["u", "v"]}), "appears twice"),
    (dict(cities={"A": ["u", "u"]}), "distinct strategy names"),
])
def test_bad_hierarchies(kwargs, match):
    base = dict(centre="C", commitments=["a", "b"], provinces={"P": ["x", "y"]},
                cities={"A": ["u", "v"]}, payoff=lambda c, p, q: [0, 0, 0])
    base.update(kwargs)
    with pytest.raises(InputError, match=match):
        three_level(**base)


def test_bad_payoffs_and_selection():
    h = three_level("C", ["a"], {"P": ["x"]}, {"A": ["u"]}, lambda c, p, q: [0, 0])
    with pytest.raises(InputError, match="returned 2 payoffs"):
        h.solve()
    h = three_level("C", ["a"], {"P": ["x"]}, {"A": ["u"]}, lambda c, p, q: {"C": 1, "P": 0})
    with pytest.raises(InputError, match="no payoff for 'A'"):
        h.solve()
    h = three_level("C", ["a"], {"P": ["x"]}, {"A": ["u"]}, lambda c, p, q: [1, 2, 3])
    with pytest.raises(InputError, match="unknown selection"):
        h.solve("greedy")
    with pytest.raises(InputError, match="not an index"):
        h.solve(lambda cands: 5)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_random_hierarchies_are_subgame_perfect(data):
    """Random small hierarchies: the level-by-level solution is subgame perfect on the tree;
    with one player per level and no ties it is backward induction's unique equilibrium."""
    nc = data.draw(st.integers(1, 3))
    n_prov = data.draw(st.integers(1, 2))
    n_city = data.draw(st.integers(1, 2))
    prov = {f"P{j}": ["x", "y"] for j in range(n_prov)}
    city = {f"C{j}": ["u", "v"] for j in range(n_city)}
    n = 1 + n_prov + n_city
    cells = data.draw(st.lists(st.integers(-5, 5), min_size=n * nc * 2 ** (n - 1),
                               max_size=n * nc * 2 ** (n - 1)))
    comm = [f"c{k}" for k in range(nc)]

    def pay(c, p, q):
        idx = comm.index(c)
        for a in p + q:
            idx = 2 * idx + (a in ("y", "v"))
        return cells[n * idx:n * idx + n]

    h = three_level("Centre", comm, prov, city, pay)
    try:
        r = h.solve()
    except InputError:
        return
    if all(v is not None for v in r.province_responses.values()):
        assert is_subgame_perfect(h.to_tree(), h.profile(r))
    if n == 3:
        eqs = backward_induction(h.to_tree())
        if len(eqs) == 1:
            assert eqs[0].payoffs == r.payoffs


def test_bare_string_commitments_refused():
    with pytest.raises(InputError, match="bare string 'LH'"):
        three_level("Centre", "LH", {"P": ["x", "y"]}, {"A": ["u", "v"]},
                    lambda c, p, q: [0, 0, 0])


@pytest.mark.parametrize("selection", [None, 5, ("optimistic",), ("optimistic", 3),
                                       ["a", "b", "c"]])
def test_bad_selection_objects_are_input_errors(selection):
    h = three_level("C", ["a"], {"P": ["x"]}, {"A": ["u"]}, lambda c, p, q: [1, 2, 3])
    with pytest.raises(InputError, match="selection"):
        h.solve(selection)


@pytest.mark.parametrize("ret", [None, 3, "123"])
def test_payoff_returning_no_sequence_is_an_input_error(ret):
    h = three_level("C", ["a"], {"P": ["x"]}, {"A": ["u"]}, lambda c, p, q: ret)
    with pytest.raises(InputError, match=r"payoff\('a'.* returned"):
        h.solve()


def test_work_over_a_minute_refused_before_solving():
    """18 cities with two strategies: 2 * 2**19 * 39 = 4.1e7 evaluations, within the work
    budget (2e9) but over a minute at 0.6M a second."""
    from govgames.games.budget import BudgetError, budget
    cities = {f"c{i}": ["u", "v"] for i in range(18)}
    called = []

    def pay(c, p, q):
        called.append(1)
        return [0] * 20
    with pytest.raises(BudgetError, match="payoff evaluations"):
        three_level("C", ["a", "b"], {"P": ["x", "y"]}, cities, pay)
    assert not called
    # the same hierarchy is accepted when the time budget is raised
    with budget(max_seconds=1e9):
        three_level("C", ["a", "b"], {"P": ["x", "y"]}, cities, pay)
