"""Exact numbers of bounded size from user input.

Every number a user writes (a payoff in a JSON string or an ``.nfg`` token, a parameter value, a
voting weight, a quota, an entry-rule threshold) becomes an exact rational through
:func:`exact_rational`. Python's :class:`~fractions.Fraction` would turn ``"1e-999999999"`` into
a rational with a billion-digit denominator (minutes of work and gigabytes of memory) and
``"1e999"`` into a number no float can hold; here the size is checked on the *text* before any
arithmetic, and numbers outside the range in which payoffs are computed (below ``1e300``
in absolute value, and not rounding to 0 as a float unless zero) are refused with a message
naming the entry.

The bounds are module constants so that a caller who means it can raise them.
"""

from __future__ import annotations

import decimal
import math
import re
from fractions import Fraction

import numpy as np

from .errors import InputError

__all__ = ["exact_rational", "short_text", "count_text", "fraction_text", "integers_as_floats",
           "MAX_NUMBER_LENGTH", "MAX_DECIMAL_EXPONENT", "FRACTION_TEXT_DIGITS", "ExactFloat"]

#: Longest number text accepted (characters, sign and exponent included).
MAX_NUMBER_LENGTH = 400

#: Numbers must be below ``10**MAX_DECIMAL_EXPONENT`` in absolute value: beyond that sums and
#: products of payoffs overflow float64.
MAX_DECIMAL_EXPONENT = 300

#: Nonzero numbers must not round to zero as a float64 (``5e-324`` is the smallest that does
#: not); ``1e-400`` next to ``0`` would otherwise become a tie.
_MIN_ORDER = -324

_DECIMAL = re.compile(r"\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*\Z")
_RATIONAL = re.compile(r"\s*([+-]?\d+)\s*/\s*(\d+)\s*\Z")


class ExactFloat(float):
    """A float that remembers the text it was read from (a JSON number such as ``1e-400``).

    :func:`govgames.games.io.parse_json_text` reads every JSON number with a fraction or exponent
    as an ``ExactFloat``, so that :func:`exact_rational` sees ``1e-400`` (and refuses it as too
    small) instead of the ``0.0`` the float rounds to.

    >>> x = ExactFloat("1e-400")
    >>> float(x), x.text
    (0.0, '1e-400')
    """

    text: str

    def __new__(cls, text: str):
        try:
            value = float(text)
        except OverflowError:  # pragma: no cover - float() of a decimal string returns inf
            value = math.inf
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


def count_text(n: int) -> str:
    """A count for a message: ``12,345``, or ``about 10^602`` when it is astronomically large
    (Python refuses to print integers of more than 4300 digits, and a 600-digit count is
    unreadable anyway).

    >>> count_text(12345), count_text(7 * 10**20), count_text(2**20000)
    ('12,345', 'about 10^20', 'about 10^6020')
    """
    if n < 10**15:
        return f"{n:,}"
    return f"about 10^{int(math.log10(n))}"


def integers_as_floats(P, who: str) -> np.ndarray:
    """Payoffs scaled to integers (an object array of Python ints) as a float array.

    Payoffs spanning many orders of magnitude (``1e-320`` next to ``1``) become integers over
    a common denominator beyond the largest float (``10**320``); the exact solvers need their
    float copy for screening, so they refuse such a game in one line.

    Parameters
    ----------
    P : array_like of int
        The integer payoffs.
    who : str
        The solver, for the message.

    Returns
    -------
    numpy.ndarray of float, same shape as ``P``

    Raises
    ------
    InputError
        When an integer is beyond the float range.

    Examples
    --------
    >>> integers_as_floats(np.array([3, -4], dtype=object), "vertex enumeration").tolist()
    [3.0, -4.0]
    >>> integers_as_floats(np.array([10**320, 1], dtype=object), "vertex enumeration")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the payoffs span too many orders of magnitude for vertex enumeration (over a common denominator they reach about 10^320, beyond a float); rescale or round them
    """
    try:
        return np.asarray(P, dtype=float)
    except OverflowError:
        big = max((abs(int(x)) for x in np.ravel(np.asarray(P, dtype=object))), default=0)
        raise InputError(f"the payoffs span too many orders of magnitude for {who} (over a "
                         f"common denominator they reach {count_text(big)}, beyond a float); "
                         "rescale or round them") from None


#: :func:`fraction_text` writes a rational exactly while its numerator and denominator have at
#: most this many digits; longer ones (a payoff near 1e299, a product of thousands of chance
#: probabilities, beyond the 4300 digits Python prints at all) are shown rounded.
FRACTION_TEXT_DIGITS = 15


def fraction_text(x: Fraction, max_digits: int = FRACTION_TEXT_DIGITS) -> str:
    """An exact rational for a table or a printed result: ``"3"`` or ``"2/3"``, or, when its
    numerator or denominator has more than ``max_digits`` digits, ``"~1.80621"`` (six
    significant digits, marked ``~``) or ``"~10^-5012"`` beyond the range of a float. The
    result objects keep the exact value (and ``--json`` prints it).

    Parameters
    ----------
    x : fractions.Fraction
    max_digits : int
        Longest numerator or denominator written exactly.

    Returns
    -------
    str

    Examples
    --------
    >>> fraction_text(Fraction(2, 3)), fraction_text(Fraction(-4))
    ('2/3', '-4')
    >>> fraction_text(Fraction(99 * 10**299, 109)), fraction_text(Fraction(10**5000 + 1, 10**5000))
    ('~9.08257e+298', '~1')
    >>> fraction_text(Fraction(-1, 3**20000))
    '~-10^-9543'
    """
    p, q = x.numerator, x.denominator
    # about 3.32 bits a digit: the bit length rules out huge integers without printing them
    if max(abs(p).bit_length(), q.bit_length()) <= 3.33 * max_digits + 4 and \
            max(len(str(abs(p))), len(str(q))) <= max_digits:
        return str(p) if q == 1 else f"{p}/{q}"
    try:
        value = p / q  # int true division: correctly rounded, raises OverflowError if too large
    except OverflowError:
        value = math.inf
    if value != 0 and math.isfinite(value):
        return f"~{value:.6g}"
    # math.log10 takes integers of any size (exact up to float rounding of the logarithm)
    order = math.floor(math.log10(abs(p)) - math.log10(q))
    return f"~{'-' if p < 0 else ''}10^{order}"


def short_text(value, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, with the full length when cut.

    >>> short_text("9" * 1000)
    "'99999999999999999999999999999999999999999999999999999... (1002 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit - 6]}... ({len(text)} characters)"


_TOO_SMALL = ("{} is too small: it rounds to 0 in floating point, so it would tie with 0 "
              "(nonzero numbers must be at least 5e-324 in absolute value; write 0 for zero)")


def _check_range(q: Fraction, where: str, shown) -> Fraction:
    if q == 0:
        return q
    # |q| ~ 2**(bits of p - bits of q); decide exactly only near the bounds
    mag = abs(q.numerator).bit_length() - q.denominator.bit_length()
    limit = MAX_DECIMAL_EXPONENT * math.log2(10)
    if mag > limit + 2 or (mag > limit - 2 and abs(q) >= Fraction(10) ** MAX_DECIMAL_EXPONENT):
        raise InputError(f"{where}: {short_text(shown)} is too large (numbers must be below "
                         f"1e{MAX_DECIMAL_EXPONENT} in absolute value)")
    # |q| > 2**(mag - 1): from mag = -1070 on it is far above the smallest float (2**-1074)
    if mag < -1070 and (mag < -1100 or float(q) == 0):
        raise InputError(f"{where}: {_TOO_SMALL.format(short_text(shown))}")
    return q


def _number_to_fraction(value, where: str) -> Fraction:
    """An in-memory number (not text) as an exact Fraction; floats via their shortest repr."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    p, q = getattr(value, "p", None), getattr(value, "q", None)
    if isinstance(p, int) and isinstance(q, int) and getattr(value, "is_Rational", False):
        return Fraction(p, q)
    if not isinstance(value, (float, np.floating)):
        try:
            value = float(value)
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"{where}: {short_text(value)} is not a number") from None
    value = float(value)
    if not math.isfinite(value):
        raise InputError(f"{where}: {value!r} is not a finite number")
    return Fraction(repr(value))


def exact_rational(value, *, where: str = "value", bounded: bool = True) -> Fraction:
    """A user's number as an exact :class:`~fractions.Fraction`, refusing astronomically sized ones.

    Accepts integers, finite floats (the decimal they print as, so ``0.1`` is ``1/10``),
    fractions, sympy rationals, and text: decimals with an optional exponent (``"1.5e-3"``) and
    rationals (``"2/3"``). The text is checked before any arithmetic: at most
    :data:`MAX_NUMBER_LENGTH` characters and a decimal exponent whose value keeps the number
    below ``10**MAX_DECIMAL_EXPONENT``; a nonzero number must not round to 0 as a float.

    Parameters
    ----------
    value : int, float, str, Fraction, Decimal, sympy number, or any object with ``__float__``
        A :class:`~decimal.Decimal` is read as its text. Sympy numbers that are not rational
        (``sqrt(2)``) and other objects convertible with :func:`float` become the exact decimal
        their float prints as.
    where : str
        What the number is and where it came from (file, JSON path, line, parameter name);
        starts every error message.
    bounded : bool, default True
        Refuse numbers outside the payoff range (see above). With ``False`` the range check is
        skipped for values that are already numbers (int, float, Fraction, sympy); text is
        always checked, since only text can make the conversion itself astronomically costly.

    Returns
    -------
    fractions.Fraction

    Raises
    ------
    InputError
        If ``value`` is not a number, not finite, its absolute value is at least
        ``10**MAX_DECIMAL_EXPONENT``, or it is nonzero and rounds to 0 as a float.

    Examples
    --------
    >>> exact_rational("2/3"), exact_rational(0.1), exact_rational(" -1.5e2 ")
    (Fraction(2, 3), Fraction(1, 10), Fraction(-150, 1))
    >>> exact_rational(10**400, bounded=False) == 10**400
    True
    >>> exact_rational("1e-999999999", where="payoffs.A[0][0]")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoffs.A[0][0]: '1e-999999999' is too small: it rounds to 0 in floating point, so it would tie with 0 (nonzero numbers must be at least 5e-324 in absolute value; write 0 for zero)
    >>> exact_rational(decimal.Decimal("1e-999999"), where="probability")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: probability: '1E-999999' is too small: it rounds to 0 in floating point, so it would tie with 0 (nonzero numbers must be at least 5e-324 in absolute value; write 0 for zero)
    >>> exact_rational("1e999", where="quota")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: quota: '1e999' is too large (numbers must be below 1e300 in absolute value)
    """
    if isinstance(value, (bool, np.bool_)):
        raise InputError(f"{where}: {value!r} is not a number")
    if isinstance(value, ExactFloat):
        value = value.text
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise InputError(f"{where}: {str(value)!r} is not a finite number")
        # its text, checked like a file's: float(Decimal("1e-999999")) is a silent 0.0
        value = str(value)
    if not isinstance(value, str):
        q = _number_to_fraction(value, where)
        return _check_range(q, where, value) if bounded else q
    if len(value) > MAX_NUMBER_LENGTH:
        raise InputError(f"{where}: {short_text(value)} is too long for a number (at most "
                         f"{MAX_NUMBER_LENGTH} characters)")
    m = _RATIONAL.match(value)
    if m:
        if int(m.group(2)) == 0:
            raise InputError(f"{where}: {short_text(value)} is not a number (division by zero)")
        return _check_range(Fraction(int(m.group(1)), int(m.group(2))), where, value)
    m = _DECIMAL.match(value)
    if not m or not (m.group(2) or m.group(3)):
        raise InputError(f"{where}: {short_text(value)} is not a number")
    sign, whole, frac, exp = m.group(1), m.group(2) or "", m.group(3) or "", m.group(4)
    digits = (whole + frac).lstrip("0")
    if not digits:
        return Fraction(0)
    e = int(exp) if exp else 0
    # the number is digits * 10**(e - len(frac)); its order of magnitude decides before computing
    order = e - len(frac) + len(digits) - 1  # 10**order <= |x| < 10**(order + 1)
    if order >= MAX_DECIMAL_EXPONENT:
        raise InputError(f"{where}: {short_text(value)} is too large (numbers must be below "
                         f"1e{MAX_DECIMAL_EXPONENT} in absolute value)")
    if order < _MIN_ORDER - 1:
        raise InputError(f"{where}: {_TOO_SMALL.format(short_text(value))}")
    shift = e - len(frac)
    n = int(digits)
    q = Fraction(n * 10 ** shift) if shift >= 0 else Fraction(n, 10 ** -shift)
    return _check_range(-q if sign == "-" else q, where, value)
