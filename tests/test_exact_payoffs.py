"""Payoffs given as rationals or big integers stay exact through the solvers."""

from fractions import Fraction

from govgames.games import NormalFormGame, is_equilibrium_exact, vertex_enumeration


def test_fraction_payoffs_are_kept_exact():
    third = Fraction(1, 3)
    g = NormalFormGame([[[third, 0], [0, 2 * third]], [[2 * third, 0], [0, third]]])
    assert g.exact_payoffs()[0, 0, 0] == third
    assert not g.is_symbolic
    # battle of the sexes scaled by 1/3: the mixed equilibrium is (1/3, 2/3), (2/3, 1/3)
    eqs = list(vertex_enumeration(g))
    mixed = [e for e in eqs if not e.is_pure]
    assert len(mixed) == 1
    assert mixed[0].exact_profile == ((Fraction(1, 3), Fraction(2, 3)), (Fraction(2, 3), Fraction(1, 3)))
    assert mixed[0].exact_payoffs == (Fraction(2, 9), Fraction(2, 9))
    assert is_equilibrium_exact(g, [["1/3", "2/3"], ["2/3", "1/3"]])


def test_big_integers_are_kept_exact():
    big = 2**60
    # the row player prefers the second strategy by exactly 1, which a float cannot see
    g = NormalFormGame([[[big], [big + 1]], [[0], [0]]])
    assert g.exact_payoffs()[0, 1, 0] - g.exact_payoffs()[0, 0, 0] == 1
    assert not is_equilibrium_exact(g, [0, 0])
    assert is_equilibrium_exact(g, [1, 0])
