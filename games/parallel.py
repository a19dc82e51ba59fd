"""Running independent pieces of work serially, on a process pool or on a Dask cluster.

Tournaments, Monte Carlo estimates, sampled values, searches over clubs or networks and
parameter sweeps all split into independent pieces. Every such function of govgames takes

``executor``
    ``None`` (the default: run in this process, one piece after the other), or any
    :class:`concurrent.futures.Executor`: a :class:`~concurrent.futures.ProcessPoolExecutor`,
    or a Dask cluster's ``Client.get_executor()`` (a ``distributed.Client`` itself is accepted
    too). The pieces are grouped into a few tasks per worker, submitted, and their results put
    back in order. The function and its arguments must be picklable for a process pool (no
    lambdas; Dask uses cloudpickle, which also ships lambdas).
``progress``
    ``None`` (auto: a tqdm bar on stderr when stderr is a terminal and the call runs longer than
    two seconds), ``True`` (a bar now, wherever stderr goes) or ``False`` (never).

**Same answer for any number of workers.** The split of the work into pieces (*chunks*) depends
only on the input, never on the executor; a randomised method draws chunk ``k``'s random numbers
from its own stream, ``numpy.random.SeedSequence(seed).spawn(n_chunks)[k]``
(:func:`chunk_rng`); and the results are reduced in chunk order. So a seeded call gives the same
bits serially, on two processes or on a cluster, whatever order the chunks finish in.

Dask (``pip install 'govgames[parallel]'``)
-------------------------------------------
On one machine::

    from dask.distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=4, threads_per_worker=1, processes=True))
    round_robin_tournament(strategies, turns=1000, repetitions=200, seed=1,
                           executor=client.get_executor())

On several machines, start a scheduler and workers (``dask scheduler`` on one host, ``dask
worker tcp://HOST:8786 --nthreads 1 --nworkers 8`` on the others, all with the same Python
environment), then ``Client("tcp://HOST:8786")``. On a batch system, dask-jobqueue submits the
workers as jobs::

    from dask_jobqueue import SLURMCluster          # or PBSCluster, SGECluster, LSFCluster
    from dask.distributed import Client
    cluster = SLURMCluster(cores=8, processes=8, memory="16GB", walltime="02:00:00",
                           job_extra_directives=["--partition=short"])
    cluster.scale(jobs=10)                          # 10 batch jobs x 8 single-threaded workers
    client = Client(cluster)
    df = sweep(my_model, {"b": np.linspace(1, 5, 400), "c": [0.5, 1, 2]},
               executor=client.get_executor(), progress=True)

The command line does the same with ``govgames analyses sweep NAME --grid ... --workers N``
(a local cluster) or ``--scheduler tcp://HOST:8786`` (an existing one).

Examples
--------
>>> from concurrent.futures import ThreadPoolExecutor
>>> list(chunk_ranges(10, 4))
[(0, 4), (4, 8), (8, 10)]
>>> map_chunks(sum, [[1, 2], [3], [4, 5, 6]])
[3, 3, 15]
>>> with ThreadPoolExecutor(2) as ex:
...     map_chunks(sum, [[1, 2], [3], [4, 5, 6]], executor=ex)
[3, 3, 15]
>>> float(chunk_rng(seed_sequence(7), 3).random()) == float(
...     np.random.default_rng(np.random.SeedSequence(7).spawn(4)[3]).random())
True
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import os
import sys
from collections.abc import Sequence as _SequenceABC
from typing import Callable, Sequence

import numpy as np

from .errors import InputError

__all__ = ["check_executor", "check_picklable", "executor_workers", "ChunkRanges",
           "chunk_ranges", "budget_chunks",
           "split_for_workers", "seed_sequence", "recorded_seed", "chunk_rng", "map_chunks",
           "progress_bar", "AUTO_PROGRESS_DELAY"]

#: Seconds a call runs before the automatic progress bar (``progress=None``) appears.
AUTO_PROGRESS_DELAY = 2.0

#: Tasks submitted per worker (a few, so that uneven pieces balance out).
TASKS_PER_WORKER = 4


def check_executor(executor):
    """The executor to use: ``None`` (serial) or a :class:`concurrent.futures.Executor`.

    A Dask ``distributed.Client`` (anything with ``get_executor()``) is turned into its
    executor; anything else is refused.

    Examples
    --------
    >>> check_executor(None) is None
    True
    >>> check_executor(4)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: executor must be None, a concurrent.futures.Executor (e.g. ProcessPoolExecutor, or a Dask Client's get_executor()) or a Dask Client, got 4
    """
    if executor is None or isinstance(executor, cf.Executor):
        return executor
    get = getattr(executor, "get_executor", None)
    if callable(get):
        return get()
    raise InputError("executor must be None, a concurrent.futures.Executor (e.g. "
                     "ProcessPoolExecutor, or a Dask Client's get_executor()) or a Dask Client, "
                     f"got {executor!r}")


def check_picklable(obj, executor, what: str, hint: str = "use a module-level function or a "
                    "functools.partial of one, or a Dask executor (which ships lambdas)") -> None:
    """Refuse (:class:`~govgames.games.errors.InputError`) an ``obj`` a process pool cannot
    send, before any work starts (instead of a ``PicklingError`` from deep inside the pool).

    Only a :class:`~concurrent.futures.ProcessPoolExecutor` pickles with :mod:`pickle`; serial
    runs, thread pools and Dask (cloudpickle, which ships lambdas) are not checked.

    Parameters
    ----------
    obj : object
        What the pool would send (a function, a strategy, ...).
    executor : Executor or None
        The executor that will run the work.
    what : str
        ``obj`` as the message names it, e.g. ``"func <lambda>"``.
    hint : str
        What to do instead.

    Raises
    ------
    InputError
        ``obj`` cannot be pickled and ``executor`` is a process pool.

    Examples
    --------
    >>> with cf.ProcessPoolExecutor(1) as ex:
    ...     check_picklable(len, ex, "func len")
    ...     check_picklable(lambda x: x, ex, "func <lambda>")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: func <lambda> cannot be sent to a process pool (...); use a module-level function or a functools.partial of one, or a Dask executor (which ships lambdas)
    """
    import pickle

    if not isinstance(executor, cf.ProcessPoolExecutor):
        return
    try:
        pickle.dumps(obj)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise InputError(f"{what} cannot be sent to a process pool ({exc}); {hint}") from None


def executor_workers(executor) -> int:
    """How many pieces ``executor`` runs at once (1 for ``None``).

    Process and thread pools report their ``max_workers``; a Dask executor the number of worker
    threads of its cluster; any other executor counts as ``os.cpu_count()``.

    >>> executor_workers(None)
    1
    """
    if executor is None:
        return 1
    n = getattr(executor, "_max_workers", None)
    if isinstance(n, int) and n > 0:
        return n
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # pragma: no cover - a cluster that does not answer
            pass
    return os.cpu_count() or 1


class ChunkRanges(_SequenceABC):
    """The consecutive pieces ``(start, stop)`` of ``range(n)`` of length ``size`` (the last one
    shorter), computed when asked for: a sequence of any length that holds three integers.

    Indexing gives one piece, slicing another :class:`ChunkRanges` (so the pieces of a task
    travel to a worker as a few integers), ``len`` the number of pieces.

    Parameters
    ----------
    n : int
        Number of items cut into pieces (``>= 0``).
    size : int
        Items per piece (at least 1).

    Examples
    --------
    >>> c = ChunkRanges(10**15, 4)
    >>> len(c), c[0], c[-1]
    (250000000000000, (0, 4), (999999999999996, 1000000000000000))
    >>> list(c[2:4])
    [(8, 12), (12, 16)]
    """

    __slots__ = ("n", "size", "_starts")

    def __init__(self, n: int, size: int, _starts: range | None = None):
        self.n = int(n)
        self.size = max(1, int(size))
        self._starts = range(0, max(0, self.n), self.size) if _starts is None else _starts

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return ChunkRanges(self.n, self.size, self._starts[k])
        a = self._starts[k]
        return (a, min(a + self.size, self.n))

    def __iter__(self):
        n, size = self.n, self.size
        for a in self._starts:
            yield (a, min(a + size, n))

    def __reduce__(self):
        return (ChunkRanges, (self.n, self.size, self._starts))

    def __eq__(self, other) -> bool:
        if isinstance(other, ChunkRanges):
            return (self.n, self.size, self._starts) == (other.n, other.size, other._starts)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.n, self.size, self._starts))

    def __repr__(self) -> str:
        if self._starts == range(0, max(0, self.n), self.size):
            return f"ChunkRanges(n={self.n}, size={self.size})"
        return f"ChunkRanges(n={self.n}, size={self.size}, starts={self._starts!r})"


def chunk_ranges(n: int, size: int) -> ChunkRanges:
    """The pieces ``(start, stop)`` cutting ``range(n)`` into consecutive pieces of ``size``
    (the last one shorter), as a lazy :class:`ChunkRanges`: no list proportional to ``n`` is
    built, so asking for ``10**12`` items costs nothing before the work is refused or done.

    Parameters
    ----------
    n : int
        Number of items.
    size : int
        Items per piece (values below 1 count as 1).

    Returns
    -------
    ChunkRanges
        A sequence of ``ceil(n / size)`` pairs ``(start, stop)``.

    Examples
    --------
    >>> list(chunk_ranges(5, 2)), list(chunk_ranges(0, 3))
    ([(0, 2), (2, 4), (4, 5)], [])
    >>> len(chunk_ranges(10**12, 3))
    333333333334
    """
    return ChunkRanges(n, size)


def seed_sequence(seed, name: str = "seed") -> np.random.SeedSequence:
    """The root :class:`numpy.random.SeedSequence` of a seeded computation.

    ``None`` gives fresh entropy from the operating system; an integer ``s`` gives
    ``SeedSequence(s)``; a ``SeedSequence`` is used as is; a numpy ``Generator`` is advanced by
    drawing four 63-bit integers that become the entropy (so two calls with one generator
    differ, and a re-created generator repeats them); a list or tuple of non-negative integers
    (such an entropy, as :func:`recorded_seed` gives it) gives ``SeedSequence(list)``.

    Examples
    --------
    >>> seed_sequence(5).entropy
    5
    >>> seed_sequence((1, 2)).entropy
    [1, 2]
    >>> seed_sequence(-1)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: seed must be None, a non-negative integer, a numpy SeedSequence or a numpy Generator, got -1
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence([int(x) for x in seed.integers(0, 2 ** 63, size=4)])
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
        return np.random.SeedSequence(int(seed))
    if (isinstance(seed, (list, tuple)) and seed and
            all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) and x >= 0
                for x in seed)):
        return np.random.SeedSequence([int(x) for x in seed])
    raise InputError(f"{name} must be None, a non-negative integer, a numpy SeedSequence or a "
                     f"numpy Generator, got {seed!r}")


def recorded_seed(root: np.random.SeedSequence):
    """What to record as the seed of a computation rooted at ``root`` so that passing it
    back as ``seed=`` repeats it: the entropy actually used (an integer, or a tuple of
    integers when drawn from a numpy ``Generator``), or ``root`` itself when it is a spawned
    child (its entropy alone would not reproduce it).

    Examples
    --------
    >>> recorded_seed(seed_sequence(7))
    7
    >>> root = seed_sequence(None)
    >>> seed_sequence(recorded_seed(root)).entropy == root.entropy
    True
    >>> recorded_seed(seed_sequence(np.random.default_rng(0)))
    (..., ..., ..., ...)
    """
    if root.spawn_key:
        return root
    entropy = root.entropy
    if entropy is None:  # pragma: no cover - SeedSequence always draws its entropy
        return root
    if isinstance(entropy, int):
        return int(entropy)
    return tuple(int(x) for x in entropy)


def chunk_rng(root: np.random.SeedSequence, *key: int) -> np.random.Generator:
    """The random generator of chunk ``key`` of a computation seeded by ``root``.

    ``chunk_rng(root, k)`` is ``default_rng(root.spawn(n)[k])`` for any ``n > k`` (for a root
    that has not spawned yet), and ``chunk_rng(root, r, b)`` the ``b``-th child of the ``r``-th
    child, built directly from the spawn key so that a worker needs only ``root`` and its
    chunk's index.

    Examples
    --------
    >>> root = seed_sequence(3)
    >>> a = chunk_rng(root, 1).random()
    >>> a == np.random.default_rng(np.random.SeedSequence(3).spawn(2)[1]).random()
    True
    """
    ss = np.random.SeedSequence(root.entropy, spawn_key=tuple(root.spawn_key) + tuple(
        int(k) for k in key), pool_size=root.pool_size)
    return np.random.default_rng(ss)


class _NoBar:
    """Stands in for a tqdm bar when no progress is shown."""

    def update(self, n=1):
        pass

    def close(self):
        pass

    def set_postfix_str(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def progress_bar(progress, total: int, desc: str = "", unit: str = "it"):
    """A tqdm progress bar on stderr, or a silent stand-in (same ``update``/``close`` methods).

    Parameters
    ----------
    progress : None, bool
        ``None``: a bar only when stderr is a terminal, appearing after
        :data:`AUTO_PROGRESS_DELAY` seconds; ``True``: a bar now; ``False``: none.
    total : int
        Number of steps.
    desc, unit : str
        Label of the bar and of one step.

    Examples
    --------
    >>> with progress_bar(False, 10) as bar:
    ...     bar.update(10)
    """
    if progress is False or progress is None and not _stderr_is_terminal():
        return _NoBar()
    if progress is not None and progress is not True:
        raise InputError(f"progress must be None (auto), True or False, got {progress!r}")
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc or None, unit=unit, file=sys.stderr,
                delay=AUTO_PROGRESS_DELAY if progress is None else 0.0, dynamic_ncols=True)


def _dask_client(executor):
    """The ``distributed.Client`` behind a Dask cluster's executor (None for other kinds)."""
    if type(executor).__module__.startswith("distributed."):
        return getattr(executor, "_client", None)
    return None


def _submit_options(executor) -> dict:
    """Keyword options of ``executor.submit`` itself (not of the task): a Dask cluster's
    executor gets ``pure=False``, so that Dask neither hashes every task's arguments (about
    10 ms for a tournament's strategies) nor merges two tasks that look alike."""
    return {"pure": False} if _dask_client(executor) is not None else {}


def _shared_args(executor, args: tuple):
    """``args`` as the tasks receive them: on Dask, a future of the tuple sent once to every
    worker (large arguments, such as a game's 2**n values, then travel once per worker, not
    once per task); elsewhere the tuple itself."""
    client = _dask_client(executor)
    if client is None or not args or any(_is_dask_future(a) for a in args):
        return args         # arguments already on the cluster: Dask resolves them per task
    [future] = client.scatter([args], broadcast=True, hash=False)
    return future


def _is_dask_future(x) -> bool:
    """A ``distributed.Future`` (data already scattered): scattering it again inside a tuple
    would ship the future itself, unresolved, to the workers."""
    return type(x).__module__.startswith("distributed.") and hasattr(x, "key")


def _run_group(func, group, args):
    return [func(item, *args) for item in group]


def _groups(items: Sequence, n_groups: int) -> list:
    """``items`` cut into ``n_groups`` consecutive groups of near-equal length."""
    n = len(items)
    n_groups = max(1, min(n, n_groups))
    bounds = [round(k * n / n_groups) for k in range(n_groups + 1)]
    return [items[bounds[k]:bounds[k + 1]] for k in range(n_groups)]


def map_chunks(func: Callable, chunks: Sequence, *, executor=None, progress=None,
               desc: str = "", unit: str = "chunk", args: tuple = (),
               tasks_per_worker: int = TASKS_PER_WORKER) -> list:
    """``[func(chunk, *args) for chunk in chunks]``, serially or on an executor.

    On an executor the chunks are grouped into at most ``tasks_per_worker`` tasks per worker
    (consecutive chunks per task, so ``args`` is shipped once per task; on Dask, once per
    worker, and the tasks are submitted with ``pure=False``: their arguments are not hashed),
    and the results are
    returned in chunk order whatever order the tasks finish in. The first exception raised by
    a chunk cancels the tasks not yet started and is raised here.

    Parameters
    ----------
    func : callable
        ``func(chunk, *args)``; module-level (picklable) for a process pool.
    chunks : sequence or iterable
        The pieces of work (small objects: indices, ranges, parameter dicts). A sequence
        (e.g. a ``range`` or :func:`chunk_ranges`) is used as is, without a list of it; any
        other iterable is listed first.
    executor : Executor, Dask Client or None
        See the module notes.
    progress : None or bool
        See :func:`progress_bar`; the bar counts chunks.
    desc, unit : str
        Label of the progress bar and of one chunk.
    args : tuple
        Further arguments, the same for every chunk.
    tasks_per_worker : int
        Tasks submitted per worker.

    Returns
    -------
    list
        One result per chunk, in the order of ``chunks``.

    Raises
    ------
    InputError
        ``executor`` or ``progress`` of the wrong kind. An exception raised by ``func`` is
        raised as is.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(3) as ex:
    ...     map_chunks(pow, [1, 2, 3, 4], executor=ex, args=(2,))
    [1, 4, 9, 16]
    """
    if not isinstance(chunks, _SequenceABC):    # a range or ChunkRanges stays lazy
        chunks = list(chunks)
    executor = check_executor(executor)
    with progress_bar(progress, len(chunks), desc, unit) as bar:
        if executor is None:
            out = []
            for c in chunks:
                out.append(func(c, *args))
                bar.update(1)
            return out
        n_tasks = executor_workers(executor) * max(1, int(tasks_per_worker))
        groups = _groups(chunks, n_tasks)
        options, shared = _submit_options(executor), _shared_args(executor, args)
        futures = {executor.submit(_run_group, func, g, shared, **options): k
                   for k, g in enumerate(groups)}
        results: list = [None] * len(groups)
        try:
            for fut in cf.as_completed(futures):
                k = futures[fut]
                results[k] = fut.result()
                bar.update(len(groups[k]))
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
        finally:
            if shared is not args:          # the scattered arguments leave the workers
                shared.release()
    return [r for part in results for r in part]


def budget_chunks(weights: Sequence[float], budget: float) -> list:
    """Consecutive groups of indices whose weights add up to at most ``budget`` (a single item
    heavier than the budget forms a group of its own).

    >>> budget_chunks([3, 3, 3, 5, 1], 6)
    [[0, 1], [2], [3, 4]]
    """
    out: list[list[int]] = []
    cur: list[int] = []
    acc = 0.0
    for k, w in enumerate(weights):
        if cur and acc + w > budget:
            out.append(cur)
            cur, acc = [], 0.0
        cur.append(k)
        acc += w
    if cur:
        out.append(cur)
    return out


def split_for_workers(n_items: int, executor, max_per_chunk: int) -> int:
    """Chunk length for ``n_items`` independent items whose chunking does not affect the
    result: at most ``max_per_chunk``, and short enough to give every worker of ``executor``
    a few chunks.

    >>> split_for_workers(100, None, 30)
    30
    """
    workers = executor_workers(executor)
    if workers <= 1:
        return max(1, int(max_per_chunk))
    return max(1, min(int(max_per_chunk), math.ceil(n_items / (workers * TASKS_PER_WORKER))))
