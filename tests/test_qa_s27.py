"""QA session 27: a parameter value that is a word but not a domain word is refused naming the
words a file may use (normal-form and continuous files alike)."""
import json

import pytest

from govgames.analyses.cli import main


@pytest.mark.parametrize("doc", [
    {"type": "normal_form", "players": ["A", "B"], "strategies": [["c", "d"], ["c", "d"]],
     "parameters": {"x": "weird"},
     "payoffs": {"A": [["x", 0], [1, 1]], "B": [[1, 0], [0, 1]]}},
    {"type": "continuous", "players": ["A", "B"], "variables": ["x", "y"],
     "intervals": [[0, 10], [0, 10]], "parameters": {"a": "weird"},
     "payoffs": {"A": "a*x - x**2", "B": "a*y - y**2"}},
])
def test_an_unknown_domain_word_lists_the_words(tmp_path, capsys, doc):
    path = tmp_path / "g.json"
    path.write_text(json.dumps(doc))
    assert main(["solve", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "'weird' is neither a number nor a domain word" in err and '"nonnegative"' in err
    assert "g.json: parameters." in err
    doc["parameters"] = {k: "positive" for k in doc["parameters"]}
    path.write_text(json.dumps(doc))
    assert main(["solve", str(path)]) == 0
    capsys.readouterr()


def test_a_string_is_not_read_as_a_profile_letter_by_letter():
    from govgames.games.errors import InputError
    from govgames.games.extensive import (ExtensiveGame, behaviour_profile, decision,
                                          is_subgame_perfect, terminal)

    # two information sets with one-letter actions: "ab" would pass for a profile
    g = ExtensiveGame(["A", "B"], decision("A", {
        "a": decision("B", {"a": terminal(1, 1), "b": terminal(0, 0)}),
        "b": terminal(2, 2)}))
    for call in (lambda: behaviour_profile(g, "ab"), lambda: is_subgame_perfect(g, "ab")):
        with pytest.raises(InputError, match="not the string 'ab'"):
            call()
    assert is_subgame_perfect(g, ["b", "a"])


@pytest.mark.parametrize("bad, message", [
    ((5, 0), r"must be finite with low < high"),
    ((0, float("inf")), r"must be finite with low < high"),
    ("ab", r"must be \(low, high\), two numbers"),
    ((1, 2, 3), r"must be \(low, high\), two numbers"),
])
def test_identified_set_plot_refuses_a_reversed_or_malformed_range(bad, message):
    import sympy as sp

    from govgames.games import NormalFormGame
    from govgames.games.errors import InputError
    from govgames.games.identification import identified_set

    c, d = sp.symbols("c d", nonnegative=True)
    g = NormalFormGame([[[1 - c, -c], [0, 0]], [[d - 1, 0], [-1, 0]]])
    ids = identified_set(g, ("s1", "s1"))
    with pytest.raises(InputError, match=r"plot: ranges\['c'\] "):
        ids.plot("c", "d", ranges={"c": bad, "d": (0, 5)})


def test_polynomial_enumeration_is_a_sequence_of_its_equilibria_like_every_solver():
    import numpy as np

    from govgames.games import NormalFormGame
    from govgames.games.nplayer import enumerate_equilibria

    g = NormalFormGame(np.random.default_rng(3).integers(-5, 6, (3, 2, 2, 2)))
    res = enumerate_equilibria(g)
    listed = res.to_list()
    assert len(res) == len(listed) == len(res.equilibria) > 0
    assert list(res) == res.equilibria and res[0] is res.equilibria[0]
    assert res.to_frame().shape[0] == listed.to_frame().shape[0]
    assert str(res) == str(listed) and "<table" in res._repr_html_()


@pytest.mark.parametrize("profile, message", [
    ([3], r"profile: 1 choice for 2 players \(give one choice per player\)"),
    ([3, 3, 3], r"profile: 3 choices for 2 players"),
    ([[3], [3, 4]], r"player 'Firm 2' chooses 1 number\(s\), got 2"),
    ("ab", r"expected one choice per player, got the string 'ab'"),
])
def test_a_continuous_profile_of_the_wrong_shape_says_what_is_wrong(profile, message):
    """The count of choices was checked, but its InputError (a ValueError) was caught and
    replaced by "expected numbers, got [3]"."""
    from govgames.games.continuous import cournot, is_equilibrium
    from govgames.games.errors import InputError

    with pytest.raises(InputError, match=message):
        is_equilibrium(cournot(2, a=10, b=1, c=1), profile)


def test_the_smallest_floats_are_accepted_and_below_them_refused():
    """exact_rational decides 'rounds to 0' exactly at the boundary (it skips the float
    conversion only where the bit lengths prove the number far above 2**-1074)."""
    from fractions import Fraction

    from govgames.games.errors import InputError
    from govgames.games.numbers import exact_rational

    for k in range(1060, 1090):
        for q in (Fraction(1, 2**k), Fraction(3, 2**k), Fraction(2**k - 1, 2**(2 * k))):
            if float(q) == 0:
                with pytest.raises(InputError, match="too small"):
                    exact_rational(q)
            else:
                assert exact_rational(q) == q
    assert exact_rational("5e-324") == Fraction(5, 10**324)
    with pytest.raises(InputError, match="too small"):
        exact_rational("2e-324")


def test_an_unknown_case_is_refused_without_importing_the_case_studies():
    """`govgames analyses run nosuch` imported all eleven case modules (about 5 s) before
    refusing; a known case imports its own module only."""
    import subprocess
    import sys

    probe = ("import sys\nfrom govgames.analyses.cli import main\nrc = main(sys.argv[1:])\n"
             "mods = sorted(m.rsplit('.', 1)[-1] for m in sys.modules "
             "if m.startswith('govgames.analyses.') and m.rsplit('.', 1)[-1] in "
             "('river', 'club', 'trust', 'imposed', 'air_pollution'))\n"
             "print(rc, mods, file=sys.stderr)\n")
    res = subprocess.run([sys.executable, "-c", probe, "analyses", "run", "nosuch"],
                         capture_output=True, text=True, timeout=300)
    lines = res.stderr.strip().splitlines()
    assert "unknown case study 'nosuch'; known: river, public_goods" in lines[0]
    assert lines[-1] == "2 []"
    res = subprocess.run([sys.executable, "-c", probe, "analyses", "run", "imposed", "--json"],
                         capture_output=True, text=True, timeout=300)
    assert res.stderr.strip().splitlines()[-1] == "0 ['imposed']"
