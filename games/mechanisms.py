"""Policy levers as payoff transformations: each function takes a game and returns a new game.

The instruments that governments use to make cooperation pay (Zhang, Li & Bian 2012; Cui et al.)
change payoffs, not the strategies: a horizontal transfer between cities, an eco-compensation bet
on a water-quality index, a penalty or a subsidy set by a superior, new weights in the
performance evaluation, a contract enforced with some probability. Each function here is pure
(the input game is left unchanged), accepts numeric or sympy amounts, and returns a
:class:`~govgames.games.NormalFormGame` with the same players and strategies, so the levers compose:
``penalty(subsidy(g, ...), ...)``. Transfers, penalties and subsidies *add* a payoff change, so
they commute with each other; :func:`evaluation_weights` rescales payoffs and therefore does not
commute with them in general.

Which profiles a lever applies to is given by a *selector*:

* ``None``: every profile;
* a strategy name (or a list of names) of the player the lever is about;
* a dict ``{player: strategy or [strategies]}``: the profiles where every listed player plays one
  of the listed strategies (e.g. ``{"Upstream": "Abate"}``);
* a list of profiles (tuples of strategy names or indices, one per player); a single tuple
  with one strategy per player is one profile, while a *list* of names is a set of strategies
  of the player the lever is about;
* a callable taking the profile's strategy names (a tuple) and returning ``True``/``False``;
* a boolean numpy array of the game's shape.

References
----------
.. [1] R. H. Coase, "The problem of social cost", *Journal of Law and Economics* 3 (1960), 1-44.
.. [2] A. C. Pigou, *The Economics of Welfare*, Macmillan, 1920.
.. [3] Zhang Chengfu, Li Haocheng and Bian Xiaohui, "Cross-boundary governance: modes, mechanisms
   and dilemmas", *Chinese Public Administration* (2012): benefit compensation between
   jurisdictions.
.. [4] Ministry of Finance / Ministry of Environmental Protection, Xin'an River basin horizontal
   eco-compensation pilot (2012-2014): Zhejiang pays Anhui 100 million yuan when the water-quality
   index P <= 1, Anhui pays Zhejiang 100 million otherwise.
"""

from __future__ import annotations

import decimal
import numbers
from typing import Mapping

import numpy as np
import sympy as sp

from .errors import InputError
from .expr import as_sympy
from .game import NormalFormGame
from .numbers import exact_rational

__all__ = ["profile_mask", "transfer", "conditional_transfer", "penalty", "subsidy",
           "evaluation_weights", "enforcement"]


# ---------------------------------------------------------------------- helpers
def _amount(value, what: str):
    """A numeric (float) or sympy amount; reject anything else with a clear message."""
    if isinstance(value, bool):
        raise InputError(f"{what} must be a number or a sympy expression, got {value!r}")
    if isinstance(value, (int, np.integer)) and abs(int(value)) <= 2 ** 53:
        return float(value)
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise InputError(f"{what} must be finite, got {value!r}")
        return float(value)
    if isinstance(value, (numbers.Rational, decimal.Decimal)):
        # a Fraction, a Decimal or an int too large for a float stays exact (bounded as
        # every number a user writes)
        q = exact_rational(value, where=what)
        return sp.Rational(q.numerator, q.denominator)
    if isinstance(value, sp.Basic):
        if value.is_number:
            if value.is_Rational:
                return value
            return float(value)
        return value
    raise InputError(f"{what} must be a number or a sympy expression, got {value!r}")




def _names(game: NormalFormGame, idx) -> tuple:
    return tuple(game.strategies[i][s] for i, s in enumerate(idx))


def profile_mask(game: NormalFormGame, when=None, player=None) -> np.ndarray:
    """Boolean array of the game's shape marking the profiles a selector picks.

    Parameters
    ----------
    game : NormalFormGame
    when : selector
        See the module docstring. A bare strategy name (or list of names) refers to ``player``.
    player : str or int, optional
        The player a bare strategy name refers to.

    Examples
    --------
    >>> g = NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], players=["U", "D"],
    ...                    strategies=[["Abate", "Pollute"], ["Pay", "Refuse"]])
    >>> profile_mask(g, {"U": "Abate"})
    array([[ True,  True],
           [False, False]])
    >>> profile_mask(g, "Refuse", player="D")
    array([[False,  True],
           [False,  True]])
    >>> profile_mask(g, [("Pollute", "Pay")])
    array([[False, False],
           [ True, False]])
    """
    shape = game.shape
    if when is None:
        return np.ones(shape, dtype=bool)
    if isinstance(when, np.ndarray):
        if when.shape != shape or when.dtype != bool:
            raise InputError(f"a boolean selector array must have the game's shape {shape}, "
                             f"got {when.dtype} array of shape {when.shape}")
        return when.copy()
    if isinstance(when, Mapping):
        mask = np.ones(shape, dtype=bool)
        for pl, strat in when.items():
            i = game.player_index(pl)
            chosen = [strat] if isinstance(strat, (str, int, np.integer)) else list(strat)
            keep = np.zeros(shape[i], dtype=bool)
            for s in chosen:
                keep[game.strategy_index(i, s)] = True
            sel: list[slice | None] = [np.newaxis] * game.n_players
            sel[i] = slice(None)
            mask &= keep[tuple(sel)]
        return mask
    if callable(when):
        mask = np.zeros(shape, dtype=bool)
        for idx in game.pure_profiles():
            mask[idx] = bool(when(_names(game, idx)))
        return mask
    if isinstance(when, (str, int, np.integer)) and not isinstance(when, bool):
        if player is None:
            raise InputError(f"the selector {when!r} names a strategy: say whose (player=...)")
        return profile_mask(game, {player: when})
    if isinstance(when, tuple) and len(when) == game.n_players and all(
            isinstance(s, (str, int, np.integer)) for s in when):
        when = [when]
    try:
        items = list(when)
    except TypeError:
        raise InputError(f"cannot read the profile selector {when!r}") from None
    if not items:
        return np.zeros(shape, dtype=bool)
    if all(isinstance(s, (str, int, np.integer)) and not isinstance(s, bool) for s in items):
        if player is None:
            raise InputError(f"the selector {items!r} lists strategies: say whose (player=...), or "
                             "give profiles as tuples")
        return profile_mask(game, {player: items})
    mask = np.zeros(shape, dtype=bool)
    for prof in items:
        if not isinstance(prof, (tuple, list)):
            raise InputError(f"a profile in the selector must be a tuple of strategies, "
                             f"got {prof!r}")
        mask[game.pure_profile(prof)] = True
    return mask


def _apply(game: NormalFormGame, delta: np.ndarray) -> NormalFormGame:
    """The game with ``delta`` (shape ``(n_players, *shape)``, floats or sympy) added."""
    P = np.asarray(game.payoff_array)
    if P.dtype != object and delta.dtype != object:
        return game.with_payoffs(P + delta)
    P = P.astype(object)
    new = np.empty(P.shape, dtype=object)
    for idx in np.ndindex(P.shape):
        a, d = P[idx], delta[idx]
        if isinstance(d, (int, float)) and d == 0:
            new[idx] = as_sympy(a)
        else:
            new[idx] = as_sympy(a) + as_sympy(d)
    return game.with_payoffs(new)


def _zeros(game: NormalFormGame, symbolic: bool) -> np.ndarray:
    shape = (game.n_players,) + game.shape
    if symbolic:
        z = np.empty(shape, dtype=object)
        z.fill(0)
        return z
    return np.zeros(shape)


def _is_sym(*xs) -> bool:
    return any(isinstance(x, sp.Basic) for x in xs)


# ---------------------------------------------------------------------- transfers
def transfer(game: NormalFormGame, payer, receiver, amount) -> NormalFormGame:
    """A fixed side payment: ``payer`` pays ``receiver`` ``amount`` in every profile.

    An unconditional transfer moves utility between players without changing anyone's
    incentives, so it never changes the equilibria (it can change who gains from cooperation
    and so whether an agreement is acceptable: the participation constraint of Coase 1960).

    Parameters
    ----------
    game : NormalFormGame
    payer, receiver : str or int
        Players (names or indices); they must differ.
    amount : number or sympy expression
        May be negative (then the receiver pays).

    Returns
    -------
    NormalFormGame

    Examples
    --------
    Urumqi pays Changji 40 (million yuan a year; “Local cooperation”):

    >>> g = NormalFormGame([[[0, 0]], [[5, 1]]], players=["Changji", "Urumqi"],
    ...                    strategies=[["Protect"], ["Use", "Idle"]])
    >>> transfer(g, "Urumqi", "Changji", 40).payoff(("Protect", "Use"))
    array([ 40., -35.])
    """
    i, j = game.player_index(payer), game.player_index(receiver)
    if i == j:
        raise InputError("a transfer needs two different players; payer and receiver are "
                         f"both {game.players[i]!r}")
    amt = _amount(amount, "the transfer amount")
    delta = _zeros(game, _is_sym(amt))
    delta[i] -= amt
    delta[j] += amt
    return _apply(game, delta)


def conditional_transfer(game: NormalFormGame, payer, receiver, amount, when=None,
                         otherwise=0) -> NormalFormGame:
    """A payment made only in some outcomes, optionally reversed (or changed) in the others.

    ``payer`` pays ``receiver`` ``amount`` in the profiles picked by ``when`` and ``otherwise``
    in the rest (a negative ``otherwise`` flows from ``receiver`` to ``payer``). A bet on an
    outcome, like the Xin'an River water-quality agreement, is ``otherwise=-amount``.

    Parameters
    ----------
    game : NormalFormGame
    payer, receiver : str or int
    amount : number or sympy expression
        Paid in the selected profiles.
    when : selector
        Profiles in which ``amount`` is paid (see the module docstring); a bare strategy name
        refers to the *receiver* (payment conditional on the receiver's action, e.g. abatement).
    otherwise : number or sympy expression
        Paid (in the same direction) in every other profile; default 0.

    Returns
    -------
    NormalFormGame

    Examples
    --------
    The Xin'an River bet (2012-14): Zhejiang (downstream) pays Anhui (upstream) 1 (hundred
    million yuan) when the water meets the standard, which happens when Anhui abates, and
    Anhui pays Zhejiang 1 otherwise.

    >>> g = NormalFormGame([[[-3, -3], [0, 0]], [[5, 1], [0, -4]]],
    ...                    players=["Anhui", "Zhejiang"],
    ...                    strategies=[["Abate", "Pollute"], ["Clean", "Idle"]])
    >>> bet = conditional_transfer(g, "Zhejiang", "Anhui", 1, when="Abate", otherwise=-1)
    >>> bet.payoff(("Abate", "Clean")), bet.payoff(("Pollute", "Idle"))
    (array([-2.,  4.]), array([-1., -3.]))
    """
    i, j = game.player_index(payer), game.player_index(receiver)
    if i == j:
        raise InputError("a transfer needs two different players; payer and receiver are "
                         f"both {game.players[i]!r}")
    amt = _amount(amount, "the transfer amount")
    other = _amount(otherwise, "the 'otherwise' amount")
    mask = profile_mask(game, when, player=receiver)
    sym = _is_sym(amt, other)
    pay = np.empty(game.shape, dtype=object) if sym else np.zeros(game.shape)
    for idx in np.ndindex(game.shape):
        pay[idx] = amt if mask[idx] else other
    delta = _zeros(game, sym)
    delta[i] = -pay
    delta[j] = pay
    return _apply(game, delta)


def penalty(game: NormalFormGame, player, when, amount) -> NormalFormGame:
    """A fine of ``amount`` on ``player`` in the selected profiles (to a third party).

    Parameters
    ----------
    game : NormalFormGame
    player : str or int
        Who pays.
    when : selector
        A strategy name (or list) of ``player`` (the fine for *playing* it), a dict, profiles, a
        callable or a boolean array (see the module docstring).
    amount : number or sympy expression
        An *expected* fine is ``q * f`` (audit probability times fine).

    Returns
    -------
    NormalFormGame

    Examples
    --------
    A fine f on polluting turns the prisoner's dilemma of abatement around when f > 1:

    >>> import sympy as sp
    >>> f = sp.Symbol("f", positive=True)
    >>> g = NormalFormGame([[[2, 0], [3, 1]], [[2, 3], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
    >>> penalty(g, "A", "Pollute", f).payoff(("Pollute", "Abate"))
    array([3 - f, 0], dtype=object)
    """
    i = game.player_index(player)
    amt = _amount(amount, "the penalty")
    mask = profile_mask(game, when, player=player)
    delta = _zeros(game, _is_sym(amt))
    delta[i][mask] = -amt
    return _apply(game, delta)


def subsidy(game: NormalFormGame, player, when, amount) -> NormalFormGame:
    """A payment of ``amount`` to ``player`` in the selected profiles (from a third party).

    Vertical fiscal transfers (centre or province to a locality) for cooperating, e.g. the
    centre's 300 million yuan a year to Anhui in the Xin'an River pilot.

    Parameters
    ----------
    game : NormalFormGame
    player : str or int
    when : selector
        A strategy name (or list) of ``player``, a dict, profiles, a callable or a boolean array.
    amount : number or sympy expression

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> g = NormalFormGame([[[2, 0], [3, 1]], [[2, 3], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
    >>> subsidy(g, "B", "Abate", 1.5).payoff(("Pollute", "Abate"))
    array([3. , 1.5])
    """
    i = game.player_index(player)
    amt = _amount(amount, "the subsidy")
    mask = profile_mask(game, when, player=player)
    delta = _zeros(game, _is_sym(amt))
    delta[i][mask] = amt
    return _apply(game, delta)


# ---------------------------------------------------------------------- evaluation
def _indicator_array(game: NormalFormGame, value, name: str) -> np.ndarray:
    """An indicator as an array of shape ``(n_players, *shape)`` (object dtype)."""
    shape = game.shape
    n = game.n_players
    if callable(value) and not isinstance(value, sp.Basic):
        out = np.empty((n,) + shape, dtype=object)
        for idx in game.pure_profiles():
            v = value(_names(game, idx))
            if isinstance(v, (list, tuple, np.ndarray)):
                if len(v) != n:
                    raise InputError(f"indicator {name!r} returned {len(v)} values at "
                                     f"{_names(game, idx)}, expected one shared value or {n}")
                for i in range(n):
                    out[(i,) + idx] = _amount(v[i], f"indicator {name!r}")
            else:
                v = _amount(v, f"indicator {name!r}")
                for i in range(n):
                    out[(i,) + idx] = v
        return out
    arr = np.array(value, dtype=object)
    if arr.shape == shape:
        arr = np.broadcast_to(arr, (n,) + shape)
    elif arr.shape == ():
        arr = np.broadcast_to(arr, (n,) + shape)
    elif arr.shape != (n,) + shape:
        raise InputError(f"indicator {name!r} must have shape {shape} (shared) or {(n,) + shape} "
                         f"(one per player), got {arr.shape}")
    out = np.empty((n,) + shape, dtype=object)
    for idx in np.ndindex(out.shape):
        out[idx] = _amount(arr[idx], f"indicator {name!r}")
    return out


def evaluation_weights(game: NormalFormGame, indicators: Mapping, weights,
                       normalise: bool = True) -> NormalFormGame:
    """Re-weight the performance evaluation: mix the payoffs with extra indicators.

    Each player's new payoff is ``(1 - sum_k w_k) * u_i + sum_k w_k * I_k`` (``normalise=True``,
    the game's payoff is one indicator among others, e.g. the GDP ranking) or
    ``u_i + sum_k w_k * I_k`` (``normalise=False``, indicators added on top). This encodes the
    reform of cadre evaluation named in Cui et al. (environment and development quality beside
    GDP; lifetime accountability for ecological damage).

    Parameters
    ----------
    game : NormalFormGame
    indicators : dict
        ``name -> values``: an array of the game's shape (an indicator shared by all players,
        e.g. regional air quality), an array of shape ``(n_players, *shape)`` (one per player),
        or a callable of the profile's strategy names returning one value or one per player.
    weights : number, sympy expression or dict
        A single weight (with a single indicator), ``{indicator: weight}`` (same for every
        player) or ``{player: {indicator: weight}}``.
    normalise : bool
        Whether the game's own payoff keeps weight ``1 - sum of weights``.

    Returns
    -------
    NormalFormGame

    Examples
    --------
    Two officials compete on GDP rank (a prisoner's dilemma); a shared environmental indicator
    counts the cooperators. With weight w on it, cooperation pays when w > 1/2:

    >>> import sympy as sp
    >>> w = sp.Symbol("w", positive=True)
    >>> g = NormalFormGame([[[1, 0], [2, 1]], [[1, 2], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Cooperate", "Compete"], ["Cooperate", "Compete"]])
    >>> env = [[2, 1], [1, 0]]
    >>> h = evaluation_weights(g, {"environment": env}, w)
    >>> sp.simplify(h.payoff(("Cooperate", "Cooperate"))[0] - h.payoff(("Compete", "Cooperate"))[0])
    2*w - 1
    """
    if not isinstance(indicators, Mapping) or not indicators:
        raise InputError("indicators must be a non-empty dict name -> values")
    arrays = {name: _indicator_array(game, val, str(name)) for name, val in indicators.items()}
    n = game.n_players
    # weights per player per indicator
    if isinstance(weights, Mapping):
        keys = list(weights.keys())
        if keys and all(str(k) in set(map(str, indicators)) for k in keys) and not any(
                str(k) in game.players for k in keys):
            per_player = [{str(k): weights[k] for k in keys}] * n
        else:
            per_player = [dict() for _ in range(n)]
            for pl, wd in weights.items():
                i = game.player_index(pl)
                if not isinstance(wd, Mapping):
                    raise InputError(f"weights of player {game.players[i]!r} must be a dict "
                                     "indicator -> weight")
                per_player[i] = {str(k): v for k, v in wd.items()}
    else:
        if len(indicators) != 1:
            raise InputError("a single weight needs a single indicator; give "
                             "{indicator: weight} for several")
        per_player = [{str(next(iter(indicators))): weights}] * n
    names = set(map(str, indicators))
    for i, wd in enumerate(per_player):
        unknown = set(wd) - names
        if unknown:
            raise InputError(f"weights of player {game.players[i]!r} name unknown indicators "
                             f"{sorted(unknown)}; indicators are {sorted(names)}")
    P = np.asarray(game.payoff_array)
    new = np.empty(P.shape, dtype=object)
    by_name = {str(k): v for k, v in arrays.items()}
    for i in range(n):
        ws = {k: _amount(v, f"weight of {k!r} for player {game.players[i]!r}")
              for k, v in per_player[i].items()}
        own = (1 - sum(ws.values())) if normalise else 1
        for idx in np.ndindex(game.shape):
            val = as_sympy(own) * as_sympy(P[(i,) + idx])
            for k, wk in ws.items():
                val = val + as_sympy(wk) * as_sympy(by_name[k][(i,) + idx])
            new[(i,) + idx] = sp.expand(val) if isinstance(val, sp.Basic) else val
    if all(x.is_Integer for x in new.flat) or (
            P.dtype != object and all(x.is_number for x in new.flat)):
        new = np.array([float(x) for x in new.flat]).reshape(new.shape)
    return game.with_payoffs(new)


# ---------------------------------------------------------------------- enforcement
def enforcement(game: NormalFormGame, p, contract: Mapping, damages,
                to: str = "victims") -> NormalFormGame:
    """A contract that is enforced with probability ``p``: a breach costs ``p * damages``.

    The contract prescribes a strategy to some players (e.g. both cities abate). A player who
    plays anything else is caught with probability ``p`` (a court, an arbiter, the superior's
    inspection) and then pays ``damages``: to the players who kept the contract, in equal shares
    (``to="victims"``: a transfer), or to a third party (``to="third party"``: a penalty). The
    expected payoff change is what this function adds, so ``p`` and ``damages`` may be symbolic
    and the result composes with the other levers.

    Parameters
    ----------
    game : NormalFormGame
    p : number or sympy expression
        Probability that a breach is enforced (a number must be in [0, 1]).
    contract : dict
        ``{player: prescribed strategy}``.
    damages : number or sympy expression
        Paid by each breaching player when enforced.
    to : {"victims", "third party"}
        Who receives the damages. With no complying player the damages go to a third party.

    Returns
    -------
    NormalFormGame

    Examples
    --------
    A prisoner's dilemma with a contract "both abate"; breaching gains 1, so the contract holds
    (mutual abatement becomes an equilibrium) when ``p * D >= 1``:

    >>> import sympy as sp
    >>> p, D = sp.symbols("p D", positive=True)
    >>> g = NormalFormGame([[[2, 0], [3, 1]], [[2, 3], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
    >>> h = enforcement(g, p, {"A": "Abate", "B": "Abate"}, D)
    >>> h.payoff(("Pollute", "Abate"))
    array([-D*p + 3, D*p], dtype=object)
    """
    if to not in ("victims", "third party"):
        raise InputError(f"damages go to 'victims' or 'third party', got {to!r}")
    pp = _amount(p, "the enforcement probability")
    if not isinstance(pp, sp.Basic) or pp.is_number:
        if not 0 <= float(pp) <= 1:
            raise InputError(f"the enforcement probability must be in [0, 1], got {p!r}")
    dmg = _amount(damages, "the damages")
    if not isinstance(contract, Mapping) or not contract:
        raise InputError("the contract must be a non-empty dict {player: prescribed strategy}")
    prescribed = {game.player_index(pl): game.strategy_index(pl, s) for pl, s in contract.items()}
    exp = pp * dmg
    sym = _is_sym(exp)
    delta = _zeros(game, sym)
    for idx in game.pure_profiles():
        breach = [i for i, s in prescribed.items() if idx[i] != s]
        keep = [i for i, s in prescribed.items() if idx[i] == s]
        for i in breach:
            delta[(i,) + idx] = delta[(i,) + idx] - exp
            if to == "victims" and keep:
                share = exp / len(keep)
                for j in keep:
                    delta[(j,) + idx] = delta[(j,) + idx] + share
    return _apply(game, delta)
