"""Values of coalitional games: Shapley (exact, sampled, closed forms), Banzhaf, Myerson, Owen,
Harsanyi dividends, and the proportional and Nash bargaining splits for comparison.

Every value is returned as one type, :class:`~govgames.networks.allocation.Allocation`: a
dict keyed by player that also records the ``method`` and ``std_errors`` (``None`` when exact;
sampled values are its subclass :class:`SampledValue`), with ``to_series()``, ``to_frame()``
and an HTML table in notebooks.

The exact Shapley value works on the value array of an exact :class:`CoalitionalGame` without a
Python loop over coalitions. With ``w(s) = s!(n-s-1)!/n!``,

.. math::
    \\phi_i = \\sum_{S \\ni i} v(S)\\,[w(|S|-1) + w(|S|)] - \\sum_{S} v(S)\\,w(|S|),

so every ``phi_i`` is a coefficient-weighted sum of ``v`` over the masks that contain bit ``i``
minus one common total, and the coefficients depend only on ``|S|``. The value array is read
once, in cache-sized rows of ``2**16`` masks sharing their high bits (one weighted sum and one
accumulation per row, in numpy), and halving folds give the per-bit sums: ``O(n 2**n)`` work
at most, in practice a few passes over ``2**n`` numbers, and ``O(n 2**16)`` extra memory.
"""

from __future__ import annotations

import functools
import math
from typing import Mapping, Sequence

import numpy as np

from govgames.games.errors import InputError

from ._inputs import edge_arrays, finite_float
from .allocation import Allocation
from .coalitional import CoalitionalGame, popcounts

__all__ = [
    "shapley_value", "SampledValue", "Allocation", "linkage_shapley_value", "banzhaf_value",
    "myerson_value", "owen_value", "harsanyi_dividends", "Dividends", "proportional_split",
    "nash_bargaining_split",
]


# --------------------------------------------------------------------------- helpers
def _bit_sums(x: np.ndarray, m: int) -> np.ndarray:
    """``out[j] = sum of x[idx] over idx in [0, 2**m) with bit j set`` by halving folds."""
    out = np.zeros(m)
    for j in range(m - 1, -1, -1):
        x2 = x.reshape(2, -1)
        out[j] = x2[1].sum()
        x = x2[0] + x2[1]
    return out


def _as_game(game) -> CoalitionalGame:
    if not isinstance(game, CoalitionalGame):
        raise InputError(f"expected a CoalitionalGame, got {type(game).__name__}")
    return game


def _shapley_weights(n: int) -> np.ndarray:
    """``w(s) = s!(n-1-s)!/n! = 1/(n C(n-1, s))`` for ``s = 0..n-1``."""
    return np.array([1.0 / (n * math.comb(n - 1, s)) for s in range(n)])


@functools.lru_cache(maxsize=8)
def _popcount_pair(k: int, nh: int):
    pl, ph = popcounts(k, np.int64), popcounts(nh, np.int64)
    pl.flags.writeable = False
    ph.flags.writeable = False
    return pl, ph


@functools.lru_cache(maxsize=64)
def _shapley_coefficients(n: int):
    """``(coef_in, coef_all)`` by coalition size ``s = 0..n`` (see the module docstring)."""
    w = _shapley_weights(n)
    wext = np.zeros(n + 2)
    wext[1:n + 1] = w                     # wext[s + 1] = w(s), w(-1) = w(n) = 0
    coef_in = wext[:n + 1] + wext[1:]     # w(s-1) + w(s) for s = 0..n
    coef_all = wext[1:].copy()            # w(s)
    coef_in.flags.writeable = False
    coef_all.flags.writeable = False
    return coef_in, coef_all


#: Up to this many players the exact Shapley value is one matrix-vector product with a cached
#: ``n x 2**n`` matrix (at most 12 x 4096 floats = 384 KiB); above, the blocked pass.
SMALL_SHAPLEY_N = 12


@functools.lru_cache(maxsize=None)
def _shapley_matrix(n: int) -> np.ndarray:
    """``C[i, S] = coef_in[|S|] [i in S] - coef_all[|S|]``, so that ``phi = C @ v``
    (read-only, cached per ``n <= SMALL_SHAPLEY_N``)."""
    coef_in, coef_all = _shapley_coefficients(n)
    pc = popcounts(n, np.int64)
    members = (np.arange(1 << n)[None, :] >> np.arange(n)[:, None]) & 1
    C = members * coef_in[pc][None, :] - coef_all[pc][None, :]
    C.flags.writeable = False
    return C


@functools.lru_cache(maxsize=4)
def _coefficient_tables(n: int, coef_key: str, k: int):
    """Per-row coefficient tables of :func:`_weighted_bit_sums` for ``n`` players and rows of
    ``2**k`` masks: ``tables[p] = [coef_in[pc(low) + p], coef_all[pc(low) + p]]`` for each
    popcount ``p`` of the high bits. Cached per ``n`` (read-only): building them on every
    call cost page faults of several MiB at n = 20."""
    coef_in, coef_all = (_shapley_coefficients(n) if coef_key == "shapley"
                         else (np.ones(n + 1), np.ones(n + 1)))
    pl, ph = _popcount_pair(k, n - k)
    tables = np.stack([np.stack([coef_in[pl + p], coef_all[pl + p]])
                       for p in range(n - k + 1)])
    tables.flags.writeable = False
    return tables


def _weighted_bit_sums(values: np.ndarray, n: int, coef_key: str, block_bits: int = 16):
    """For coefficients by coalition size (``coef_key``: ``"shapley"`` or ``"ones"``), return
    ``(A, B)`` with ``A[i] = sum_{S contains i} coef_in[|S|] v(S)`` and
    ``B = sum_S coef_all[|S|] v(S)``.

    Blocked over masks: the value array is read once as ``2**(n-k)`` rows of ``2**k`` masks
    (``k = block_bits``, rows fit in cache). A row shares its high bits ``h``, so the size of a
    mask is ``pc(low) + pc(h)`` and the coefficients of a row are one of ``n - k + 1`` tables
    (cached per ``n``). Per row: one weighted sum (for the high bits and ``B``) and one
    addition into the accumulator of its ``pc(h)`` (for the low bits); then halving folds give
    the per-bit sums. No BLAS call (multi-threaded BLAS stalls on shared machines), no
    temporary of size ``2**n``.
    """
    k = min(n, block_bits)
    nh = n - k
    L, H = 1 << k, 1 << nh
    V = values.reshape(H, L)
    _, ph = _popcount_pair(k, nh)
    tables = _coefficient_tables(n, coef_key, k)
    acc = np.zeros((nh + 1, L))
    totals_high = np.empty(H)
    B = 0.0
    for h in range(H):
        p = ph[h]
        row = V[h]
        acc[p] += row
        r = np.einsum("j,kj->k", row, tables[p])
        totals_high[h] = r[0]
        B += r[1]
    low_total = np.einsum("pj,pj->j", acc, tables[:, 0])
    return np.concatenate([_bit_sums(low_total, k), _bit_sums(totals_high, nh)]), float(B)


class ValuesMapping:
    """Base of result objects that read like the dict of their ``values`` attribute.

    ``res[player]``, ``list(res)``, ``len(res)`` and ``res.items()`` use ``res.values``. The
    package's own results no longer use it: value functions and
    :class:`govgames.networks.clubs.ClubShares` are an
    :class:`~govgames.networks.allocation.Allocation`.
    """

    def __getitem__(self, player):
        return self.values[player]

    def __iter__(self):
        return iter(self.values)

    def __len__(self):
        return len(self.values)

    def items(self):
        """Pairs (player, value).

        Examples
        --------
        >>> class Shares(ValuesMapping):
        ...     values = {"A": 1.0}
        >>> Shares().items()
        dict_items([('A', 1.0)])
        """
        return self.values.items()


class SampledValue(Allocation):
    """A sampled value: the estimates as a mapping player -> value, with standard errors.

    An :class:`~govgames.networks.allocation.Allocation` whose ``std_errors`` is a dict.

    Parameters
    ----------
    values : dict
        Estimated value of each player (the mapping itself).
    std_errors : dict
        Standard error of each estimate: sample standard deviation of the independent draws
        divided by the square root of their number. The draws are the marginal contributions
        in each sampled permutation, or with antithetic sampling the means over each pair
        (a permutation and its reverse), so ``n_samples / 2`` draws.
    n_samples : int
        Number of sampled permutations (or coalitions).
    seed : int, tuple of int, numpy SeedSequence or None
        The entropy of the random numbers actually used (with ``seed=None`` the fresh entropy
        from the operating system, with a numpy ``Generator`` the four integers drawn from it;
        a spawned ``SeedSequence`` is kept as is): passing it back as ``seed=`` repeats the
        estimate bit for bit.
    method : str
        ``"permutation sampling"``, ``"antithetic permutation sampling"``, ...

    Examples
    --------
    >>> est = SampledValue({"A": 1.0}, {"A": 0.1}, 100)
    >>> est["A"], est.std_errors, est.method, dict(est)
    (1.0, {'A': 0.1}, 'permutation sampling', {'A': 1.0})
    """

    def __init__(self, values, std_errors, n_samples: int, seed=None,
                 method: str = "permutation sampling"):
        super().__init__(values, method=method, std_errors=std_errors, n_samples=n_samples,
                         seed=seed)

    def __repr__(self) -> str:
        shown = list(self)[:10]
        se = self.std_errors or {}
        body = ", ".join(f"{p!r}: {self[p]:.4g} ± {se.get(p, float('nan')):.2g}" for p in shown)
        more = ", ..." if len(self) > 10 else ""
        return f"SampledValue({{{body}{more}}}, n_samples={self.n_samples})"


# --------------------------------------------------------------------------- Shapley
def shapley_value(game: CoalitionalGame, method: str = "auto", n_samples: int = 2000,
                  seed=None, *, antithetic: bool = False, batch_size: int | None = None,
                  executor=None, progress=None):
    """The Shapley value of a TU game.

    Parameters
    ----------
    game : CoalitionalGame
    method : {"auto", "exact", "sample"}
        ``"exact"``: the exact value (``O(n 2**n)``, vectorised over masks; a game in function
        mode is tabulated first, refused for large n). ``"sample"``: Monte Carlo over random
        orders of the players (Castro, Gomez and Tejada 2009), any n. ``"auto"``: exact when the
        game is in exact mode; for a linkage game in function mode (large graphs) the closed
        form of :func:`linkage_shapley_value`; otherwise exact up to 16 players, else sampled.
    n_samples : int
        Number of random permutations for ``"sample"`` (at least 2; with ``antithetic``, an
        even number of at least 4).
    seed : int, numpy SeedSequence or Generator, optional
        The orders are drawn in chunks of ``max(64, 2**16 // n)``, chunk ``k`` from
        ``SeedSequence(seed).spawn(n_chunks)[k]`` (:mod:`govgames.networks.sampling`), so the
        same seed gives the same result on every path (exact mode, vectorised or plain value
        function), with any ``executor``, and for any ``batch_size`` up to float rounding.
    antithetic : bool
        ``"sample"`` only: draw the orders in pairs, an order and its reverse. Each pair's mean
        marginal contribution is an unbiased draw, the pairs are independent, and the standard
        errors come from the spread of the pair means; often smaller errors for the same number
        of evaluations (negatively correlated halves), never biased.
    batch_size : int, optional
        ``"sample"`` only: permutations evaluated together (default: by a memory budget of a
        few MiB; the membership matrix of the prefixes is further cut into calls of at most
        ``2**22`` booleans). Does not change the result.
    executor : concurrent.futures.Executor or Dask Client, optional
        ``"sample"`` only: runs the chunks of orders (:mod:`govgames.games.parallel`; default:
        in this process). The game (its value function) must be picklable for a process pool.
    progress : None or bool
        ``"sample"`` only: a progress bar over the chunks (``None``: on a terminal, after two
        seconds).

    Returns
    -------
    Allocation
        A mapping player -> value (:class:`~govgames.networks.allocation.Allocation`), with
        ``method`` (``"exact"``, ``"closed form"`` or the sampling scheme) and ``std_errors``
        (``None`` when exact). Sampled: its subclass :class:`SampledValue`, with
        ``std_errors``, ``n_samples`` and ``seed``; the estimates sum to ``v(N)`` (each
        sampled order splits ``v(N)`` exactly), up to rounding.

    Notes
    -----
    Sampling evaluates, for a batch of orders, ``v`` of every prefix at once through the
    game's fastest path: exact mode by masks (cumulative sums of ``1 << player``) indexing the
    value array; a vectorised value function by one call per chunk of the boolean membership
    matrix of the prefixes; a plain value function once per distinct coalition (cached). The
    marginal contributions are the differences of consecutive prefix values, gathered back to
    the players. For a linkage game in function mode the contribution of a player is the
    weight of its links to the players before it, computed from the edges directly
    (``O(|E|)`` per order instead of ``O(n |E|)``); same orders, same estimates up to rounding.
    ``v(N)`` and ``v(∅)`` (which must be 0) are evaluated once.

    References
    ----------
    L. S. Shapley, "A value for n-person games", *Contributions to the Theory of Games II*, 1953.
    J. Castro, D. Gomez, J. Tejada, "Polynomial calculation of the Shapley value based on
    sampling", *Computers & Operations Research* 36 (2009) 1726-1730.

    Examples
    --------
    Glove game: A holds a left glove, B and C right gloves; a pair is worth 1.

    >>> g = CoalitionalGame.from_function("ABC",
    ...     lambda S: float("A" in S and ("B" in S or "C" in S)))
    >>> {p: round(x, 4) for p, x in shapley_value(g).items()}
    {'A': 0.6667, 'B': 0.1667, 'C': 0.1667}
    >>> est = shapley_value(g, method="sample", n_samples=4000, seed=1)
    >>> abs(est["A"] - 2 / 3) < 4 * est.std_errors["A"]
    True
    >>> round(sum(est.values()), 12)
    1.0
    >>> anti = shapley_value(g, method="sample", n_samples=4000, seed=1, antithetic=True)
    >>> abs(anti["A"] - 2 / 3) < 4 * anti.std_errors["A"], anti.method
    (True, 'antithetic permutation sampling')
    """
    if type(game) is CoalitionalGame and game.values is not None \
            and (method == "exact" or method == "auto"):
        return Allocation._exact(game.players, _shapley_exact(game))  # exact mode: straight on
    game = _as_game(game)
    if method not in ("auto", "exact", "sample"):
        raise InputError(f"method must be 'auto', 'exact' or 'sample', got {method!r}")
    if method == "auto":
        if (game.meta or {}).get("kind") == "linkage" and not game.is_exact:
            closed = linkage_shapley_value(game.meta["graph"], game.meta.get("weight", "weight"))
            return Allocation({p: closed[p] for p in game.players}, method="closed form")
        method = "exact" if (game.is_exact or game.n <= 16) else "sample"
    if method == "sample":
        from .sampling import shapley_sample
        return shapley_sample(game, n_samples, seed, antithetic=antithetic,
                              batch_size=batch_size, executor=executor, progress=progress)
    game = game.to_exact()
    return Allocation._exact(game.players, _shapley_exact(game))


def _shapley_exact(g: CoalitionalGame) -> list:
    """Exact Shapley value of a game in exact mode, as a list of floats in player order:
    ``C @ v`` with the cached matrix of :func:`_shapley_matrix` up to ``SMALL_SHAPLEY_N``
    players, else the blocked pass."""
    n, v = g.n, g.values
    assert v is not None  # exact mode
    if n <= SMALL_SHAPLEY_N:
        return _shapley_matrix(n).dot(v).tolist() if n else []
    a, b = _weighted_bit_sums(v, n, "shapley")
    return (a - b).tolist()


def linkage_shapley_value(G, weight: str | None = "weight") -> Allocation:
    """Closed-form Shapley (and Myerson) value of the linkage game of a graph.

    In the linkage game ``v(S)`` is the total weight of the edges with both ends in ``S``. It is
    the sum over edges of unanimity games of the two endpoints, so each endpoint receives half of
    each edge's weight (a self-loop goes wholly to its node). Linear in the number of edges.

    Parameters
    ----------
    G : networkx graph (any kind; multigraph edges add up)
    weight : str or None
        Edge attribute holding the gain of a link (missing: 1); None for unit weights.

    References
    ----------
    R. B. Myerson, "Graphs and cooperation in games", *Mathematics of Operations Research* 2
    (1977) 225-229; X. Deng and C. H. Papadimitriou, "On the complexity of cooperative solution
    concepts", *Mathematics of Operations Research* 19 (1994) 257-266.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> linkage_shapley_value(G)
    {'A': 2.0, 'B': 3.0, 'C': 1.0}
    """
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    out = np.zeros(len(nodes))
    us, vs, ws = edge_arrays(G, weight, index)
    if ws.size:
        half = ws / 2
        out += np.bincount(us, weights=half, minlength=len(nodes))
        out += np.bincount(vs, weights=half, minlength=len(nodes))
    return Allocation({v: float(x) for v, x in zip(nodes, out)}, method="closed form")


# --------------------------------------------------------------------------- Banzhaf
def banzhaf_value(game: CoalitionalGame, normalized: bool = False, method: str = "exact",
                  n_samples: int = 2000, seed=None, *, batch_size: int | None = None,
                  executor=None, progress=None):
    """The Banzhaf value: average marginal contribution over all coalitions of the others.

    ``beta_i = 2**-(n-1) sum_{S not containing i} [v(S + i) - v(S)]``, computed as
    ``(2 sum_{S contains i} v(S) - sum_S v(S)) / 2**(n-1)`` in one blocked pass over the
    values and halving folds (``O(2**n)``).

    Parameters
    ----------
    normalized : bool
        Divide by the sum of the raw values so that the shares add up to 1 (the normalised
        Banzhaf index; for a simple game, each player's share of all swings). Exact only.
    method : {"exact", "sample"}
        ``"sample"``: the mean of ``v(S + i) - v(S - i)`` over ``n_samples`` random coalitions
        ``S`` (each player in with probability 1/2; :func:`govgames.networks.sampling.banzhaf_sample`),
        for games in function mode too large to tabulate; returns a :class:`SampledValue`.
    n_samples, seed, batch_size, executor, progress
        ``"sample"`` only: as in :func:`shapley_value` (``n_samples`` counts coalitions).

    References
    ----------
    J. F. Banzhaf III, "Weighted voting doesn't work", *Rutgers Law Review* 19 (1965) 317-343;
    P. Dubey and L. S. Shapley, "Mathematical properties of the Banzhaf power index",
    *Mathematics of Operations Research* 4 (1979) 99-131.

    Examples
    --------
    >>> g = CoalitionalGame.weighted_voting([4, 2, 1], 5)
    >>> banzhaf_value(g)
    {'P1': 0.75, 'P2': 0.25, 'P3': 0.25}
    >>> banzhaf_value(g, normalized=True)
    {'P1': 0.6, 'P2': 0.2, 'P3': 0.2}
    >>> est = banzhaf_value(g, method="sample", n_samples=4000, seed=1)
    >>> bool(abs(est["P1"] - 0.75) < 4 * est.std_errors["P1"])
    True
    """
    if method not in ("exact", "sample"):
        raise InputError(f"method must be 'exact' or 'sample', got {method!r}")
    if method == "sample":
        if normalized:
            raise InputError("normalized=True needs the exact Banzhaf value; with sampling, "
                             "divide the estimates by their sum yourself")
        from .sampling import banzhaf_sample
        return banzhaf_sample(_as_game(game), n_samples, seed, batch_size=batch_size,
                              executor=executor, progress=progress)
    g = _as_game(game).to_exact()
    n = g.n
    if n == 0:
        return Allocation()
    inside, total = _weighted_bit_sums(g.value_table(), n, "ones")
    raw = (2 * inside - total) / 2.0 ** (n - 1)
    if normalized:
        s = raw.sum()
        if s == 0:
            raise InputError("the normalized Banzhaf value is undefined: all raw values are 0")
        raw = raw / s
    return Allocation({p: float(x) for p, x in zip(g.players, raw)},
                      method="exact (normalised)" if normalized else "exact")


# --------------------------------------------------------------------------- dividends
class Dividends(dict):
    """Harsanyi dividends: a mapping coalition (frozenset of players) -> dividend.

    Holds the non-zero dividends (``abs(d) > 1e-12``) as a dict, and all ``2**n`` of them as the
    float array :attr:`array` indexed by coalition mask (``np.asarray(d)`` gives it too).
    Indexing with a mask, a list of masks or a slice (the result before this type) still works
    and warns; use ``d.array[...]``. ``len()`` and iteration are those of the mapping (the
    number of non-zero dividends; the coalitions), not of the old array (changed in 0.3).

    Attributes
    ----------
    array : numpy.ndarray
        Shape ``(2**n,)``: the dividend of every coalition, by mask.
    players : tuple
        The players, bit ``i`` of a mask being ``players[i]``.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> d = harsanyi_dividends(g)
    >>> d[frozenset("AB")], d.array.tolist()
    (2.0, [0.0, 1.0, 0.0, 2.0])
    >>> d.to_frame()
                 size  dividend
    coalition
    {A}             1       1.0
    {A, B}          2       2.0
    """

    def __init__(self, items, array: np.ndarray, players):
        super().__init__(items)
        self.array = array
        self.players = tuple(players)

    def __array__(self, dtype=None, copy=None):
        return self.array if dtype is None else self.array.astype(dtype)

    def __getitem__(self, key):
        if isinstance(key, (int, np.integer, slice, list, np.ndarray)) and not isinstance(key, bool):
            import warnings
            warnings.warn("harsanyi_dividends(...) is a mapping coalition -> dividend; index the "
                          "array by mask with `.array[...]`", DeprecationWarning, stacklevel=2)
            return self.array[key]
        return dict.__getitem__(self, key)

    def tolist(self) -> list:
        """Deprecated: the array by mask as a list (use ``.array.tolist()``)."""
        import warnings
        warnings.warn("use `harsanyi_dividends(...).array.tolist()`", DeprecationWarning,
                      stacklevel=2)
        return self.array.tolist()

    def to_series(self):
        """The non-zero dividends as a :class:`pandas.Series` indexed by coalition text.

        Examples
        --------
        >>> harsanyi_dividends(CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})).to_series().tolist()
        [1.0, 2.0]
        """
        return self.to_frame()["dividend"]

    def to_frame(self):
        """The non-zero dividends as a :class:`pandas.DataFrame`, one row per coalition.

        Returns
        -------
        pandas.DataFrame
            Index ``"{A, B}"`` (players in game order); columns ``size`` and ``dividend``;
            rows by size, then mask.
        """
        import pandas as pd

        order = {p: i for i, p in enumerate(self.players)}
        keys = sorted(self, key=lambda S: (len(S), sorted(order[p] for p in S)))
        text = ["{" + ", ".join(str(p) for p in sorted(S, key=order.__getitem__)) + "}"
                for S in keys]
        return pd.DataFrame({"size": [len(S) for S in keys],
                             "dividend": [float(dict.__getitem__(self, S)) for S in keys]},
                            index=pd.Index(text, name="coalition"))

    def _repr_html_(self) -> str:
        return f"<p><b>Harsanyi dividends</b></p>{self.to_frame().to_html()}"


def harsanyi_dividends(game: CoalitionalGame, as_dict: bool | None = None) -> Dividends:
    """Harsanyi dividends (the Möbius transform of ``v``): ``v(S) = sum_{T subset S} d(T)``.

    ``n`` vectorised in-place passes over ``2**n`` numbers (fast zeta/Möbius transform).

    Parameters
    ----------
    game : CoalitionalGame
    as_dict : bool, optional
        Deprecated (it warns, and changes nothing): the result is always a :class:`Dividends`,
        which is both the mapping of the non-zero dividends and, as ``.array``, the float
        array by coalition mask.

    Returns
    -------
    Dividends
        Mapping ``frozenset -> dividend`` of the non-zero dividends, with ``.array`` (shape
        ``(2**n,)``), ``to_frame()`` and ``to_series()``.

        .. versionchanged:: 0.3
           Before 0.3 the result was the float array by coalition mask. ``len(d)`` is now the
           number of non-zero dividends (it was ``2**n``) and iterating over ``d`` gives the
           coalitions (frozensets), not the dividends by mask: read the old array from
           ``d.array``.

    Raises
    ------
    InputError
        When a game in function mode is too large to tabulate.

    References
    ----------
    J. C. Harsanyi, "A simplified bargaining model for the n-person cooperative game",
    *International Economic Review* 4 (1963) 194-220.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> harsanyi_dividends(g).array.tolist()
    [0.0, 1.0, 0.0, 2.0]
    >>> sorted((sorted(S), d) for S, d in harsanyi_dividends(g).items())
    [(['A'], 1.0), (['A', 'B'], 2.0)]
    """
    if as_dict is not None:
        import warnings
        warnings.warn("harsanyi_dividends: `as_dict=` is deprecated; the result is always a "
                      "mapping coalition -> dividend with the array by mask as `.array`",
                      DeprecationWarning, stacklevel=2)
    g = _as_game(game).to_exact()
    d = g.value_table().copy()
    for i in range(g.n):
        a = d.reshape(-1, 2, 1 << i)
        a[:, 1, :] -= a[:, 0, :]
    items = {g.coalition(int(m)): float(d[m]) for m in np.flatnonzero(np.abs(d) > 1e-12)}
    return Dividends(items, d, g.players)


# --------------------------------------------------------------------------- Myerson
def myerson_value(game: CoalitionalGame, G, method: str = "auto", n_samples: int = 2000,
                  seed=None, *, executor=None, progress=None):
    """The Myerson value: the Shapley value of the graph-restricted game ``v^G``.

    Governments cooperate only along the links of ``G`` (borders, rivers, economic ties).

    For a linkage game in function mode (built by :func:`govgames.networks.builders.linkage_game` for
    a large graph) whose links are all links of ``G`` the restriction changes nothing and the
    closed form of :func:`linkage_shapley_value` is used: linear in the number of edges, for
    graphs with tens of thousands of nodes. Otherwise the restricted game is built
    (:func:`govgames.networks.builders.graph_restricted`) and its Shapley value computed exactly, or
    sampled (``method="sample"``; also chosen by ``"auto"`` for games in function mode with more
    than 16 players); ``executor`` and ``progress`` are passed to the sampler, see
    :func:`shapley_value`).

    References
    ----------
    R. B. Myerson, "Graphs and cooperation in games", *Mathematics of Operations Research* 2
    (1977) 225-229.

    Examples
    --------
    >>> import networkx as nx
    >>> g = CoalitionalGame.from_function("ABC", lambda S: {0: 0, 1: 0, 2: 1, 3: 3}[len(S)])
    >>> {p: round(x, 4) for p, x in myerson_value(g, nx.path_graph("ABC")).items()}
    {'A': 0.8333, 'B': 1.3333, 'C': 0.8333}
    >>> {p: round(x, 4) for p, x in myerson_value(g, nx.complete_graph("ABC")).items()}
    {'A': 1.0, 'B': 1.0, 'C': 1.0}
    """
    from .builders import graph_restricted

    game = _as_game(game)
    meta = getattr(game, "meta", {}) or {}
    if meta.get("kind") == "linkage" and not game.is_exact:
        H = meta["graph"]
        if H is G or all(G.has_edge(u, v) or u == v for u, v in H.edges()):
            values = linkage_shapley_value(H, meta.get("weight", "weight"))
            return Allocation({p: values[p] for p in game.players}, method="closed form")
    return shapley_value(graph_restricted(game, G), method=method, n_samples=n_samples,
                         seed=seed, executor=executor, progress=progress)


# --------------------------------------------------------------------------- Owen
def _check_unions(players, unions):
    index = {p: i for i, p in enumerate(players)}
    seen = {}
    out = []
    try:
        groups = [list(u) if not isinstance(u, str) else [u] for u in unions]
    except TypeError:
        raise InputError("unions must be a list of lists of players") from None
    for k, u in enumerate(groups):
        if not u:
            raise InputError(f"union {k} is empty")
        idx = []
        for p in u:
            if p not in index:
                raise InputError(f"union {k}: unknown player {p!r}")
            if p in seen:
                raise InputError(f"player {p!r} is in union {seen[p]} and union {k}")
            seen[p] = k
            idx.append(index[p])
        out.append(idx)
    missing = [p for p in players if p not in seen]
    if missing:
        raise InputError(f"player {missing[0]!r} is in no union (the unions must partition "
                         "the players; put a player alone in a union of its own)")
    return out


def _subset_sums(items):
    """Sums (bitwise OR of disjoint masks) over all subsets of ``items``, by doubling."""
    out = np.zeros(1 << len(items), dtype=np.int64)
    for j, x in enumerate(items):
        half = 1 << j
        np.bitwise_or(out[:half], np.int64(x), out=out[half:2 * half])
    return out


def owen_value(game: CoalitionalGame, unions, method: str = "exact", n_samples: int = 2000,
               seed=None, *, antithetic: bool = False, batch_size: int | None = None,
               executor=None, progress=None):
    """The Owen value of a game with a priori unions (a coalition structure).

    Unions (cities grouped by province, members of a pre-existing compact) first share
    ``v(N)`` among themselves as in the Shapley value of the quotient game, then each union's
    share is split among its members. Exact:

    .. math:: \\phi_i = \\sum_{R \\subseteq M \\setminus k} \\sum_{T \\subseteq B_k \\setminus i}
       \\frac{r!(m-r-1)!}{m!} \\frac{t!(b-t-1)!}{b!}
       \\big[v(Q_R \\cup T \\cup i) - v(Q_R \\cup T)\\big],

    for ``i`` in union ``B_k`` of size ``b``, ``m`` unions, ``Q_R`` the union of the unions in
    ``R``. Vectorised over ``(R, T)`` for each player: ``sum_k b_k 2**(m + b_k - 2)`` terms.

    Parameters
    ----------
    game : CoalitionalGame (tabulated if in function mode, for ``method="exact"``)
    unions : list of lists of players, a partition of the players
    method : {"exact", "sample"}
        ``"sample"``: the mean marginal contribution over ``n_samples`` random orders that keep
        every union together (:func:`govgames.networks.sampling.owen_sample`), for games in
        function mode too large to tabulate; returns a :class:`SampledValue`.
    n_samples, seed, antithetic, batch_size, executor, progress
        ``"sample"`` only: as in :func:`shapley_value`.

    References
    ----------
    G. Owen, "Values of games with a priori unions", in *Mathematical Economics and Game
    Theory*, Lecture Notes in Economics and Mathematical Systems 141, Springer, 1977, 76-88.

    Examples
    --------
    Glove game, with the two right-glove holders B and C united:

    >>> g = CoalitionalGame.from_function("ABC",
    ...     lambda S: float("A" in S and ("B" in S or "C" in S)))
    >>> owen_value(g, [["A"], ["B", "C"]])
    {'A': 0.5, 'B': 0.25, 'C': 0.25}
    >>> est = owen_value(g, [["A"], ["B", "C"]], method="sample", n_samples=2000, seed=1)
    >>> bool(abs(est["A"] - 0.5) < 4 * est.std_errors["A"])
    True
    """
    if method not in ("exact", "sample"):
        raise InputError(f"method must be 'exact' or 'sample', got {method!r}")
    if method == "sample":
        from .sampling import owen_sample
        game = _as_game(game)
        union_of = np.empty(game.n, dtype=np.int64)
        for k, grp in enumerate(_check_unions(game.players, unions)):
            union_of[grp] = k
        return owen_sample(game, union_of, n_samples, seed, antithetic=antithetic,
                           batch_size=batch_size, executor=executor, progress=progress)
    g = _as_game(game).to_exact()
    groups = _check_unions(g.players, unions)
    m = len(groups)
    umask = [sum(1 << i for i in grp) for grp in groups]
    v = g.value_table()
    phi = np.zeros(g.n)
    for k, grp in enumerate(groups):
        others = [umask[j] for j in range(m) if j != k]
        R = _subset_sums(others)                              # 2**(m-1) masks
        r = popcounts(m - 1, np.int64)
        wr = np.array([1.0 / (m * math.comb(m - 1, s)) for s in range(m)])[r]
        b = len(grp)
        wt_by_size = np.array([1.0 / (b * math.comb(b - 1, s)) for s in range(b)])
        for i in grp:
            rest = [1 << j for j in grp if j != i]
            T = _subset_sums(rest)
            wt = wt_by_size[popcounts(b - 1, np.int64)]
            S = R[:, None] | T[None, :]
            diff = v[S | (1 << i)] - v[S]
            phi[i] = wr @ diff @ wt
    return Allocation({p: float(x) for p, x in zip(g.players, phi)})


# --------------------------------------------------------------------------- simple splits
def _weights_vector(players, weights, what="weights"):
    if isinstance(weights, Mapping):
        unknown = [p for p in weights if p not in players]
        if unknown:
            raise InputError(f"{what}: unknown player {unknown[0]!r}")
        missing = [p for p in players if p not in weights]
        if missing:
            raise InputError(f"{what}: no value for player {missing[0]!r}")
        vals = [weights[p] for p in players]
    else:
        vals = list(weights)
        if len(vals) != len(players):
            raise InputError(f"{what}: {len(vals)} values for {len(players)} players")
    return np.array([finite_float(x, f"{what}: value of player {p!r}")
                     for p, x in zip(players, vals)])


def proportional_split(game_or_total, weights, players: Sequence | None = None) -> Allocation:
    """Split ``v(N)`` (or a given total) in proportion to weights (population, GDP, emissions).

    Parameters
    ----------
    game_or_total : CoalitionalGame or number
    weights : mapping player -> weight, or sequence in player order (non-negative, not all 0)
    players : names, when a total and a sequence of weights are given (default: the keys of
        ``weights``, or ``0 .. n-1``)

    References
    ----------
    H. Moulin, *Fair Division and Collective Welfare*, MIT Press, 2003, ch. 2 (proportional
    rule).

    Examples
    --------
    Louisville and Jefferson County share regional income taxes 58.7% / 41.3%:

    >>> proportional_split(100.0, {"Louisville": 58.7, "Jefferson": 41.3})
    {'Louisville': 58.7, 'Jefferson': 41.3}
    >>> g = CoalitionalGame.from_dict({"A": 0, "B": 0, "A,B": 6})
    >>> proportional_split(g, [1, 2])
    {'A': 2.0, 'B': 4.0}
    """
    if isinstance(game_or_total, CoalitionalGame):
        players = game_or_total.players
        total = game_or_total.grand_value
    else:
        if isinstance(game_or_total, bool):
            raise InputError("total must be a number")
        try:
            total = float(game_or_total)
        except (TypeError, ValueError):
            raise InputError(f"total must be a number or a game, got {game_or_total!r}") \
                from None
        if players is None:
            players = tuple(weights) if isinstance(weights, Mapping) \
                else tuple(range(len(list(weights))))
    w = _weights_vector(tuple(players), weights)
    if np.any(w < 0):
        raise InputError("weights must be non-negative")
    if w.sum() <= 0:
        raise InputError("weights must not all be zero")
    share = total * w / w.sum()
    return Allocation({p: float(round(x, 12)) for p, x in zip(players, share)},
                      method="proportional")


def nash_bargaining_split(game: CoalitionalGame, disagreement=None,
                          bargaining_power=None) -> Allocation:
    """The (generalised) Nash bargaining solution of splitting ``v(N)`` with transferable
    utility.

    Maximising ``prod_i (x_i - d_i)^{alpha_i}`` subject to ``sum_i x_i = v(N)`` gives
    ``x_i = d_i + alpha_i / sum(alpha) * (v(N) - sum_j d_j)``: each government gets its
    disagreement payoff plus a share of the surplus of cooperation (equal shares by default).

    Parameters
    ----------
    game : CoalitionalGame
    disagreement : mapping or sequence, optional
        ``d_i`` (default: the stand-alone values ``v({i})``).
    bargaining_power : mapping or sequence, optional
        ``alpha_i > 0`` (default: all equal).

    Raises
    ------
    InputError
        When ``v(N) < sum_i d_i``: there is no surplus to bargain over.

    References
    ----------
    J. F. Nash, "The bargaining problem", *Econometrica* 18 (1950) 155-162; A. E. Roth,
    *Axiomatic Models of Bargaining*, Springer, 1979 (the asymmetric solution).

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"Up": 1, "Down": 2, "Up,Down": 9})
    >>> nash_bargaining_split(g)
    {'Up': 4.0, 'Down': 5.0}
    >>> nash_bargaining_split(g, bargaining_power={"Up": 1, "Down": 2})
    {'Up': 3.0, 'Down': 6.0}
    """
    game = _as_game(game)
    players = game.players
    if disagreement is None:
        d = np.array([game.value(1 << i) for i in range(game.n)])
    else:
        d = _weights_vector(players, disagreement, "disagreement")
    if bargaining_power is None:
        alpha = np.ones(game.n)
    else:
        alpha = _weights_vector(players, bargaining_power, "bargaining_power")
        if np.any(alpha <= 0):
            raise InputError("bargaining powers must be positive")
    surplus = game.grand_value - d.sum()
    if surplus < -1e-12:
        raise InputError(f"no gains from cooperation: v(N) = {game.grand_value:g} is below the "
                         f"sum of disagreement payoffs {d.sum():g}")
    x = d + alpha / alpha.sum() * max(surplus, 0.0)
    return Allocation({p: float(round(v, 12)) for p, v in zip(players, x)},
                      method="Nash bargaining")
