"""Renamed keyword arguments: the old name keeps working, with a :class:`DeprecationWarning`.

The package uses one word per idea (see the glossary in the documentation): ``rational=`` for
exact :class:`~fractions.Fraction` output and ``tabulate=`` for keeping the table of all
``2**n`` coalition values. Arguments that used other words are renamed through
:func:`renamed_argument`.
"""

from __future__ import annotations

import warnings

__all__ = ["renamed_argument"]


def renamed_argument(new_value, old_value, *, old: str, new: str, where: str, default=None):
    """The value of a renamed keyword argument, warning when the old name was used.

    Parameters
    ----------
    new_value : object or None
        What the caller passed under the new name (``None`` when not given).
    old_value : object or None
        What the caller passed under the old name (``None`` when not given).
    old, new : str
        The two argument names.
    where : str
        The function, for the messages (``"banzhaf_index"``).
    default : object
        The value when neither name was given.

    Returns
    -------
    object
        ``new_value``, else ``old_value``, else ``default``.

    Raises
    ------
    TypeError
        If both names were given.

    Warns
    -----
    DeprecationWarning
        If the old name was given.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     renamed_argument(None, True, old="exact", new="rational", where="f")
    True
    >>> str(w[0].message)
    'f: `exact=` is deprecated; use `rational=`'
    >>> renamed_argument(None, None, old="exact", new="rational", where="f", default=False)
    False
    """
    if old_value is None:
        return default if new_value is None else new_value
    if new_value is not None:
        raise TypeError(f"{where}: give `{new}=` only (`{old}=` is its deprecated old name)")
    warnings.warn(f"{where}: `{old}=` is deprecated; use `{new}=`", DeprecationWarning,
                  stacklevel=3)
    return old_value
