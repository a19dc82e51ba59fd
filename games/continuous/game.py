"""The model of a game with continuous choices: :class:`ContinuousGame`.

Each of ``N`` players chooses a real number in an interval ``[lo, hi]`` (or a vector in a box,
one interval per coordinate); player ``i``'s payoff ``u_i(x_1, ..., x_N)`` is a sympy expression
of the choices and of named parameters (numeric or symbolic), or one vectorised Python function
for all players. Every solver of :mod:`govgames.games.continuous` takes this one object.

Two ways to state the payoffs:

* **explicit**: one expression per player, over the choice variables (``q1``, ``q2``, ...);
* **symmetric (aggregative)**: :meth:`ContinuousGame.symmetric`, one expression ``U(x, y)`` of a
  player's own choice ``x`` and the sum ``y`` of the others' contributions ``g(x_j)``. Cournot
  oligopoly, Tullock contests, public goods and abatement games have this form; it holds any
  number of players (also a symbolic ``n``) without writing ``n`` expressions, which is what makes
  a 1000-player contest solvable in milliseconds.

Numeric parameter values are kept exact (``0.1`` is ``1/10``), so that the solvers can return
exact rational equilibria; numeric work uses ``sympy.lambdify`` functions compiled once per game.

References
----------
.. [1] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sec. 1.2 (games with
   continuous strategy spaces, existence of pure equilibria for concave payoffs).
.. [2] M. K. Jensen, "Aggregative games and best-reply potentials", *Economic Theory* 43 (2010),
   45-66 (games whose payoffs depend on own choice and an aggregate of the others').
"""

from __future__ import annotations

import warnings
from typing import Mapping, Sequence

import numpy as np
import sympy as sp

from ..budget import check_memory
from ..errors import FreeParametersError, InputError, refuse_unordered
from ..expr import as_sympy, substitution

__all__ = ["ContinuousGame", "MAX_EXPLICIT_PLAYERS"]

#: Largest number of players for which a symmetric game is written out as one expression per
#: player (only the symbolic asymmetric analysis needs that; the numeric solvers never do).
MAX_EXPLICIT_PLAYERS = 200

#: measured peak memory per player of building and solving a numeric symmetric game (names,
#: variables, bounds, per-player blocks and certificates: about 1.1-1.6 kB), with a margin
BYTES_PER_PLAYER = 2000


def check_players(n) -> None:
    """Refuse a numeric number of players whose per-player objects would not fit the memory
    budget (:func:`govgames.games.budget.check_memory`: about a million players at the default
    2 GiB) before anything is allocated; a symbolic ``n`` is never refused.

    >>> check_players(10**4)
    >>> try:
    ...     check_players(10**9)
    ... except InputError as e:
    ...     print(str(e)[:73])
    a continuous game of 1000000000 players needs about 1.8 TiB, over the mem
    """
    if isinstance(n, (int, np.integer)) and not isinstance(n, bool):
        check_memory(int(n) * BYTES_PER_PLAYER, f"a continuous game of {int(n)} players",
                     "leave n symbolic (n=None) for the equilibrium as a formula in n, then "
                     ".subs(n=...) a smaller number")


#: sympy functions whose presence in a derivative means the payoff is not differentiable there
_NONSMOOTH = (sp.Heaviside, sp.DiracDelta, sp.sign, sp.Derivative, sp.Subs)



def _dirac_delta(x, *_order):
    """DiracDelta in a lambdified derivative (of a Heaviside payoff): 0 away from the jump.
    Such payoffs are flagged non-differentiable and solved without derivatives; numpy has no
    DiracDelta, so without this the gradient raised NameError."""
    return np.zeros_like(np.asarray(x, dtype=float))


_MODULES = [{"DiracDelta": _dirac_delta}, "numpy", "scipy"]


def _as_bound(value, *, default, where):
    if value is None:
        return default
    if isinstance(value, float) and np.isinf(value):
        return sp.oo if value > 0 else -sp.oo
    if isinstance(value, sp.Basic) and value in (sp.oo, -sp.oo):
        return value
    out = as_sympy(value, where=where)
    if out.has(sp.nan, sp.zoo):
        raise InputError(f"{where}: {value!r} is not a number")
    return out


def _symbol(v, where):
    if isinstance(v, sp.Symbol):
        return v
    if isinstance(v, str) and v.isidentifier():
        return sp.Symbol(v, real=True)
    raise InputError(f"{where}: a choice variable must be a sympy Symbol or a name, got {v!r}")


class ContinuousGame:
    """A game in which players choose real numbers (or vectors) in intervals (or boxes).

    Parameters
    ----------
    payoffs : sequence of sympy expressions, or callable
        One expression per player in the choice variables and parameters; or one vectorised
        function ``f(*choices) -> sequence of N payoffs`` taking every choice variable in order
        (numpy arrays that broadcast) and returning each player's payoff.
    bounds : sequence
        Per player, the interval ``(lo, hi)`` of its choice, or a list of intervals (one per
        coordinate) for a vector choice. Numbers, rational strings, sympy expressions of the
        parameters, or ``None`` / ``inf`` for an unbounded side.
    variables : sequence, optional
        Per player, its choice variable (a sympy Symbol or a name) or a list of them for a vector
        choice. Default ``x1, x2, ...`` (``x1_1, x1_2`` for vectors).
    players : sequence of str, optional
        Player names (default ``Player 1, ...``).
    parameters : mapping, optional
        Values substituted at once (``{"a": 10}``); names mapped to ``None`` stay symbolic.
    title : str, optional

    Raises
    ------
    InputError
        An empty interval (``lo > hi``), a payoff that uses an unknown variable, a function that
        does not return one payoff per player, mismatched lengths.

    References
    ----------
    Fudenberg and Tirole (1991), sec. 1.2.

    Examples
    --------
    A Cournot duopoly with linear demand ``P = 10 - Q`` and unit cost 1:

    >>> import sympy as sp
    >>> q1, q2 = sp.symbols("q1 q2", real=True)
    >>> g = ContinuousGame([(10 - q1 - q2 - 1) * q1, (10 - q1 - q2 - 1) * q2],
    ...                    [(0, 10), (0, 10)], variables=[q1, q2], players=["Firm 1", "Firm 2"])
    >>> g.payoff([3, 3])
    array([9., 9.])
    >>> print(g)
    Continuous game: 2 players
      Firm 1 chooses q1 in [0, 10]; payoff q1*(-q1 - q2 + 9)
      Firm 2 chooses q2 in [0, 10]; payoff q2*(-q1 - q2 + 9)
    >>> ContinuousGame([q1, q2], [(0, 1), (2, 1)], variables=[q1, q2])
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: empty interval for player 'Player 2' (q2): [2, 1]
    """

    #: Conditions the free parameters satisfy by construction (e.g. ``w1 > w2``), as strict
    #: sympy inequalities; the symbolic solvers drop answers that contradict them.
    _domain: tuple = ()
    # a game is either general (blocks, bounds and expressions or a function per player) or in
    # symmetric form (_symmetric, _n_sym, _sym_bounds); the other group is None
    _symmetric: dict | None
    _n_sym: object
    _sym_bounds: tuple
    _blocks: tuple | None
    _bounds: tuple | None
    _exprs: tuple | None

    def __init__(self, payoffs, bounds, *, variables=None, players=None,
                 parameters: Mapping | None = None, title: str | None = None):
        if isinstance(bounds, (str, bytes)) or not isinstance(bounds, Sequence):
            raise InputError("bounds must be a sequence with one interval per player")
        n = len(bounds) if not callable(payoffs) or variables is None else len(variables)
        if n < 1:
            raise InputError("a game needs at least one player")
        self._init_common(n, players, title)
        self._symmetric = None
        # --- variables and bounds
        if variables is not None and len(variables) != n:
            raise InputError(f"variables: {len(variables)} entries for {n} players")
        if len(bounds) != n:
            raise InputError(f"bounds: {len(bounds)} intervals for {n} players")
        blocks, bnds = [], []
        for i in range(n):
            b = bounds[i]
            vec = (isinstance(b, Sequence) and not isinstance(b, str) and len(b) > 0
                   and all(isinstance(x, Sequence) and not isinstance(x, str) for x in b))
            intervals = list(b) if vec else [b]
            if variables is None:
                names = ([f"x{i + 1}"] if not vec else
                         [f"x{i + 1}_{k + 1}" for k in range(len(intervals))])
                block = [sp.Symbol(s, real=True) for s in names]
            else:
                v = variables[i]
                vs = list(v) if isinstance(v, (list, tuple)) else [v]
                block = [_symbol(s, f"variables of player {self._players[i]!r}") for s in vs]
                if len(block) != len(intervals):
                    raise InputError(f"player {self._players[i]!r} has {len(block)} choice "
                                     f"variable(s) but {len(intervals)} interval(s)")
            for k, iv in enumerate(intervals):
                bnds.append(self._interval(iv, i, block[k]))
            blocks.append(tuple(block))
        flat = [v for blk in blocks for v in blk]
        if len(set(flat)) != len(flat):
            raise InputError("choice variables must be distinct across players")
        self._blocks = tuple(blocks)
        self._bounds = tuple(bnds)
        # --- payoffs
        self._func = None
        if callable(payoffs):
            self._func = payoffs
            self._exprs = None
            self._check_function()
        else:
            if isinstance(payoffs, (str, bytes)) or len(payoffs) != n:
                raise InputError(f"payoffs: expected one expression per player ({n})")
            exprs = []
            for i, u in enumerate(payoffs):
                if isinstance(u, str):
                    raise InputError(f"payoff of player {self._players[i]!r}: give a sympy "
                                     "expression (text is read only from game files, by "
                                     "govgames.games.continuous.read_continuous_json)")
                e = as_sympy(u, where=f"payoff of player {self._players[i]!r}")
                if e.has(sp.zoo, sp.nan):
                    raise InputError(f"payoff of player {self._players[i]!r} is undefined: {e}")
                exprs.append(e)
            self._exprs = tuple(exprs)
        if parameters:
            self._apply_values(parameters)

    # ------------------------------------------------------------------ construction helpers
    def _init_common(self, n, players, title):
        check_players(n)
        if isinstance(n, (int, np.integer)):
            if players is None:
                players = [f"Player {i + 1}" for i in range(int(n))]
            players = [str(p) for p in players]
            if len(players) != n:
                raise InputError(f"players: {len(players)} names for {n} players")
            if len(set(players)) != len(players):
                raise InputError(f"player names must be distinct, got {players}")
            self._players = tuple(players)
        else:
            self._players = None
        self.title = title
        self._cache = {}

    def _interval(self, iv, i, var):
        where = f"interval of player {self._players[i] if self._players else 'i'!r} ({var})"
        if not isinstance(iv, Sequence) or isinstance(iv, str) or len(iv) != 2:
            raise InputError(f"{where}: expected (lower, upper), got {iv!r}")
        lo = _as_bound(iv[0], default=-sp.oo, where=where)
        hi = _as_bound(iv[1], default=sp.oo, where=where)
        if lo == sp.oo or hi == -sp.oo:
            raise InputError(f"{where}: [{lo}, {hi}] is empty")
        diff = sp.simplify(hi - lo) if not (lo.is_infinite or hi.is_infinite) else sp.oo
        if diff.is_negative:
            who = self._players[i] if self._players else "i"
            raise InputError(f"empty interval for player {who!r} ({var}): [{lo}, {hi}]")
        return (lo, hi)

    @classmethod
    def symmetric(cls, n, payoff, own, others, *, bounds, aggregate=None, players=None,
                  title=None, parameters: Mapping | None = None) -> "ContinuousGame":
        """A symmetric aggregative game: ``u_i = U(x_i, sum_{j != i} g(x_j))``.

        Parameters
        ----------
        n : int or sympy Symbol
            Number of players (a symbol keeps it free: the symmetric solvers and the collusion
            thresholds then give formulas in ``n``).
        payoff : sympy expression
            ``U(x, y)`` in the own choice ``own`` and the others' aggregate ``others``.
        own, others : sympy Symbol
        bounds : (lo, hi)
            The common interval of choices.
        aggregate : sympy expression in ``own``, optional
            Each player's contribution ``g(x)`` to the others' aggregate (default ``x``).
        players, title, parameters
            As for the constructor.

        Returns
        -------
        ContinuousGame

        Examples
        --------
        A Tullock contest for a prize ``v``, 1000 players:

        >>> import sympy as sp
        >>> x, y = sp.symbols("x y", nonnegative=True)
        >>> g = ContinuousGame.symmetric(1000, x / (x + y) - x, x, y, bounds=(0, 1))
        >>> g.n_players, g.is_symmetric
        (1000, True)
        >>> g.payoff(np.full(1000, 0.001))[:2]
        array([0., 0.])
        """
        self = cls.__new__(cls)
        if isinstance(n, (int, np.integer)) and not isinstance(n, bool):
            if n < 1:
                raise InputError(f"n must be a positive integer, got {n}")
            n = int(n)
        elif isinstance(n, sp.Symbol):
            pass
        else:
            raise InputError(f"n must be a positive integer or a sympy Symbol, got {n!r}")
        self._init_common(n, players, title)
        own = _symbol(own, "own")
        others = _symbol(others, "others")
        if own == others:
            raise InputError("own and others must be different symbols")
        U = as_sympy(payoff, where="payoff")
        g = own if aggregate is None else as_sympy(aggregate, where="aggregate")
        if g.has(others):
            raise InputError("the aggregate g(x) must depend on the own choice only")
        self._symmetric = {"n": n, "U": U, "own": own, "others": others, "g": g}
        self._n_sym = n
        lo_hi = self._interval(bounds, 0, own) if self._players else self._interval(bounds, 0, own)
        self._sym_bounds = lo_hi
        self._func = None
        self._exprs = None
        self._blocks = None
        self._bounds = None
        if parameters:
            self._apply_values(parameters)
        return self

    def _apply_values(self, parameters):
        fixed = {k: v for k, v in parameters.items() if v is not None}
        if fixed:
            new = self.subs(fixed)
            self.__dict__.update(new.__dict__)

    def _check_function(self):
        mid = self._midpoint()
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = self._func(*mid)
            arr = np.asarray([np.asarray(o, dtype=float) for o in out])
        except Exception as exc:  # the user's function: any failure is bad input
            raise InputError(f"the payoff function failed at the midpoint of the choice sets: "
                             f"{type(exc).__name__}: {exc}") from None
        if arr.shape[0] != self.n_players:
            raise InputError(f"the payoff function returned {arr.shape[0]} values; the game "
                             f"has {self.n_players} players")

    def _midpoint(self):
        out = []
        for lo, hi in self.bounds_float():
            if np.isfinite(lo) and np.isfinite(hi):
                out.append((lo + hi) / 2)
            elif np.isfinite(lo):
                out.append(lo + 1.0)
            elif np.isfinite(hi):
                out.append(hi - 1.0)
            else:
                out.append(0.0)
        return out

    # ------------------------------------------------------------------ basic properties
    @property
    def is_symmetric_form(self) -> bool:
        """True when the game is stored as one aggregative expression (:meth:`symmetric`)."""
        return self._symmetric is not None

    @property
    def symmetric_form(self) -> dict | None:
        """``{"n", "U", "own", "others", "g"}`` of a symmetric aggregative game, else None."""
        return None if self._symmetric is None else dict(self._symmetric)

    @property
    def n_players(self):
        """Number of players (a sympy Symbol when left symbolic)."""
        if self._symmetric is not None:
            return self._symmetric["n"]
        return len(self._players)

    def require_numeric_n(self, what: str = "this method") -> int:
        """The number of players as an int; InputError when it is a free symbol."""
        n = self.n_players
        if not isinstance(n, int):
            raise InputError(f"{what} needs a numeric number of players; give it with "
                             f".subs({n}=...)")
        return n

    @property
    def players(self) -> tuple:
        """Player names."""
        if self._players is None:
            self.require_numeric_n("player names")
        return self._players

    def player_index(self, player) -> int:
        """Index of a player given by name or index."""
        names = self.players
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < len(names):
                return int(player)
            raise InputError(f"player index {player} out of range 0..{len(names) - 1}")
        if player in names:
            return names.index(player)
        raise InputError(f"unknown player {player!r}; players are {', '.join(names[:10])}"
                         + (" ..." if len(names) > 10 else ""))

    @property
    def variables(self) -> tuple:
        """Per player, the tuple of its choice variables (sympy Symbols)."""
        if self._symmetric is not None:
            n = self.require_numeric_n("explicit choice variables")
            if "blocks" not in self._cache:
                own = self._symmetric["own"]
                self._cache["blocks"] = tuple(
                    (sp.Symbol(f"{own.name}{i + 1}", **own.assumptions0),) for i in range(n))
            return self._cache["blocks"]
        assert self._blocks is not None, "a general game has blocks"
        return self._blocks

    @property
    def flat_variables(self) -> tuple:
        """All choice variables in order (player 1's first)."""
        return tuple(v for blk in self.variables for v in blk)

    @property
    def dims(self) -> tuple:
        """Number of coordinates of each player's choice."""
        if self._symmetric is not None:
            return (1,) * self.require_numeric_n("dims")
        return tuple(len(b) for b in self.variables)

    @property
    def owners(self) -> np.ndarray:
        """For each variable of :attr:`flat_variables`, the index of the player who chooses it."""
        return np.repeat(np.arange(len(self.dims)), self.dims)

    @property
    def bounds(self) -> tuple:
        """``(lo, hi)`` of every choice variable (sympy; ``-oo`` / ``oo`` when unbounded)."""
        if self._symmetric is not None:
            return (self._sym_bounds,) * self.require_numeric_n("bounds")
        assert self._bounds is not None, "a general game has bounds"
        return self._bounds

    @property
    def interval(self) -> tuple:
        """The common interval of a symmetric-form game."""
        if self._symmetric is None:
            raise InputError("interval: only symmetric-form games have one common interval; "
                             "use .bounds")
        return self._sym_bounds

    def bounds_float(self) -> np.ndarray:
        """Bounds as a float array of shape ``(n_variables, 2)`` (``inf`` when unbounded)."""
        key = "bounds_float"
        if key not in self._cache:
            free = self.parameters
            if free:
                intervals = self.bounds if self._symmetric is None else [self._sym_bounds]
                bad = [p for lo_hi in intervals for x in lo_hi for p in x.free_symbols]
                if bad:
                    raise FreeParametersError(sorted({p.name for p in bad}))
            src = self.bounds
            self._cache[key] = np.array([[float(lo), float(hi)] for lo, hi in src], dtype=float)
        return self._cache[key]

    @property
    def payoff_exprs(self) -> tuple:
        """One sympy payoff expression per player (written out for symmetric-form games)."""
        if self._func is not None:
            raise InputError("the payoffs are a Python function: no expressions (the symbolic "
                             "methods need sympy payoffs)")
        if self._symmetric is None:
            assert self._exprs is not None, "a game without a function has expressions"
            return self._exprs
        n = self.require_numeric_n("explicit payoff expressions")
        if n > MAX_EXPLICIT_PLAYERS:
            raise InputError(
                f"writing out {n} payoff expressions of {n} variables each is too large (at most "
                f"{MAX_EXPLICIT_PLAYERS} players); the symmetric solvers "
                "(symmetric_equilibria, nash_equilibria) work on the aggregative form directly")
        if "exprs" not in self._cache:
            s = self._symmetric
            xs = [b[0] for b in self.variables]
            gs = [s["g"].subs(s["own"], x) for x in xs]
            total = sp.Add(*gs)
            self._cache["exprs"] = tuple(s["U"].subs({s["own"]: x, s["others"]: total - gx},
                                                     simultaneous=True)
                                         for x, gx in zip(xs, gs))
        return self._cache["exprs"]

    @property
    def has_expressions(self) -> bool:
        """True when payoffs are sympy expressions (not a Python function)."""
        return self._func is None

    @property
    def parameters(self) -> tuple:
        """Free parameters (sympy Symbols other than the choice variables), sorted by name."""
        if "parameters" not in self._cache:
            syms = set()
            if self._symmetric is not None:
                s = self._symmetric
                syms |= s["U"].free_symbols | s["g"].free_symbols
                syms -= {s["own"], s["others"]}
                for x in self._sym_bounds:
                    syms |= x.free_symbols
                if isinstance(s["n"], sp.Symbol):
                    syms.add(s["n"])
            else:
                if self._exprs is not None:
                    for e in self._exprs:
                        syms |= e.free_symbols
                for lo, hi in self.bounds:
                    syms |= lo.free_symbols | hi.free_symbols
                syms -= set(self.flat_variables)
            self._cache["parameters"] = tuple(sorted(syms, key=lambda s: s.name))
        return self._cache["parameters"]

    @property
    def is_symbolic(self) -> bool:
        """True when some parameter has no value."""
        return bool(self.parameters)

    def require_numeric(self, what: str = "a numeric method"):
        """Raise :class:`FreeParametersError` when parameters have no values."""
        if self.parameters:
            raise FreeParametersError([p.name for p in self.parameters])

    @property
    def is_symmetric(self) -> bool:
        """True when permuting the players permutes their payoffs (checked at random points for
        explicit games; by construction for the symmetric form)."""
        if self._symmetric is not None:
            return True
        if "symmetric" not in self._cache:
            self._cache["symmetric"] = self._check_symmetry()
        return self._cache["symmetric"]

    def _check_symmetry(self) -> bool:
        n = self.n_players
        if n == 1:
            return True
        if len(set(self.dims)) != 1 or len(set(tuple(self.bounds[k] for k in self._block_idx(i))
                                                for i in range(n))) != 1:
            return False
        rng = np.random.default_rng(12345)
        pvals = {p: float(rng.uniform(0.7, 2.3)) for p in self.parameters}
        try:
            lo_hi = np.array([[float(as_sympy(lo).subs(pvals)), float(as_sympy(hi).subs(pvals))]
                              for lo, hi in self.bounds])
        except TypeError:  # bounds not real at the sampled parameters: sample a fixed window
            lo_hi = np.tile([-3.0, 3.0], (len(self.bounds), 1))
        lo_hi = np.where(np.isnan(lo_hi) | (lo_hi[:, :1] > lo_hi[:, 1:]), [-3.0, 3.0], lo_hi)
        lo = np.where(np.isfinite(lo_hi[:, 0]), lo_hi[:, 0], -3.0)
        hi = np.where(np.isfinite(lo_hi[:, 1]), lo_hi[:, 1], lo + 6.0)
        d = self.dims[0]
        for _ in range(3):
            x = rng.uniform(lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo))
            u = self._eval_all(x, pvals)
            for j in range(1, n):
                # swap players 0 and j: u_j(x) must equal u_0(x with blocks 0 and j swapped)
                y = x.reshape(n, d).copy()
                y[[0, j]] = y[[j, 0]]
                v = self._eval_all(y.ravel(), pvals)
                if not (np.isclose(u[j], v[0], rtol=1e-9, atol=1e-12)
                        and np.isclose(u[0], v[j], rtol=1e-9, atol=1e-12)):
                    return False
        return True

    def _eval_all(self, x, pvals):
        if self._func is not None:
            with np.errstate(all="ignore"):
                return np.array([float(np.asarray(o)) for o in self._func(*x)])
        f = self._cache.get(("eval_all", tuple(pvals)))
        if f is None:
            f = sp.lambdify(list(self.flat_variables) + list(pvals), list(self._exprs),
                            modules=_MODULES)
            self._cache[("eval_all", tuple(pvals))] = f
        with np.errstate(all="ignore"):
            return np.array(f(*x, *pvals.values()), dtype=float)

    def _block_idx(self, i) -> range:
        start = int(sum(self.dims[:i]))
        return range(start, start + self.dims[i])

    # ------------------------------------------------------------------ parameters
    def subs(self, values: Mapping | None = None, /, **kwargs) -> "ContinuousGame":
        """A copy with parameter values substituted (exact: ``0.1`` becomes ``1/10``).

        Examples
        --------
        >>> from govgames.games.continuous import cournot
        >>> g = cournot(2)
        >>> [p.name for p in g.parameters]
        ['a', 'b', 'c']
        >>> g.subs(a=10, b=1, c="1/2").is_symbolic
        False
        """
        vals = dict(values or {})
        vals.update(kwargs)
        if not vals:
            return self
        params = list(self.parameters)
        sub = substitution(params, vals)
        full = dict(sub)
        new = ContinuousGame.__new__(ContinuousGame)
        new.__dict__.update(self.__dict__)
        new._cache = {}
        if self._symmetric is not None:
            s = dict(self._symmetric)
            n = s["n"]
            if isinstance(n, sp.Symbol) and n in sub:
                nv = sub.pop(n)
                if not (nv.is_Integer and nv >= 1):
                    raise InputError(f"the number of players {n} must be a positive integer, "
                                     f"got {nv}")
                nv = int(nv)
                check_players(nv)
                s["U"] = s["U"].subs(n, nv)
                s["g"] = s["g"].subs(n, nv)
                new._sym_bounds = tuple(x.subs(n, nv) for x in self._sym_bounds)
                s["n"] = nv
                new._players = tuple(f"Player {i + 1}" for i in range(nv))
            s["U"] = s["U"].subs(sub)
            s["g"] = s["g"].subs(sub)
            new._symmetric = s
            new._sym_bounds = tuple(x.subs(sub) for x in new._sym_bounds)
            new._check_bounds([new._sym_bounds], [s["own"]], [0])
        else:
            if self._exprs is not None:
                new._exprs = tuple(e.subs(sub) for e in self._exprs)
            new._bounds = tuple((lo.subs(sub), hi.subs(sub)) for lo, hi in self.bounds)
            new._check_bounds(new._bounds, self.flat_variables, self.owners)
        dom = []
        for d in self._domain:
            d2 = d.subs(full)
            if d2 == sp.false:
                raise InputError(f"the parameter values violate {d}")
            if d2 != sp.true:
                dom.append(d2)
        new._domain = tuple(dom)
        return new

    def _check_bounds(self, bounds, variables, owners):
        for (lo, hi), v, i in zip(bounds, variables, owners):
            if lo.is_number and hi.is_number and not (lo.is_infinite or hi.is_infinite):
                if lo > hi:
                    who = self._players[i] if self._players else "i"
                    raise InputError(f"empty interval for player {who!r} ({v}): [{lo}, {hi}]")

    # ------------------------------------------------------------------ numeric evaluation
    def numeric(self) -> "NumericGame":
        """The compiled numeric form (lambdified payoffs and derivatives), built once."""
        if "numeric" not in self._cache:
            self.require_numeric()
            self._cache["numeric"] = NumericGame(self)
        return self._cache["numeric"]

    def payoff(self, profile) -> np.ndarray:
        """Every player's payoff at a profile (floats).

        Parameters
        ----------
        profile : sequence
            One number per choice variable (or per player, a sequence for vector choices), or
            a dict ``{player: choice}``.

        Returns
        -------
        numpy array of shape ``(n_players,)``

        Raises
        ------
        InputError
            A choice outside its interval, a malformed profile, free parameters.

        Examples
        --------
        >>> from govgames.games.continuous import cournot
        >>> cournot(2, a=10, b=1, c=1).payoff({"Firm 1": 4, "Firm 2": 2})
        array([12.,  6.])
        """
        x = self.flat_profile(profile)
        return self.numeric().payoffs(x)

    def flat_profile(self, profile) -> np.ndarray:
        """A profile as one float vector over :attr:`flat_variables`, checked against bounds.

        >>> from govgames.games.continuous import promotion_tournament
        >>> g = promotion_tournament(prize=4, k_e=1, k_a=1, sigma=1)
        >>> g.flat_profile([[1, 0], [1, "1/2"]])
        array([1. , 0. , 1. , 0.5])
        """
        n = self.require_numeric_n("a profile")
        dims = self.dims
        refuse_unordered(profile, "profile: expected one choice per player, got")
        if isinstance(profile, Mapping):
            items = [None] * n
            for k, v in profile.items():
                i = self.player_index(k)
                if items[i] is not None:
                    raise InputError(f"profile: player {self.players[i]!r} is given twice "
                                     f"(as {k!r} and before)")
                items[i] = v
            if any(v is None for v in items):
                missing = [self.players[i] for i, v in enumerate(items) if v is None]
                raise InputError(f"profile: no choice for player {missing[0]!r}")
            profile = items
        try:
            arr = np.asarray(profile, dtype=object)
            nested = any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.flat)
            if arr.ndim == 1 and arr.size == sum(dims) and not nested:
                flat = [as_sympy(v, where="profile") if not isinstance(v, (float, np.floating))
                        else v for v in arr]
            else:
                if len(profile) != n:
                    raise InputError(f"profile: {len(profile)} choice"
                                     f"{'' if len(profile) == 1 else 's'} for {n} players "
                                     "(give one choice per player)")
                flat = []
                for i, c in enumerate(profile):
                    c = list(c) if isinstance(c, (list, tuple, np.ndarray)) else [c]
                    if len(c) != dims[i]:
                        raise InputError(f"profile: player {self.players[i]!r} chooses "
                                         f"{dims[i]} number(s), got {len(c)}")
                    flat.extend(as_sympy(v, where="profile") if isinstance(v, str) else v
                                for v in c)
            x = np.array([float(v) for v in flat], dtype=float)
        except InputError:
            raise               # (an InputError is a ValueError: keep its message)
        except (TypeError, ValueError):
            raise InputError(f"profile: expected numbers, got {profile!r}") from None
        if not np.all(np.isfinite(x)):
            raise InputError("profile: choices must be finite numbers")
        b = self.bounds_float()
        out = ((x < b[:, 0] - 1e-12 * (1 + np.abs(b[:, 0])))
               | (x > b[:, 1] + 1e-12 * (1 + np.abs(b[:, 1]))))
        if np.any(out):
            k = int(np.flatnonzero(out)[0])
            i = int(self.owners[k])
            raise InputError(f"profile: {x[k]:g} for player {self.players[i]!r} "
                             f"({self.flat_variables[k]}) is outside [{b[k, 0]:g}, {b[k, 1]:g}]")
        return x

    def split(self, x) -> list:
        """A flat vector as one array per player."""
        out, k = [], 0
        for d in self.dims:
            out.append(np.asarray(x[k:k + d]))
            k += d
        return out

    # ------------------------------------------------------------------ printing
    def _choice_text(self, i) -> str:
        blk = self.variables[i]
        idx = list(self._block_idx(i))
        parts = [f"{v} in [{_bound_text(self.bounds[k][0])}, {_bound_text(self.bounds[k][1])}]"
                 for v, k in zip(blk, idx)]
        return ", ".join(parts)

    def __str__(self) -> str:
        head = self.title or "Continuous game"
        if self._symmetric is not None:
            s = self._symmetric
            lo, hi = self._sym_bounds
            agg = "" if s["g"] == s["own"] else f" of {s['g']}"
            lines = [f"{head}: {s['n']} symmetric players",
                     f"  each chooses {s['own']} in [{_bound_text(lo)}, {_bound_text(hi)}]; payoff "
                     f"{s['U']}, where {s['others']} is the sum over the others{agg}"]
        else:
            lines = [f"{head}: {self.n_players} players"]
            for i, name in enumerate(self.players):
                pay = ("(Python function)" if self._exprs is None else str(self._exprs[i]))
                lines.append(f"  {name} chooses {self._choice_text(i)}; payoff {pay}")
        if self.parameters:
            lines.append("  free parameters: " + ", ".join(p.name for p in self.parameters))
        return "\n".join(lines)

    def __repr__(self) -> str:
        kind = "symmetric" if self._symmetric is not None else (
            "function" if self._func is not None else "expressions")
        text = f"<ContinuousGame {self.title or ''}: {self.n_players} players, {kind}>"
        return text.replace(" :", ":")

    def _repr_html_(self) -> str:
        import html
        return "<pre>" + html.escape(str(self)) + "</pre>"


def _bound_text(x) -> str:
    if x == sp.oo:
        return "inf"
    if x == -sp.oo:
        return "-inf"
    return str(x)


# ====================================================================== numeric form
class NumericGame:
    """Compiled numeric form of a :class:`ContinuousGame` with no free parameters.

    All functions take a flat profile ``x`` (one float per choice variable). ``player_payoff``
    evaluates one player's payoff for many own choices at once (the deviation grid).
    Derivatives are symbolic (lambdified) for expression payoffs and central finite differences
    for function payoffs (:attr:`exact_derivatives` tells which).
    """

    def __init__(self, game: ContinuousGame):
        self.game = game
        self.n = game.require_numeric_n()
        self.dims = game.dims
        self.owners = game.owners
        self.bounds = game.bounds_float()
        self.lo, self.hi = self.bounds[:, 0], self.bounds[:, 1]
        self.K = len(self.owners)
        offsets = np.concatenate([[0], np.cumsum(self.dims, dtype=np.int64)]).tolist()
        # (one pass: _block_idx per player summed the dims before it, quadratic in n)
        self.blocks = [list(range(offsets[i], offsets[i + 1])) for i in range(self.n)]
        self.exact_derivatives = game.has_expressions
        self.sym = game._symmetric
        self.nonsmooth: dict = {}
        self._hess_fd: set[int] = set()  # players whose Hessian has kinks: finite differences
        if self.sym is not None:
            self._compile_symmetric()
        elif game.has_expressions:
            self._compile_exprs()

    # ---------------------------------------------------------------- compilation
    def _compile_symmetric(self):
        s = self.sym
        x, y = s["own"], s["others"]
        U, g = s["U"], s["g"]
        Ux = sp.diff(U, x)
        Uxx = sp.diff(Ux, x)
        if _nonsmooth_part(Uxx) is not None:
            self._hess_fd.add(0)
            Uxx = sp.S.Zero  # never used: hessian_block takes finite differences
        self.nonsmooth = {0: _nonsmooth_part(Ux)} if _nonsmooth_part(Ux) is not None else {}
        self._U = sp.lambdify([x, y], U, modules=_MODULES)
        self._Ux = sp.lambdify([x, y], Ux, modules=_MODULES)
        self._Uxx = sp.lambdify([x, y], Uxx, modules=_MODULES)
        self._g = sp.lambdify([x], g, modules=_MODULES)

    def _compile_exprs(self):
        g = self.game
        xs = list(g.flat_variables)
        exprs = g.payoff_exprs
        self._check_real_domain(xs, exprs)
        self._u = [sp.lambdify(xs, e, modules=_MODULES) for e in exprs]
        grads, hess = [], []
        for i in range(self.n):
            blk = [xs[k] for k in self.blocks[i]]
            gi = [sp.diff(exprs[i], v) for v in blk]
            for d in gi:
                bad = _nonsmooth_part(d)
                if bad is not None:
                    self.nonsmooth[i] = bad
            grads.extend(gi)
            H = [[sp.diff(d, v) for v in blk] for d in gi]
            if any(_nonsmooth_part(h) is not None for row in H for h in row):
                self._hess_fd.add(i)
                H = [[sp.S.Zero for _ in blk] for _ in gi]  # finite differences instead
            hess.append(sp.lambdify(xs, H, modules=_MODULES))
        self._grad = sp.lambdify(xs, grads, modules=_MODULES)
        self._hess = hess

    def _check_real_domain(self, xs, exprs, samples=256):
        """InputError when a square root (fractional power) or logarithm of a payoff has a
        negative argument somewhere in the choice box: the payoff is not a real number there.

        The argument is evaluated at the corners of the box (up to 2**8 of them), its centre
        and ``samples`` seeded uniform points (unbounded sides: 100 beyond the finite one).
        """
        lo = np.where(np.isfinite(self.lo), self.lo,
                      np.where(np.isfinite(self.hi), self.hi - 100, -100.0))
        hi = np.where(np.isfinite(self.hi), self.hi, lo + 100)
        pts = [(lo + hi) / 2]
        if self.K <= 8:
            pts += [np.where(np.array(c, bool), hi, lo)
                    for c in np.ndindex(*(2,) * self.K)]
        rng = np.random.default_rng(0)
        pts = np.vstack(pts + [rng.uniform(lo, hi) for _ in range(samples)])
        for i, e in enumerate(exprs):
            for a in sp.preorder_traversal(e):
                if isinstance(a, sp.Pow) and a.exp.is_Rational and not a.exp.is_integer:
                    arg, what = a.base, "square root" if a.exp.q == 2 else f"power {a.exp}"
                elif isinstance(a, sp.log):
                    arg, what = a.args[0], "logarithm"
                else:
                    continue
                if not (arg.free_symbols & set(xs)):
                    continue
                f = sp.lambdify(xs, arg, modules=_MODULES)
                with np.errstate(all="ignore"):
                    vals = np.asarray(f(*pts.T), dtype=complex) * np.ones(len(pts))
                bad = np.flatnonzero((vals.real < -1e-12 * (1 + np.abs(vals.real)))
                                     | (np.abs(vals.imag) > 0))
                if bad.size:
                    x = pts[bad[0]]
                    used = [k for k, v in enumerate(xs) if v in arg.free_symbols]
                    at = ", ".join(f"{xs[k]} = {x[k]:g}" for k in used)
                    box = ", ".join(f"{xs[k]} in [{_bound_text(self.game.bounds[k][0])}, "
                                    f"{_bound_text(self.game.bounds[k][1])}]" for k in used)
                    raise InputError(
                        f"the payoff of player {self.game.players[i]!r} is undefined inside its "
                        f"choice set: the {what} of {arg} is negative at {at} ({box}); "
                        "restrict the interval or change the payoff")

    # ---------------------------------------------------------------- evaluation
    def _sym_y(self, x):
        gx = np.asarray(self._g(x), dtype=float) * np.ones_like(x)
        return gx.sum() - gx

    def payoffs(self, x) -> np.ndarray:
        """Every player's payoff at the flat profile ``x``."""
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.sym is not None:
                return np.asarray(self._U(x, self._sym_y(x)), dtype=float) * np.ones(self.n)
            if self.game._func is not None:
                return np.array([float(np.asarray(o)) for o in self.game._func(*x)])
            return np.array([float(f(*x)) for f in self._u])

    def player_payoff(self, i: int, x, own) -> np.ndarray:
        """Player ``i``'s payoff when it plays each column of ``own`` (shape ``(d_i, M)``) and the
        others keep ``x``; returns shape ``(M,)`` (NaN where undefined)."""
        own = np.atleast_2d(np.asarray(own, dtype=float))
        M = own.shape[1]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.sym is not None:
                y = self._sym_y(np.asarray(x, dtype=float))[i]
                out = self._U(own[0], y)
            else:
                args = [np.float64(v) for v in x]
                for r, k in enumerate(self.blocks[i]):
                    args[k] = own[r]
                if self.game._func is not None:
                    out = self.game._func(*args)[i]
                else:
                    out = self._u[i](*args)
        return np.broadcast_to(np.asarray(out, dtype=float), (M,)).copy()

    def grad(self, x) -> np.ndarray:
        """``d u_owner(k) / d x_k`` for every variable ``k`` (own partial derivatives)."""
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.sym is not None:
                return np.asarray(self._Ux(x, self._sym_y(x)), dtype=float) * np.ones(self.n)
            if self.game._func is None:
                return np.array(self._grad(*x), dtype=float).ravel()
        return self._fd_grad(x)

    def _step(self, x):
        return 1e-6 * (1 + np.abs(x))

    def _fd_grad(self, x):
        out = np.empty(self.K)
        h = self._step(x)
        for k in range(self.K):
            i = int(self.owners[k])
            r = self.blocks[i].index(k)
            base = x[self.blocks[i]]
            a = max(self.lo[k], x[k] - h[k])
            b = min(self.hi[k], x[k] + h[k])
            pts = np.repeat(base[:, None], 2, axis=1)
            pts[r] = [a, b]
            vals = self.player_payoff(i, x, pts)
            out[k] = (vals[1] - vals[0]) / (b - a) if b > a else np.nan
        return out

    def hessian_block(self, i: int, x) -> np.ndarray:
        """The Hessian of ``u_i`` in player ``i``'s own variables at ``x``."""
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            smooth = (0 if self.sym is not None else i) not in self._hess_fd
            if self.sym is not None and smooth:
                return np.array([[float(self._Uxx(x[i], self._sym_y(x)[i]))]])
            if self.sym is None and self.game._func is None and smooth:
                return np.array(self._hess[i](*x), dtype=float)
        # not differentiable twice in closed form (kinks) or a Python function:
        # finite differences of the payoff (second differences)
        blk = self.blocks[i]
        d = len(blk)
        H = np.empty((d, d))
        base = x[blk]
        h = 1e-4 * (1 + np.abs(base))
        f0 = self.player_payoff(i, x, base[:, None])[0]
        for a in range(d):
            for b in range(a, d):
                pts = []
                for sa, sb in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                    p = base.copy()
                    p[a] += sa * h[a]
                    p[b] += sb * h[b]
                    pts.append(p)
                if a == b:
                    p1, p2 = base.copy(), base.copy()
                    p1[a] += h[a]
                    p2[a] -= h[a]
                    v = self.player_payoff(i, x, np.array([p1, p2]).T)
                    H[a, a] = (v[0] - 2 * f0 + v[1]) / h[a] ** 2
                else:
                    v = self.player_payoff(i, x, np.array(pts).T)
                    H[a, b] = H[b, a] = (v[0] - v[1] - v[2] + v[3]) / (4 * h[a] * h[b])
        return H

    def natural_residual(self, x) -> np.ndarray:
        """``x - clip(x + grad(x), lo, hi)``: zero exactly at the Kuhn-Tucker points."""
        x = np.asarray(x, dtype=float)
        return x - np.clip(x + self.grad(x), self.lo, self.hi)


def _nonsmooth_part(expr):
    """The first sub-expression that makes a derivative undefined (Heaviside, sign, ...)."""
    for a in sp.preorder_traversal(expr):
        if isinstance(a, _NONSMOOTH):
            return a
    return None
