"""Behaviour strategies: one probability distribution over actions at each information set.

A :class:`BehaviourProfile` gives every information set of every player a distribution over its
actions; it is the result type of every extensive-form solver (as
:class:`~govgames.games.Equilibrium` is for normal-form ones) and is collected in an
:class:`~govgames.games.EquilibriumList`. With perfect recall, behaviour strategies and mixed
strategies are equivalent (Kuhn 1953): :mod:`govgames.games.extensive.reduced` converts between
them.

* :func:`behaviour_profile` builds a profile from plain dicts (``{player: action}``,
  ``{player: {infoset: {action: probability}}}``).
* :func:`expected_payoffs` is the payoff of every player under a profile (exact, also symbolic).
* :func:`best_response_values` is what each player could get by deviating: a single-agent
  problem solved by backward recursion over the player's own sequences (needs perfect recall).
* :func:`is_nash` compares the two exactly; restricted to a subgame it is the test behind
  :func:`govgames.games.extensive.is_subgame_perfect`.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the
   Theory of Games II*, Princeton UP, 1953, 193-216.
.. [2] B. von Stengel, "Efficient computation of behavior strategies", *Games and Economic
   Behavior* 14 (1996), 220-246 (realization plans and best responses by sequences).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy as sp

from ..equilibrium import EquilibriumList
from ..errors import InputError, refuse_unordered
from .tree import ExtensiveGame, add, exact_number, fmt, mul, own_sequences, require_tree

__all__ = ["BehaviourProfile", "behaviour_profile", "expected_payoffs", "best_response_values",
           "is_nash", "realization_probabilities"]


def _quoted(name) -> str:
    """An information set's name in double quotes (a quote or backslash in it escaped), so that
    a name of several words reads as one: ``"under the bet"``."""
    text = str(name).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _exact_text(x) -> str:
    """An exact number as a string: ``"2/3"`` for a rational, sympy's text otherwise."""
    try:
        return str(Fraction(x))
    except (TypeError, ValueError):
        return str(x)


def _prob_text(p) -> str:
    return fmt(p) if isinstance(p, Fraction) else f"{float(p):.6g}"


@dataclass(frozen=True, eq=False)
class BehaviourProfile:
    """A behaviour-strategy profile of a game tree, with its expected payoffs.

    Attributes
    ----------
    game : ExtensiveGame
    probs : tuple
        One entry per information set of ``game`` (``game.infosets`` order): a tuple of exact
        probabilities (Fractions) over its actions, or None for a chance information set.
    payoffs : tuple
        Expected payoff of each player (exact).
    defined : tuple of bool
        False where the player's own earlier moves make the information set unreachable, so that
        the profile could prescribe anything there without changing any payoff; such sets hold the
        uniform distribution (Gambit's convention) and print as "not reached".
    notes : tuple of str

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": terminal(0, 2),
    ...     "In": decision("I", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)})}))
    >>> b = behaviour_profile(g, {"E": "In", "I": {"I": {"Fight": "1/2", "Share": "1/2"}}})
    >>> print(b)
    E: In; I: 1/2 Fight + 1/2 Share  (payoffs 0, 0)
    >>> b.is_pure, b.action_probability("I", "I", "Share")
    (False, Fraction(1, 2))
    """

    game: ExtensiveGame
    probs: tuple
    payoffs: tuple
    defined: tuple
    notes: tuple = field(default=())

    # ------------------------------------------------------------------ access
    def action_probability(self, player, infoset, action):
        """Probability of ``action`` at a player's information set (given by name)."""
        g = self.game
        h = g.infoset_index(player, infoset)
        info = g.infosets[h]
        if action not in info.actions:
            raise InputError(f"information set {info.name!r} has no action {action!r}; actions "
                             f"are {list(info.actions)}")
        return self.probs[h][info.actions.index(action)]

    def at(self, player) -> dict:
        """``{infoset name: {action: probability}}`` of one player."""
        g = self.game
        i = g.player_index(player)
        return {g.infosets[h].name: dict(zip(g.infosets[h].actions, self.probs[h]))
                for h in g.player_infosets(i)}

    @property
    def is_pure(self) -> bool:
        """True when every defined information set has one action with probability one."""
        return all(p is None or not d or sum(1 for x in p if x) == 1
                   for p, d in zip(self.probs, self.defined))

    def pure_actions(self) -> dict | None:
        """``{(player, infoset name): action}`` of a pure profile (defined sets only), else None."""
        if not self.is_pure:
            return None
        g = self.game
        return {(g.players[h.player], h.name): h.actions[next(k for k, x in enumerate(self.probs[h.index]) if x)]
                for h in g.infosets if h.player is not None and self.defined[h.index]}

    # ------------------------------------------------------------------ output
    def _infoset_text(self, h) -> str:
        info = self.game.infosets[h]
        if not self.defined[h]:
            return "not reached"
        parts = [(a, p) for a, p in zip(info.actions, self.probs[h]) if p]
        if len(parts) == 1:
            return parts[0][0]
        return " + ".join(f"{_prob_text(p)} {a}" for a, p in parts)

    def player_text(self, player) -> str:
        """The player's behaviour as text: ``In`` (one information set) or, with several, the
        behaviour at each information set named in double quotes:
        ``t at "(1,1)"; 1/2 p + 1/2 q at "under the bet"``."""
        g = self.game
        i = g.player_index(player)
        hs = g.player_infosets(i)
        if not hs:
            return "(no move)"
        if len(hs) == 1:
            return self._infoset_text(hs[0])
        return "; ".join(f"{self._infoset_text(h)} at {_quoted(g.infosets[h].name)}" for h in hs)

    def __str__(self) -> str:
        g = self.game
        body = "; ".join(f"{p}: {self.player_text(i)}" for i, p in enumerate(g.players))
        return f"{body}  (payoffs {', '.join(_prob_text(x) for x in self.payoffs)})"

    def __repr__(self) -> str:
        return f"BehaviourProfile({self})"

    def to_dict(self) -> dict:
        """JSON-able: ``{"behaviour": {player: {infoset: {action: p}}}, "payoffs": [...],
        "behaviour_exact": ..., "payoffs_exact": [...]}`` (probabilities and payoffs as floats,
        and the same numbers exactly as rational strings such as ``"1/3"``; infosets not
        reached are listed under ``"not_reached"``).

        Examples
        --------
        >>> from govgames.games.extensive import ExtensiveGame, decision, terminal, tree_equilibria
        >>> g = ExtensiveGame(["A", "B"], decision("A", {"L": terminal(1, 0),
        ...                                             "R": terminal(0, 1)}))
        >>> d = tree_equilibria(g)[0].to_dict()
        >>> d["behaviour"]["A"], d["behaviour_exact"]["A"], d["payoffs_exact"]
        ({'A': {'L': 1.0, 'R': 0.0}}, {'A': {'L': '1', 'R': '0'}}, ['1', '0'])
        """
        g = self.game
        out: dict[str, Any] = {"behaviour": {}, "payoffs": [float(x) for x in self.payoffs]}
        exact: dict[str, Any] = {}
        missing = []
        for i, p in enumerate(g.players):
            out["behaviour"][p] = {}
            exact[p] = {}
            for h in g.player_infosets(i):
                info = g.infosets[h]
                out["behaviour"][p][info.name] = {a: float(x) for a, x in
                                                  zip(info.actions, self.probs[h])}
                exact[p][info.name] = {a: _exact_text(x) for a, x in
                                       zip(info.actions, self.probs[h])}
                if not self.defined[h]:
                    missing.append({"player": p, "infoset": info.name})
        out["behaviour_exact"] = exact
        out["payoffs_exact"] = [_exact_text(x) for x in self.payoffs]
        if missing:
            out["not_reached"] = missing
        return out

    def exact_equal(self, other: "BehaviourProfile", defined_only: bool = True) -> bool:
        """True when both profiles prescribe the same probabilities (at the information sets
        that both reach, when ``defined_only``)."""
        for h, (a, b) in enumerate(zip(self.probs, other.probs)):
            if a is None:
                continue
            if defined_only and not (self.defined[h] and other.defined[h]):
                continue
            if tuple(a) != tuple(b):
                return False
        return True

    def key(self) -> tuple:
        """A hashable key: the probabilities at the defined information sets."""
        return tuple(tuple(p) if p is not None and d else None
                     for p, d in zip(self.probs, self.defined))


# ---------------------------------------------------------------------------- building
def _distribution(info, value, where):
    """An action name or {action: probability} as a tuple of Fractions."""
    if isinstance(value, str):
        if value not in info.actions:
            raise InputError(f"{where}: unknown action {value!r}; actions are {list(info.actions)}")
        return tuple(Fraction(int(a == value)) for a in info.actions)
    if isinstance(value, Mapping):
        unknown = [a for a in value if a not in info.actions]
        if unknown:
            raise InputError(f"{where}: unknown action {unknown[0]!r}; actions are "
                             f"{list(info.actions)}")
        probs = tuple(exact_number(value.get(a, 0), f"{where}: probability of {a!r}")
                      for a in info.actions)
    else:
        try:
            items = list(value)
        except TypeError:
            raise InputError(f"{where}: give an action name, a dict action -> probability or a "
                             f"list of probabilities, got {value!r}") from None
        if len(items) != len(info.actions):
            raise InputError(f"{where}: {len(items)} probabilities for {len(info.actions)} "
                             f"actions {list(info.actions)}")
        probs = tuple(exact_number(x, f"{where}: probability") for x in items)
    for p in probs:
        if not isinstance(p, Fraction):
            raise InputError(f"{where}: behaviour probabilities must be numbers, got {p}")
        if p < 0:
            raise InputError(f"{where}: negative probability {fmt(p)}")
    if sum(probs) != 1:
        raise InputError(f"{where}: probabilities sum to {fmt(sum(probs))}, not 1")
    return probs


def behaviour_profile(game: ExtensiveGame, spec, *, defined=None, notes=()) -> BehaviourProfile:
    """Build a :class:`BehaviourProfile` from plain data and compute its expected payoffs.

    Parameters
    ----------
    game : ExtensiveGame
    spec : dict or sequence
        ``{player: action}`` for a player with one information set; ``{player: {infoset name:
        action or {action: probability}}}`` in general; or a sequence with one entry per
        information set of ``game`` (None for chance sets). Every player information set must be
        given.
    defined : sequence of bool, optional
        Which information sets the profile really prescribes (default: all).
    notes : sequence of str

    Returns
    -------
    BehaviourProfile

    Raises
    ------
    InputError
        Unknown player, information set or action; probabilities that are negative or do not sum
        to one; an information set left out.

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A"], decision("A", {"x": terminal(1), "y": terminal(2)}))
    >>> behaviour_profile(g, {"A": {"A": [0.25, 0.75]}}).payoffs
    (Fraction(7, 4),)
    >>> behaviour_profile(g, {"A": "z"})
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: player 'A' at information set 'A': unknown action 'z'; actions are ['x', 'y']
    """
    probs = [None] * len(game.infosets)
    refuse_unordered(spec, "a profile is a dict {player: action} or a sequence with one entry "
                           "per information set, not")
    if isinstance(spec, Mapping):
        # players by name or by index (an index key was checked, then looked up by name only:
        # its behaviour was reported missing, or silently dropped beside the name)
        by_player: dict = {}
        for pl, val in spec.items():
            k = game.player_index(pl)
            if k in by_player:
                raise InputError(f"the profile gives player {game.players[k]!r} twice (as "
                                 f"{pl!r} and before)")
            by_player[k] = val
        for i, pname in enumerate(game.players):
            hs = game.player_infosets(i)
            if not hs:
                continue
            if i not in by_player:
                raise InputError(f"the profile gives no behaviour for player {pname!r}")
            val = by_player[i]
            if len(hs) == 1 and not (isinstance(val, Mapping) and
                                     game.infosets[hs[0]].name in val and
                                     set(val) <= {game.infosets[hs[0]].name}):
                val = {game.infosets[hs[0]].name: val}
            if not isinstance(val, Mapping):
                raise InputError(f"player {pname!r} moves at {len(hs)} information sets: give "
                                 "{infoset name: action or {action: probability}}")
            for name, v in val.items():
                h = game.infoset_index(i, name)
                probs[h] = _distribution(game.infosets[h], v,
                                         f"player {pname!r} at information set {name!r}")
            missing = [game.infosets[h].name for h in hs if probs[h] is None]
            if missing:
                raise InputError(f"the profile gives no behaviour for player {pname!r} at "
                                 f"information set {missing[0]!r}")
    else:
        items = list(spec)
        if len(items) != len(game.infosets):
            raise InputError(f"a profile as a list needs one entry per information set "
                             f"({len(game.infosets)}), got {len(items)}")
        for h, v in enumerate(items):
            info = game.infosets[h]
            if info.player is None:  # chance
                continue
            probs[h] = _distribution(info, v, f"player {game.players[info.player]!r} at "
                                              f"information set {info.name!r}")
    return _profile(game, probs, defined, notes)


def _profile(game, probs, defined=None, notes=()) -> BehaviourProfile:
    """A profile from per-infoset probability tuples (None for chance), payoffs computed."""
    probs = tuple(None if game.infosets[h].is_chance else tuple(p) for h, p in enumerate(probs))
    if defined is None:
        defined = tuple(not game.infosets[h].is_chance for h in range(len(probs)))
    pays = expected_payoffs(game, probs)
    return BehaviourProfile(game, probs, pays, tuple(bool(d) for d in defined), tuple(notes))


# ---------------------------------------------------------------------------- payoffs
def _probs_of(game, profile):
    if isinstance(profile, BehaviourProfile):
        if profile.game is not game and len(profile.probs) != len(game.infosets):
            raise InputError("the profile belongs to another game")
        return profile.probs
    if isinstance(profile, (list, tuple)) and len(profile) == len(game.infosets) and all(
            _valid_probs(info, p) for info, p in zip(game.infosets, profile)):
        return profile
    # anything else (probabilities that are not Fractions, of the wrong length, negative or
    # not summing to 1, action names) is read and checked as a profile
    return behaviour_profile(game, profile).probs


def _valid_probs(info, p) -> bool:
    """True when ``p`` is already the checked form of the behaviour at ``info``: None at a
    chance set, else a tuple of one nonnegative Fraction per action summing to 1."""
    if info.is_chance:
        return p is None
    return (isinstance(p, tuple) and len(p) == len(info.actions)
            and all(isinstance(x, Fraction) and x >= 0 for x in p) and sum(p) == 1)


def realization_probabilities(game: ExtensiveGame, profile, node: int = 0,
                              skip_player: int | None = None) -> dict:
    """Probability of reaching every node of the subtree at ``node`` from ``node``.

    Chance and every player's behaviour are multiplied in, except the moves of ``skip_player``
    (then the result is the "others' reach" used for best responses).

    >>> from govgames.games.extensive import ExtensiveGame, chance, terminal
    >>> g = ExtensiveGame(["A"], chance({"h": ("1/3", terminal(1)), "t": ("2/3", terminal(0))}))
    >>> realization_probabilities(g, [None])
    {0: Fraction(1, 1), 1: Fraction(1, 3), 2: Fraction(2, 3)}
    """
    probs = _probs_of(game, profile)
    out = {node: Fraction(1)}
    for v in game.subtree(node):
        if v == node:
            continue
        n = game.nodes[v]
        assert n.parent is not None and n.action is not None  # not the subtree's root
        par = game.nodes[n.parent]
        assert par.infoset is not None  # a parent moves
        h = game.infosets[par.infoset]
        if h.is_chance:
            assert h.probs is not None
            p = h.probs[n.action]
        elif h.player == skip_player:
            p = Fraction(1)
        else:
            p = probs[par.infoset][n.action]
        out[v] = mul(out[n.parent], p)
    return out


def expected_payoffs(game: ExtensiveGame, profile, node: int = 0) -> tuple:
    """Expected payoff of every player under a behaviour profile (exact; symbolic allowed).

    Parameters
    ----------
    game : ExtensiveGame
    profile : BehaviourProfile, dict or sequence
        As accepted by :func:`behaviour_profile`.
    node : int
        Start the play at this node (the payoffs of outcomes above it are included).

    Returns
    -------
    tuple
        One exact value (Fraction or sympy expression) per player.

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {"x": terminal(3, 0), "y": terminal(0, 3)}))
    >>> expected_payoffs(g, {"A": {"A": {"x": "1/3", "y": "2/3"}}, "B": {}})
    (Fraction(1, 1), Fraction(2, 1))
    """
    require_tree(game, "expected_payoffs")
    reach = realization_probabilities(game, profile, node)
    total = [Fraction(0)] * game.n_players
    for v, r in reach.items():
        if game.nodes[v].kind != "terminal" or r == 0:
            continue
        pays = game.payoff(v)
        for i in range(game.n_players):
            total[i] = add(total[i], mul(r, pays[i]))
    return tuple(total)


def best_response_values(game: ExtensiveGame, profile, node: int = 0) -> tuple:
    """The most each player can get by changing only his own behaviour (from ``node`` on).

    For player ``i`` with the others fixed the problem is a one-player decision tree over ``i``'s
    sequences: ``V(s) = sum of reach * payoff over plays whose last own move is s + sum over the
    information sets after s of max_a V(s, a)``, and the best response value is ``V(empty)``
    (von Stengel 1996). Needs perfect recall and numeric payoffs.

    Returns
    -------
    tuple of Fraction

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": terminal(0, 2),
    ...     "In": decision("I", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)})}))
    >>> best_response_values(g, {"E": "Out", "I": "Fight"})
    (Fraction(0, 1), Fraction(2, 1))
    """
    game.require_numeric()
    game.require_perfect_recall("a best response in behaviour strategies")
    probs = _probs_of(game, profile)
    sub = game.subtree(node)
    lo, hi = sub.start, sub.stop
    own = own_sequences(game)
    out = []
    for i in range(game.n_players):
        reach = realization_probabilities(game, probs, node, skip_player=i)

        def rel(seq):  # a move above the subgame's root counts as the empty sequence
            return seq if seq is not None and lo <= game.infosets[seq[0]].nodes[0] < hi else None

        value: dict = {}
        for v in sub:
            n = game.nodes[v]
            if n.kind == "terminal" and reach[v] != 0:
                s = rel(own[v][i])
                value[s] = value.get(s, Fraction(0)) + reach[v] * game.payoff(v)[i]
        infos = sorted({h for h in (game.nodes[v].infoset for v in sub) if h is not None
                        and game.infosets[h].player == i},
                       key=lambda h: game.infosets[h].nodes[0], reverse=True)
        for h in infos:
            info = game.infosets[h]
            best = max(value.get((h, a), Fraction(0)) for a in range(len(info.actions)))
            parent = rel(own[info.nodes[0]][i])
            value[parent] = value.get(parent, Fraction(0)) + best
        out.append(value.get(None, Fraction(0)))
    return tuple(out)


def is_nash(game: ExtensiveGame, profile, node: int = 0) -> bool:
    """True when no player gains by changing his behaviour (in the subtree at ``node``), exactly.

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": terminal(0, 2),
    ...     "In": decision("I", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)})}))
    >>> is_nash(g, {"E": "Out", "I": "Fight"}), is_nash(g, {"E": "Out", "I": "Fight"}, node=2)
    (True, False)
    """
    require_tree(game, "is_nash")
    probs = _probs_of(game, profile)
    own = expected_payoffs(game, probs, node)
    best = best_response_values(game, probs, node)
    # expected_payoffs include outcomes above the node; best responses too (via payoff(z))
    return all(o >= b for o, b in zip(own, best))


def as_equilibrium_list(profiles, method: str, notes=()) -> EquilibriumList:
    """An :class:`~govgames.games.EquilibriumList` of behaviour profiles."""
    return EquilibriumList(list(profiles), method=method, notes=list(notes))


def _fraction(x) -> Fraction:
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, sp.Basic) and x.is_Rational:
        return Fraction(int(x.p), int(x.q))
    return Fraction(float(x)).limit_denominator(10**12)
