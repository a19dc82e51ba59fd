"""Evolutionary dynamics on a tournament's payoff matrix: replicator and Moran processes.

The payoff matrix ``A`` (``A[i, j]`` = payoff of strategy ``i`` against ``j``, e.g. the
``payoff_matrix`` of a tournament) defines an evolutionary game. In a large population with
shares ``x`` the replicator equation ``dx_i/dt = x_i ((A x)_i - x^T A x)`` (Taylor and Jonker
1978) says which strategies survive. In a finite population of ``N`` the Moran process (Moran
1962; Nowak et al. 2004) picks an individual to reproduce with probability proportional to its
fitness ``1 - w + w * payoff`` and one to die uniformly at random; a single mutant of type ``a``
among residents ``b`` takes over with the fixation probability

    ρ = 1 / (1 + sum_{k=1}^{N-1} prod_{j=1}^{k} g_j / f_j),

(``f_j``, ``g_j``: fitness of mutants and residents when there are ``j`` mutants), which the
seeded simulation here is checked against.

References
----------
.. [1] P. D. Taylor and L. B. Jonker, "Evolutionarily stable strategies and game dynamics",
   *Mathematical Biosciences* 40 (1978), 145-156.
.. [2] P. A. P. Moran, *The Statistical Processes of Evolutionary Theory*, Clarendon, 1962.
.. [3] M. A. Nowak, A. Sasaki, C. Taylor and D. Fudenberg, "Emergence of cooperation and
   evolutionary stability in finite populations", *Nature* 428 (2004), 646-650.
.. [4] J. Hofbauer and K. Sigmund, *Evolutionary Games and Population Dynamics*, Cambridge UP,
   1998.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..budget import NS_PER_STEP, check_memory, check_work
from ..errors import InputError
from ..parallel import chunk_ranges, chunk_rng, map_chunks, seed_sequence

__all__ = ["ReplicatorResult", "replicator_dynamics", "fixation_probability",
           "simulate_fixation", "MoranResult", "moran_process", "pairwise_fixation",
           "MoranReplicates", "moran_replicates"]


def _matrix(payoffs):
    """(A as float array, names) from an array, a DataFrame or a TournamentResult."""
    names = None
    if hasattr(payoffs, "payoff_matrix"):
        payoffs = payoffs.payoff_matrix
    if hasattr(payoffs, "index") and hasattr(payoffs, "to_numpy"):
        names = [str(x) for x in payoffs.index]
        payoffs = payoffs.to_numpy()
    try:
        A = np.asarray(payoffs, dtype=float)
    except (TypeError, ValueError):
        raise InputError("the payoff matrix must hold numbers") from None
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] < 1:
        raise InputError(f"the payoff matrix must be square, got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise InputError("the payoff matrix holds nan or inf (play the tournament with self-play)")
    if names is None:
        names = [f"s{k + 1}" for k in range(A.shape[0])]
    return A, names


def _index(names, who, what) -> int:
    if isinstance(who, (int, np.integer)) and not isinstance(who, bool):
        if 0 <= who < len(names):
            return int(who)
        raise InputError(f"{what} index {who} out of range 0..{len(names) - 1}")
    try:
        return names.index(str(who))
    except ValueError:
        raise InputError(f"unknown {what} {who!r}; strategies are {names}") from None


# --------------------------------------------------------------------------- replicator
@dataclass
class ReplicatorResult:
    """A trajectory of the replicator dynamics.

    Attributes
    ----------
    names : list of str
    times : numpy array
    shares : numpy array, shape (len(times), n)
    threshold : float
        Share below which a strategy counts as extinct.
    """

    names: list
    times: np.ndarray
    shares: np.ndarray
    threshold: float

    @property
    def final(self) -> dict:
        """Shares at the last time point."""
        return {n: float(x) for n, x in zip(self.names, self.shares[-1])}

    @property
    def survivors(self) -> list:
        """Strategies whose final share is above the threshold, largest first."""
        last = self.shares[-1]
        order = np.argsort(-last, kind="stable")
        return [self.names[k] for k in order if last[k] > self.threshold]

    def to_frame(self):
        """The trajectory as a pandas DataFrame (index: time)."""
        import pandas as pd
        return pd.DataFrame(self.shares, index=pd.Index(self.times, name="time"),
                            columns=self.names)

    def plot(self, ax=None):
        """Shares over time."""
        import matplotlib.pyplot as plt
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3.5))
        for k, n in enumerate(self.names):
            ax.plot(self.times, self.shares[:, k], label=n)
        ax.set_xlabel("time")
        ax.set_ylabel("population share")
        ax.set_ylim(-0.02, 1.02)
        ax.legend(fontsize="small", ncol=2)
        ax.set_title("replicator dynamics")
        return ax

    def __str__(self) -> str:
        fin = ", ".join(f"{n}: {x:.3f}" for n, x in self.final.items() if x > self.threshold)
        return f"replicator dynamics to t={self.times[-1]:g}: survivors {fin}"


def replicator_dynamics(payoff_matrix, x0=None, t_max: float = 100.0, n_points: int = 201,
                        threshold: float = 1e-3, rtol: float = 1e-8) -> ReplicatorResult:
    """Integrate the replicator equation ``dx_i/dt = x_i ((A x)_i - x^T A x)``.

    Parameters
    ----------
    payoff_matrix : array_like, pandas.DataFrame or TournamentResult
        ``A[i, j]``: payoff of strategy ``i`` against ``j`` (a tournament's matrix, self-play on
        the diagonal).
    x0 : array_like, optional
        Initial shares (default: equal shares); normalised to sum 1.
    t_max : float
    n_points : int
        Number of time points reported.
    threshold : float
        Final share below which a strategy is called extinct.
    rtol : float
        Relative tolerance of scipy's ``solve_ivp`` (RK45).

    Returns
    -------
    ReplicatorResult

    References
    ----------
    Taylor and Jonker (1978); Hofbauer and Sigmund (1998), ch. 7.

    Examples
    --------
    AllC, AllD and TitForTat over 200 turns: defectors first exploit the unconditional
    cooperators, then TitForTat takes over.

    >>> from govgames.games.repeated import memory_one_tournament, AllC, AllD, TitForTat
    >>> r = replicator_dynamics(memory_one_tournament([AllC(), AllD(), TitForTat()], turns=200),
    ...                         t_max=200)
    >>> r.survivors
    ['TitForTat', 'AllC']
    """
    from scipy.integrate import solve_ivp

    A, names = _matrix(payoff_matrix)
    n = A.shape[0]
    if x0 is None:
        x = np.full(n, 1.0 / n)
    else:
        x = np.asarray(x0, dtype=float)
        if x.shape != (n,) or np.any(x < 0) or not np.isfinite(x).all() or x.sum() <= 0:
            raise InputError(f"x0 must be {n} non-negative shares with a positive sum, got {x0!r}")
        x = x / x.sum()
    if not (t_max > 0):
        raise InputError(f"t_max must be positive, got {t_max!r}")

    def rhs(t, y):
        f = A @ y
        return y * (f - y @ f)

    times = np.linspace(0.0, float(t_max), int(n_points))
    sol = solve_ivp(rhs, (0.0, float(t_max)), x, t_eval=times, rtol=rtol, atol=1e-12)
    if not sol.success:  # pragma: no cover
        raise RuntimeError(f"replicator integration failed: {sol.message}")
    shares = np.clip(sol.y.T, 0.0, None)
    shares /= shares.sum(axis=1, keepdims=True)
    return ReplicatorResult(names, sol.t, shares, float(threshold))


# --------------------------------------------------------------------------- Moran
def _fitness_ratios(A, a, b, N, w):
    """Fitnesses ``f_j`` (mutants a) and ``g_j`` (residents b) for j = 1..N-1 mutants.

    A fitness of exactly zero is allowed (an always-exploited strategy at full selection); a
    negative one, or a state where both types have fitness zero (the birth step is undefined),
    is refused.
    """
    j = np.arange(1, N, dtype=float)
    pa = (A[a, a] * (j - 1) + A[a, b] * (N - j)) / (N - 1)
    pb = (A[b, a] * j + A[b, b] * (N - j - 1)) / (N - 1)
    f = 1 - w + w * pa
    g = 1 - w + w * pb
    if np.any(f < 0) or np.any(g < 0):
        raise InputError("fitness 1 - w + w*payoff must be non-negative: use a smaller selection "
                         "intensity w or shift the payoffs to be non-negative")
    both = np.flatnonzero((f == 0) & (g == 0))
    if both.size:
        raise InputError(f"with {int(both[0]) + 1} mutant(s) both strategies have fitness 0, so "
                         "no one can reproduce: use a smaller selection intensity w or shift "
                         "the payoffs to be positive")
    return f, g


def _fixation_from_fitness(f, g) -> float:
    """``1 / (1 + sum_k prod_{j<=k} g_j/f_j)`` with zero fitnesses handled exactly.

    A zero mutant fitness ``f_j`` makes state ``j`` impassable upwards: fixation is impossible
    (0). A zero resident fitness ``g_j`` (with every ``f > 0``) makes every later product zero.
    """
    if np.any(f == 0):
        return 0.0
    zero_g = np.flatnonzero(g == 0)
    if zero_g.size:  # products from the first zero on vanish
        f, g = f[:zero_g[0]], g[:zero_g[0]]
    if f.size == 0:
        return 1.0
    logs = np.cumsum(np.log(g) - np.log(f))
    m = max(0.0, float(logs.max()))
    return float(np.exp(-m) / (np.exp(-m) + np.exp(logs - m).sum()))


#: Largest population of the exact Moran computations: they take O(N) time and memory
#: (about 10**7 states per second, several float arrays of N entries).
MAX_POPULATION = 10_000_000


def _check_moran(N, w):
    if isinstance(N, bool) or not isinstance(N, (int, np.integer)) or N < 2:
        raise InputError(f"population_size must be an integer >= 2, got {N!r}")
    if N > MAX_POPULATION:
        raise InputError(f"population_size {N} is too large: the Moran computation takes time and "
                         f"memory proportional to it (at most {MAX_POPULATION}): use a smaller "
                         "population")
    if not (0 <= float(w) <= 1):
        raise InputError(f"selection intensity w must lie in [0, 1], got {w!r}")
    return int(N), float(w)


def fixation_probability(payoff_matrix, mutant, resident, population_size: int,
                         selection: float = 1.0) -> float:
    """Exact probability that one mutant takes over a population of residents (Moran process).

    Parameters
    ----------
    payoff_matrix : array_like, DataFrame or TournamentResult
    mutant, resident : int or str
        Strategies (index or name).
    population_size : int
        ``N`` >= 2.
    selection : float in [0, 1]
        Intensity of selection ``w`` (fitness ``1 - w + w * payoff``); 0 is neutral drift
        (``ρ = 1/N``).

    Returns
    -------
    float

    References
    ----------
    Nowak, Sasaki, Taylor and Fudenberg (2004).

    Examples
    --------
    >>> A = [[3, 0], [5, 1]]  # cooperators and defectors
    >>> round(fixation_probability(A, 1, 0, 10, 0.1), 4)  # a defector among cooperators
    0.1938
    >>> fixation_probability(A, 1, 0, 10, 0.0)
    0.1

    At full selection a lone cooperator earns 0 against defectors, so its fitness is exactly
    zero: it never fixes, while a defector among 3 cooperators fixes with probability 55/83.

    >>> fixation_probability(A, 0, 1, 4, 1.0), round(fixation_probability(A, 1, 0, 4, 1.0) * 83, 12)
    (0.0, 55.0)
    """
    A, names = _matrix(payoff_matrix)
    N, w = _check_moran(population_size, selection)
    a, b = _index(names, mutant, "mutant"), _index(names, resident, "resident")
    f, g = _fitness_ratios(A, a, b, N, w)
    return _fixation_from_fitness(f, g)


#: Runs per chunk of :func:`simulate_fixation` (chunk ``k`` draws from
#: ``SeedSequence(seed).spawn(n_chunks)[k]``).
_FIXATION_CHUNK = 1 << 14


#: Measured CPU cost of :func:`simulate_fixation` (nanoseconds, a 2-core machine under load):
#: one step of one run, and one step of a chunk's loop (numpy call overheads).
_NS_FIXATION_RUN_STEP, _NS_FIXATION_ITERATION = 20.0, 5000.0


def _absorption_times(up: np.ndarray) -> tuple:
    """Expected steps of the jump chain from one mutant: ``(E[T], E[T | fixation])``.

    ``up[i]`` (``i = 1..N-1``) is the probability that the number of mutants goes up from
    ``i``. With ``t_i = 1 + up_i t_{i+1} + (1 - up_i) t_{i-1}``, ``t_0 = t_N = 0``, one
    tridiagonal solve gives the times; the fixation probabilities ``h`` (``h_0 = 0``,
    ``h_N = 1``) and ``y_i = h_i E[T | fixation from i]`` satisfy the same system with right
    sides 0 (plus the boundary) and ``h`` (Karlin and Taylor 1975, birth-death chains).
    The conditional time is NaN when fixation is too unlikely to compute (``h_1`` underflows).

    Neutral drift in a population of 3: ``N - 1 = 2`` steps, ``(N**2 - 1) / 3`` when the mutant
    fixes.

    >>> up = np.array([0.0, 0.5, 0.5, 0.0])
    >>> [round(float(x), 6) for x in _absorption_times(up)]
    [2.0, 2.666667]
    """
    from scipy.linalg import solve_banded

    u = np.asarray(up[1:-1], dtype=float)
    m = u.size
    ab = np.zeros((3, m))
    ab[0, 1:] = -u[:-1]                  # superdiagonal: -up_i at (i, i+1)
    ab[1] = 1.0
    ab[2, :-1] = -(1 - u[1:])            # subdiagonal: -(1 - up_i) at (i, i-1)
    rhs = np.zeros((m, 3))
    rhs[:, 0] = 1.0
    rhs[-1, 1] = u[-1]                   # h_N = 1 enters the last equation
    sol = solve_banded((1, 1), ab, rhs[:, :2])
    h = np.clip(sol[:, 1], 0.0, 1.0)
    t = float(sol[0, 0])
    if not h[0] > 1e-300:
        return t, float("nan")
    y = solve_banded((1, 1), ab, h)
    return t, float(y[0] / h[0])


def _check_fixation_budget(up, N, runs) -> None:
    """Refuse :func:`simulate_fixation` over the work budget: ``runs x E[T]`` steps of runs,
    plus each chunk's loop running about twice as long as a fixating run, before any run."""
    t, t_fix = _absorption_times(up)
    n_chunks = -(-int(runs) // _FIXATION_CHUNK)
    rho = float(_fixation_from_fitness(*_up_to_fitness(up)))
    per_chunk = min(int(runs), _FIXATION_CHUNK)
    longest = 2 * t_fix if per_chunk * rho >= 0.5 and np.isfinite(t_fix) else 3 * t
    ns = float(runs) * t * _NS_FIXATION_RUN_STEP + n_chunks * longest * _NS_FIXATION_ITERATION
    check_work(ns / NS_PER_STEP, f"simulating {runs} Moran runs in a population of {N} (about "
               f"{t:.3g} steps a run, {float(runs) * t:.3g} in all)", "use fewer runs, or the "
               "exact fixation_probability")


def _up_to_fitness(up):
    """Fitness pairs with the same up-probabilities (``f = up``, ``g = 1 - up``)."""
    u = np.asarray(up[1:-1], dtype=float)
    return u, 1 - u


def _fixation_runs(chunk, up, N, root) -> int:
    """Number of the runs of ``chunk = (start, stop)`` (chunk ``k = start // 2**14``) that end
    with the mutants fixed: the jump chain of every run, vectorised; each step draws one
    uniform per active run, in run order, from chunk ``k``'s stream."""
    lo, hi = chunk
    k, n_runs = lo // _FIXATION_CHUNK, hi - lo
    rng = chunk_rng(root, k)
    state = np.ones(n_runs, dtype=np.intp)
    fixed = 0
    while state.size:
        state += np.where(rng.random(state.size) < up[state], 1, -1)
        done = (state == 0) | (state == N)
        if done.any():
            fixed += int(np.count_nonzero(state[done] == N))
            state = state[~done]
    return fixed


def simulate_fixation(payoff_matrix, mutant, resident, population_size: int,
                      selection: float = 1.0, runs: int = 10_000, seed=None, *,
                      executor=None, progress=None) -> tuple:
    """Estimate the fixation probability by simulating the Moran process (vectorised over runs).

    Each run starts with one mutant and follows the embedded jump chain (the number of mutants
    goes up with probability ``f_i / (f_i + g_i)``) until fixation or extinction.

    Parameters
    ----------
    payoff_matrix, mutant, resident, population_size, selection
        As in :func:`fixation_probability`.
    runs : int
        Number of simulated runs. Their expected work (``runs`` times the expected steps of a
        run, computed exactly from the chain) is checked against the work budget first
        (:mod:`govgames.games.budget`).
    seed : int, numpy SeedSequence or Generator, optional
        The runs are cut into chunks of ``2**14``; chunk ``k`` draws from
        ``SeedSequence(seed).spawn(n_chunks)[k]``, so the estimate is the same for any
        ``executor``.
    executor : concurrent.futures.Executor or Dask Client, optional
        Runs the chunks (:mod:`govgames.games.parallel`; default: in this process).
    progress : None or bool
        A progress bar over the chunks (``None``: on a terminal, after two seconds).

    Returns
    -------
    tuple of float
        The estimate and its standard error ``sqrt(ρ(1-ρ)/runs)``.

    References
    ----------
    Moran (1962); Nowak et al. (2004).

    Examples
    --------
    >>> est, se = simulate_fixation([[3, 0], [5, 1]], 1, 0, 10, 0.1, runs=2000, seed=1)
    >>> abs(est - 0.1938) < 4 * se
    True
    """
    A, names = _matrix(payoff_matrix)
    N, w = _check_moran(population_size, selection)
    a, b = _index(names, mutant, "mutant"), _index(names, resident, "resident")
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise InputError(f"runs must be a positive integer, got {runs!r}")
    f, g = _fitness_ratios(A, a, b, N, w)
    if np.any(f == 0):  # some state cannot be left upwards: fixation is impossible
        return 0.0, 0.0
    up = np.concatenate([[0.0], f / (f + g), [0.0]])  # index = number of mutants
    _check_fixation_budget(up, N, runs)
    root = seed_sequence(seed)
    chunks = chunk_ranges(int(runs), _FIXATION_CHUNK)
    fixed = sum(map_chunks(_fixation_runs, chunks, executor=executor, progress=progress,
                           desc="fixation runs", args=(up, N, root)))
    est = fixed / int(runs)
    return est, float(np.sqrt(est * (1 - est) / runs))  # 0 when no run (or every run) fixates


def pairwise_fixation(payoff_matrix, population_size: int, selection: float = 1.0):
    """Exact fixation probability of every mutant (rows) in every resident population (columns).

    A strategy resists invasion when no mutant fixes with probability above neutral drift
    ``1/N``; the ``robust`` attribute of the returned frame lists those strategies.

    Returns
    -------
    pandas.DataFrame
        ``rho[mutant, resident]`` (diagonal: ``1/N``), with ``attrs["robust"]``.

    Examples
    --------
    >>> from govgames.games.repeated import memory_one_tournament, AllC, AllD, TitForTat
    >>> t = memory_one_tournament([AllC(), AllD(), TitForTat()], turns=100)
    >>> rho = pairwise_fixation(t, 20, 0.5)
    >>> rho.attrs["robust"]
    ['TitForTat']
    """
    import pandas as pd

    A, names = _matrix(payoff_matrix)
    N, w = _check_moran(population_size, selection)
    n = A.shape[0]
    rho = np.full((n, n), 1.0 / N)
    for a in range(n):
        for b in range(n):
            if a != b:
                rho[a, b] = fixation_probability(A, a, b, N, w)
    frame = pd.DataFrame(rho, index=names, columns=names)
    robust = [names[b] for b in range(n)
              if all(rho[a, b] <= 1.0 / N + 1e-12 for a in range(n) if a != b)]
    frame.attrs["robust"] = robust
    return frame


@dataclass
class MoranResult:
    """One run of a Moran process with several types.

    Attributes
    ----------
    names : list of str
    counts : numpy array, shape (steps + 1, n)
        Number of individuals of each type after each birth-death step.
    winner : str or None
        The type that took over (None if ``max_steps`` was reached first).
    """

    names: list
    counts: np.ndarray
    winner: str | None

    @property
    def steps(self) -> int:
        return self.counts.shape[0] - 1

    def __str__(self) -> str:
        who = self.winner if self.winner is not None else "nobody (yet)"
        return f"Moran process: {who} fixed after {self.steps} steps"


#: Measured cost of one step of :func:`moran_process` (nanoseconds, a loaded 2-core machine)
#: and the bytes it keeps besides ``16 x types`` (the counts, as an array object in a list and
#: in the final table).
_NS_MORAN_STEP, _BYTES_MORAN_STEP = 25_000.0, 130.0


def moran_process(payoff_matrix, counts, selection: float = 1.0, seed=None,
                  max_steps: int = 100_000) -> MoranResult:
    """Simulate a Moran birth-death process with several strategies until one takes over.

    Each step one individual reproduces (probability proportional to count x fitness,
    fitness ``1 - w + w * (mean payoff against the others)``) and one individual chosen
    uniformly at random dies.

    Parameters
    ----------
    payoff_matrix : array_like, DataFrame or TournamentResult
    counts : sequence of int
        Initial number of individuals of each strategy (population size = sum).
    selection : float in [0, 1]
    seed : int or numpy Generator
    max_steps : int
        Most birth-death steps. The time and memory of that many steps are checked against the
        budget first (:mod:`govgames.games.budget`).

    Returns
    -------
    MoranResult

    Raises
    ------
    BudgetError
        ``max_steps`` steps would be over the work or memory budget.

    References
    ----------
    Moran (1962); Nowak et al. (2004).

    Examples
    --------
    >>> r = moran_process([[3, 0], [5, 1]], [5, 5], selection=0.5, seed=3)
    >>> r.winner, int(r.counts[-1].sum())
    ('s2', 10)
    """
    A, names = _matrix(payoff_matrix)
    c = np.asarray(counts)
    if c.shape != (A.shape[0],) or np.any(c < 0) or not np.all(c == np.round(c)):
        raise InputError(f"counts must be {A.shape[0]} non-negative integers, got {counts!r}")
    c = c.astype(np.int64)
    N, w = _check_moran(int(c.sum()), selection)
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) \
            or max_steps < 1:
        raise InputError(f"max_steps must be a positive integer, got {max_steps!r}")
    what = (f"a Moran process of up to max_steps={int(max_steps)} steps (every step's counts "
            "are kept)")
    hint = "lower max_steps (the run stops earlier when one type takes over)"
    check_work(float(max_steps) * _NS_MORAN_STEP / NS_PER_STEP, what, hint)
    check_memory(float(max_steps) * (_BYTES_MORAN_STEP + 16 * c.size), what, hint)
    rng = np.random.default_rng(seed)
    hist = [c.copy()]
    winner = None
    for _ in range(int(max_steps)):
        if (c == N).any():
            break
        pay = (A @ c - np.diag(A)) / (N - 1)
        fit = 1 - w + w * pay
        if np.any(fit[c > 0] < 0):
            raise InputError("fitness 1 - w + w*payoff must be non-negative: lower the selection "
                             "intensity")
        wts = c * fit
        if not wts.sum() > 0:
            raise InputError("every individual has fitness 0, so no one can reproduce: lower the "
                             "selection intensity")
        born = rng.choice(len(c), p=wts / wts.sum())
        dies = rng.choice(len(c), p=c / N)
        c = c.copy()
        c[born] += 1
        c[dies] -= 1
        hist.append(c)
    if (c == N).any():
        winner = names[int(np.argmax(c))]
    return MoranResult(names, np.array(hist), winner)


# --------------------------------------------------------------------------- Moran replicates
#: Replicates per chunk of :func:`moran_replicates` (chunk ``k`` draws from
#: ``SeedSequence(seed).spawn(n_chunks)[k]``).
_MORAN_CHUNK = 1 << 10


@dataclass
class MoranReplicates:
    """Many independent runs of a Moran process from the same initial counts.

    Attributes
    ----------
    names : list of str
    initial : numpy int array, shape (n,)
        Initial number of individuals of each type.
    winners : numpy int array, shape (replicates,)
        Index of the type that took over in each run (-1: ``max_steps`` came first).
    steps : numpy int array, shape (replicates,)
        Birth-death steps of each run.
    """

    names: list
    initial: np.ndarray
    winners: np.ndarray
    steps: np.ndarray

    @property
    def replicates(self) -> int:
        return int(self.winners.size)

    @property
    def table(self):
        """One row per type: ``fixations``, ``share`` of the runs it took over and the
        standard error of that share, ``sqrt(share (1 - share) / replicates)``."""
        import pandas as pd

        counts = np.bincount(self.winners[self.winners >= 0], minlength=len(self.names))
        share = counts / self.replicates
        return pd.DataFrame({"initial": self.initial, "fixations": counts, "share": share,
                             "stderr": np.sqrt(share * (1 - share) / self.replicates)},
                            index=pd.Index(self.names, name="type"))

    @property
    def unfinished(self) -> int:
        """Runs stopped by ``max_steps`` before one type took over."""
        return int(np.count_nonzero(self.winners < 0))

    def __str__(self) -> str:
        t = self.table
        body = ", ".join(f"{n}: {r.share:.3f} ± {r.stderr:.3f}" for n, r in t.iterrows())
        extra = f"; {self.unfinished} unfinished" if self.unfinished else ""
        return f"Moran process, {self.replicates} runs: fixation shares {body}{extra}"


def _pick(cum: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Row-wise index ``i`` with ``cum[i-1] <= x < cum[i]`` (inverse CDF; zero-weight entries
    are never picked)."""
    idx = np.count_nonzero(cum <= x[:, None], axis=1)
    last = cum.shape[1] - 1 - np.argmax((np.diff(cum, axis=1, prepend=0.0) > 0)[:, ::-1], axis=1)
    return np.minimum(idx, last)


#: Measured CPU cost of :func:`moran_replicates` (nanoseconds, a loaded 2-core machine): a
#: step of one run (plus ``_NS_REPLICATE_TYPE`` per type) and a step of a chunk's loop.
_NS_REPLICATE_STEP, _NS_REPLICATE_TYPE, _NS_REPLICATE_ITERATION = 80.0, 10.0, 40_000.0


def _two_type_times(A, counts, w: float):
    """Expected steps of a two-type Moran run, from every number of type-0 individuals.

    The number ``j`` of type-0 individuals is a birth-death chain with lazy steps:
    ``p+ = j f0 / (j f0 + (N - j) f1) * (N - j) / N`` and ``p- = (N - j) f1 / (...) * j / N``,
    with the fitnesses of :func:`moran_replicates`; ``(p+ + p-) t_j - p+ t_{j+1} - p- t_{j-1} = 1``,
    ``t_0 = t_N = 0`` (Karlin and Taylor 1975). Returns ``(t_start, max_j t_j)``, or ``None``
    when the chain cannot be solved (a state with no move: the runs may last ``max_steps``).

    Neutral drift in a population of 3: each step moves with probability 4/9, and the jump
    chain needs 2 moves, so 2 x 9/4 = 4.5 steps.

    >>> t0, tmax = _two_type_times(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([1, 2]), 0.0)
    >>> round(t0, 6), round(tmax, 6)
    (4.5, 4.5)
    """
    from scipy.linalg import solve_banded

    N = int(counts.sum())
    j = np.arange(1, N, dtype=float)
    f0 = 1 - w + w * (A[0, 0] * (j - 1) + A[0, 1] * (N - j)) / (N - 1)
    f1 = 1 - w + w * (A[1, 0] * j + A[1, 1] * (N - j - 1)) / (N - 1)
    total = j * f0 + (N - j) * f1
    with np.errstate(divide="ignore", invalid="ignore"):
        up = j * f0 / total * (N - j) / N
        down = (N - j) * f1 / total * j / N
    if not (np.all(np.isfinite(up)) and np.all(np.isfinite(down)) and np.all(up + down > 0)):
        return None
    ab = np.zeros((3, j.size))
    ab[0, 1:] = -up[:-1]
    ab[1] = up + down
    ab[2, :-1] = -down[1:]
    t = solve_banded((1, 1), ab, np.ones(j.size))
    if not np.all(np.isfinite(t)):
        return None
    start = int(counts[0])
    t_start = 0.0 if start in (0, N) else float(t[start - 1])
    return t_start, float(t.max())


def _check_replicates_budget(replicates: int, max_steps: int, A, counts, w: float) -> None:
    """Refuse :func:`moran_replicates` over the work or memory budget. With two types the
    expected run length is exact (:func:`_two_type_times`) and a chunk's loop is taken to last
    five times the longest expected run; with more types every run is taken to last
    ``max_steps`` (as in a game where the types coexist)."""
    n_types = counts.size
    n_chunks = -(-replicates // _MORAN_CHUNK)
    times = _two_type_times(A, counts, w) if n_types == 2 else None
    run = float(max_steps) if times is None else min(float(max_steps), times[0])
    loop = float(max_steps) if times is None else min(float(max_steps), 5 * times[1] + 10)
    ns = (float(replicates) * run * (_NS_REPLICATE_STEP + _NS_REPLICATE_TYPE * n_types)
          + float(n_chunks) * loop * _NS_REPLICATE_ITERATION)
    what = (f"{replicates} Moran runs of up to max_steps={max_steps} steps "
            f"(about {float(replicates) * run:.3g} run-steps expected)")
    hint = "use fewer replicates or a lower max_steps"
    check_work(ns / NS_PER_STEP, what, hint)
    check_memory(16.0 * replicates + 8.0 * min(replicates, _MORAN_CHUNK) * n_types * 6, what,
                 hint)


def _moran_chunk(chunk, A, initial, w, max_steps, root):
    """Winners and steps of the replicates of ``chunk = (start, stop)`` (chunk
    ``k = start // 2**10``), vectorised: each step draws, from chunk ``k``'s stream, one
    uniform per active run for the birth, then one per active run for the death (runs in index
    order)."""
    lo, hi = chunk
    k, count = lo // _MORAN_CHUNK, hi - lo
    rng = chunk_rng(root, k)
    N = int(initial.sum())
    diag = np.diag(A)
    C = np.tile(initial, (count, 1))
    alive = np.arange(count)
    winners = np.full(count, -1, dtype=np.int64)
    steps = np.full(count, int(max_steps), dtype=np.int64)
    done = (C == N).any(axis=1)
    winners[done] = np.argmax(C[done], axis=1)
    steps[done] = 0
    C, alive = C[~done], alive[~done]
    rows = np.arange(C.shape[0])
    for step in range(1, int(max_steps) + 1):
        if not alive.size:
            break
        fit = 1 - w + w * (C @ A.T - diag) / (N - 1)
        if np.any(fit[C > 0] < 0):
            raise InputError("fitness 1 - w + w*payoff must be non-negative: lower the "
                             "selection intensity or shift the payoffs")
        wts = C * fit
        cum = np.cumsum(wts, axis=1)
        total = cum[:, -1]
        if np.any(total <= 0):
            raise InputError("every individual has fitness 0: nobody can reproduce")
        born = _pick(cum, rng.random(alive.size) * total)
        dies = _pick(np.cumsum(C, axis=1).astype(float), rng.random(alive.size) * N)
        C[rows, born] += 1
        C[rows, dies] -= 1
        fixed = C[rows, born] == N
        if fixed.any():
            winners[alive[fixed]] = born[fixed]
            steps[alive[fixed]] = step
            keep = ~fixed
            C, alive = C[keep], alive[keep]
            rows = np.arange(C.shape[0])
    return winners, steps


def moran_replicates(payoff_matrix, counts, replicates: int = 1000, selection: float = 1.0,
                     seed=None, max_steps: int = 100_000, *, executor=None,
                     progress=None) -> MoranReplicates:
    """Run the multi-type Moran process of :func:`moran_process` many times: how often does
    each type take over?

    The replicates run vectorised, in chunks of ``2**10``: each birth-death step is a few
    array operations over all the chunk's unfinished runs (birth proportional to count x
    fitness, death uniform, by inverse-CDF sampling).

    Parameters
    ----------
    payoff_matrix : array_like, DataFrame or TournamentResult
    counts : sequence of int
        Initial number of individuals of each type (population size = sum).
    replicates : int
        Number of independent runs.
    selection : float in [0, 1]
        Intensity of selection ``w`` (fitness ``1 - w + w * mean payoff against the others``;
        a fitness of 0 is allowed: such individuals never reproduce).
    seed : int, numpy SeedSequence or Generator, optional
        Chunk ``k`` draws from ``SeedSequence(seed).spawn(n_chunks)[k]``: the same result for
        any ``executor``.
    max_steps : int
        A run not finished after this many steps counts as unfinished (winner -1). The work of
        ``replicates`` runs of ``max_steps`` steps (the worst case) is checked against the
        budget first (:mod:`govgames.games.budget`).
    executor : concurrent.futures.Executor or Dask Client, optional
        Runs the chunks (:mod:`govgames.games.parallel`; default: in this process).
    progress : None or bool
        A progress bar over the chunks (``None``: on a terminal, after two seconds).

    Returns
    -------
    MoranReplicates
        Winners and steps per run; ``.table`` gives each type's fixation share and its
        standard error.

    References
    ----------
    Moran (1962); Nowak et al. (2004).

    Examples
    --------
    One defector among nine cooperators: the share of runs it takes over estimates the
    exact fixation probability of :func:`fixation_probability`.

    >>> r = moran_replicates([[3, 0], [5, 1]], [9, 1], replicates=4000, selection=0.1, seed=1)
    >>> exact = fixation_probability([[3, 0], [5, 1]], 1, 0, 10, 0.1)
    >>> t = r.table
    >>> bool(abs(t.loc["s2", "share"] - exact) < 4 * t.loc["s2", "stderr"])
    True
    """
    A, names = _matrix(payoff_matrix)
    c = np.asarray(counts)
    if c.shape != (A.shape[0],) or np.any(c < 0) or not np.all(c == np.round(c)):
        raise InputError(f"counts must be {A.shape[0]} non-negative integers, got {counts!r}")
    c = c.astype(np.int64)
    _check_moran(int(c.sum()), selection)
    w = float(selection)
    for x, what in ((replicates, "replicates"), (max_steps, "max_steps")):
        if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 1:
            raise InputError(f"{what} must be a positive integer, got {x!r}")
    _check_replicates_budget(int(replicates), int(max_steps), A, c, w)
    root = seed_sequence(seed)
    chunks = chunk_ranges(int(replicates), _MORAN_CHUNK)
    parts = map_chunks(_moran_chunk, chunks, executor=executor, progress=progress,
                       desc="Moran runs", args=(A, c, w, int(max_steps), root))
    winners = np.concatenate([p[0] for p in parts])
    steps = np.concatenate([p[1] for p in parts])
    return MoranReplicates(names, c, winners, steps)
