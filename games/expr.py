"""A whitelist parser for arithmetic expressions in game files.

Game files are data. Their payoff entries may be arithmetic over declared parameters, but parsing
them must never execute code: this module parses the text with Python's :mod:`ast` (which only
builds a syntax tree) and accepts a small whitelist of node types: numbers, declared parameter
names, ``+ - * / **``, unary minus, parentheses and the functions ``min``, ``max``, ``exp``,
``log`` and ``sqrt``. The tree is translated into a sympy expression node by node; neither
``eval`` nor ``sympify`` ever sees the text.
"""

from __future__ import annotations

import ast
from fractions import Fraction
from typing import Iterable, Mapping, NoReturn

import sympy as sp

from .errors import InputError
from .numbers import exact_rational

__all__ = ["parse_expression", "parse_comparison", "exact_tree", "substitution", "parse_syntax", "number_constant", "parse_number", "as_sympy", "ALLOWED_FUNCTIONS",
           "MAX_EXPRESSION_LENGTH", "MAX_POWER_BITS", "MAX_EXPONENT", "MAX_ROOT", "MAX_EXP_ARGUMENT"]

#: Functions an expression may call, and the sympy function each becomes.
ALLOWED_FUNCTIONS = {"min": sp.Min, "max": sp.Max, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt}

#: Longest expression text accepted (guards against pathological inputs).
MAX_EXPRESSION_LENGTH = 2000

#: Largest exact number a power may produce, in bits of its numerator or denominator (about
#: 315,000 decimal digits): ``9**9**9`` or ``((9**64)**64)**64**...`` are refused at once instead
#: of computing for hours.
MAX_POWER_BITS = 1 << 20

#: Largest numeric exponent accepted (also after sympy combines ``(b**a)**c`` into ``b**(a*c)``).
MAX_EXPONENT = 64

#: Largest denominator of a fractional exponent (``x**(1/3)`` is a cube root); ``54**0.9000000000001``
#: would make sympy raise prime factors to exponents near 10**13.
MAX_ROOT = 64

#: Largest argument of ``exp`` of a number (``exp(710)`` overflows a float).
MAX_EXP_ARGUMENT = 700

# readable names of syntax the whitelist refuses
_NODE_NAMES = {
    "Attribute": "an attribute access", "Subscript": "a subscript", "Slice": "a slice",
    "ListComp": "a comprehension", "SetComp": "a comprehension", "DictComp": "a comprehension",
    "GeneratorExp": "a comprehension", "JoinedStr": "an f-string", "FormattedValue": "an f-string",
    "Lambda": "a lambda", "NamedExpr": "an assignment (:=)", "Compare": "a comparison",
    "BoolOp": "a boolean operator (and/or)", "IfExp": "a conditional expression",
    "List": "a list", "Tuple": "a tuple", "Set": "a set", "Dict": "a dict", "Starred": "a *",
    "Await": "an await", "Yield": "a yield", "YieldFrom": "a yield",
}


def _short(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters for an error message."""
    return text if len(text) <= limit else text[:limit - 3] + "..."

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}


def parse_number(value, *, where: str = "value"):
    """Turn a JSON number or a rational string such as ``"2/3"`` into an exact sympy number.

    Floats are kept exactly as written in decimal (``0.1`` becomes ``1/10``), so that exact
    verification works on what the user typed.

    >>> parse_number("2/3")
    2/3
    >>> parse_number(0.25)
    1/4
    >>> parse_number("x", where="payoffs.A[0][1]")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoffs.A[0][1]: 'x' is not a number
    """
    q = exact_rational(value, where=where)
    return sp.Rational(q.numerator, q.denominator)


def as_sympy(value, *, where: str = "value") -> sp.Expr:
    """A number or sympy object as a sympy expression, without ever parsing text as code.

    The one conversion used across govgames: sympy objects pass through; integers and
    :class:`~fractions.Fraction` become exact rationals; floats become the exact decimal they
    print as (``0.1`` is ``1/10``; unlike ``nsimplify``, ``1.9999999`` stays ``19999999/10000000``);
    strings are accepted only as numbers or rationals (``"2/3"``), never as expressions (use
    :func:`parse_expression` with declared parameters for those).

    >>> as_sympy(0.1), as_sympy(3), as_sympy("2/3")
    (1/10, 3, 2/3)
    >>> as_sympy(1.9999999)
    19999999/10000000
    >>> as_sympy("x + 1")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: value: 'x + 1' is not a number
    """
    if isinstance(value, sp.Basic):
        return value
    return parse_number(value, where=where)


def parse_syntax(text: str, *, where: str, max_length: int, invalid: str,
                 nested: str | None = None) -> tuple[str, ast.expr]:
    """Parse one Python-syntax expression into an AST without ever evaluating it.

    The shared front end of the whitelist parsers (payoff expressions here, entry-rule
    conditions in :mod:`govgames.networks.entry`): the text is length-checked before parsing,
    and parser failures become :class:`InputError`. The caller then walks the tree and accepts
    only the node types it whitelists.

    Parameters
    ----------
    text : str
    where : str
        Start of every error message.
    max_length : int
        Longest text accepted (characters).
    invalid : str
        Message (after ``where``) when the text is not valid syntax.
    nested : str, optional
        Message when the text is nested too deeply for the parser; default ``invalid``.

    Returns
    -------
    (str, ast.expr)
        The stripped source (for :func:`ast.get_source_segment`) and the expression node.

    Raises
    ------
    InputError
        If the text is too long or cannot be parsed.

    Examples
    --------
    >>> src, node = parse_syntax(" a >= 2", where="rule", max_length=50, invalid="not valid")
    >>> src, type(node).__name__
    ('a >= 2', 'Compare')
    >>> parse_syntax("2 +", where="x", max_length=50, invalid="'2 +' is not valid")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: x: '2 +' is not valid
    """
    if len(text) > max_length:
        raise InputError(f"{where}: longer than {max_length} characters")
    source = text.strip()
    try:
        return source, ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError):  # ValueError: a NUL character
        raise InputError(f"{where}: {invalid}") from None
    except (RecursionError, MemoryError):
        raise InputError(f"{where}: {nested or invalid}") from None


def number_constant(node: ast.Constant, source: str, *, where: str) -> Fraction | None:
    """The exact value of a numeric literal as written, or None if it is not a number.

    Reads the literal's text (the float AST makes ``0.0`` of ``1e-400`` and ``inf`` of
    ``1e999``) through :func:`govgames.games.numbers.exact_rational`; booleans, strings and other
    constants give None so that the caller can refuse them in its own words.

    Parameters
    ----------
    node : ast.Constant
    source : str
        The text that was parsed (as returned by :func:`parse_syntax`).
    where : str
        Start of error messages.

    Returns
    -------
    fractions.Fraction or None

    Raises
    ------
    InputError
        If the number is out of range (see :func:`~govgames.games.numbers.exact_rational`).

    Examples
    --------
    >>> src, node = parse_syntax("0.1", where="x", max_length=9, invalid="?")
    >>> number_constant(node, src, where="x")
    Fraction(1, 10)
    """
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    written = ast.get_source_segment(source, node) if isinstance(value, float) else None
    return exact_rational(written or value, where=where)


#: comparison operators of :func:`parse_comparison` and the arithmetic of exact trees
_COMPARISONS = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<", ast.Eq: "=="}
_EXACT_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


def exact_tree(node: ast.expr, text: str, *, where: str, allowed: str) -> tuple:
    """An exact arithmetic tree of tuples from a parsed expression, by the same whitelist.

    The second front end of this parser (after :func:`parse_expression`, which builds sympy
    expressions): numbers stay exact :class:`~fractions.Fraction` values as written, and names
    and ``name["key"]`` lookups stay symbolic for the caller to look up (entry rules of clubs,
    :mod:`govgames.networks.entry_rules`). Only ``+ - * /``, unary signs, numbers, names and
    lookups with a quoted key are accepted; nothing is evaluated.

    Parameters
    ----------
    node : ast.expr
        A node returned by :func:`parse_syntax`.
    text : str
        The text as written (for numbers' exact values and for error messages).
    where : str
        Start of error messages.
    allowed : str
        What is allowed, in words, for the error message.

    Returns
    -------
    tuple
        ``("num", Fraction)``, ``("name", str)``, ``("ref", name, key)``,
        ``("bin", op, left, right)`` with ``op`` one of ``+ - * /``, or ``("neg", operand)``.

    Raises
    ------
    InputError
        For any other syntax, naming it.

    Examples
    --------
    >>> src, node = parse_syntax('2 * gdp["S"] - -x', where="c", max_length=50, invalid="?")
    >>> exact_tree(node, src, where="c", allowed="arithmetic")
    ('bin', '-', ('bin', '*', ('num', Fraction(2, 1)), ('ref', 'gdp', 'S')), ('neg', ('name', 'x')))
    >>> exact_tree(parse_syntax("f(1)", where="c", max_length=9, invalid="?")[1], "f(1)",
    ...            where="c", allowed="arithmetic")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: c: only arithmetic is allowed; found a Call element in "f(1)"
    """
    def fail(what: str) -> NoReturn:
        raise InputError(f"{where}: only {allowed} is allowed; found {what} in \"{text}\"")

    if isinstance(node, ast.Constant):
        q = number_constant(node, text.strip(), where=where)
        if q is None:
            fail(f"the constant {node.value!r}")
        return ("num", q)
    if isinstance(node, ast.Name):
        return ("name", node.id)
    if isinstance(node, ast.Subscript):
        if not isinstance(node.value, ast.Name):
            fail("a lookup on something other than an attribute name")
        key = node.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            fail("a lookup whose key is not a quoted city name")
        return ("ref", node.value.id, key.value)
    sub = dict(text=text, where=where, allowed=allowed)
    if isinstance(node, ast.BinOp) and type(node.op) in _EXACT_BINARY:
        return ("bin", _EXACT_BINARY[type(node.op)], exact_tree(node.left, **sub),
                exact_tree(node.right, **sub))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = exact_tree(node.operand, **sub)
        return ("neg", inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Compare):
        fail("a chained comparison")
    fail(f"a {type(node).__name__} element")


def parse_comparison(text: str, *, where: str, max_length: int, invalid: str,
                     allowed: str) -> tuple[tuple, str, tuple]:
    """Parse one comparison ``left OP right`` into two exact trees (see :func:`exact_tree`).

    Parameters
    ----------
    text : str
    where : str
        Start of every error message.
    max_length : int
        Longest text accepted (characters).
    invalid : str
        Message (after ``where``) when the text is not valid syntax.
    allowed : str
        What each side may contain, in words, for error messages.

    Returns
    -------
    (tuple, str, tuple)
        The left tree, the operator (one of ``>= > <= < ==``) and the right tree.

    Raises
    ------
    InputError
        If the text is not one comparison of two whitelisted arithmetic expressions.

    Examples
    --------
    >>> parse_comparison("u >= 0.2", where="c", max_length=99, invalid="?", allowed="arithmetic")
    (('name', 'u'), '>=', ('num', Fraction(1, 5)))
    >>> parse_comparison("1 < u < 2", where="c", max_length=99, invalid="?", allowed="arithmetic")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: c: chained comparisons are not allowed in '1 < u < 2'
    """
    _, tree = parse_syntax(text, where=where, max_length=max_length, invalid=invalid)
    if not isinstance(tree, ast.Compare):
        raise InputError(f"{where}: {text!r} is not a comparison (use one of "
                         ">=, >, <=, <, ==)")
    if len(tree.ops) != 1:
        raise InputError(f"{where}: chained comparisons are not allowed in {text!r}")
    if type(tree.ops[0]) not in _COMPARISONS:
        raise InputError(f"{where}: operator {type(tree.ops[0]).__name__} is not allowed "
                         "(use one of >=, >, <=, <, ==)")
    left = exact_tree(tree.left, text, where=where, allowed=allowed)
    right = exact_tree(tree.comparators[0], text, where=where, allowed=allowed)
    return left, _COMPARISONS[type(tree.ops[0])], right


def parse_expression(text, parameters: Mapping[str, sp.Symbol] | Iterable[str] = (), *,
                     where: str = "expression") -> sp.Expr:
    """Parse an arithmetic expression over declared parameters into a sympy expression.

    Parameters
    ----------
    text : str, int or float
        The entry as written in the file. Numbers are accepted as they are.
    parameters : mapping of name to sympy Symbol, or iterable of names
        The declared parameters; any other name is rejected.
    where : str
        Where the entry is (player, JSON path); used in error messages.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InputError
        If the text is not an arithmetic expression over the declared parameters.

    Examples
    --------
    >>> parse_expression("b - c + s*b", ["b", "c", "s"])
    b*s + b - c
    >>> parse_expression("max(0, 2/3 - x)", ["x"])
    Max(0, 2/3 - x)
    >>> parse_expression("__import__('os').system('ls')", ["b"], where="payoffs.A[0][0]")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoffs.A[0][0]: only arithmetic over declared parameters is allowed; found a call to something other than min, max, exp, log, sqrt in "__import__('os').system('ls')"
    >>> parse_expression("b + d", ["b"], where="payoffs.B[1][0]")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoffs.B[1][0]: unknown name 'd' in "b + d" (declared parameters: b)
    """
    if not isinstance(text, str):
        return parse_number(text, where=where)
    if not isinstance(parameters, Mapping):
        parameters = {name: sp.Symbol(name, real=True) for name in parameters}
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise InputError(f"{where}: expression longer than {MAX_EXPRESSION_LENGTH} characters")
    source, tree = parse_syntax(
        text, where=where, max_length=MAX_EXPRESSION_LENGTH,
        invalid=f"{_short(text)!r} is not a valid arithmetic expression",
        nested=f"expression nested too deeply: {_short(text)!r}")

    def fail(what):
        raise InputError(
            f"{where}: only arithmetic over declared parameters is allowed; found {what} in "
            f"\"{_short(text)}\""
        )

    def build(node):
        if isinstance(node, ast.Constant):
            q = number_constant(node, source, where=where)
            if q is None:
                fail(f"the constant {node.value!r}")
            return sp.Rational(q.numerator, q.denominator)
        if isinstance(node, ast.Name):
            if node.id in parameters:
                return parameters[node.id]
            declared = ", ".join(sorted(parameters)) or "none"
            raise InputError(
                f"{where}: unknown name {node.id!r} in \"{text}\" (declared parameters: {declared})"
            )
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _binary(node.op, build(node.left), build(node.right), text, where, fail)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = build(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call):
            if (not isinstance(node.func, ast.Name) or node.func.id not in ALLOWED_FUNCTIONS
                    or node.keywords):
                fail("a call to something other than " + ", ".join(ALLOWED_FUNCTIONS))
            return _call(node.func.id, [build(a) for a in node.args], text, where, fail)
        kind = type(node).__name__
        fail(_NODE_NAMES.get(kind, f"a {kind} element"))

    try:
        result = build(tree)
    except RecursionError:
        raise InputError(f"{where}: expression nested too deeply: {_short(text)!r}") from None
    if result.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I):
        raise InputError(f"{where}: \"{_short(text)}\" is not a finite real number")
    return result


def _binary(op, left, right, text, where, fail):
    """``left op right`` for a whitelisted operator, refusing division by zero and huge powers."""
    if isinstance(op, ast.Div) and right == 0:
        raise InputError(f"{where}: division by zero in \"{text}\"")
    if isinstance(op, ast.Pow):
        _check_power(left, right, text, where, fail)
        result = left**right
        if isinstance(result, sp.Pow):  # sympy may merge (b**64)**64 into b**4096
            _check_power(result.base, result.exp, text, where, fail)
        return result
    return _BINARY[type(op)](left, right)


def _check_power(base, exponent, text, where, fail):
    """Refuse powers whose exact value would be astronomically large (never compute them)."""
    if exponent.is_number and abs(exponent) > MAX_EXPONENT:
        fail(f"an exponent larger than {MAX_EXPONENT}")
    if exponent.is_Rational and exponent.q > MAX_ROOT:
        fail(f"a fractional exponent with denominator above {MAX_ROOT} (write the exponent "
             "as a simple fraction such as 9/10)")
    if exponent.is_number and not exponent.is_Rational:
        fail("a power with an irrational exponent")
    if base.is_number and base.is_negative and exponent.is_Rational and exponent.q != 1:
        raise InputError(f"{where}: a fractional power of the negative number {base} in "
                         f"\"{_short(text)}\" is not a real number")
    if base.is_Rational and exponent.is_Rational:
        bits = max(abs(base.p).bit_length(), base.q.bit_length()) * abs(exponent)
        if bits > MAX_POWER_BITS:
            fail(f"a power too large to compute exactly (about {int(bits * 0.30103):,} "
                 "digits)")


def _call(name, args, text, where, fail):
    """One of :data:`ALLOWED_FUNCTIONS` applied to ``args``, its arity and domain checked."""
    n = len(args)
    if (name in ("min", "max") and n < 1) or (name not in ("min", "max") and n != 1):
        fail(f"{name}() with {n} arguments")
    if args[0].is_number and name in ("exp", "log", "sqrt"):
        _check_function(name, args[0], text, where, fail)
    return ALLOWED_FUNCTIONS[name](*args)


def _check_function(name, arg, text, where, fail):
    """Refuse exp of a huge number, log of a non-positive one, sqrt of a negative one."""
    value = sp.N(arg, 30)
    if not value.is_real:
        raise InputError(f"{where}: {name}({arg}) in \"{_short(text)}\" is not a real number")
    if name == "exp" and value > MAX_EXP_ARGUMENT:
        fail(f"exp of a number above {MAX_EXP_ARGUMENT} (too large for floating point)")
    if name == "log" and value <= 0:
        raise InputError(f"{where}: log({arg}) in \"{_short(text)}\" is not a finite real number")
    if name == "sqrt" and value < 0:
        raise InputError(f"{where}: sqrt({arg}) in \"{_short(text)}\" is not a real number")


def substitution(parameters: Iterable[sp.Symbol], values: Mapping) -> dict:
    """The ``{symbol: value}`` map of a ``subs`` call on a game with these free parameters.

    Keys of ``values`` are parameter names or symbols; values become exact sympy numbers (or
    expressions). Shared by :meth:`govgames.games.NormalFormGame.subs`,
    :meth:`govgames.games.AnonymousGame.subs` and the continuous games.

    Parameters
    ----------
    parameters : iterable of sympy.Symbol
        The free parameters of the game.
    values : mapping
        Parameter name (str) or symbol -> number or sympy expression.

    Returns
    -------
    dict
        ``{symbol: sympy value}``, ready for :meth:`sympy.Basic.subs`.

    Raises
    ------
    InputError
        If a key is not one of ``parameters`` or a value is not a finite number.

    Examples
    --------
    >>> c = sp.Symbol("c", positive=True)
    >>> substitution([c], {"c": 0.5})
    {c: 1/2}
    >>> substitution([c], {"d": 1})
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: unknown parameter 'd'; the game's parameters are c
    """
    by_name = {p.name: p for p in parameters}
    sub = {}
    for key, val in values.items():
        name = key.name if isinstance(key, sp.Symbol) else str(key)
        if name not in by_name:
            known = ", ".join(by_name) or "none"
            raise InputError(f"unknown parameter {name!r}; the game's parameters are {known}")
        sub[by_name[name]] = as_sympy(val, where=f"value of parameter {name!r}")
    return sub


#: Former private name, kept for code written against it.
_substitution = substitution
