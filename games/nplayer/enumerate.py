"""Every Nash equilibrium of a small N-player game: support enumeration with exact algebra.

For each support profile that survives conditional dominance
(:func:`~govgames.games.nplayer.supports.candidate_supports`) the indifference equations are
solved exactly: by rational linear algebra when at most two players mix
(:func:`~govgames.games.nplayer.linear.solve_linear_support`), by one univariate polynomial
when exactly three players mix, with 2, 2 and 2 or 3 strategies, 2, d+1 and d+1 or 3, 3
and 3, or four players mix two strategies each (:mod:`govgames.games.nplayer.binary`,
:mod:`govgames.games.nplayer.ternary`, :mod:`govgames.games.nplayer.quadruple`), or one player
mixes three strategies and three others two (:mod:`govgames.games.nplayer.ternary_binaries`),
otherwise with Groebner bases
(:func:`~govgames.games.nplayer.polynomial.solve_support`) unless interval arithmetic first
proves that the support carries no equilibrium
(:func:`~govgames.games.nplayer.exclusion.support_excluded`). Supports whose
equations have finitely many solutions contribute every equilibrium with that support, exactly
(rational or real algebraic probabilities). Supports whose solution set is positive-dimensional
(games with ties) are reported as *components* when an exact equilibrium is found on them (the
samples); those proved empty by conditional weak dominance
(:func:`~govgames.games.nplayer.supports.support_weakly_dominated`, and for at most two mixing
players :func:`~govgames.games.nplayer.linear.linear_support_empty`) or by saturation
(:func:`~govgames.games.nplayer.polynomial.support_empty_by_saturation`) are dropped, and the rest,
where neither an equilibrium nor a proof of emptiness was found, are reported as *undecided*.
Supports every profile of whose closed face is an equilibrium (*equilibrium faces*) are merged
into one component per connected set, which also takes in the equilibria of other supports lying
in it (:mod:`govgames.games.nplayer.components`); other continua stay one component per support.
A support on which one player mixes over two strategies, indifferent on the whole segment, but
the other (pure) players' best responses leave a single mixture, holds one isolated equilibrium
and is listed as such (the interval of mixtures is computed exactly).

The work is bounded before it starts: :func:`~govgames.games.nplayer.supports.enumeration_cost`
counts the support profiles and the multihomogeneous Bezout numbers of their systems, and a game
above the budget is refused with a hint (path following, :mod:`govgames.games.nplayer.logit`,
finds one equilibrium of larger games).

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142.
.. [2] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008), 642-662.
.. [3] R. S. Datta, "Using computer algebra to find Nash equilibria", *Proc. ISSAC 2003*, 74-79.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import lcm, prod
from typing import Sequence

import numpy as np

from ..equilibrium import Equilibrium, EquilibriumList
from ..errors import InputError
from ..game import NormalFormGame
from ..numbers import integers_as_floats
from ..parallel import progress_bar
from .algebraic import AlgebraicProfile
from .binary import solve_binary_and_pair, solve_binary_triple, solve_two_binary_one_ternary
from .certified import certified_support_points
from .components import equilibrium_face, face_groups, in_face
from .exclusion import support_excluded
from .linear import _solve as _solve_linear, linear_support_empty
from .polynomial import BudgetExceeded, integer_payoffs, solve_support, support_empty_by_saturation
from .quadruple import _binary_quadruple
from .supports import (
    _payoff_tables,
    bezout_number,
    candidate_supports,
    enumeration_cost,
    support_count,
    support_weakly_dominated,
)
from .ternary import _ternary_triple
from .ternary_binaries import _ternary_and_binaries

__all__ = ["DEFAULT_MAX_COST", "DEFAULT_MAX_UNKNOWNS", "DEFAULT_MAX_DEGREE", "Component",
           "PolynomialEnumeration", "enumerate_equilibria", "too_large_reason", "to_equilibrium"]

#: Default budget of :func:`enumerate_equilibria`: ``supports + total Bezout number`` (see
#: :class:`~govgames.games.nplayer.supports.EnumerationCost`). A 3x3x3 game costs 1 053, a
#: 2x2x2x2x2 game 1 297, a 4x4x4 game about 12 000.
DEFAULT_MAX_COST = 20_000

#: Largest number of unknowns ``sum_i (a_i - 1)`` and largest multihomogeneous Bezout number of
#: one support system accepted by default. FLINT's Buchberger algorithm over the integers is
#: the bottleneck and its work grows steeply with the number of unknowns (3x3x3, 4x3x3, 4x4x2,
#: 3x2x2x2, 2x2x2x2, 4x2x2x2 games pass; 5x5x2 and 2x2x2x2x2 do not; times are in
#: benchmarks/results/nplayer.md).
DEFAULT_MAX_UNKNOWNS = 7
DEFAULT_MAX_DEGREE = 12

#: Supports with at least this multihomogeneous Bezout number are first tried by interval
#: exclusion (:func:`~govgames.games.nplayer.exclusion.support_excluded`); smaller systems
#: (2x2x3 supports) are solved exactly at once, which is cheaper. Supports where exactly three
#: players mix two strategies each are excluded by a quadratic elimination.
EXCLUSION_MIN_DEGREE = 4

#: With ``rational=False``, supports whose multihomogeneous Bezout number is at least this are
#: solved by certified subdivision (:mod:`govgames.games.nplayer.certified`); smaller systems
#: (two or three players mixing two strategies, 3x3x2 supports) are solved exactly faster than
#: they are subdivided, and their exact solutions are rounded.
NUMERIC_MIN_DEGREE = 6

#: Limits (basis length, polynomial length, coefficient bits) of one Groebner basis.
GROEBNER_LIMITS = (2000, 5000, 20000)


@dataclass
class Component:
    """A positive-dimensional set of equilibria.

    Either a connected union of *equilibrium faces* (``faces`` not empty): every profile whose
    support lies in one of ``faces`` (``S_i`` a subset of ``T_i`` for each player) is an
    equilibrium (each used strategy a best response at every vertex of the face), and these
    closed faces are chained by common sub-faces, so the component is one connected set; no
    other equilibrium face meets it, and the mixed equilibria of other supports that lie in it
    are among its samples, not listed (its pure equilibria, the vertices of its faces, are
    listed as extreme equilibria, as the extreme equilibria of 2-player games are)
    (:mod:`govgames.games.nplayer.components`). Or (``faces`` empty) the equilibria of one
    support profile whose indifference equations have a positive-dimensional solution set:
    not shown to be connected, nor to be apart from the other components (whether the
    closures of such real algebraic sets meet is not decided).

    Attributes
    ----------
    support : tuple of tuple of str
        Strategy names used by each player somewhere in the component.
    dimension : int
        Dimension of the set (of the complex solution set of the indifference equations of
        ``support`` when ``faces`` is empty).
    samples : list of Equilibrium
        Exact equilibria found on the set (boundary points and slices; the barycentre of
        a face when no slice is in it), and the equilibria of other supports (pure ones, say)
        that lie in it; not an exhaustive list. Empty only for the ``undecided`` supports of
        :class:`PolynomialEnumeration`.
    faces : list of tuple of tuple of str
        The maximal equilibrium faces whose closures make up the component (their union is
        exactly the component); empty for a continuum of a single support.
    """

    support: tuple
    dimension: int
    samples: list = field(default_factory=list)
    faces: list = field(default_factory=list)

    def __repr__(self) -> str:
        # the samples of a large face run to hundreds (722 for the all-zero 2x2x2 game): count
        # them and show the first
        first = f", first {self.samples[0]!r}" if self.samples else ""
        return (f"Component(support={self.support!r}, dimension={self.dimension}, "
                f"faces={self.faces!r}, samples=<{len(self.samples)} equilibria{first}>)")


@dataclass
class PolynomialEnumeration:
    """Result of :func:`enumerate_equilibria`.

    Attributes
    ----------
    equilibria : list of Equilibrium
        Every equilibrium whose support has finitely many solutions (each such support's
        equilibria are all listed), sorted by support, except those that lie in a component
        made of equilibrium faces (they are among its ``samples``).
    profiles : list of AlgebraicProfile
        The same equilibria in exact form.
    components : list of Component
        Positive-dimensional sets of equilibria, each with at least one exact sample
        equilibrium: one per connected set of equilibrium faces, and one per other support
        with a positive-dimensional set of equilibria (see :class:`Component`).
    supports_solved : int
        Number of support profiles whose equations were solved.
    rational : bool
        True when every equilibrium is exact (the default); False for the floating-point path
        (``enumerate_equilibria(..., rational=False)``).
    certified_numerically : int
        Number of equilibria whose float values come from a numerically certified root
        (:func:`~govgames.games.nplayer.certified.certified_support_points`); their entry in
        ``profiles`` is None.
    undecided : list of Component
        Supports whose indifference equations have a positive-dimensional solution set on which
        no equilibrium was found by boundary and slice search, and which were not proved to
        carry none (``samples`` empty). They may hold equilibria; they are not components.

    Notes
    -----
    The result is also a sequence of its ``equilibria`` (``len``, iteration, indexing), prints
    and has ``to_frame`` and an HTML view as the :class:`~govgames.games.EquilibriumList` of
    :meth:`to_list`, the shape every other solver returns.
    """

    equilibria: list
    profiles: list
    components: list
    supports_solved: int
    rational: bool = True
    certified_numerically: int = 0
    undecided: list = field(default_factory=list)

    def to_list(self) -> EquilibriumList:
        """The isolated equilibria as an EquilibriumList; each continuum (positive-dimensional
        component) is described in the notes with its sample points, which are equilibria but
        not extreme points, so they are not counted among the listed equilibria (nor are the
        mixed equilibria inside a component of equilibrium faces: they are among its samples;
        its pure equilibria, its vertices, are listed)."""
        notes = [f"support enumeration with exact polynomial solving: {len(self.equilibria)} "
                 f"equilibri{'um' if len(self.equilibria) == 1 else 'a'} from "
                 f"{self.supports_solved} candidate supports"]
        if not self.rational:
            notes[0] = (f"support enumeration, floating-point output (rational=False): "
                        f"{len(self.equilibria)} equilibri"
                        f"{'um' if len(self.equilibria) == 1 else 'a'} from "
                        f"{self.supports_solved} candidate supports; "
                        f"{self.certified_numerically} of them certified numerically (interval "
                        "Krawczyk test: a unique exact equilibrium within about 1e-15 of the "
                        "floats shown), the others solved exactly and rounded")
        if self.components:
            k = len(self.components)
            notes[0] += (f"; and {k} continu{'um' if k == 1 else 'a'} of equilibria "
                         "(components), described below")
        items = list(self.equilibria)
        for c in self.components:
            names = "; ".join("{" + ", ".join(s) + "}" for s in c.support)
            shown = "; ".join(f"[{e}]" for e in c.samples[:3])
            faces = " or ".join("(" + "; ".join("{" + ", ".join(s) + "}" for s in T) + ")"
                                for T in c.faces)
            what = (f"every profile whose support lies in {faces} is one; dimension "
                    f"{c.dimension}" if c.faces else "the indifference equations have a "
                    f"{c.dimension}-dimensional solution set")
            notes.append(f"support {names}: a continuum of equilibria ({what}), not listed "
                         f"above; sample points: {shown}"
                         + (f" and {len(c.samples) - 3} more" if len(c.samples) > 3 else ""))
        if self.undecided:
            which = "; ".join("(" + "; ".join("{" + ", ".join(s) + "}" for s in c.support) + ")"
                              for c in self.undecided[:3])
            more = f" and {len(self.undecided) - 3} more" if len(self.undecided) > 3 else ""
            notes.append(f"undecided: {len(self.undecided)} support(s) ({which}{more}) have a "
                         "positive-dimensional solution set of their indifference equations on "
                         "which no equilibrium was found by boundary and slice search and none "
                         "was ruled out; equilibria with these supports may be missing above "
                         "(the game has ties in its payoffs)")
        if self.rational and any(e.exact_profile is None for e in self.equilibria):
            notes.append("some probabilities are irrational (algebraic): floats are shown, the "
                         "exact minimal polynomials are in each equilibrium's notes and its "
                         "algebraic_profile")
        return EquilibriumList(items, method="polynomial",
                               degenerate=bool(self.components or self.undecided) or None,
                               notes=notes, continua=len(self.components))

    # the listed equilibria as a sequence, as every other solver's EquilibriumList
    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def to_frame(self):
        """The listed equilibria as a pandas DataFrame (:meth:`EquilibriumList.to_frame`)."""
        return self.to_list().to_frame()

    def _repr_html_(self) -> str:
        return self.to_list()._repr_html_()

    def __str__(self) -> str:
        return str(self.to_list())


_ZERO = Fraction(0)


def _fraction(x) -> Fraction:
    return x if type(x) is Fraction else Fraction(x)


def _float(x: Fraction) -> float:
    """``float(x)``: the same correctly rounded quotient, without the numbers-ABC dispatch."""
    return x.numerator / x.denominator


def _rational_payoffs(P: np.ndarray, profile: Sequence) -> list:
    """Exact payoffs of every player at a rational mixed profile (sums over its support, in
    integers over the product of the players' common denominators)."""
    n = len(profile)
    pure = [next((s for s, x in enumerate(row) if x), None) for row in profile]
    if None not in pure and all(profile[i][s] == 1 for i, s in enumerate(pure)):  # pure
        return [Fraction(v) for v in P[(slice(None),) + tuple(pure)].tolist()]
    support, total_den = [], 1
    for row in profile:
        fr = [_fraction(x) for x in row]
        den = lcm(*(x.denominator for x in fr))
        support.append([(s, x.numerator * (den // x.denominator)) for s, x in enumerate(fr) if x])
        total_den *= den
    sums = [0] * n
    for combo in itertools.product(*support):
        w = 1
        for _, x in combo:
            w *= x
        column = P[(slice(None),) + tuple(s for s, _ in combo)].tolist()
        sums = [v + w * u for v, u in zip(sums, column)]
    if total_den == 1:
        return [Fraction(v) for v in sums]
    return [Fraction(v, total_den) for v in sums]


def to_equilibrium(game: NormalFormGame, p: AlgebraicProfile,
                   exact_payoffs: np.ndarray | None = None) -> Equilibrium:
    """Turn an exact :class:`AlgebraicProfile` into an :class:`Equilibrium` of ``game``.

    Rational profiles keep exact probabilities and payoffs; irrational ones carry floats, ``p``
    itself as ``algebraic_profile`` and a note with the minimal polynomial of the number field.

    Parameters
    ----------
    game : NormalFormGame
    p : AlgebraicProfile
    exact_payoffs : numpy.ndarray, optional
        ``game.exact_payoffs()``, when the caller has it already (saves recomputing it).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> g = NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    >>> a = AlgebraicProfile((0, 1), 0, (((F(1, 2),), (F(1, 2),)), ((F(1, 2),), (F(1, 2),))))
    >>> print(to_equilibrium(g, a))
    Player 1: 1/2 s1 + 1/2 s2; Player 2: 1/2 s1 + 1/2 s2  (payoffs 1/2, 1/2)
    """
    if p.degree == 1:
        exact = tuple(tuple(_fraction(c[0]) if c else _ZERO for c in row)
                      for row in p.coordinates)
        P = game.exact_payoffs() if exact_payoffs is None else exact_payoffs
        pays = _rational_payoffs(P, exact)
        # the fields Equilibrium.from_game_profile would make of these Fractions
        return Equilibrium(game.players, game.strategies,
                           tuple(np.array([_float(x) for x in row]) for row in exact),
                           np.array([_float(x) for x in pays]), exact, tuple(pays), ())
    floats = p.to_floats()
    m = " + ".join(f"{c}*T^{k}" for k, c in enumerate(p.minimal_polynomial) if c)
    note = (f"algebraic probabilities of degree {p.degree}: polynomials in the root number "
            f"{p.root_index} (from the smallest) of {m}")
    return replace(Equilibrium.from_game_profile(game.players, game.strategies, floats,
                                                 game.payoff(floats), notes=(note,)),
                   algebraic_profile=p)


# above this many vectors of support sizes, too_large_reason tries the cheap bounds first
_CHEAP_COST_SIZES = 1024


def too_large_reason(game: NormalFormGame, max_cost: int = DEFAULT_MAX_COST,
                     max_unknowns: int = DEFAULT_MAX_UNKNOWNS,
                     max_degree: int = DEFAULT_MAX_DEGREE) -> str | None:
    """Why :func:`enumerate_equilibria` would refuse ``game`` (None when it would not).

    Three limits apply: ``max_cost`` on :func:`enumeration_cost` (support profiles plus their
    total Bezout number), ``max_unknowns`` on the unknowns of the largest support system and
    ``max_degree`` on its Bezout number.

    Parameters
    ----------
    game : NormalFormGame
    max_cost, max_unknowns, max_degree : int
        The limits (defaults :data:`DEFAULT_MAX_COST`, :data:`DEFAULT_MAX_UNKNOWNS`,
        :data:`DEFAULT_MAX_DEGREE`).

    Returns
    -------
    str or None
        One sentence with the numbers and a hint, or None when the game is within the limits.

    Examples
    --------

    >>> too_large_reason(NormalFormGame.from_function(lambda p: [0] * 3, (2, 2, 2))) is None
    True
    >>> too_large_reason(NormalFormGame.from_function(lambda p: [0] * 3, (6, 6, 6)))[:31]
    'support enumeration of this 6x6'
    >>> too_large_reason(NormalFormGame.from_function(lambda p: [0] * 5, (2,) * 5))[:47]
    'the largest support system of this 2x2x2x2x2 ga'
    """
    unknowns = sum(a - 1 for a in game.shape)
    size = "x".join(map(str, game.shape))
    hint = "; use method 'logit' to find one equilibrium"
    if prod(game.shape) > _CHEAP_COST_SIZES:
        # the exact cost sums a Bezout number over every vector of support sizes (3**16 steps
        # for 16 players of two strategies): decide from the cheap bounds first
        supports = support_count(game.shape)
        if supports > max_cost:
            return (f"support enumeration of this {size} game would solve up to {supports} "
                    f"support profiles (more than the budget {max_cost} before counting their "
                    f"complex solutions){hint}, or raise max_cost")
        if unknowns > max_unknowns:
            return (f"the largest support system of this {size} game has {unknowns} unknowns "
                    f"(limit {max_unknowns}: the work of exact Groebner bases grows steeply "
                    f"beyond it){hint}, or raise max_unknowns")
    c = enumeration_cost(game.shape)
    if c.cost > max_cost:
        return (f"support enumeration of this {size} game would solve up to {c.supports} "
                f"support profiles with up to {c.total_degree} complex solutions in all (cost "
                f"{c.cost} > budget {max_cost}){hint}, or raise max_cost")
    if unknowns > max_unknowns or c.max_degree > max_degree:
        return (f"the largest support system of this {size} game has {unknowns} unknowns and up "
                f"to {c.max_degree} solutions (limits {max_unknowns} and {max_degree}: the work of "
                f"exact Groebner bases grows steeply beyond them){hint}, or raise "
                f"max_unknowns / max_degree")
    return None


def enumerate_equilibria(game: NormalFormGame, max_cost: int = DEFAULT_MAX_COST,
                         prune: bool = True, max_unknowns: int = DEFAULT_MAX_UNKNOWNS,
                         max_degree: int = DEFAULT_MAX_DEGREE,
                         exclude: bool = True, rational: bool = True,
                         progress=None) -> PolynomialEnumeration:
    """Every equilibrium of a small N-player game, by support enumeration and exact algebra.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players (payoffs read exactly).
    max_cost : int
        Budget for :func:`~govgames.games.nplayer.supports.enumeration_cost` (support profiles
        plus their total Bezout number); larger games are refused.
    prune : bool
        Skip supports removed by conditional dominance (Porter et al. 2008). False solves every
        support profile (for checks).
    max_unknowns, max_degree : int
        Limits on the largest support system (see :func:`too_large_reason`).
    exclude : bool
        Skip the support profiles that a used strategy beaten by conditional weak dominance
        (:func:`~govgames.games.nplayer.supports.support_weakly_dominated`) or interval
        arithmetic on supports with three or more mixing players
        (:func:`~govgames.games.nplayer.exclusion.support_excluded`) proves to carry no
        equilibrium, instead of computing their Groebner bases. The equilibria and components
        are the same either way; False can leave more supports undecided (positive-dimensional
        solution sets without a sample are always checked for weak dominance, but not by
        interval arithmetic).
    rational : bool
        True (default): every equilibrium exact (rational or real algebraic probabilities).
        False (pygambit's ``enumpoly_solve(rational=False)`` counterpart): floating-point
        probabilities, faster. Supports where three or more players mix and that none of the
        eliminations (:mod:`govgames.games.nplayer.binary`, :mod:`~govgames.games.nplayer.ternary`,
        :mod:`~govgames.games.nplayer.quadruple`) solves are then solved by
        interval subdivision and the Krawczyk test
        (:func:`~govgames.games.nplayer.certified.certified_support_points`), which proves
        that each root it reports is the only solution in a box of width about ``1e-15``
        around the floats and that no other equilibrium has that support; a support it cannot
        decide (a singular or positive-dimensional system, a root on the boundary) is solved
        exactly instead, so the list is the same as with True, up to rounding. Equilibria
        then carry no exact values (``Equilibrium.exact_profile`` is None).
    progress : bool or None
        A progress bar over the candidate supports on stderr (``None``: only on a terminal,
        after two seconds; see :func:`govgames.games.parallel.progress_bar`).

    Returns
    -------
    PolynomialEnumeration
        Every equilibrium of each support with finitely many solutions, exact (except the
        mixed ones inside a component of equilibrium faces), the positive-dimensional
        components with exact sample points, and the undecided supports.

    Raises
    ------
    InputError
        The game is above the budget (the message gives the numbers and a hint), has free
        parameters, or a limit is not a positive integer or a flag not a bool.

    References
    ----------
    McKelvey and McLennan (1996); Porter, Nudelman and Shoham (2008); Datta (2003).

    Examples
    --------
    The 2x2x2 game of McKelvey and McLennan (1997) has nine equilibria, two totally mixed:

    >>> P = np.zeros((3, 2, 2, 2))
    >>> P[:, 0, 0, 0] = 9, 8, 12; P[:, 1, 1, 0] = 9, 8, 2; P[:, 0, 1, 1] = 3, 4, 6
    >>> P[:, 1, 0, 1] = 3, 4, 6
    >>> res = enumerate_equilibria(NormalFormGame(P))
    >>> len(res.equilibria), sum(len(e.support[0]) == 2 and len(e.support[2]) == 2
    ...                            and len(e.support[1]) == 2 for e in res.equilibria)
    (9, 2)

    The floating-point path finds the same nine, each certified:

    >>> fast = enumerate_equilibria(NormalFormGame(P), rational=False)
    >>> len(fast.equilibria), fast.equilibria[0].exact_profile is None
    (9, True)
    """
    if not isinstance(game, NormalFormGame):
        raise InputError(f"expected a NormalFormGame, got {type(game).__name__}")
    _check_arguments(max_cost=max_cost, max_unknowns=max_unknowns, max_degree=max_degree,
                     prune=prune, exclude=exclude, rational=rational)
    reason = too_large_reason(game, max_cost, max_unknowns, max_degree)
    exact, P = _exact_and_integer_payoffs(game)
    if reason is not None:
        raise InputError(reason)
    Pnum = np.array([integers_as_floats(x, "the exact N-player solver") for x in P])
    # the same integers, faster to read in interval arithmetic, with their per-game tables
    Pbox = _payoff_tables(_machine_integers(P))
    U = Pbox.own_first_exact  # own strategies first, exact (int64 when they fit)
    # the dominance test runs in floats; rounding is monotone, so a strict float inequality
    # implies the exact one and pruning never removes a strategy wrongly
    profiles: list = []
    equilibria: list = []
    undecided: list = []
    found: list = []  # (support, Component) of the supports with a continuum of equilibria
    solved = 0
    names = game.strategies
    certified = 0
    supports = list(candidate_supports(Pnum, prune=prune))
    with progress_bar(progress, len(supports), desc="supports", unit="support") as bar:
        for S in supports:
            bar.update(1)
            solved += 1
            sol = _eliminate(U, Pbox, S)
            if sol is None:
                sol = _solve_or_exclude(P, Pbox, S, rational, exclude)
            if sol is None:
                continue  # proved to carry no equilibrium
            if isinstance(sol, list):  # certified numerically
                profiles += [None] * len(sol)
                equilibria += [_float_equilibrium(game, x, "certified numerically") for x in sol]
                certified += len(sol)
                continue
            if sol.dimension > 0 and sol.points and _one_mixer_cut_to_a_point(P, S):
                sol = replace(sol, dimension=0, points=sol.points[:1])
            if sol.dimension > 0:
                if not sol.points and (support_weakly_dominated(P, S) is not None
                                       or linear_support_empty(P, S)
                                       or support_empty_by_saturation(P, S)):
                    continue  # proved to carry no equilibrium
                sup = tuple(tuple(names[i][s] for s in Si) for i, Si in enumerate(S))
                c = Component(sup, sol.dimension, [to_equilibrium(game, p, exact)
                                                   for p in sol.points])
                if sol.points:
                    found.append((S, c))
                else:
                    undecided.append(c)
                continue
            profiles += sol.points
            equilibria += [to_equilibrium(game, p, exact) if rational else
                           _float_equilibrium(game, p.to_floats(), "solved exactly, rounded")
                           for p in sol.points]
    components, equilibria, profiles = _merge_faces(P, found, equilibria, profiles, names)
    return PolynomialEnumeration(equilibria, profiles, components, solved, rational, certified,
                                 undecided)


def _one_mixer_cut_to_a_point(P: list, S: tuple) -> bool:
    """True when one player mixes, over two strategies ``k0, k1``, and the best-response
    inequalities of the other (pure) players leave one mixture: the equilibria of the support
    are one isolated point, although the mixer's indifference holds on the whole segment.

    With the others pure at ``s``, the mixer's indifference and best responses do not depend
    on its mixture ``(1 - t) k0 + t k1``; player ``j``'s gain from deviating to ``s'_j`` is
    linear in ``t``, so the equilibria form an interval of ``t``, computed exactly; it is a
    point when its ends meet (payoffs ``P`` of one player may be scaled by a positive factor).
    """
    mixers = [i for i, Si in enumerate(S) if len(Si) > 1]
    if len(mixers) != 1 or len(S[mixers[0]]) != 2:
        return False
    i = mixers[0]
    base = [Si[0] for Si in S]
    lo, hi = Fraction(0), Fraction(1)
    for j, Pj in enumerate(P):
        if j == i:
            continue
        for alt in range(Pj.shape[j]):
            if alt == base[j]:
                continue
            gain = []
            for k in S[i]:
                here = list(base)
                here[i] = k
                there = list(here)
                there[j] = alt
                gain.append(_fraction(Pj[tuple(here)]) - _fraction(Pj[tuple(there)]))
            slope = gain[1] - gain[0]           # j keeps s_j iff gain[0] + slope t >= 0
            if slope > 0:
                lo = max(lo, -gain[0] / slope)
            elif slope < 0:
                hi = min(hi, -gain[0] / slope)
    return lo == hi


def _merge_faces(P: list, found: list, equilibria: list, profiles: list, names) -> tuple:
    """The components, equilibria and profiles to report: the equilibrium faces among
    ``found`` (pairs of a support and its :class:`Component`) merged into one component per
    connected set (:func:`~govgames.games.nplayer.components.face_groups`), each placed where
    its first face was, and the mixed equilibria lying in one of them moved to its samples
    (the pure ones, its vertices, stay listed as extreme equilibria); the other components
    unchanged."""
    where = [k for k, (S, _) in enumerate(found) if equilibrium_face(P, S)]
    if not where:
        return [c for _, c in found], equilibria, profiles
    groups = [[where[k] for k in g] for g in face_groups([found[k][0] for k in where])]
    merged = {g[0]: _face_component([found[k] for k in g], names) for g in groups}
    idx = [{s: k for k, s in enumerate(row)} for row in names]
    kept_eq, kept_pr = [], []
    for e, p in zip(equilibria, profiles):
        home = None
        if not e.is_pure:  # a pure equilibrium is a vertex of its face: listed as extreme
            S = tuple(tuple(idx[i][s] for s in Si) for i, Si in enumerate(e.support))
            home = next((c for c, maximal in merged.values()
                         if any(in_face(S, T) for T in maximal)), None)
        if home is None:
            kept_eq.append(e)
            kept_pr.append(p)
        else:
            home.samples.append(e)
    inside = set(where)
    comps = [merged[k][0] if k in merged else c for k, (_, c) in enumerate(found)
             if k in merged or k not in inside]
    return comps, kept_eq, kept_pr


def _face_component(members: list, names) -> tuple:
    """One :class:`Component` for a connected group of equilibrium faces (``members``: pairs
    of a support and its component), and the supports of its maximal faces: the samples of
    the largest faces first, ``support`` the strategies used in any face."""
    members = sorted(members, key=lambda m: -m[1].dimension)
    maximal: list = []
    for S, _ in members:
        if not any(in_face(S, T) for T in maximal):
            maximal.append(S)
    n = len(names)
    used = [sorted(set().union(*(S[i] for S, _ in members))) for i in range(n)]
    def label(T):
        return tuple(tuple(names[i][s] for s in T[i]) for i in range(n))

    comp = Component(label(used), members[0][1].dimension,
                     [e for _, c in members for e in c.samples], [label(T) for T in maximal])
    return comp, maximal


def _solve_or_exclude(P: list, Pbox, S: tuple, rational: bool, exclude: bool):
    """A support no elimination solves: None when weak dominance or interval exclusion
    proves it carries no equilibrium (with ``exclude``), the list of certified float points
    (``rational=False``, large systems: :func:`certified_support_points`), else the
    :class:`SupportSolution` of the Groebner path (InputError beyond its limits)."""
    sizes = [len(x) for x in S]
    numeric = not rational and _numeric_support(sizes)
    if exclude and support_weakly_dominated(Pbox, S) is not None:
        return None
    if exclude and not numeric and _try_exclusion(sizes) and support_excluded(Pbox, S):
        return None
    pts = certified_support_points(Pbox, S) if numeric else None
    if pts is None and numeric and exclude and support_excluded(Pbox, S):
        return None
    if pts is not None:
        return pts
    try:
        return solve_support(P, S, limits=GROEBNER_LIMITS)
    except BudgetExceeded:
        raise InputError(
            f"the polynomial system of support {S} outgrew the Groebner basis limits "
            f"{GROEBNER_LIMITS}; use method 'logit' to find one equilibrium") from None


def _eliminate(U: list, Pbox, S: tuple):
    """The support ``S`` solved by the first elimination that applies to its shape (exact
    linear algebra for at most two mixing players, then the univariate eliminations of
    :mod:`govgames.games.nplayer.binary`, :mod:`~govgames.games.nplayer.ternary`,
    :mod:`~govgames.games.nplayer.quadruple` and
    :mod:`~govgames.games.nplayer.ternary_binaries`); None when none does."""
    sol = _solve_linear(U, S)
    for solver in (solve_binary_triple, solve_two_binary_one_ternary, solve_binary_and_pair):
        if sol is not None:
            return sol
        sol = solver(Pbox, S)
    for skipping in (_ternary_triple, _binary_quadruple):  # skip what holds no equilibrium
        if sol is not None:
            return sol
        sol = skipping(Pbox, S, False)
    return sol if sol is not None else _ternary_and_binaries(Pbox, S)


def _machine_integers(P: list) -> list:
    """The integer payoffs as int64 arrays when they fit (else unchanged): the interval
    exclusion reads them many times, and numpy reductions of Python ints are slow."""
    try:
        return [np.asarray(U, dtype=np.int64) for U in P]
    except OverflowError:
        return P


def _try_exclusion(sizes: list) -> bool:
    """Whether interval exclusion is tried before solving a support exactly."""
    return (bezout_number(sizes) >= EXCLUSION_MIN_DEGREE
            or sorted(x for x in sizes if x > 1) in ([2, 2, 2], [2, 2, 3]))


def _numeric_support(sizes: list) -> bool:
    """Whether the ``rational=False`` path solves a support by certified subdivision (which
    also excludes it when it has no equilibrium): large systems, except the shapes that
    :func:`~govgames.games.nplayer.exclusion.support_excluded` eliminates to one polynomial."""
    mixed = sorted(x for x in sizes if x > 1)
    special = len(mixed) == 3 and mixed[0] == 2 and mixed[1] == mixed[2]
    return bezout_number(sizes) >= NUMERIC_MIN_DEGREE and not special


def _float_equilibrium(game: NormalFormGame, x: list, how: str) -> Equilibrium:
    """An Equilibrium with float probabilities only (the ``rational=False`` path)."""
    x = [np.asarray(v, dtype=float) for v in x]
    return Equilibrium(game.players, game.strategies, tuple(x), _float_payoffs(game, x), None,
                       None, (how,))


def _float_payoffs(game: NormalFormGame, x: list) -> np.ndarray:
    """``game.payoff(x)`` for probability vectors ``x`` known to be valid (the same products
    in the same order, without the checks of :meth:`NormalFormGame.mixed_profile`)."""
    out = game.numeric_payoffs()
    for v in reversed(x):
        out = out @ v
    return out


def _check_arguments(**kwargs) -> None:
    """InputError naming the first limit that is not a positive integer or flag not a bool."""
    for name, value in kwargs.items():
        if name in ("prune", "exclude", "rational"):
            if not isinstance(value, (bool, np.bool_)):
                raise InputError(f"enumerate_equilibria: {name} must be True or False, "
                                 f"got {value!r}")
        elif isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) \
                or value < 1:
            raise InputError(f"enumerate_equilibria: {name} must be a positive integer, "
                             f"got {value!r}")


def _exact_and_integer_payoffs(game: NormalFormGame) -> tuple:
    """The game's exact payoffs and each player's payoffs scaled to integers.

    Integer-valued float payoffs (the common case) are converted directly; any other payoffs
    are read exactly (:meth:`NormalFormGame.exact_payoffs`) and scaled
    (:func:`~govgames.games.nplayer.polynomial.integer_payoffs`). Games with free parameters
    raise the game's error for them.
    """
    A = game.payoff_array
    if A.dtype == np.float64 and np.all(np.abs(A) < 2.0 ** 52) and np.all(A == np.round(A)):
        exact = A.astype(np.int64).astype(object)
        return exact, list(exact)
    exact = game.exact_payoffs() if not game.is_symbolic else game.numeric_payoffs()
    return exact, integer_payoffs(exact)
