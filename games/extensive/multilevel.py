"""Three-level hierarchies: the centre commits, the provinces respond, the cities play.

A central government chooses one of a few discrete instrument levels (an audit rate, a fine, a
subsidy schedule); the provinces observe it and play a game among themselves (relay the pressure
to their cities or shield them, add their own targets); the cities observe both and play theirs.
:func:`three_level` builds such a hierarchy from the three lists of strategies and one payoff
function, and :meth:`ThreeLevelGame.solve` solves it by backward induction over the levels
(a trilevel Stackelberg game, Bard 1984):

1. for every commitment ``c`` and every provinces' profile ``p`` the cities' pure Nash equilibria
   are found and one is selected;
2. with those responses, for every ``c`` the provinces' pure Nash equilibria of the game they
   induce are found and one is selected;
3. the centre takes the commitment whose selected responses pay it most.

When a level has several equilibria the selection is stated per level: ``"optimistic"`` (the
best for the centre, as in a strong Stackelberg equilibrium), ``"pessimistic"`` (the worst for
the centre, weak Stackelberg) or a callable rule. The same hierarchy is available as a game tree
(:meth:`ThreeLevelGame.to_tree`, players of one level moving simultaneously through information
sets), on which the solution is a subgame-perfect equilibrium
(:meth:`ThreeLevelGame.profile` gives it as a behaviour profile of that tree).

References
----------
.. [1] J. F. Bard, "An investigation of the linear three level programming problem", *IEEE
   Transactions on Systems, Man, and Cybernetics* 14 (1984), 711-717.
.. [2] H. von Stackelberg, *Marktform und Gleichgewicht*, Springer, 1934.
.. [3] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit Nachfrageträgheit",
   *Zeitschrift für die gesamte Staatswissenschaft* 121 (1965), 301-324.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from ..budget import check_seconds, check_work
from ..errors import InputError
from ..numbers import short_text
from .leader import StackelbergResult, call_user
from .tree import ExtensiveGame, decision, exact_number, terminal

__all__ = ["ThreeLevelGame", "ThreeLevelResult", "three_level", "SELECTIONS"]

#: The named equilibrium-selection rules of a level.
SELECTIONS = ("optimistic", "pessimistic")

#: Measured pace of the solver with a small pure-Python payoff function (steps per second,
#: one step = one payoff evaluation); used to estimate the time before solving.
STEPS_PER_SECOND = 6e5


@dataclass
class ThreeLevelResult(StackelbergResult):
    """The solution of a three-level hierarchy (a :class:`StackelbergResult` with the responses
    off the path).

    Attributes
    ----------
    commitment : str
        The centre's commitment.
    response : tuple of str
        The provinces' then the cities' actions on the path.
    payoffs : tuple
        Every player's payoff on the path (exact), the centre first.
    selection : str
        The selection at each level, e.g. ``"provinces: optimistic; cities: pessimistic"``.
    notes : list of str
    table : list of tuple
        Per commitment: ``(commitment, response or None, payoffs or None)``.
    province_responses : dict
        ``{commitment: provinces' profile}`` selected after each commitment (None: no pure
        equilibrium).
    city_responses : dict
        ``{(commitment, provinces' profile): cities' profile}`` selected after each history
        (None: no pure equilibrium).
    """

    province_responses: dict = field(default_factory=dict)
    city_responses: dict = field(default_factory=dict)


@dataclass
class ThreeLevelGame:
    """A centre -> provinces -> cities hierarchy (made by :func:`three_level`).

    Attributes
    ----------
    centre : str
        The centre's name.
    commitments : tuple of str
        The centre's discrete instrument levels.
    provinces, cities : dict
        ``{player: tuple of strategy names}`` of each level, in order.
    payoff : callable
        ``payoff(commitment, provinces_profile, cities_profile)`` -> one exact payoff per player
        (centre, provinces, cities).
    """

    centre: str
    commitments: tuple
    provinces: dict
    cities: dict
    payoff: Callable

    @property
    def players(self) -> tuple:
        """All players: the centre, the provinces, the cities."""
        return (self.centre, *self.provinces, *self.cities)

    def _pay(self, c, p, q) -> tuple:
        where = f"payoff({c!r}, {p!r}, {q!r})"
        raw = call_user(self.payoff, (c, p, q), "the payoff function", f"in {where}")
        if isinstance(raw, (str, bytes)) or not hasattr(raw, "__iter__"):
            raise InputError(f"{where} returned {raw!r}; expected one payoff per player "
                             f"{list(self.players)} (a list, tuple or dict by name)")
        if isinstance(raw, Mapping):
            missing = [pl for pl in self.players if pl not in raw]
            if missing:
                raise InputError(f"{where} gives no payoff for {missing[0]!r}")
            raw = [raw[pl] for pl in self.players]
        raw = list(raw)
        if len(raw) != len(self.players):
            raise InputError(f"{where} returned {len(raw)} payoffs; expected one per player "
                             f"{list(self.players)}")
        return tuple(exact_number(v, where) for v in raw)

    def solve(self, selection=("optimistic", "optimistic")) -> ThreeLevelResult:
        """Backward induction over the levels with a stated selection at each level.

        Parameters
        ----------
        selection : str or callable, or a pair of them
            The provinces' and the cities' selection (one value: both levels):
            ``"optimistic"``, ``"pessimistic"`` (best or worst for the centre; remaining ties:
            the first equilibrium in strategy order) or a function ``rule(candidates) -> int``
            that receives ``candidates``, a list of ``(profile, payoffs)`` pairs, and returns
            the *index* (an ``int``, ``0 <= index < len(candidates)``) of the one chosen.

        Returns
        -------
        ThreeLevelResult

        Raises
        ------
        InputError
            An unknown selection (not a name, a function, or a pair of them), a rule returning
            no valid index, a payoff function returning something other than one number per
            player, a payoff function or selection rule that raises an exception (one
            ``InputError`` naming the function and its arguments, chained to the exception; an
            ``InputError`` it raises passes unchanged), or no commitment after which both levels
            have a pure equilibrium.

        Examples
        --------
        See :func:`three_level`.
        """
        sel_p, sel_c = _selection_pair(selection)
        city_resp: dict[tuple, tuple | None] = {}
        prov_resp: dict[str, tuple | None] = {}
        table: list[tuple] = []
        notes: list[str] = []
        for c in self.commitments:
            induced = {}
            for p in itertools.product(*self.provinces.values()):
                cands = [(q, self._pay(c, p, q)) for q in _pure_equilibria(
                    self.cities, len(self.provinces) + 1, lambda q: self._pay(c, p, q))]
                pick = _select(cands, sel_c, "cities")
                city_resp[(c, p)] = None if pick is None else pick[0]
                induced[p] = pick
            if any(v is None for v in induced.values()):
                prov_resp[c] = None
                bad = next(p for p, v in induced.items() if v is None)
                notes.append(f"after {c} and the provinces' {', '.join(bad)} the cities have no "
                             f"pure equilibrium; {c} is left out")
                table.append((c, None, None))
                continue
            cands = [(p, induced[p][1]) for p in _pure_equilibria(
                self.provinces, 1, lambda p: induced[p][1])]
            pick = _select(cands, sel_p, "provinces")
            prov_resp[c] = None if pick is None else pick[0]
            if pick is None:
                notes.append(f"after {c} the provinces have no pure equilibrium; {c} is left out")
                table.append((c, None, None))
                continue
            table.append((c, pick[0] + induced[pick[0]][0], pick[1]))
        feasible = [row for row in table if row[1] is not None]
        if not feasible:
            raise InputError("after every commitment of the centre some level has no pure Nash "
                             "equilibrium")
        best = max(feasible, key=lambda row: row[2][0])   # first maximum in commitment order
        label = f"provinces: {_label(sel_p)}; cities: {_label(sel_c)}"
        return ThreeLevelResult(best[0], best[1], best[2], label, notes, table,
                                prov_resp, city_resp)

    def to_tree(self) -> ExtensiveGame:
        """The hierarchy as a game tree: the centre moves, then the provinces (each not seeing
        the others' moves: one information set per commitment), then the cities (one
        information set per commitment and provinces' profile).

        Returns
        -------
        ExtensiveGame

        Raises
        ------
        InputError
            A payoff function that raises an exception (one ``InputError`` naming the function
            and its arguments, chained to the exception) or returns something other than one
            number per player.

        Examples
        --------
        See :func:`three_level`.
        """
        def level(players, k, prefix, infoset, leaf):
            if k == len(players):
                return leaf(prefix)
            name, strats = list(players.items())[k]
            return decision(name, {a: level(players, k + 1, prefix + (a,), infoset, leaf)
                                   for a in strats}, infoset=infoset)

        def after_centre(c):
            return level(self.provinces, 0, (), c, lambda p: level(
                self.cities, 0, (), _history(c, p),
                lambda q: terminal(*self._pay(c, p, q))))

        root = decision(self.centre, {c: after_centre(c) for c in self.commitments},
                        infoset="commitment")
        return ExtensiveGame(list(self.players), root, title="centre -> provinces -> cities")

    def profile(self, result: ThreeLevelResult) -> dict:
        """The solution as a behaviour-profile specification of :meth:`to_tree`
        (``{player: {information set: action}}``), for
        :func:`~govgames.games.extensive.behaviour_profile` and
        :func:`~govgames.games.extensive.is_subgame_perfect`.

        Raises
        ------
        InputError
            When some commitment has no response (the tree then has no pure profile matching the
            solution everywhere).

        Examples
        --------
        See :func:`three_level`.
        """
        if any(v is None for v in result.province_responses.values()):
            raise InputError("some commitment has no pure response, so the solution is not a "
                             "full behaviour profile of the tree")
        spec = {self.centre: {"commitment": result.commitment}}
        for j, name in enumerate(self.provinces):
            spec[name] = {c: p[j] for c, p in result.province_responses.items()}
        for j, name in enumerate(self.cities):
            spec[name] = {_history(c, p): q[j] for (c, p), q in result.city_responses.items()}
        return spec


def _selection_pair(selection) -> tuple:
    """The provinces' and the cities' selection rules from ``selection`` (checked)."""
    hint = ("use 'optimistic', 'pessimistic', a function rule(candidates) -> index, or a pair "
            "of them (provinces, cities)")
    if isinstance(selection, str) or callable(selection):
        pair = (selection, selection)
    elif isinstance(selection, (tuple, list)) and len(selection) == 2:
        pair = tuple(selection)
    else:
        raise InputError(f"solve: selection={selection!r} is not a selection; {hint}")
    for s in pair:
        if not callable(s) and not (isinstance(s, str) and s in SELECTIONS):
            raise InputError(f"solve: unknown selection {s!r}; {hint}")
    return pair


def _history(c, p) -> str:
    return f"{c} / {', '.join(p)}"


def _label(sel) -> str:
    return sel if isinstance(sel, str) else getattr(sel, "__name__", "rule")


def _pure_equilibria(players: Mapping, first: int, pay: Callable) -> list[tuple]:
    """Pure Nash equilibria of one level's game; ``pay(profile)`` returns every player's payoff,
    the level's players starting at index ``first``."""
    strats = list(players.values())
    out = []
    for prof in itertools.product(*strats):
        u = pay(prof)
        stable = True
        for j, own in enumerate(strats):
            for a in own:
                if a != prof[j] and pay(prof[:j] + (a,) + prof[j + 1:])[first + j] > u[first + j]:
                    stable = False
                    break
            if not stable:
                break
        if stable:
            out.append(prof)
    return out


def _select(cands: list, rule, level: str):
    if not cands:
        return None
    if rule == "optimistic":
        return max(cands, key=lambda x: x[1][0])
    if rule == "pessimistic":
        return min(cands, key=lambda x: x[1][0])
    k = call_user(rule, (cands,), f"the {level}' selection rule",
                  f"choosing among {len(cands)} candidates "
                  f"{short_text([prof for prof, _ in cands], 200)}")
    if not isinstance(k, int) or not 0 <= k < len(cands):
        raise InputError(f"the {level}' selection rule returned {k!r}, not an index into its "
                         f"{len(cands)} candidates")
    return cands[k]


def _strategies(level: Mapping, what: str) -> dict:
    if not isinstance(level, Mapping) or not level:
        raise InputError(f"{what}: give a dict {{player: [strategy names]}} with at least one "
                         "player")
    out = {}
    for name, strats in level.items():
        strats = tuple(strats) if not isinstance(strats, str) else (strats,)
        if not strats or len(set(strats)) != len(strats) or not all(
                isinstance(s, str) for s in strats):
            raise InputError(f"{what}: player {name!r} needs distinct strategy names (strings), "
                             f"got {list(strats)}")
        out[str(name)] = strats
    return out


def three_level(centre: str, commitments: Sequence[str], provinces: Mapping, cities: Mapping,
                payoff: Callable) -> ThreeLevelGame:
    """A centre -> provinces -> cities hierarchy with discrete commitments.

    Parameters
    ----------
    centre : str
        The centre's name.
    commitments : sequence of str
        The centre's instrument levels (e.g. ``["no audit", "audit 0.3"]``).
    provinces, cities : dict
        ``{player: [strategy names]}`` for each level (one or more players each).
    payoff : callable
        ``payoff(commitment, provinces_profile, cities_profile)`` with the profiles as tuples of
        strategy names in player order; returns one payoff per player (centre, provinces,
        cities) as a sequence or a dict by name. Numbers, rational strings or exact sympy
        numbers (made exact). It is called by :meth:`ThreeLevelGame.solve` and
        :meth:`ThreeLevelGame.to_tree`, which report an exception it raises as one
        ``InputError`` naming the call.

    Returns
    -------
    ThreeLevelGame

    Raises
    ------
    InputError
        Repeated player or strategy names, an empty level, commitments given as a bare string,
        or more histories than the budgets allow (cost ``commitments x provinces' profiles x
        cities' profiles x deviations`` payoff evaluations, against the work budget and, at
        about ``STEPS_PER_SECOND`` evaluations a second, against the time budget of
        :func:`govgames.games.budget.max_seconds`).

    References
    ----------
    Bard (1984); von Stackelberg (1934); Selten (1965).

    Examples
    --------
    The centre audits strictly (cost 2) or not; a province relays the pressure to its two cities
    (political cost 1) or shields them, paying a fine of 2 for each polluting city under a
    strict audit; the cities play a prisoners' dilemma (abating costs 3, each abating city gives
    each city 2) in which a relayed strict audit fines a polluter 2; the centre gains 3 per
    abating city and the province its cities' total:

    >>> def pay(c, p, q):
    ...     n = q.count("Abate")
    ...     strict, relay = c == "Strict", p[0] == "Relay"
    ...     city = [2 * n - (3 if a == "Abate" else 2 if strict and relay else 0) for a in q]
    ...     fine = 2 * q.count("Pollute") if strict and not relay else 0
    ...     return [3 * n - 2 * strict, sum(city) - relay - fine] + city
    >>> h = three_level("Centre", ["Lax", "Strict"], {"Province": ["Relay", "Shield"]},
    ...                 {"A": ["Abate", "Pollute"], "B": ["Abate", "Pollute"]}, pay)
    >>> r = h.solve()
    >>> print(r)
    leader commits to Strict; followers respond (Relay, Abate, Abate) (payoffs (4, 1, 1, 1); provinces: optimistic; cities: optimistic selection)
    >>> r.province_responses
    {'Lax': ('Shield',), 'Strict': ('Relay',)}

    The same solution is a subgame-perfect equilibrium of the game tree:

    >>> from govgames.games.extensive import is_subgame_perfect
    >>> is_subgame_perfect(h.to_tree(), h.profile(r))
    True
    """
    if not isinstance(centre, str) or not centre:
        raise InputError(f"the centre's name must be a non-empty string, got {centre!r}")
    if isinstance(commitments, (str, bytes)):
        raise InputError(f"commitments must be a list of names, got the bare string "
                         f"{commitments!r} (write [{commitments!r}] for a single commitment)")
    commitments = tuple(commitments)
    if not commitments or len(set(commitments)) != len(commitments) or not all(
            isinstance(c, str) for c in commitments):
        raise InputError(f"commitments must be distinct names (strings), got {list(commitments)}")
    prov, city = _strategies(provinces, "provinces"), _strategies(cities, "cities")
    names = [centre, *prov, *city]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InputError(f"player {dup[0]!r} appears twice among the centre, provinces and cities")
    if not callable(payoff):
        raise InputError("payoff must be a function payoff(commitment, provinces, cities)")
    sizes = [len(s) for s in (*prov.values(), *city.values())]
    steps = len(commitments) * math.prod(sizes) * (1 + sum(sizes))
    hint = "use fewer commitments, players or strategies per level"
    check_work(steps, "solving the three-level hierarchy", hint)
    check_seconds(steps / STEPS_PER_SECOND, f"solving the three-level hierarchy ({steps:.3g} "
                  "payoff evaluations)", hint)
    return ThreeLevelGame(centre, commitments, prov, city, payoff)
