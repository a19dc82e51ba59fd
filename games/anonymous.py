"""Anonymous (symmetric, binary-action) N-player games: payoffs depend on counts, not names.

In an anonymous game every player chooses between two actions, ``0`` and ``1`` (for instance
*defect* and *contribute*), and a player's payoff depends only on its own action ``a`` and on the
number ``k`` of *other* players that choose action ``1``. The game is given by two payoff
sequences ``u[0][k]`` and ``u[1][k]``, ``k = 0, ..., N-1``, so it is stored in ``O(N)`` numbers
instead of the ``N * 2**N`` of a full payoff table. Regional public goods, the volunteer's
dilemma, participation and threshold games and races among many cities are of this kind
(Milchtaich 1996; Daskalakis & Papadimitriou 2007).

Two facts make these games easy to solve at any size:

* **Pure equilibria** are characterised by the number ``m`` of players choosing ``1``: the
  ``m`` players choosing ``1`` must not gain by switching, ``u[1][m-1] >= u[0][m-1]``, and the
  ``N - m`` others must not gain either, ``u[0][m] >= u[1][m]``. Both conditions are checked for
  all ``m`` at once with numpy (``O(N)``).
* **Symmetric mixed equilibria** (everyone plays ``1`` with probability ``p``) solve the
  one-variable indifference equation ``D(p) = E[u[1][K] - u[0][K]] = 0`` with
  ``K ~ Binomial(N-1, p)``. ``D`` is a polynomial in Bernstein form whose coefficients are the
  gains ``d[k] = u[1][k] - u[0][k]``, so by Descartes' rule for the Bernstein basis the number of
  roots in ``(0, 1)`` is at most the number of sign changes of ``d`` (Lorentz 1953). The roots
  are found exactly with sympy (rational payoffs, small ``N``) or numerically by bracketing on a
  grid and refining with Brent's method (large ``N``; the binomial expectation is evaluated with
  log-space binomial weights, or with the binomial CDF at the ends of the runs where the gains
  are constant, stable for ``N = 10,000`` and beyond).

References
----------
.. [1] I. Milchtaich, "Congestion games with player-specific payoff functions", *Games and
   Economic Behavior* 13 (1996), 111-124.
.. [2] C. Daskalakis and C. Papadimitriou, "Computing equilibria in anonymous games", *FOCS*
   2007, 83-93.
.. [3] A. Diekmann, "Volunteer's dilemma", *Journal of Conflict Resolution* 29 (1985), 605-610.
.. [4] J. O. Ledyard, "Public goods: a survey of experimental research", in J. Kagel and
   A. Roth (eds.), *Handbook of Experimental Economics*, Princeton UP, 1995, 111-194.
.. [5] G. G. Lorentz, *Bernstein Polynomials*, University of Toronto Press, 1953.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import numpy as np
import sympy as sp
from scipy import optimize, special, stats

from .equilibrium import Equilibrium, EquilibriumList
from .errors import FreeParametersError, InputError
from .expr import as_sympy, substitution
from .tolerance import DEFAULT_TOL

__all__ = ["AnonymousGame", "AnonymousEquilibrium", "AnonymousEquilibria"]

#: Largest number of players that ``to_normal_form`` expands (the table has ``N * 2**N`` entries).
MAX_NORMAL_FORM_PLAYERS = 16

_K_DEFAULT = sp.Symbol("k", integer=True, nonnegative=True)


def _fmt_num(x) -> str:
    if isinstance(x, sp.Basic):
        if x.is_number and not x.is_Rational:
            return f"{float(x):.6g}"
        return str(x)
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else f"{x:.6g}"


@dataclass(frozen=True)
class AnonymousEquilibrium:
    """One equilibrium of an :class:`AnonymousGame`, described by counts or a probability.

    Attributes
    ----------
    kind : str
        ``"pure"`` (``m`` players choose action 1) or ``"symmetric"`` (every player chooses
        action 1 with probability ``p``).
    n_players : int
    actions : tuple of str
    m : int or None
        Number of players choosing action 1 (pure equilibria).
    p : float or None
        Probability of action 1 (symmetric equilibria; ``0`` and ``1`` are the symmetric pure
        profiles).
    payoffs : dict
        Payoff of a player choosing each action, keyed by action name (for a pure equilibrium
        only the actions that are played; for a symmetric one both, and they are equal when
        ``0 < p < 1``).
    count : int
        Number of pure profiles this equilibrium stands for (``C(N, m)`` for a pure one, 1 for a
        symmetric one).
    exact : sympy expression or None
        The exact probability (symmetric equilibria found by the exact method).

    Examples
    --------
    >>> e = AnonymousEquilibrium("pure", 4, ("Defect", "Contribute"), m=1,
    ...                          payoffs={"Contribute": 1.0, "Defect": 2.0}, count=4)
    >>> print(e)
    pure: 1 of 4 players choose 'Contribute' (4 profiles; payoffs Contribute 1, Defect 2)
    """

    kind: str
    n_players: int
    actions: tuple
    m: int | None = None
    p: float | None = None
    payoffs: dict = field(default_factory=dict)
    count: int = 1
    exact: sp.Basic | None = None

    def to_dict(self) -> dict:
        """Plain JSON-friendly data."""
        out = {"kind": self.kind, "n_players": self.n_players, "actions": list(self.actions),
               "payoffs": {a: float(v) for a, v in self.payoffs.items()}}
        if self.kind == "pure":
            out.update(m=self.m, count=self.count)
        else:
            assert self.p is not None, "a symmetric equilibrium has a probability p"
            out.update(p=float(self.p))
            if self.exact is not None:
                out["exact"] = str(self.exact)
        return out

    def __str__(self) -> str:
        pays = ", ".join(f"{a} {_fmt_num(v)}" for a, v in self.payoffs.items())
        if self.kind == "pure":
            return (f"pure: {self.m} of {self.n_players} players choose {self.actions[1]!r} "
                    f"({self.count} profile{'s' if self.count != 1 else ''}; payoffs {pays})")
        ex = ""
        if (self.exact is not None and not self.exact.is_Rational
                and not self.exact.has(sp.CRootOf) and len(str(self.exact)) <= 40):
            ex = f" = {self.exact}"
        return (f"symmetric: each player chooses {self.actions[1]!r} with probability "
                f"{self.p:.6g}{ex} (payoffs {pays})")


class AnonymousEquilibria(EquilibriumList):
    """A list of :class:`AnonymousEquilibrium` with the method used and notes.

    An :class:`~govgames.games.EquilibriumList` (same ``method``, ``notes``, ``to_dicts`` and
    printing) whose items are count-based equilibria; ``degenerate`` is not checked (None).

    >>> AnonymousEquilibria([], method="counts").method
    'counts'
    """

    def __init__(self, items=(), method: str = "", notes: Sequence[str] = ()):
        super().__init__(items, method=method, notes=notes)


#: peak bytes per player of building and solving an anonymous game (measured ~75 at 10**7
#: players, with a margin)
BYTES_PER_PLAYER = 128


class AnonymousGame:
    """A symmetric N-player game with two actions whose payoffs depend on counts.

    A player choosing action ``a`` while ``k`` of the ``N - 1`` others choose action 1 gets
    ``u[a][k]``.

    Parameters
    ----------
    n_players : int
        Number of players ``N`` (at least 2).
    payoffs : pair or callable
        Either a pair ``(u0, u1)``, each one of: a sequence of ``N`` numbers or sympy expressions
        (indexed by ``k = 0..N-1``), a sympy expression in the count symbol ``k`` (and in free
        parameters), or a number (constant); or a callable ``f(a, k)`` evaluated with ``a`` in
        ``{0, 1}`` and ``k`` a numpy integer array (it should be vectorised over ``k``).
    actions : pair of str
        Names of action 0 and action 1.
    k : sympy.Symbol, optional
        The count symbol used in expression payoffs (default ``Symbol("k", integer=True,
        nonnegative=True)``).
    title : str, optional

    Examples
    --------
    A linear public-goods game with 5 cities, return ``r = 3`` and contribution 1:

    >>> g = AnonymousGame(5, lambda a, k: 3 * (k + a) / 5 - a, actions=("Defect", "Contribute"))
    >>> g.payoff_table()[:, :3]
    array([[ 0. ,  0.6,  1.2],
           [-0.4,  0.2,  0.8]])
    >>> print(g.pure_equilibria())
    1 equilibrium (counts)
      1. pure: 0 of 5 players choose 'Contribute' (1 profile; payoffs Defect 0)

    The volunteer's dilemma with a symbolic benefit ``b`` and cost ``c``:

    >>> import sympy as sp
    >>> b, c = sp.symbols("b c", positive=True)
    >>> k = sp.Symbol("k", integer=True, nonnegative=True)
    >>> v = AnonymousGame(3, (sp.Piecewise((b, k >= 1), (0, True)), b - c),
    ...                   actions=("Ignore", "Volunteer"), k=k)
    >>> v.parameters
    (b, c)
    >>> [round(e.p, 4) for e in v.subs(b=2, c=1).symmetric_equilibria()]
    [0.2929]
    """

    def __init__(self, n_players: int, payoffs, actions: Sequence[str] = ("0", "1"),
                 k: sp.Symbol | None = None, title: str | None = None):
        if isinstance(n_players, bool) or not isinstance(n_players, (int, np.integer)):
            raise InputError(f"n_players must be an integer, got {n_players!r}")
        n = int(n_players)
        if n < 2:
            raise InputError(f"an anonymous game needs at least 2 players, got {n}")
        from .budget import check_memory

        # payoffs by count are arrays of n floats (10**12 players asked numpy for 7 TiB)
        check_memory(float(n) * BYTES_PER_PLAYER, f"an anonymous game of {n} players",
                     "fewer players")
        actions = tuple(str(a) for a in actions)
        if len(actions) != 2 or actions[0] == actions[1]:
            raise InputError("an anonymous game needs two distinct action names, got "
                             f"{list(actions)}")
        self.n_players = n
        self.actions = actions
        self.title = title
        self.k = k if k is not None else _K_DEFAULT
        if not isinstance(self.k, sp.Symbol):
            raise InputError(f"the count symbol k must be a sympy Symbol, got {k!r}")
        self._u = self._coerce(payoffs)
        self._table: np.ndarray | None = None

    # ------------------------------------------------------------------ construction
    def _coerce(self, payoffs) -> list:
        n = self.n_players
        if callable(payoffs) and not isinstance(payoffs, sp.Basic):
            ks = np.arange(n)
            out = []
            for a in (0, 1):
                try:
                    vals = payoffs(a, ks)
                except Exception as exc:  # a user function that fails is bad input
                    raise InputError(f"the payoff function failed for action {a}: {exc}") from None
                arr = np.asarray(vals)
                if arr.dtype == object:
                    arr = np.array([as_sympy(x) for x in np.broadcast_to(arr, (n,))], dtype=object)
                    if not any(isinstance(x, sp.Basic) and x.free_symbols for x in arr):
                        arr = arr.astype(float)
                else:
                    arr = np.broadcast_to(arr.astype(float), (n,)).copy()
                if arr.shape != (n,):
                    raise InputError(f"the payoff function returned shape {arr.shape} for "
                                     f"action {a}, expected ({n},)")
                out.append(arr)
            return self._check_finite(out)
        try:
            pair = list(payoffs)
        except TypeError:
            raise InputError("payoffs must be a pair (u0, u1) or a callable f(a, k)") from None
        if len(pair) != 2:
            raise InputError("payoffs must be a pair (u0, u1), one per action; got "
                             f"{len(pair)} items")
        out = []
        for a, u in enumerate(pair):
            where = f"payoffs of action {self.actions[a]!r}"
            if isinstance(u, sp.Basic):
                extra = u.free_symbols - {self.k}
                if not extra and self.k not in u.free_symbols:
                    out.append(np.full(n, float(u)))
                else:
                    out.append(u)
            elif isinstance(u, (int, float, np.integer, np.floating, Fraction)):
                out.append(np.full(n, float(u)))
            else:
                seq = list(u)
                if len(seq) != n:
                    raise InputError(f"{where} has {len(seq)} entries; expected one for each "
                                     f"k = 0..{n - 1} ({n} entries)")
                if any(isinstance(x, sp.Basic) and x.free_symbols for x in seq):
                    out.append(np.array([as_sympy(x) for x in seq], dtype=object))
                else:
                    try:
                        out.append(np.array([float(x) for x in seq]))
                    except (TypeError, ValueError):
                        raise InputError(f"{where} holds an entry that is not a number") from None
        return self._check_finite(out)

    @staticmethod
    def _check_finite(out):
        for u in out:
            if isinstance(u, np.ndarray) and u.dtype != object and not np.all(np.isfinite(u)):
                raise InputError("payoffs must be finite numbers (found inf or nan)")
        return out

    # ------------------------------------------------------------------ structure
    @property
    def parameters(self) -> tuple:
        """Free sympy parameters of the payoffs (the count symbol excluded), sorted by name."""
        syms = set()
        for u in self._u:
            if isinstance(u, sp.Basic):
                syms |= u.free_symbols
            elif u.dtype == object:
                for x in u:
                    if isinstance(x, sp.Basic):
                        syms |= x.free_symbols
        syms.discard(self.k)
        return tuple(sorted(syms, key=lambda s: s.name))

    @property
    def is_symbolic(self) -> bool:
        """True when the payoffs hold free parameters."""
        return bool(self.parameters)

    def action_index(self, action) -> int:
        """Index (0 or 1) of an action given by name or index.

        >>> AnonymousGame(2, (0, 1), actions=("Defect", "Contribute")).action_index("Contribute")
        1
        """
        if (isinstance(action, (int, np.integer)) and not isinstance(action, bool)
                and action in (0, 1)):
            return int(action)
        try:
            return self.actions.index(str(action))
        except ValueError:
            raise InputError(f"unknown action {action!r}; actions are "
                             f"{list(self.actions)}") from None

    def payoff(self, action, k):
        """Payoff of a player choosing ``action`` when ``k`` others choose action 1.

        Returns a float for numeric games and a sympy expression for symbolic ones.

        >>> AnonymousGame(3, ([0, 2, 2], [1, 1, 1])).payoff(0, 2)
        2.0
        """
        a = self.action_index(action)
        if (isinstance(k, bool) or not isinstance(k, (int, np.integer))
                or not 0 <= k < self.n_players):
            raise InputError("k (others choosing action 1) must be an integer in "
                             f"0..{self.n_players - 1}, got {k!r}")
        u = self._u[a]
        if isinstance(u, sp.Basic):
            val = u.subs(self.k, int(k))
            return float(val) if not val.free_symbols else val
        val = u[int(k)]
        return float(val) if not (isinstance(val, sp.Basic) and val.free_symbols) else val

    def payoff_expression(self, action, k) -> sp.Expr:
        """The payoff of ``action`` at count ``k`` as an exact sympy expression.

        >>> AnonymousGame(3, ([0, 0.5, 2], [1, 1, 1])).payoff_expression(0, 1)
        1/2
        """
        a = self.action_index(action)
        if (isinstance(k, bool) or not isinstance(k, (int, np.integer))
                or not 0 <= k < self.n_players):
            raise InputError("k (others choosing action 1) must be an integer in "
                             f"0..{self.n_players - 1}, got {k!r}")
        u = self._u[a]
        if isinstance(u, sp.Basic):
            return sp.simplify(u.subs(self.k, int(k)))
        return as_sympy(u[int(k)])

    def payoff_expressions(self) -> list:
        """The payoff of each action as a list of ``N`` sympy expressions (k = 0..N-1).

        >>> AnonymousGame(2, (0, 1)).payoff_expressions()
        [[0, 0], [1, 1]]
        """
        out = []
        for u in self._u:
            if isinstance(u, sp.Basic):
                out.append([sp.simplify(u.subs(self.k, kk)) for kk in range(self.n_players)])
            else:
                out.append([as_sympy(x) for x in u])
        return out

    def subs(self, values: dict | None = None, /, **kwargs) -> "AnonymousGame":
        """Substitute parameter values (by name or symbol).

        >>> import sympy as sp
        >>> c = sp.Symbol("c", positive=True)
        >>> g = AnonymousGame(2, (0, -c)).subs(c=2)
        >>> g.payoff_table()
        array([[ 0.,  0.],
               [-2., -2.]])
        """
        mapping = dict(values or {})
        mapping.update(kwargs)
        sub = substitution(self.parameters, mapping)
        new = []
        for u in self._u:
            if isinstance(u, sp.Basic):
                new.append(u.subs(sub))
            elif u.dtype == object:
                new.append([as_sympy(x).subs(sub) for x in u])
            else:
                new.append(u.copy())
        return AnonymousGame(self.n_players, new, actions=self.actions, k=self.k, title=self.title)

    # ------------------------------------------------------------------ numeric values
    def payoff_table(self) -> np.ndarray:
        """The payoffs as a float array ``u`` of shape ``(2, N)``: ``u[a, k]``.

        Expressions in ``k`` are evaluated with ``sympy.lambdify`` over ``k = 0..N-1`` at once.
        Raises :class:`~govgames.games.errors.FreeParametersError` when parameters are free.

        >>> k = sp.Symbol("k")
        >>> AnonymousGame(3, (0, k - 1), k=k).payoff_table()
        array([[ 0.,  0.,  0.],
               [-1.,  0.,  1.]])
        """
        if self._table is not None:
            return self._table
        params = self.parameters
        if params:
            raise FreeParametersError([p.name for p in params])
        ks = np.arange(self.n_players)
        rows = []
        for u in self._u:
            if isinstance(u, sp.Basic):
                f = sp.lambdify(self.k, u, modules="numpy")
                vals = np.asarray(f(ks), dtype=float)
                rows.append(np.broadcast_to(vals, ks.shape).astype(float))
            elif u.dtype == object:
                rows.append(np.array([float(x) for x in u]))
            else:
                rows.append(u.astype(float))
        table = np.vstack(rows)
        if not np.all(np.isfinite(table)):
            raise InputError("payoffs evaluate to inf or nan at some count k")
        table.flags.writeable = False
        self._table = table
        return table

    def gains(self) -> np.ndarray:
        """Gain from action 1 over action 0, ``d[k] = u[1][k] - u[0][k]``, for ``k = 0..N-1``.

        >>> AnonymousGame(3, ([0, 2, 2], [1, 1, 1])).gains()
        array([ 1., -1., -1.])
        """
        u = self.payoff_table()
        return u[1] - u[0]

    def expected_payoffs(self, p) -> np.ndarray:
        """Expected payoff of each action when every other player plays 1 with probability ``p``.

        ``p`` may be an array; the result has shape ``(2,) + p.shape``. The binomial weights are
        computed in log space (``gammaln``), which stays accurate for ``N`` in the tens of
        thousands.

        >>> g = AnonymousGame(3, ([0, 2, 2], [1, 1, 1]))
        >>> np.round(g.expected_payoffs([0.0, 0.5, 1.0]), 6)
        array([[0. , 1.5, 2. ],
               [1. , 1. , 1. ]])
        """
        p = np.asarray(p, dtype=float)
        if np.any((p < 0) | (p > 1)):
            raise InputError("probabilities must lie in [0, 1]")
        w = _binomial_weights(self.n_players - 1, p.ravel())
        u = self.payoff_table()
        return (w @ u.T).T.reshape((2,) + p.shape)

    def indifference_function(self, p) -> np.ndarray:
        """``D(p) = E[u1 - u0]`` when the others play action 1 with probability ``p`` (vectorised).

        >>> g = AnonymousGame(3, ([0, 2, 2], [1, 1, 1]))
        >>> np.round(g.indifference_function([0.0, 1.0]), 6)
        array([ 1., -1.])
        """
        p = np.asarray(p, dtype=float)
        d = self.gains()
        m = self.n_players - 1
        # gains that are constant on runs of k (volunteer, threshold and linear-in-sign games)
        # need only the binomial CDF at the run ends: O(runs) per p instead of O(N)
        cut = np.flatnonzero(np.diff(d) != 0) + 1
        if cut.size < 64 and m > 64:
            starts = np.r_[0, cut]
            ends = np.r_[cut - 1, m]
            pr = p.ravel()[:, None]
            mass = (stats.binom.cdf(ends[None, :], m, pr)
                    - stats.binom.cdf(starts[None, :] - 1, m, pr))
            return (mass @ d[starts]).reshape(p.shape)
        w = _binomial_weights(m, p.ravel())
        return (w @ d).reshape(p.shape)

    def indifference_polynomial(self, p: sp.Symbol | None = None) -> sp.Expr:
        """The indifference equation's left side ``D(p)`` as an exact sympy polynomial.

        ``D(p) = sum_k C(N-1, k) p^k (1-p)^(N-1-k) (u1[k] - u0[k])``. Works for symbolic
        parameters too (then its size grows with ``N``; meant for small ``N``).

        >>> g = AnonymousGame(3, ([0, 2, 2], [1, 1, 1]))
        >>> sp.factor(g.indifference_polynomial())
        2*p**2 - 4*p + 1
        """
        p = p if p is not None else sp.Symbol("p")
        m = self.n_players - 1
        ex = self.payoff_expressions()
        return sp.expand(sum(sp.binomial(m, k) * p**k * (1 - p)**(m - k) * (ex[1][k] - ex[0][k])
                             for k in range(m + 1)))

    # ------------------------------------------------------------------ equilibria
    def pure_equilibria(self, tol: float = DEFAULT_TOL) -> AnonymousEquilibria:
        """Every pure Nash equilibrium, described by the number ``m`` of players choosing 1.

        With ``m`` players on action 1, those players must not gain by switching
        (``u[1][m-1] >= u[0][m-1]``, needed when ``m >= 1``) and the others must not gain either
        (``u[0][m] >= u[1][m]``, needed when ``m <= N-1``). Both conditions are evaluated for
        every ``m`` at once: ``O(N)`` work. Each ``m`` stands for ``C(N, m)`` profiles.

        Parameters
        ----------
        tol : float
            Relative tolerance of the weak inequalities (``tol * max(1, |payoff|)``).

        Examples
        --------
        The volunteer's dilemma (benefit 2, cost 1, 4 players) has exactly one volunteer in
        every pure equilibrium:

        >>> g = AnonymousGame(4, ([0, 2, 2, 2], [1, 1, 1, 1]), actions=("Ignore", "Volunteer"))
        >>> print(g.pure_equilibria())
        1 equilibrium (counts)
          1. pure: 1 of 4 players choose 'Volunteer' (4 profiles; payoffs Volunteer 1, Ignore 2)
        """
        u = self.payoff_table()
        n = self.n_players
        m = np.arange(n + 1)
        ok = np.ones(n + 1, dtype=bool)
        # players on action 1 (m >= 1) face k = m - 1 others on action 1
        d1 = u[1, :] - u[0, :]
        scale1 = tol * np.maximum(1.0, np.maximum(np.abs(u[0]), np.abs(u[1])))
        ok[1:] &= d1 >= -scale1
        # players on action 0 (m <= n - 1) face k = m others on action 1
        ok[:-1] &= -d1 >= -scale1
        out = []
        for mm in m[ok]:
            mm = int(mm)
            pays = {}
            if mm >= 1:
                pays[self.actions[1]] = float(u[1, mm - 1])
            if mm <= n - 1:
                pays[self.actions[0]] = float(u[0, mm])
            out.append(AnonymousEquilibrium("pure", n, self.actions, m=mm, payoffs=pays,
                                            count=math.comb(n, mm)))
        return AnonymousEquilibria(out, method="counts")

    def symmetric_equilibria(self, method: str = "auto", tol: float = 1e-10,
                             grid: int = 257, exact_limit: int = 60) -> AnonymousEquilibria:
        """Every symmetric equilibrium: each player plays action 1 with the same probability p.

        ``p = 0`` is one when action 0 is a best response to everyone playing 0 (``d[0] <= 0``),
        ``p = 1`` when ``d[N-1] >= 0``, and an interior ``p`` when it solves the indifference
        equation ``D(p) = 0`` (see :meth:`indifference_polynomial`). The number of interior
        roots is at most the number of sign changes of ``d`` (Descartes' rule for Bernstein
        polynomials).

        Parameters
        ----------
        method : {"auto", "exact", "numeric"}
            ``"exact"``: rational payoffs, exact real roots of the polynomial with sympy
            (``p`` also given as an exact algebraic number in ``.exact``). ``"numeric"``: sign
            changes of ``D`` on a grid, refined with Brent's method, and touching roots found as
            local minima of ``|D|`` that reach zero; the grid is refined (up to 4097 points)
            until as many roots are found as Descartes' bound allows, or a note says that more
            may exist. ``"auto"``: exact up to ``exact_limit`` players, numeric above.
        tol : float
            Absolute tolerance of Brent's method on ``p``.
        grid : int
            Initial number of grid points for the numeric method.
        exact_limit : int
            Largest ``N`` that ``"auto"`` solves exactly.

        Examples
        --------
        Volunteer's dilemma, benefit 4, cost 1, 3 players: ``p* = 1 - (1/4)**(1/2) = 1/2``.

        >>> g = AnonymousGame(3, ([0, 4, 4], [3, 3, 3]), actions=("Ignore", "Volunteer"))
        >>> eqs = g.symmetric_equilibria()
        >>> print(eqs)
        1 equilibrium (exact)
          1. symmetric: each player chooses 'Volunteer' with probability 0.5 (payoffs Ignore 3,
          Volunteer 3)
        >>> eqs[0].exact
        1/2
        >>> round(g.symmetric_equilibria(method="numeric")[0].p, 9)
        0.5
        """
        if method not in ("auto", "exact", "numeric"):
            raise InputError(f"unknown method {method!r}; use 'auto', 'exact' or 'numeric'")
        if method == "auto":
            method = "exact" if self.n_players <= exact_limit else "numeric"
        d = self.gains()
        u = self.payoff_table()
        n = self.n_players
        notes = []
        eq_ps = []  # (p float, exact or None)
        scale = np.maximum(1.0, np.abs(u).max())
        if np.all(np.abs(d) <= 1e-12 * scale):
            return AnonymousEquilibria([], method=method, notes=[
                "both actions pay the same at every count: every profile is an equilibrium "
                "(every p in [0, 1] is a symmetric equilibrium)"])
        if d[0] <= 1e-12 * scale:
            eq_ps.append((0.0, sp.Integer(0)))
        interior: list = []
        if method == "exact":
            interior = self._exact_roots()
        else:
            interior, note = self._numeric_roots(d, tol, grid)
            if note:
                notes.append(note)
        for p, ex in interior:
            if 0.0 < p < 1.0:
                eq_ps.append((p, ex))
        if d[-1] >= -1e-12 * scale:
            eq_ps.append((1.0, sp.Integer(1)))
        out = []
        for p, ex in sorted(eq_ps, key=lambda t: t[0]):
            eu = self.expected_payoffs(np.array([p]))[:, 0]
            pays = {self.actions[0]: float(eu[0]), self.actions[1]: float(eu[1])}
            out.append(AnonymousEquilibrium("symmetric", n, self.actions, p=float(p), payoffs=pays,
                                            exact=ex if method == "exact" else None))
        return AnonymousEquilibria(out, method=method, notes=notes)

    def _exact_roots(self) -> list:
        p = sp.Symbol("p")
        ex = self.payoff_expressions()
        exact = []
        for row in ex:
            vals = []
            for x in row:
                x = as_sympy(x)
                if x.is_Float:
                    x = sp.Rational(repr(float(x)))
                if not (isinstance(x, sp.Basic) and x.is_number):
                    raise FreeParametersError([s.name for s in self.parameters])
                vals.append(x)
            exact.append(vals)
        m = self.n_players - 1
        d = []
        for k in range(m + 1):
            x = exact[1][k] - exact[0][k]
            if not x.is_Rational:  # algebraic/irrational payoffs: the rational they print as
                x = sp.Rational(repr(float(x)))
            d.append(Fraction(int(x.p), int(x.q)))
        # coefficient of p**j in sum_k d_k C(m,k) p^k (1-p)^(m-k), in exact rationals: O(m^2)
        coeffs = [Fraction(0)] * (m + 1)
        for k, dk in enumerate(d):
            if dk == 0:
                continue
            ck = dk * math.comb(m, k)
            for j in range(k, m + 1):
                term = ck * math.comb(m - k, j - k)
                coeffs[j] += -term if (j - k) % 2 else term
        if all(c == 0 for c in coeffs):
            return []
        poly = sp.Poly([sp.Rational(c.numerator, c.denominator) for c in reversed(coeffs)], p)
        if poly.degree() < 1:
            return []
        sqf = poly.sqf_part()
        # isolate the roots in (0, 1) exactly (bisection with Descartes' rule on rationals),
        # refined to intervals of width 1e-20; CRootOf names the exact algebraic number
        roots = []
        for (lo, hi), _ in sqf.intervals(inf=0, sup=1, eps=sp.Rational(1, 10**20)):
            if not (lo > 0 and hi < 1):
                continue
            if lo == hi:
                roots.append((float(lo), sp.Rational(lo)))
                continue
            root = None
            if sqf.degree() <= 2:
                root = [r for r in sp.roots(sqf, filter="R") if lo <= r <= hi][0]
            elif sqf.degree() <= 24:
                root = sp.CRootOf(sqf, int(sqf.count_roots(-sp.oo, lo)))
            roots.append((float((sp.Rational(lo) + sp.Rational(hi)) / 2), root))
        return roots

    def _numeric_roots(self, d: np.ndarray, tol: float, grid: int):
        nz = d[np.abs(d) > 0]
        variations = int(np.count_nonzero(np.diff(np.sign(nz)) != 0)) if nz.size else 0
        if variations == 0:
            return [], None
        m = self.n_players - 1

        def D(x):  # the same evaluation as on the grid, so that signs agree at the ends
            return float(self.indifference_function(np.array([x]))[0])

        found: list = []
        g = max(int(grid), 9)
        while True:
            xs = np.linspace(0.0, 1.0, g)
            vals = self.indifference_function(xs)
            found = [float(x) for x in xs[1:-1][vals[1:-1] == 0.0]]  # exact zeros on the grid
            for i in np.flatnonzero(vals[:-1] * vals[1:] < 0):  # sign changes: bracketed roots
                a, b = float(xs[i]), float(xs[i + 1])
                # re-evaluate the ends one by one: batched and single evaluations can differ in
                # the last bits, and brentq needs a strict sign change
                fa1, fb1 = D(a), D(b)
                if fa1 == 0.0 or fb1 == 0.0:
                    found.append(a if fa1 == 0.0 else b)
                elif fa1 * fb1 < 0:
                    found.append(optimize.brentq(D, a, b, xtol=min(tol, 1e-3 * (b - a)) * 1e-6,
                                                 rtol=4 * np.finfo(float).eps, maxiter=200))
                else:
                    found.append(a if abs(fa1) <= abs(fb1) else b)
            # touching roots (even multiplicity): local minima of |D| that reach zero
            absd = np.abs(vals)
            scale = max(1.0, float(np.abs(d).max()))
            inner = np.arange(1, g - 1)
            cand = inner[(absd[1:-1] < absd[:-2]) & (absd[1:-1] < absd[2:])
                         & (vals[:-2] * vals[2:] > 0)]
            cand = cand[np.argsort(absd[cand])][:max(0, variations - len(found))]
            for i in cand:
                if any(xs[i - 1] <= x <= xs[i + 1] for x in found):
                    continue
                res = optimize.minimize_scalar(lambda x: abs(D(x)), bounds=(xs[i - 1], xs[i + 1]),
                                               method="bounded", options={"xatol": 1e-13})
                if abs(D(res.x)) <= 1e-11 * scale:
                    found.append(float(res.x))
            found = sorted(set(x for x in found if 0 < x < 1))
            # Descartes' bound is an upper bound: stop when it is met or the grid is fine enough
            if len(found) >= variations or g >= 4097 or 4 * g * (m + 1) > 4e7:
                break
            g = 4 * (g - 1) + 1
        note = None
        if len(found) < variations:
            note = (f"Descartes' bound allows up to {variations} interior roots; {len(found)} "
                    f"found on a grid of {g} points (roots closer than {1 / (g - 1):.2g} or of "
                    "even multiplicity may be missed)")
        return [(x, None) for x in found], note

    # ------------------------------------------------------------------ expansion
    def to_normal_form(self, max_players: int = MAX_NORMAL_FORM_PLAYERS, players=None):
        """The full normal-form game (``N * 2**N`` payoffs), for small ``N`` only.

        Raises :class:`~govgames.games.errors.InputError` above ``max_players`` (default 16)
        players: a full table is what this class exists to avoid.

        >>> g = AnonymousGame(2, ([0, 2], [1, 1]), actions=("Ignore", "Volunteer"))
        >>> print(g.to_normal_form())
        Player 1 \\ Player 2 | Ignore | Volunteer
        ------------------- | ------ | ---------
        Ignore              | 0, 0   | 2, 1
        Volunteer           | 1, 2   | 1, 1
        """
        from .game import NormalFormGame

        n = self.n_players
        if n > max_players:
            raise InputError(
                f"to_normal_form refuses {n} players: the full table would hold {n} x 2**{n} "
                "payoffs; solve the anonymous game directly or raise max_players "
                f"(now {max_players})")
        grid = np.indices((2,) * n).reshape(n, -1)  # shape (n, 2**n)
        total = grid.sum(axis=0)
        if self.is_symbolic:
            ex = self.payoff_expressions()
            pay = np.empty((n,) + (2,) * n, dtype=object)
            for col in range(grid.shape[1]):
                prof = tuple(int(x) for x in grid[:, col])
                for i in range(n):
                    a = prof[i]
                    pay[(i,) + prof] = ex[a][int(total[col]) - a]
        else:
            u = self.payoff_table()
            pay = np.empty((n, 2 ** n))
            for i in range(n):
                a = grid[i]
                pay[i] = u[a, total - a]
            pay = pay.reshape((n,) + (2,) * n)
        names = players or [f"Player {i + 1}" for i in range(n)]
        return NormalFormGame(pay, players=names, strategies=[list(self.actions)] * n,
                              title=self.title)

    def to_equilibrium_list(self, equilibria: Sequence[AnonymousEquilibrium],
                            max_players: int = MAX_NORMAL_FORM_PLAYERS):
        """Expand count-based equilibria into an :class:`~govgames.games.EquilibriumList` of
        profiles.

        A pure equilibrium with ``m`` players on action 1 becomes its ``C(N, m)`` profiles; a
        symmetric one becomes one mixed profile. Small ``N`` only.

        >>> g = AnonymousGame(3, ([0, 2, 2], [1, 1, 1]), actions=("Ignore", "Volunteer"))
        >>> [e.pure_profile for e in g.to_equilibrium_list(g.pure_equilibria())]
        [('Volunteer', 'Ignore', 'Ignore'), ('Ignore', 'Volunteer', 'Ignore'),
         ('Ignore', 'Ignore', 'Volunteer')]
        """
        import itertools

        n = self.n_players
        if n > max_players:
            raise InputError(f"to_equilibrium_list refuses {n} players (limit {max_players})")
        players = [f"Player {i + 1}" for i in range(n)]
        strategies = [list(self.actions)] * n
        u = self.payoff_table()
        out = []
        for e in equilibria:
            if e.kind == "pure":
                assert e.m is not None, "a pure equilibrium has a count m"
                for ones in itertools.combinations(range(n), e.m):
                    prof = [[0.0, 1.0] if i in ones else [1.0, 0.0] for i in range(n)]
                    pays = [u[1, e.m - 1] if i in ones else u[0, e.m] for i in range(n)]
                    out.append(Equilibrium.from_game_profile(players, strategies, prof, pays))
            else:
                assert e.p is not None, "a symmetric equilibrium has a probability p"
                eu = self.expected_payoffs(np.array([e.p]))[:, 0]
                val = e.p * eu[1] + (1 - e.p) * eu[0]
                out.append(Equilibrium.from_game_profile(players, strategies,
                                                         [[1 - e.p, e.p]] * n, [val] * n))
        return EquilibriumList(out, method="anonymous")

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        kind = "symbolic " if self.is_symbolic else ""
        title = f" {self.title!r}" if self.title else ""
        return (f"<{kind}AnonymousGame{title}: {self.n_players} players, "
                f"actions {list(self.actions)}>")

    def __str__(self) -> str:
        head = f"{self.title}\n" if self.title else ""
        lines = [f"{self.n_players} players; payoff by own action and k = others choosing "
                 f"{self.actions[1]!r}"]
        show = self.n_players <= 12
        for a in (0, 1):
            u = self._u[a]
            if isinstance(u, sp.Basic):
                lines.append(f"  {self.actions[a]}: {u}")
            elif show:
                lines.append(f"  {self.actions[a]}: " + ", ".join(_fmt_num(x) for x in u))
            else:
                lines.append(f"  {self.actions[a]}: " + ", ".join(_fmt_num(x) for x in u[:5])
                             + ", ..., " + _fmt_num(u[-1]))
        return head + "\n".join(lines)


def _binomial_weights(m: int, p: np.ndarray) -> np.ndarray:
    """Binomial(m, p) probabilities of k = 0..m, one row per p (log space, stable for large m)."""
    k = np.arange(m + 1)
    logc = special.gammaln(m + 1) - special.gammaln(k + 1) - special.gammaln(m - k + 1)
    p = np.asarray(p, dtype=float)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        logw = logc[None, :] + special.xlogy(k[None, :], p) + special.xlog1py(m - k[None, :], -p)
    return np.exp(logw)
