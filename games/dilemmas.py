"""Constructors for the cooperation dilemmas of governments.

Every constructor returns a game with named players and strategies. Parameters left as ``None``
become sympy symbols with sensible names and assumptions (costs and benefits positive, shares and
weights real), so ``equilibrium_conditions``, ``threshold`` and ``parameter_map`` can derive when
the dilemma bites and which intervention resolves it; any argument may also be a number or a
sympy expression. A game whose payoffs hold no free parameter is numeric (floats where they are
exact, exact rationals otherwise).

Two-player dilemmas (and the promotion tournament of a few officials) are
:class:`~govgames.games.NormalFormGame`; the N-player public-goods game, the volunteer's dilemma
and the promotion tournament with ``anonymous=True`` are :class:`~govgames.games.AnonymousGame`
(solved at N in the thousands).

References
----------
.. [1] A. Rapoport and A. M. Chammah, *Prisoner's Dilemma*, University of Michigan Press, 1965.
.. [2] B. Skyrms, *The Stag Hunt and the Evolution of Social Structure*, Cambridge UP, 2004.
.. [3] A. Diekmann, "Volunteer's dilemma", *Journal of Conflict Resolution* 29 (1985), 605-610.
.. [4] J. O. Ledyard, "Public goods: a survey of experimental research", in *Handbook of
   Experimental Economics*, Princeton UP, 1995, 111-194.
.. [5] E. P. Lazear and S. Rosen, "Rank-order tournaments as optimum labor contracts", *Journal
   of Political Economy* 89 (1981), 841-864.
.. [6] H. Li and L.-A. Zhou, "Political turnover and economic performance: the incentive role
   of personnel control in China", *Journal of Public Economics* 89 (2005), 1743-1762.
.. [7] W. E. Oates, *Fiscal Federalism*, Harcourt Brace Jovanovich, 1972; J. D. Wilson, "Theories
   of tax competition", *National Tax Journal* 52 (1999), 269-304.
.. [8] Zhang Chengfu, Li Haocheng and Bian Xiaohui, "Cross-boundary governance: modes, mechanisms
   and dilemmas", *Chinese Public Administration* (2012), and the other papers on
   inter-governmental cooperation cited by the functions below.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from .anonymous import AnonymousGame
from .errors import InputError
from .expr import as_sympy
from .game import NormalFormGame

__all__ = ["prisoners_dilemma", "stag_hunt", "chicken", "assurance", "transboundary_externality",
           "upstream_downstream", "public_goods", "volunteers_dilemma", "promotion_tournament",
           "investment_race", "central_intervention"]

#: The count symbol of the anonymous games built here (others choosing action 1).
K = sp.Symbol("k", integer=True, nonnegative=True)


# ---------------------------------------------------------------------- helpers
def _param(value, name: str, **assumptions):
    """A parameter: a new symbol when ``value`` is None, else the number/expression given."""
    if value is None:
        return sp.Symbol(name, **assumptions)
    if isinstance(value, (float, np.floating)) and not np.isfinite(value):
        raise InputError(f"parameter {name!r} must be finite, got {value!r}")
    if not isinstance(value, (bool, str)):
        try:
            return as_sympy(value)  # sympy passes; ints, fractions, floats become exact rationals
        except InputError:
            pass
    raise InputError(f"parameter {name!r} must be a number or a sympy expression, got {value!r}")


def _check_range(value, name: str, lo=None, hi=None, lo_open=False):
    """Reject numeric values outside a documented range (symbols pass)."""
    if isinstance(value, sp.Basic) and value.is_number:
        v = float(value)
        if lo is not None and (v < lo or (lo_open and v == lo)):
            raise InputError(f"parameter {name!r} must be {'>' if lo_open else '>='} {lo}, "
                             f"got {value}")
        if hi is not None and v > hi:
            raise InputError(f"parameter {name!r} must be <= {hi}, got {value}")


def _n_players(n, func: str, what: str) -> int:
    """The number of players of an N-player constructor: an integer of at least 2."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise InputError(f"{func} needs an integer number of {what} n >= 2, got {n!r}")
    return int(n)


def _players(players, default):
    players = tuple(default if players is None else players)
    if len(players) != len(default):
        raise InputError(f"this game has {len(default)} players; got names {list(players)}")
    return players


def _game(entries, players, strategies, title) -> NormalFormGame:
    """A NormalFormGame from sympy entries: numeric (floats) when exact, symbolic otherwise."""
    arr = np.array(entries, dtype=object)
    flat = [sp.expand(as_sympy(x)) for x in arr.flat]
    if all(x.is_number for x in flat):
        def lossless(x):
            return x.is_Rational and Fraction(float(x)) == Fraction(int(x.p), int(x.q))
        if all(lossless(x) for x in flat):
            arr = np.array([float(x) for x in flat]).reshape(arr.shape)
        else:
            arr = np.array(flat, dtype=object).reshape(arr.shape)
    else:
        arr = np.array(flat, dtype=object).reshape(arr.shape)
    return NormalFormGame(arr, players=players, strategies=strategies, title=title)


def _symmetric_2x2(cc, cd, dc, dd, players, strategies, title) -> NormalFormGame:
    """Row payoffs (cc, cd, dc, dd); the column player's are the mirror image."""
    return _game([[[cc, cd], [dc, dd]], [[cc, dc], [cd, dd]]], players, strategies, title)


# ---------------------------------------------------------------------- 2x2 classics
def prisoners_dilemma(T=None, R=None, P=None, S=None, players=None) -> NormalFormGame:
    """The prisoner's dilemma: each side gains by defecting, both lose when both defect.

    Payoffs (row, column); strategies ``Cooperate`` and ``Defect``::

                 Cooperate   Defect
      Cooperate  R, R        S, T
      Defect     T, S        P, P

    The dilemma bites when ``T > R > P > S``: ``Defect`` is strictly dominant, the unique
    equilibrium ``(Defect, Defect)`` is Pareto-dominated by mutual cooperation. ``2R > T + S``
    makes mutual cooperation the efficient outcome of the repeated game. Between governments:
    mutual market blockades, duplicate construction, a race to the bottom (“Regional
    cooperation reform”, “Local cooperation”).

    Parameters
    ----------
    T, R, P, S : number or sympy expression, optional
        Temptation, reward, punishment, sucker's payoff; symbols ``T, R, P, S`` (real) if None.
    players : pair of str, optional
        Default ``("A", "B")``.

    Returns
    -------
    NormalFormGame

    References
    ----------
    Rapoport & Chammah (1965); R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.

    Examples
    --------
    >>> g = prisoners_dilemma()
    >>> g.parameters
    (P, R, S, T)
    >>> print(prisoners_dilemma(5, 3, 1, 0))
    Prisoner's dilemma
    A \\ B     | Cooperate | Defect
    --------- | --------- | ------
    Cooperate | 3, 3      | 0, 5
    Defect    | 5, 0      | 1, 1
    """
    T, R, P, S = (_param(v, n, real=True) for v, n in ((T, "T"), (R, "R"), (P, "P"), (S, "S")))
    return _symmetric_2x2(R, S, T, P, _players(players, ("A", "B")),
                          [["Cooperate", "Defect"]] * 2, "Prisoner's dilemma")


def stag_hunt(R=None, T=None, P=None, S=None, players=None) -> NormalFormGame:
    """The stag hunt: cooperation pays if the other cooperates, but is risky.

    Payoffs (row, column); strategies ``Stag`` (the joint project) and ``Hare`` (go alone)::

            Stag    Hare
      Stag  R, R    S, T
      Hare  T, S    P, P

    With ``R > T >= P > S`` both ``(Stag, Stag)`` (payoff dominant) and ``(Hare, Hare)`` (risk
    dominant when ``R - T < P - S``) are strict equilibria, and a mixed one puts probability
    ``p = (P - S) / (R - T + P - S)`` on ``Stag``. A coordination problem of trust: the joint
    project is an equilibrium, but each side fears being left alone (Zhang, Li & Bian 2012;
    “Collaborative governance”; Cui et al.).

    Parameters
    ----------
    R, T, P, S : number or sympy expression, optional
        Symbols ``R, T, P, S`` (real) when None.
    players : pair of str, optional

    Returns
    -------
    NormalFormGame

    References
    ----------
    Skyrms (2004); J.-J. Rousseau, *Discourse on Inequality*, 1755.

    Examples
    --------
    >>> g = stag_hunt(4, 3, 2, 0)
    >>> g.payoff(("Hare", "Stag"))
    array([3., 0.])
    """
    R, T, P, S = (_param(v, n, real=True) for v, n in ((R, "R"), (T, "T"), (P, "P"), (S, "S")))
    return _symmetric_2x2(R, S, T, P, _players(players, ("A", "B")),
                          [["Stag", "Hare"]] * 2, "Stag hunt")


def chicken(T=None, R=None, S=None, P=None, players=None) -> NormalFormGame:
    """Chicken (hold-out): each side wants the other to concede; a standoff is the worst.

    Payoffs (row, column); strategies ``Concede`` and ``Hold out``::

                Concede   Hold out
      Concede   R, R      S, T
      Hold out  T, S      P, P

    With ``T > R > S > P`` the pure equilibria are the two asymmetric outcomes (one concedes),
    and a symmetric mixed equilibrium concedes with probability ``(S - P) / (S - P + T - R)``.
    Between governments: who bears the cost of a shared facility or of abatement when both
    would rather pay than see it fail (a hold-out in negotiation).

    Parameters
    ----------
    T, R, S, P : number or sympy expression, optional
        Symbols ``T, R, S, P`` (real) when None.
    players : pair of str, optional

    Returns
    -------
    NormalFormGame

    References
    ----------
    A. Rapoport and A. M. Chammah, "The game of chicken", *American Behavioral Scientist* 10
    (1966), 10-28.

    Examples
    --------
    >>> chicken(4, 3, 1, 0).payoff(("Hold out", "Hold out"))
    array([0., 0.])
    """
    T, R, S, P = (_param(v, n, real=True) for v, n in ((T, "T"), (R, "R"), (S, "S"), (P, "P")))
    return _symmetric_2x2(R, S, T, P, _players(players, ("A", "B")),
                          [["Concede", "Hold out"]] * 2, "Chicken (hold-out)")


def assurance(b=None, c=None, players=None) -> NormalFormGame:
    """The assurance game: a joint project that only works if both contribute.

    Each side pays ``c`` to contribute; the project yields ``b`` to each side only if both
    contribute. Payoffs (row, column)::

                  Contribute   Withhold
      Contribute  b - c, b - c   -c, 0
      Withhold    0, -c          0, 0

    With ``b > c > 0`` both ``(Contribute, Contribute)`` and ``(Withhold, Withhold)`` are strict
    equilibria; the mixed equilibrium contributes with probability ``c / b`` (the *assurance*
    each side needs about the other). Cross-boundary infrastructure that needs both ends (a
    bridge, a shared port, a joint monitoring network) has this form.

    Parameters
    ----------
    b, c : number or sympy expression, optional
        Benefit and cost (positive symbols when None).
    players : pair of str, optional

    Returns
    -------
    NormalFormGame

    References
    ----------
    A. K. Sen, "Isolation, assurance and the social rate of discount", *Quarterly Journal of
    Economics* 81 (1967), 112-124; C. F. Runge, "Institutions and the free rider: the assurance
    problem in collective action", *Journal of Politics* 46 (1984), 154-181.

    Examples
    --------
    >>> assurance().payoff(("Contribute", "Withhold"))
    array([-c, 0], dtype=object)
    """
    b = _param(b, "b", positive=True)
    c = _param(c, "c", positive=True)
    return _symmetric_2x2(b - c, -c, 0, 0, _players(players, ("A", "B")),
                          [["Contribute", "Withhold"]] * 2, "Assurance game")


# ---------------------------------------------------------------------- externalities
def transboundary_externality(b=None, c=None, s=None, players=None) -> NormalFormGame:
    """Two jurisdictions abate or pollute; a share of each one's abatement benefit spills over.

    Abating costs the abater ``c`` and yields it a benefit ``b``; the neighbour receives
    ``s * b`` (``s > 0``: a positive spillover, e.g. cleaner air downwind; ``s < 0``: abatement
    that pushes damage across the border, e.g. relocating polluters). With ``a_i = 1`` for
    ``Abate``, the payoff of jurisdiction ``i`` is ``u_i = (b - c) a_i + s b a_j``::

               Abate                      Pollute
      Abate    b - c + s b, b - c + s b   b - c, s b
      Pollute  s b, b - c                 0, 0

    ``Abate`` is dominant iff ``b > c`` and ``Pollute`` iff ``b < c``; mutual abatement beats
    mutual pollution iff ``(1 + s) b > c``. So the dilemma bites (a prisoner's dilemma with
    ``T = s b``, ``R = (1 + s) b - c``, ``P = 0``, ``S = b - c``) when ``b < c < (1 + s) b``:
    under-provision of abatement, the externality problem of Zhang, Li & Bian (2012) and Cui et al.

    Parameters
    ----------
    b : number or sympy expression, optional
        Own benefit of abating (positive symbol ``b``).
    c : number or sympy expression, optional
        Cost of abating (positive symbol ``c``).
    s : number or sympy expression, optional
        Spillover share to the neighbour (real symbol ``s``).
    players : pair of str, optional
        Default ``("A", "B")``.

    Returns
    -------
    NormalFormGame

    References
    ----------
    Zhang, Li & Bian (2012); A. C. Pigou, *The Economics of Welfare*, 1920; S. Barrett,
    *Environment and Statecraft*, Oxford UP, 2003, ch. 3.

    Examples
    --------
    >>> g = transboundary_externality(b=2, c=3, s=1)
    >>> print(g)
    Transboundary externality
    A \\ B   | Abate | Pollute
    ------- | ----- | -------
    Abate   | 1, 1  | -1, 2
    Pollute | 2, -1 | 0, 0
    """
    b = _param(b, "b", positive=True)
    c = _param(c, "c", positive=True)
    s = _param(s, "s", real=True)
    return _symmetric_2x2(b - c + s * b, b - c, s * b, 0, _players(players, ("A", "B")),
                          [["Abate", "Pollute"]] * 2, "Transboundary externality")


def upstream_downstream(b=None, c=None, s=None, t=0, players=None) -> NormalFormGame:
    """The asymmetric river: upstream abatement benefits downstream, not the other way round.

    Each city can abate (cost ``c``, own benefit ``b``). The river carries the benefit of
    *upstream* abatement downstream (``s * b`` to the downstream city); downstream abatement
    flows out of the region and benefits only the downstream city. A compensation ``t`` is paid
    by the downstream city to the upstream city whenever upstream abates (a horizontal
    eco-compensation agreement, assumed enforced). Payoffs, with ``a = 1`` for ``Abate``::

      u_Up   = (b - c + t) a_Up
      u_Down = (s b - t) a_Up + (b - c) a_Down

    Without compensation and with ``b < c``, ``(Pollute, Pollute)`` is the unique equilibrium
    even when upstream abatement is efficient (``(1 + s) b > c``). Upstream abates in
    equilibrium iff ``t >= c - b`` (the minimal compensation is ``c - b``), and downstream is
    willing to pay iff ``t <= s b``; a compensation in ``[c - b, s b]`` exists iff upstream
    abatement is efficient (Coase 1960). For the Xin'an River bet (paid when the water meets
    the standard, repaid otherwise) apply :func:`govgames.games.mechanisms.conditional_transfer`
    to the game without ``t``.

    Parameters
    ----------
    b, c : number or sympy expression, optional
        Own benefit and cost of abating (positive symbols).
    s : number or sympy expression, optional
        Downstream benefit of upstream abatement, as a multiple of ``b`` (positive symbol).
    t : number, sympy expression or None
        Compensation; default 0 (none); ``None`` makes it a non-negative symbol ``t``.
    players : pair of str, optional
        Default ``("Upstream", "Downstream")``.

    Returns
    -------
    NormalFormGame

    References
    ----------
    R. H. Coase, "The problem of social cost", *Journal of Law and Economics* 3 (1960), 1-44;
    Cui et al. on upstream-downstream compensation; the Xin'an River and Miyun
    reservoir cases (``analyses/data/compensation``).

    Examples
    --------
    >>> g = upstream_downstream(t=None)
    >>> g.payoff(("Abate", "Pollute"))
    array([b - c + t, b*s - t], dtype=object)
    >>> from govgames.games.symbolic import equilibrium_conditions, threshold
    >>> print(threshold(equilibrium_conditions(g, ("Abate", "Pollute")), "t"))
    t >= -b + c and c >= b
    """
    b = _param(b, "b", positive=True)
    c = _param(c, "c", positive=True)
    s = _param(s, "s", positive=True)
    t = _param(t, "t", nonnegative=True)
    up = [[b - c + t, b - c + t], [0, 0]]
    down = [[s * b - t + b - c, s * b - t], [b - c, 0]]
    return _game([up, down], _players(players, ("Upstream", "Downstream")),
                 [["Abate", "Pollute"]] * 2, "Upstream and downstream")


# ---------------------------------------------------------------------- N-player
def public_goods(n: int, r=None, c=None) -> AnonymousGame:
    """The N-player linear public-goods game (free riding on a regional public good).

    Each of ``n`` cities contributes ``c`` or nothing; contributions are multiplied by ``r``
    and shared equally by all. A city whose ``k`` others contribute gets::

      u(Defect, k)     = r c k / n
      u(Contribute, k) = r c (k + 1) / n - c

    Contributing changes one's own payoff by ``c (r/n - 1)`` whatever the others do: with
    ``r < n`` defection is strictly dominant and no one contributes, although with ``r > 1``
    everyone is better off when all contribute (``(r - 1) c`` each). The dilemma bites for
    ``1 < r < n`` (Ledyard 1995); regions have 10-40+ cities.

    Parameters
    ----------
    n : int
        Number of cities (at least 2).
    r, c : number or sympy expression, optional
        Multiplier and contribution (positive symbols).

    Returns
    -------
    AnonymousGame
        Actions ``("Defect", "Contribute")``.

    References
    ----------
    Ledyard (1995); G. Hardin, "The tragedy of the commons", *Science* 162 (1968), 1243-1248;
    Cui et al. (regional public goods face free riding and the tragedy of the commons).

    Examples
    --------
    >>> g = public_goods(30, r=3, c=1)
    >>> print(g.pure_equilibria())
    1 equilibrium (counts)
      1. pure: 0 of 30 players choose 'Contribute' (1 profile; payoffs Defect 0)
    >>> from govgames.games.symbolic import equilibrium_conditions
    >>> equilibrium_conditions(public_goods(30), 0)
    [30 >= r]
    """
    n = _n_players(n, "public_goods", "cities")
    r = _param(r, "r", positive=True)
    c = _param(c, "c", positive=True)
    return AnonymousGame(n, (r * c * K / n, r * c * (K + 1) / n - c),
                         actions=("Defect", "Contribute"), k=K, title=f"Public goods ({n} cities)")


def volunteers_dilemma(n: int, b=None, c=None) -> AnonymousGame:
    """The volunteer's dilemma: one volunteer suffices, everyone hopes it is someone else.

    The public good (e.g. reporting a pollution incident, hosting a regional facility, leading
    a joint initiative) is produced if at least one of ``n`` players volunteers at cost ``c``;
    everyone then gets ``b`` (``0 < c < b``)::

      u(Volunteer, k) = b - c
      u(Ignore, k)    = b if k >= 1 else 0

    Pure equilibria: exactly one volunteer (``n`` of them). The symmetric mixed equilibrium
    volunteers with probability ``p* = 1 - (c/b)**(1/(n-1))``, and the probability that nobody
    volunteers, ``(1 - p*)**n = (c/b)**(n/(n-1))``, *rises* with ``n`` (Diekmann 1985).

    Parameters
    ----------
    n : int
        Number of players (at least 2).
    b, c : number or sympy expression, optional
        Benefit and cost (positive symbols).

    Returns
    -------
    AnonymousGame
        Actions ``("Ignore", "Volunteer")``.

    References
    ----------
    Diekmann (1985).

    Examples
    --------
    >>> g = volunteers_dilemma(10, b=2, c=1)
    >>> round(g.symmetric_equilibria()[0].p, 6), round(1 - 0.5 ** (1 / 9), 6)
    (0.074125, 0.074125)
    >>> [e.m for e in g.pure_equilibria()]
    [1]
    """
    n = _n_players(n, "volunteers_dilemma", "players")
    b = _param(b, "b", positive=True)
    c = _param(c, "c", positive=True)
    return AnonymousGame(n, (sp.Piecewise((b, K >= 1), (0, True)), b - c),
                         actions=("Ignore", "Volunteer"), k=K,
                         title=f"Volunteer's dilemma ({n} players)")


# ---------------------------------------------------------------------- local competition
def promotion_tournament(n: int = 2, V=None, a=None, h=None, e=None, w=None, lam=0, g=None,
                         anonymous: bool = False, players=None):
    """Officials in a promotion tournament: cooperate with neighbours or compete for rank.

    ``n`` officials each choose ``Cooperate`` (joint projects with the neighbours: every
    cooperator raises every jurisdiction's output by ``g`` and the shared environmental
    indicator by ``e``) or ``Compete`` (poach investment: own output ``+a``). Output of ``i``:
    ``y_i = a (1 - x_i) + g m`` (``x_i = 1`` cooperating, ``m`` cooperators). Promotion follows
    *relative* performance (a rank-order tournament with noise, linearised as in Lazear & Rosen
    1981 and the relative-performance evidence of Li & Zhou 2005): the promotion probability is
    ``P_i = 1/n + (y_i - mean(y)) / h``, ``h >= a`` the spread of the noise. The official's
    evaluation puts weight ``w`` on the shared environmental indicator ``E = e m`` and ``1 - w``
    on the promotion prize ``V``; ``lam`` weighs own output on top::

      u_i = (1 - w) V P_i + w e m + lam y_i

    The common gain ``g m`` cancels in the relative term, which is why a pure tournament ignores
    the gains of cooperation. Competing instead of cooperating changes ``u_i`` by
    ``(1 - w) V a (n-1)/(n h) - w e + lam (a - g)``, the same for every profile of the others:
    with ``lam = 0``, ``Compete`` is dominant for ``w < w*`` and ``Cooperate`` for ``w > w*``,

      w* = V a (n-1) / (V a (n-1) + n h e),

    so raising the weight of the environmental indicator above ``w*`` moves the equilibrium from
    mutual competition to mutual cooperation (Cui et al.'s reform of the evaluation indicators).

    Parameters
    ----------
    n : int
        Number of officials (default 2). Normal form up to 8; use ``anonymous=True`` beyond.
    V, a, h, e : number or sympy expression, optional
        Prize, output gain from competing, noise spread, environmental gain per cooperator
        (positive symbols).
    w : number or sympy expression, optional
        Evaluation weight on the environment (symbol ``w``, nonnegative); numbers in [0, 1].
    lam : number or sympy expression
        Weight on own output (default 0); ``None`` makes it a nonnegative symbol.
    g : number or sympy expression, optional
        Output gain per cooperator (only matters when ``lam != 0``; positive symbol).
    anonymous : bool
        Return an :class:`~govgames.games.AnonymousGame` (actions ``("Compete", "Cooperate")``).
    players : sequence of str, optional
        Default ``("Official 1", ...)``.

    Returns
    -------
    NormalFormGame or AnonymousGame

    References
    ----------
    Lazear & Rosen (1981); Li & Zhou (2005); L.-A. Zhou, "Governing China's local officials: an
    analysis of promotion tournament model", *Economic Research Journal* 2007(7);
    “Collaborative governance”, Cui et al. and “Local cooperation” (the "zero-sum game" of local
    competition).

    Examples
    --------
    How ``w`` moves the equilibrium (V = 10, a = h = 1, e = 2, two officials:
    ``w* = 10 / (10 + 4) = 5/7``):

    >>> from govgames.games.symbolic import equilibrium_conditions, threshold
    >>> g = promotion_tournament(V=10, a=1, h=1, e=2)
    >>> threshold(equilibrium_conditions(g, ("Cooperate", "Cooperate")), "w").lower
    5/7
    >>> from govgames.games.pure import pure_nash_equilibria
    >>> [e.pure_profile for e in pure_nash_equilibria(g.subs(w=0.3))]
    [('Compete', 'Compete')]
    >>> [e.pure_profile for e in pure_nash_equilibria(g.subs(w=0.8))]
    [('Cooperate', 'Cooperate')]
    """
    n = _n_players(n, "promotion_tournament", "officials")
    V = _param(V, "V", positive=True)
    a = _param(a, "a", positive=True)
    h = _param(h, "h", positive=True)
    e = _param(e, "e", positive=True)
    w = _param(w, "w", nonnegative=True)
    lam = _param(lam, "lam", nonnegative=True)
    g = _param(g, "g", positive=True) if lam != 0 else sp.Integer(0)
    _check_range(w, "w", 0, 1)
    _check_range(h, "h", 0, lo_open=True)
    if a.is_number and h.is_number and float(a) > float(h):
        raise InputError(f"promotion_tournament needs a <= h (got a = {a}, h = {h}): otherwise the "
                         "promotion probabilities 1/n + (y_i - mean(y))/h leave [0, 1]")

    def u(x_own, m):
        """Payoff of an official with action x_own (1 cooperate) when m officials cooperate."""
        y_own = a * (1 - x_own) + g * m
        mean = a * (n - m) / sp.Integer(n) + g * m
        prob = sp.Rational(1, n) + (y_own - mean) / h
        return (1 - w) * V * prob + w * e * m + lam * y_own

    if anonymous:
        return AnonymousGame(n, (sp.expand(u(0, K)), sp.expand(u(1, K + 1))),
                             actions=("Compete", "Cooperate"), k=K,
                             title=f"Promotion tournament ({n} officials)")
    if n > 8:
        raise InputError(f"a normal form of {n} officials has 2**{n} profiles; use anonymous=True")
    names = _players(players, tuple(f"Official {i + 1}" for i in range(n)))
    pay = np.empty((n,) + (2,) * n, dtype=object)
    for prof in np.ndindex((2,) * n):
        x = [1 - s for s in prof]  # strategy 0 = Cooperate
        m = sum(x)
        for i in range(n):
            pay[(i,) + prof] = u(x[i], m)
    return _game(pay, names, [["Cooperate", "Compete"]] * n,
                 f"Promotion tournament ({n} officials)")


def investment_race(K=None, t_high=None, t_low=None, theta=None, beta=None,
                    players=None) -> NormalFormGame:
    """Tax or land-price competition for mobile investment: the race to the bottom.

    Two jurisdictions share mobile capital ``K``. Each keeps its tax (or land price) at
    ``t_high`` (``Hold``) or cuts it to ``t_low`` (``Undercut``). Equal terms split the capital
    equally; the lower bidder attracts the share ``theta > 1/2``. Each unit of capital yields its
    tax plus a local benefit ``beta`` (jobs, output counted in the evaluation)::

      u(Hold, Hold)         = (t_high + beta) K / 2
      u(Undercut, Undercut) = (t_low + beta) K / 2
      u(Undercut, Hold)     = (t_low + beta) theta K
      u(Hold, Undercut)     = (t_high + beta) (1 - theta) K

    ``Undercut`` is dominant iff ``2 theta (t_low + beta) >= t_high + beta`` and
    ``t_low + beta >= 2 (1 - theta)(t_high + beta)``; with ``t_high > t_low`` both then end up
    worse off than if both held: a prisoner's dilemma of tax competition. The papers on the
    reform of regional administrative cooperation in the Yangtze River Delta and on how local
    cooperation extends inter-governmental relations describe competing tax breaks and
    "dumping-price" land.

    Parameters
    ----------
    K : number or sympy expression, optional
        Mobile capital (positive symbol ``K``).
    t_high, t_low : number or sympy expression, optional
        Tax per unit of capital when holding and when undercutting (symbols ``t_H``, ``t_L``).
    theta : number or sympy expression, optional
        Share of the capital that the lower bidder attracts (symbol ``theta``; in [1/2, 1]).
    beta : number or sympy expression, optional
        Local benefit per unit of capital (nonnegative symbol ``beta``).
    players : pair of str, optional

    Returns
    -------
    NormalFormGame

    References
    ----------
    Oates (1972); Wilson (1999); G. R. Zodrow and P. Mieszkowski, "Pigou, Tiebout, property
    taxation, and the underprovision of local public goods", *Journal of Urban Economics* 19
    (1986), 356-370.

    Examples
    --------
    >>> g = investment_race(K=100, t_high=0.25, t_low=0.15, theta=0.8, beta=0.1)
    >>> from govgames.games.pure import pure_nash_equilibria
    >>> [e.pure_profile for e in pure_nash_equilibria(g)]
    [('Undercut', 'Undercut')]
    """
    K = _param(K, "K", positive=True)
    tH = _param(t_high, "t_H", nonnegative=True)
    tL = _param(t_low, "t_L", nonnegative=True)
    theta = _param(theta, "theta", positive=True)
    beta = _param(beta, "beta", nonnegative=True)
    _check_range(theta, "theta", 0.5, 1)
    half = sp.Rational(1, 2)
    return _symmetric_2x2((tH + beta) * K * half, (tH + beta) * (1 - theta) * K,
                          (tL + beta) * theta * K, (tL + beta) * K * half,
                          _players(players, ("A", "B")), [["Hold", "Undercut"]] * 2,
                          "Investment race")


# ---------------------------------------------------------------------- vertical intervention
def central_intervention(b=None, c=None, s=None, q=None, f=None, g=0, k=0, mode: str = "mandated",
                         players=None) -> NormalFormGame:
    """Two local governments under a superior that audits, fines and subsidises
    (“Collaborative governance”).

    The base game is :func:`transboundary_externality` (own benefit ``b``, cost ``c``, spillover
    share ``s``). The superior is a payoff transformation with audit probability ``q``, fine
    ``f`` and a subsidy ``g`` to those taking part.

    ``mode="mandated"`` (*mandated collaboration*: the superior requires collaboration, the
    locals decide how). Strategies ``Collaborate`` (real joint activity), ``Symbolic`` (a formal
    mechanism with little real activity, formal cost ``k``) and ``Defect`` (refuse to take
    part). Taking part, formally or really, earns ``g``; refusing is visible and fined ``f``;
    the audit (probability ``q``) finds a symbolic participant without real activity and fines
    it ``f``::

      Collaborate: b - c + g + s b a_j
      Symbolic:    g - k - q f + s b a_j
      Defect:      -f + s b a_j

    *Symbolic collaboration* is the equilibrium when real activity costs more than the expected
    audit fine, ``c - b > q f + k`` (a target too high for the local resources raises ``c``),
    while taking part formally still beats refusing, ``g + (1 - q) f >= k``. Real collaboration
    is an equilibrium iff ``q f + k >= c - b`` and ``g + f >= c - b``.

    ``mode="preempted"`` (*preempted collaboration*: the superior takes over the decisions and
    assigns the tasks, e.g. the 2016+ Beijing-Tianjin-Hebei air-pollution campaign). The locals
    can only ``Comply`` with the assigned task or ``Shirk``; campaign inspections check real
    activity (so no symbolic option), with probability ``q``::

      Comply: b - c + g + s b a_j
      Shirk:  -q f + s b a_j

    Compliance is an equilibrium iff ``g + q f >= c - b``: the minimal intervention.

    Parameters
    ----------
    b, c : number or sympy expression, optional
        Own benefit and cost of real abatement/collaboration (positive symbols).
    s : number or sympy expression, optional
        Spillover share (real symbol).
    q : number or sympy expression, optional
        Audit (inspection) probability (positive symbol ``q``); numbers in [0, 1].
    f : number or sympy expression, optional
        Fine (positive symbol).
    g : number, sympy expression or None
        Subsidy for taking part (default 0; None makes it a symbol).
    k : number, sympy expression or None
        Cost of the formal mechanism alone (mandated mode; default 0; None makes it a symbol).
    mode : {"mandated", "preempted"}
    players : pair of str, optional

    Returns
    -------
    NormalFormGame

    References
    ----------
    “Collaborative governance” (mandated, preempted and symbolic collaboration; the formality x
    activity typology); G. Tsebelis, "The abuse of probability in political analysis: the Robinson
    Crusoe fallacy", *American Political Science Review* 83 (1989), 77-91 (inspection games).

    Examples
    --------
    With a low audit probability the locals collaborate only on paper:

    >>> g = central_intervention(b=1, c=4, s=1, q=0.2, f=5, g=1)
    >>> from govgames.games.pure import pure_nash_equilibria
    >>> [e.pure_profile for e in pure_nash_equilibria(g)]
    [('Symbolic', 'Symbolic')]
    >>> [e.pure_profile for e in pure_nash_equilibria(central_intervention(1, 4, 1, 0.8, 5, 1))]
    [('Collaborate', 'Collaborate')]

    The smallest fine that makes a preempted campaign comply:

    >>> from govgames.games.symbolic import equilibrium_conditions, threshold
    >>> h = central_intervention(mode="preempted")
    >>> print(threshold(equilibrium_conditions(h, ("Comply", "Comply")), "f"))
    f >= (-b + c)/q
    """
    b = _param(b, "b", positive=True)
    c = _param(c, "c", positive=True)
    s = _param(s, "s", real=True)
    q = _param(q, "q", positive=True)
    f = _param(f, "f", positive=True)
    g = _param(g, "g", nonnegative=True)
    k = _param(k, "k", nonnegative=True)
    _check_range(q, "q", 0, 1)
    names = _players(players, ("A", "B"))
    if mode == "mandated":
        strategies = ["Collaborate", "Symbolic", "Defect"]
        own = [b - c + g, g - k - q * f, -f]
    elif mode == "preempted":
        strategies = ["Comply", "Shirk"]
        own = [b - c + g, -q * f]
    else:
        raise InputError(f"mode must be 'mandated' or 'preempted', got {mode!r}")
    m = len(strategies)
    real = [1] + [0] * (m - 1)  # only the first strategy is real abatement
    row = [[own[i] + s * b * real[j] for j in range(m)] for i in range(m)]
    col = [[own[j] + s * b * real[i] for j in range(m)] for i in range(m)]
    title = "Central intervention (" + mode + " collaboration)"
    return _game([row, col], names, [strategies] * 2, title)
