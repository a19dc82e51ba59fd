"""Parameter sweeps: run one function over a grid of parameter values, into a tidy table.

:func:`sweep` calls ``func(**point)`` for every point of a grid (the product of one list of
values per parameter) or of an explicit list of parameter dicts, serially or on an executor
(:mod:`govgames.games.parallel`: a process pool or a Dask cluster), and returns a pandas
DataFrame with one row per point: the parameters, then the results as columns, then ``error``
(``None``, or the exception's type and message and the point when the point failed: one bad
point does not abort a sweep of thousands). The rows are in grid order whatever the executor,
and an error's text names no file or line, so a sweep of a deterministic function gives the
same table serially, on a process pool and on a cluster; a randomised function should take its
seed as a parameter (a column of the grid, or a fixed value).

References
----------
.. [1] A. Saltelli, M. Ratto, T. Andres et al., *Global Sensitivity Analysis: The Primer*,
   Wiley (2008), ch. 1 (one-at-a-time and grid designs).
"""

from __future__ import annotations

import itertools
import math
import numbers
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .errors import InputError
from .numbers import short_text
from .parallel import TASKS_PER_WORKER, check_picklable, map_chunks

__all__ = ["sweep", "grid_points", "MAX_SWEEP_POINTS", "ERROR_COLUMN", "MAX_ERROR_MESSAGE"]

#: Largest number of points :func:`sweep` accepts (a larger grid is refused before it is built).
MAX_SWEEP_POINTS = 1_000_000

#: Name of the column holding each point's error message (``None`` when it ran).
ERROR_COLUMN = "error"

#: Longest exception message kept in the ``error`` column (longer ones are cut, with their
#: length).
MAX_ERROR_MESSAGE = 300


def _values_of(name, values) -> list:
    """The values of one grid parameter as a list; a single value is refused (not iterated)."""
    if (isinstance(values, (str, bytes, Mapping, np.generic))
            or not hasattr(values, "__iter__")):
        raise InputError(f"grid parameter {name!r}: expected a list of values, got the single "
                         f"value {short_text(values)} ({type(values).__name__}); wrap one value "
                         f"in a list ({name!r}: [{short_text(values)}]) or pass it in fixed=")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise InputError(f"grid parameter {name!r}: expected a 1-D array of values, got shape "
                         f"{values.shape}")
    vals = values.tolist() if isinstance(values, np.ndarray) else list(values)
    if not vals:
        raise InputError(f"grid parameter {name!r} has no values")
    return vals


def grid_points(grid, fixed: Mapping | None = None, *,
                max_points: int = MAX_SWEEP_POINTS) -> list:
    """The parameter dicts of a grid, in order (the last parameter varies fastest).

    Parameters
    ----------
    grid : dict or sequence of dicts
        ``{name: values}``: the product of the value lists (a 1-D array, list, tuple, range
        or any other iterable per parameter); or an explicit sequence of parameter dicts, used
        as is. As in scikit-learn's ``ParameterGrid``, a single value (a string, a number, a
        dict) is refused, not iterated: ``{"method": "pure"}`` would otherwise sweep the
        letters ``p``, ``u``, ``r``, ``e``. Write ``{"method": ["pure"]}`` or pass it in
        ``fixed``.
    fixed : dict, optional
        Parameters added to every point (a name may not be both fixed and on the grid).
    max_points : int
        Refuse grids with more points than this (checked before the product is built).

    Returns
    -------
    list of dict
        One dict per point, ``fixed`` first, then the grid's parameters in their order.

    Raises
    ------
    InputError
        An empty grid or value list, a single value (string, number, dict) where a list of
        values is expected, a parameter both fixed and on the grid, points that are not dicts
        or have names that are not strings, or more than ``max_points`` points.

    Examples
    --------
    >>> grid_points({"b": [1, 2], "c": [0.5, 1.0]})
    [{'b': 1, 'c': 0.5}, {'b': 1, 'c': 1.0}, {'b': 2, 'c': 0.5}, {'b': 2, 'c': 1.0}]
    >>> grid_points([{"b": 3}], fixed={"c": 1})
    [{'c': 1, 'b': 3}]
    >>> grid_points({"method": "pure"})
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: grid parameter 'method': expected a list of values, got the single value 'pure' (str); wrap one value in a list ('method': ['pure']) or pass it in fixed=
    >>> grid_points({"b": range(10 ** 4), "c": range(10 ** 4)})
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the grid has 100000000 points (b: 10000 x c: 10000), more than max_points=1000000; use a coarser grid, or split the sweep and pass max_points= if you mean it
    """
    fixed = dict(fixed or {})
    for k in fixed:
        if not isinstance(k, str):
            raise InputError(f"fixed parameter names must be strings, got {k!r}")
    if isinstance(grid, Mapping):
        if not grid:
            raise InputError("the grid has no parameters")
        names = list(grid)
        for k in names:
            if not isinstance(k, str):
                raise InputError(f"grid parameter names must be strings, got {k!r}")
            if k in fixed:
                raise InputError(f"parameter {k!r} is both on the grid and fixed")
        axes = [_values_of(k, grid[k]) for k in names]
        total = math.prod(len(a) for a in axes)
        if total > max_points:
            shape = " x ".join(f"{k}: {len(a)}" for k, a in zip(names, axes))
            raise InputError(f"the grid has {total} points ({shape}), more than max_points="
                             f"{max_points}; use a coarser grid, or split the sweep and pass "
                             "max_points= if you mean it")
        return [{**fixed, **dict(zip(names, combo))} for combo in itertools.product(*axes)]
    if isinstance(grid, (str, bytes)) or not isinstance(grid, Sequence):
        raise InputError("grid must be a dict {name: values} or a list of parameter dicts, got "
                         f"{type(grid).__name__}")
    if not grid:
        raise InputError("the grid has no points")
    if len(grid) > max_points:
        raise InputError(f"the grid has {len(grid)} points, more than max_points={max_points}")
    points = []
    for i, p in enumerate(grid):
        if not isinstance(p, Mapping):
            raise InputError(f"grid point {i} is not a dict of parameters: {p!r}")
        for k in p:
            if not isinstance(k, str):
                raise InputError(f"grid point {i}: parameter names must be strings, got {k!r}")
            if k in fixed:
                raise InputError(f"grid point {i}: parameter {k!r} is both on the grid and "
                                 "fixed")
        points.append({**fixed, **p})
    return points


def _as_record(out) -> dict:
    """A function's result as ``{column: value}``."""
    if isinstance(out, Mapping):
        return dict(out)
    numbers_ = getattr(out, "numbers", None)        # a case study's CaseResult
    if isinstance(numbers_, Mapping):
        return dict(numbers_)
    try:
        import pandas as pd

        if isinstance(out, pd.Series):
            return out.to_dict()
    except ImportError:  # pragma: no cover
        pass
    if hasattr(out, "_asdict"):                     # a namedtuple
        return dict(out._asdict())
    return {"result": out}


def _check_signature(func, points: list, fixed=()) -> None:
    """Refuse, once and before any work, parameter names ``func`` cannot take (a typo in a grid
    would otherwise fail every point with the same ``TypeError``) and required parameters no
    point gives; a name in ``fixed`` is called a fixed parameter, and parameters that can only
    be given by position are named as such. Functions whose signature Python cannot read (some
    builtins) are not checked.

    >>> _check_signature(lambda T, R: T - R, [{"T": 1, "Rr": 2}])
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: func cannot take the grid parameter 'Rr'; its parameters are: T, R
    >>> _check_signature(abs, [{"x": 1}])
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: func cannot take the grid parameter 'x'; its parameters are: none (x only by position; sweep gives parameters by name)
    """
    import inspect

    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return
    first: dict[tuple, int] = {}
    for i, p in enumerate(points):
        first.setdefault(tuple(p), i)
    for keys, i in first.items():
        try:
            sig.bind(**dict.fromkeys(keys))
        except TypeError as exc:
            accepted = [n for n, q in sig.parameters.items()
                        if q.kind in (q.POSITIONAL_OR_KEYWORD, q.KEYWORD_ONLY)]
            takes_any = any(q.kind is q.VAR_KEYWORD for q in sig.parameters.values())
            unknown = [k for k in keys if k not in accepted and not takes_any]
            where = f" (point {i})" if len(first) > 1 else ""
            kind = "fixed" if unknown and unknown[0] in fixed else "grid"
            problem = (f"cannot take the {kind} parameter {unknown[0]!r}{where}" if unknown
                       else f"cannot be called with the parameters of point {i} ({exc})")
            by_position = [n for n, q in sig.parameters.items() if q.kind is q.POSITIONAL_ONLY]
            note = (f" ({', '.join(by_position)} only by position; sweep gives parameters by "
                    "name)" if by_position else "")
            raise InputError(f"func {problem}; its parameters are: "
                             f"{', '.join(accepted) or 'none'}{note}") from None


def _run_point(point, func):
    """``(record, error)`` of one point: an exception is caught and described by its type and
    the first line of its message (no file or line: those depend on where the code ran)."""
    try:
        return _as_record(func(**point)), None
    except Exception as exc:  # noqa: BLE001 - reported per row, never raised
        lines = str(exc).strip().splitlines()
        return {}, (type(exc).__name__, lines[0] if lines else "")


_MISSING = object()          # a result column's value at a point that failed or lacked it


def _result_column(values: list):
    """A result column: a nullable ``boolean`` or ``Int64`` array when some points are missing
    and every other value is a bool (or every other an integer within int64), so the missing
    points read ``<NA>`` and the rest keep their type; else a list with NaN for the missing
    (numbers become float, as before).

    >>> _result_column([True, _MISSING, False])
    <BooleanArray>
    [True, <NA>, False]
    Length: 3, dtype: boolean
    >>> _result_column([3, _MISSING]).dtype, _result_column([1.5, _MISSING])
    (Int64Dtype(), [1.5, nan])
    """
    import pandas as pd

    present = [v for v in values if v is not _MISSING]
    if len(present) < len(values) and present:
        if all(isinstance(v, (bool, np.bool_)) for v in present):
            return pd.array([pd.NA if v is _MISSING else bool(v) for v in values],
                            dtype="boolean")
        if all(isinstance(v, (numbers.Integral, np.integer))
               and not isinstance(v, (bool, np.bool_)) and -2**63 <= int(v) < 2**63
               for v in present):
            return pd.array([pd.NA if v is _MISSING else int(v) for v in values], dtype="Int64")
    return [np.nan if v is _MISSING else v for v in values]


def _point_text(point: Mapping) -> str:
    """``b=1.0, method='pure'``: a grid point as it is shown in an error message."""
    return ", ".join(f"{k}={short_text(v.item() if isinstance(v, np.generic) else v)}"
                     for k, v in point.items())


def _error_text(error, point: Mapping):
    """The ``error`` column's text of a point: ``"TypeName: message (at k=v, ...)"``."""
    if error is None:
        return None
    name, message = error
    message = message if len(message) <= MAX_ERROR_MESSAGE else (
        f"{message[:MAX_ERROR_MESSAGE - 20]}... ({len(message)} characters)")
    return f"{name}: {message} (at {_point_text(point)})" if message else \
        f"{name} (at {_point_text(point)})"


def sweep(func: Callable[..., Any], grid, *, fixed: Mapping | None = None, executor=None,
          progress=None, tasks_per_worker: int = TASKS_PER_WORKER,
          max_points: int = MAX_SWEEP_POINTS):
    """Run ``func(**point)`` for every point of a grid and collect a tidy DataFrame.

    Parameters
    ----------
    func : callable
        Called with the point's parameters as keyword arguments. It returns a dict (one
        column per key), a case study's ``CaseResult`` (its key ``numbers`` become the
        columns), a pandas Series or a namedtuple, or anything else (one column ``result``).
        For a process pool it must be picklable (a module-level function or a
        ``functools.partial`` of one); a Dask executor also ships lambdas.
    grid : dict or sequence of dicts
        ``{name: values}`` (their product; the last name varies fastest) or a list of
        parameter dicts; see :func:`grid_points`.
    fixed : dict, optional
        Parameters passed to every call (not columns of the result).
    executor : concurrent.futures.Executor or Dask Client, optional
        Runs the points (:mod:`govgames.games.parallel`; default: one after the other in this
        process). The rows come back in grid order whatever order they finish in.
    progress : None or bool
        A progress bar over the points (``None``: on a terminal, after two seconds).
    tasks_per_worker : int
        The points are cut into this many tasks per worker of ``executor`` (consecutive
        points per task); does not change the result.
    max_points : int
        Refuse larger grids (see :func:`grid_points`).

    Returns
    -------
    pandas.DataFrame
        One row per point: the grid's parameters, the result columns (in order of first
        appearance; a point without a column gets a missing value; a result column named like
        a parameter is renamed ``result_NAME``; a column of bools or integers with a missing
        value is of pandas' nullable ``boolean`` or ``Int64`` dtype, the missing value
        ``<NA>``, instead of turning float with NaN) and ``error`` (``None``, or
        ``"TypeName: message (at name=value, ...)"`` for a point whose call raised an
        ``Exception``: the exception's type, the first line of its message and the point's
        grid parameters; the same text whatever the executor, since it holds no file or line
        of the code that raised). The ``error`` column is always of object dtype, so
        ``df["error"].isna()`` (or ``is None``) selects the points that ran, with every pandas
        version.

    Raises
    ------
    InputError
        A bad grid (see :func:`grid_points`), a ``func`` that is not callable, one whose
        signature cannot take a grid parameter or needs one no point gives (checked once,
        before any point runs), or one that a process pool cannot pickle (a lambda or a local
        function). Exceptions raised by
        ``func`` are not raised: they fill the ``error`` column.

    Examples
    --------
    >>> def pd_threshold(T, R, P):
    ...     return {"delta_min": (T - R) / (T - P)}
    >>> sweep(pd_threshold, {"T": [4.0, 5.0], "R": [3.0]}, fixed={"P": 1.0})
         T    R  delta_min error
    0  4.0  3.0   0.333333  None
    1  5.0  3.0   0.500000  None
    >>> df = sweep(lambda x: 1 / x, {"x": [2, 0]})
    >>> df["result"].tolist(), df["error"][1]
    ([0.5, nan], 'ZeroDivisionError: division by zero (at x=0)')
    """
    import pandas as pd

    if not callable(func):
        raise InputError(f"func must be callable, got {func!r}")
    fixed = dict(fixed or {})
    points = grid_points(grid, fixed, max_points=max_points)
    shown = [{k: v for k, v in p.items() if k not in fixed} for p in points]
    if isinstance(tasks_per_worker, bool) or not isinstance(tasks_per_worker, numbers.Integral) \
            or tasks_per_worker < 1:
        raise InputError(f"tasks_per_worker must be a positive integer, got {tasks_per_worker!r}")
    check_picklable(func, executor, f"func {short_text(func)}")
    _check_signature(func, points, fixed)
    rows = map_chunks(_run_point, points, executor=executor, progress=progress, desc="sweep",
                      unit="point", args=(func,), tasks_per_worker=int(tasks_per_worker))
    param_cols = list(dict.fromkeys(k for p in shown for k in p))
    result_cols: dict = {}
    for rec, _ in rows:
        for k in rec:
            result_cols.setdefault(k, f"result_{k}" if k in param_cols or k == ERROR_COLUMN
                                   else k)
    data = {k: [p.get(k) for p in shown] for k in param_cols}
    for k, col in result_cols.items():
        data[col] = _result_column([rec.get(k, _MISSING) for rec, _ in rows])
    df = pd.DataFrame(data, columns=list(data), index=pd.RangeIndex(len(points)))
    # object dtype, so a point that ran holds None (pandas 3 would infer a string dtype and
    # turn None into NaN)
    df[ERROR_COLUMN] = pd.Series([_error_text(err, p) for (_, err), p in zip(rows, shown)],
                                 index=df.index, dtype=object)
    for col in result_cols.values():                # all-numeric columns as numbers
        if df[col].dtype == object:
            try:
                df[col] = pd.to_numeric(df[col])
            except (TypeError, ValueError):
                pass
    return df
