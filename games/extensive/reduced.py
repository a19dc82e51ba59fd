"""The reduced normal form of a game tree, and the passage between mixed and behaviour strategies.

A pure strategy chooses an action at every information set of the player; a *reduced* strategy
leaves out the choices at information sets that the player's own earlier moves already exclude
(they never matter). With perfect recall the player's information sets form a tree under his own
sequences, and the reduced strategies are built recursively: at each information set reached by
the sequence chosen so far, pick one action (Osborne and Rubinstein 1994, sec. 11.2; von Stengel
1996). The payoff of a reduced profile is the chance-weighted sum over the plays it allows.

The result is a :class:`~govgames.games.NormalFormGame` with named strategies (``"In"``, or
``"t/p/*"`` with one entry per information set and ``*`` where the strategy does not reach it),
so every normal-form solver of govgames applies. A mixed strategy of the reduced form maps to a
realization-equivalent behaviour strategy (Kuhn 1953): ``x(s) = sum of the probabilities of the
reduced strategies that contain sequence s`` and ``beta(a | h) = x(s_h a) / x(s_h)``.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the
   Theory of Games II*, Princeton UP, 1953, 193-216.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 11.
.. [3] B. von Stengel, "Efficient computation of behavior strategies", *Games and Economic
   Behavior* 14 (1996), 220-246.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from ..equilibrium import Equilibrium
from ..errors import InputError
from ..game import NormalFormGame
from .behaviour import BehaviourProfile, _fraction, _profile
from ..numbers import count_text
from .tree import ExtensiveGame, own_sequences, to_sympy, require_tree

__all__ = ["ReducedForm", "reduced_form", "reduced_normal_form", "reduced_strategies",
           "strategy_counts", "reduced_form_seconds", "MAX_REDUCED_CELLS",
           "REDUCED_BYTES_PER_CELL", "REDUCED_US_PER_STRATEGY", "REDUCED_US_PER_ADDITION"]

#: Largest reduced normal form built (payoff cells: players x profiles).
MAX_REDUCED_CELLS = 4_000_000

#: Peak memory per payoff cell of :func:`reduced_form` (the exact object array, its float and
#: exact copies in the normal-form game, the strategies' choices), measured at 64k to 512k
#: strategies: about 600 bytes.
REDUCED_BYTES_PER_CELL = 640

#: Time per reduced strategy (enumerating it, naming it, indexing its sequences) and per exact
#: addition of a terminal's payoff into a profile's cell (microseconds), measured on a move of
#: 100,000 actions (7 s) and on 2**16 to 2**19 strategies over a chance move (8 to 72 s).
REDUCED_US_PER_STRATEGY = 60.0
REDUCED_US_PER_ADDITION = 4.0


@dataclass
class ReducedForm:
    """The reduced normal form of a tree and the maps back to behaviour strategies.

    Attributes
    ----------
    tree : ExtensiveGame
    game : NormalFormGame
        Players and strategy names as in the tree; payoffs exact.
    strategies : list of list of dict
        ``strategies[i][k]`` maps the information sets (indices) that reduced strategy ``k`` of
        player ``i`` reaches to the chosen action index.
    """

    tree: ExtensiveGame
    game: NormalFormGame
    strategies: list

    def behaviour(self, profile, notes=()) -> BehaviourProfile:
        """The behaviour profile realization-equivalent to a mixed profile of the reduced form.

        ``profile`` is an :class:`~govgames.games.Equilibrium` (its exact probabilities are used
        when present) or one probability vector per player.
        """
        if isinstance(profile, Equilibrium):
            vectors = profile.exact_profile if profile.exact_profile is not None else profile.profile
        else:
            vectors = profile
        tree = self.tree
        probs: list[tuple | None] = [None] * len(tree.infosets)
        defined = [False] * len(tree.infosets)
        own = own_sequences(tree)
        for i, vec in enumerate(vectors):
            vec = [_fraction(x) for x in vec]
            x: dict = {}
            for k, p in enumerate(vec):
                if p:
                    for h, a in self.strategies[i][k].items():
                        x[(h, a)] = x.get((h, a), Fraction(0)) + p
            for h in tree.player_infosets(i):
                info = tree.infosets[h]
                parent = own[info.nodes[0]][i]
                reach = Fraction(1) if parent is None else x.get(parent, Fraction(0))
                if reach:
                    probs[h] = tuple(x.get((h, a), Fraction(0)) / reach
                                     for a in range(len(info.actions)))
                    defined[h] = True
                else:
                    probs[h] = tuple(Fraction(1, len(info.actions)) for _ in info.actions)
        return _profile(tree, probs, defined, notes)

    def mixed(self, behaviour: BehaviourProfile) -> list[list[Fraction]]:
        """A mixed profile of the reduced form realization-equivalent to ``behaviour``:
        each reduced strategy gets the product of the behaviour probabilities of its choices."""
        out = []
        for i, strategies in enumerate(self.strategies):
            row = []
            for choice in strategies:
                p = Fraction(1)
                for h, a in choice.items():
                    p *= behaviour.probs[h][a]
                row.append(p)
            out.append(row)
        return out


def _player_tree(game: ExtensiveGame, i: int):
    """For player ``i``: infosets grouped by the parent sequence (last own move) that reaches them."""
    own = own_sequences(game)
    children: dict = {}
    for h in game.player_infosets(i):
        parent = own[game.infosets[h].nodes[0]][i]
        children.setdefault(parent, []).append(h)
    return children


def strategy_counts(game: ExtensiveGame, i: int) -> tuple[int, dict]:
    """Player ``i``'s number of reduced strategies and, for each of his sequences (None: the
    empty one), the number of reduced strategies that contain it; computed without listing
    them (one pass over his information sets, deepest first, then one from the root).

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {"take": terminal(1, 0),
    ...     "pass": decision("B", {"take": terminal(0, 2),
    ...         "pass": decision("A", {"take": terminal(3, 1), "pass": terminal(2, 4)})})}))
    >>> total, within = strategy_counts(g, 0)
    >>> total, within[(0, 1)], within[(0, 0)]   # 'pass' is in two of the three: pass/take, pass/pass
    (3, 2, 1)
    """
    children = _player_tree(game, i)
    own = own_sequences(game)
    hs = sorted(game.player_infosets(i), key=lambda h: game.infosets[h].nodes[0])
    below: dict = {}   # sequence -> reduced choices after it

    def completions(seq) -> int:
        if seq not in below:
            r = 1
            for h in children.get(seq, ()):
                r *= options[h]
            below[seq] = r
        return below[seq]

    options: dict = {}
    for h in reversed(hs):   # an information set after (h, a) starts deeper than h
        options[h] = sum(completions((h, a)) for a in range(len(game.infosets[h].actions)))
    total = completions(None)
    within: dict = {None: total}
    for h in hs:
        parent = own[game.infosets[h].nodes[0]][i]
        for a in range(len(game.infosets[h].actions)):
            within[(h, a)] = within[parent] // options[h] * completions((h, a))
    return total, within


def reduced_form_seconds(game: ExtensiveGame) -> float:
    """Estimated time of :func:`reduced_form`: the reduced strategies, and every terminal's
    payoff added into each profile whose plays reach it (exact arithmetic, per player).

    A chance move over 20 separate binary choices of one player: 2**20 reduced strategies,
    each reaching 20 plays (about 21 million exact additions), where the tree has 61 nodes:

    >>> from govgames.games.extensive import ExtensiveGame, chance, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], chance({f"c{i}": ("1/20", decision("A", {
    ...     "x": terminal(i, 0), "y": terminal(0, 1)})) for i in range(20)}))
    >>> strategy_counts(g, 0)[0], round(reduced_form_seconds(g))
    (1048576, 231)
    """
    counts = [strategy_counts(game, i) for i in range(game.n_players)]
    own = own_sequences(game)
    additions = 0
    for z in game.terminals:
        additions += math.prod(within[own[z][i]] for i, (_, within) in enumerate(counts))
    strategies = sum(total for total, _ in counts)
    return 1e-6 * (REDUCED_US_PER_STRATEGY * strategies
                   + REDUCED_US_PER_ADDITION * game.n_players * additions)


def _count(game, children, seq) -> int:
    total = 1
    for h in children.get(seq, ()):
        total *= sum(_count(game, children, (h, a)) for a in range(len(game.infosets[h].actions)))
    return total


def _enumerate(game, children, seq):
    """All reduced choices below ``seq``: a list of dicts infoset -> action."""
    parts = []
    for h in children.get(seq, ()):
        options = []
        for a in range(len(game.infosets[h].actions)):
            for rest in _enumerate(game, children, (h, a)):
                d = {h: a}
                d.update(rest)
                options.append(d)
        parts.append(options)
    out = []
    for combo in itertools.product(*parts):
        d = {}
        for c in combo:
            d.update(c)
        out.append(d)
    return out


def reduced_strategies(game: ExtensiveGame, player) -> tuple[list[dict], list[str]]:
    """The reduced strategies of a player and their names.

    Returns
    -------
    strategies : list of dict
        Each maps the information sets it reaches to the chosen action index.
    names : list of str
        The action at the player's single information set, or the actions at each of them in
        order joined by ``/`` with ``*`` where the strategy does not reach the set.

    Examples
    --------
    The first mover of a three-stage centipede has three reduced strategies, not four:

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {"take": terminal(1, 0),
    ...     "pass": decision("B", {"take": terminal(0, 2),
    ...         "pass": decision("A", {"take": terminal(3, 1), "pass": terminal(2, 4)})})}))
    >>> reduced_strategies(g, "A")[1]
    ['take/*', 'pass/take', 'pass/pass']
    """
    i = game.player_index(player)
    game.require_perfect_recall("the reduced normal form")
    children = _player_tree(game, i)
    strategies = _enumerate(game, children, None)
    hs = game.player_infosets(i)
    if len(hs) == 1:
        names = [game.infosets[hs[0]].actions[s[hs[0]]] for s in strategies]
    elif not hs:
        names = ["(no move)"]
    else:
        names = ["/".join(game.infosets[h].actions[s[h]] if h in s else "*" for h in hs)
                 for s in strategies]
    if len(set(names)) != len(names):
        names = [f"s{k + 1}" for k in range(len(names))]
    return strategies, names


def reduced_form(game: ExtensiveGame, max_cells: int = MAX_REDUCED_CELLS) -> ReducedForm:
    """The reduced normal form with the maps back to behaviour strategies (cached per game).

    Parameters
    ----------
    game : ExtensiveGame
        With perfect recall; payoffs may be symbolic.
    max_cells : int
        Refuse (before building anything) when players x reduced profiles exceeds this.

    Returns
    -------
    ReducedForm

    Raises
    ------
    InputError
        Imperfect recall, or a reduced form larger than ``max_cells`` (the hint names the sizes
        and suggests the sequence form, which grows linearly with the tree).
    """
    key = "reduced"
    if key in game._cache:
        return game._cache[key]
    game.require_perfect_recall("the reduced normal form")
    n = game.n_players
    counts = [strategy_counts(game, i)[0] for i in range(n)]
    cells = n * math.prod(counts)
    from ..budget import check_memory, check_seconds
    from .solve import tree_methods_hint     # solve imports this module: imported here

    if cells > max_cells:
        raise InputError(
            f"the reduced normal form would have {' x '.join(map(count_text, counts))} "
            f"strategies ({count_text(cells)} payoff entries, more than {max_cells:,}); "
            f"{tree_methods_hint(game)}; or raise max_cells")
    what = (f"the reduced normal form of this tree ({' x '.join(map(count_text, counts))} "
            "strategies)")
    hint = tree_methods_hint(game)
    check_memory(float(REDUCED_BYTES_PER_CELL) * cells, what, hint)
    check_seconds(reduced_form_seconds(game), what, hint)
    strategies, names = [], []
    for i in range(n):
        s, nm = reduced_strategies(game, i)
        strategies.append(s)
        names.append(nm)
    # for each player: sequence -> indices of the strategies containing it
    index = []
    for i in range(n):
        d: dict = {None: np.arange(len(strategies[i]))}
        for k, strat in enumerate(strategies[i]):
            for h, a in strat.items():
                d.setdefault((h, a), []).append(k)
        index.append({q: np.asarray(v) for q, v in d.items()})
    shape = tuple(len(s) for s in strategies)
    symbolic = game.is_symbolic or any(
        not isinstance(x, Fraction) for t in game.terminals for x in game.payoff(t))
    P = np.empty((n,) + shape, dtype=object)
    P.fill(Fraction(0) if not symbolic else sp.Integer(0))
    own = own_sequences(game)
    for z in game.terminals:
        c = game.chance_probability(z)
        if c == 0:
            continue
        idx = np.ix_(*[index[i][own[z][i]] for i in range(n)])
        pays = game.payoff(z)
        for k in range(n):
            if symbolic:
                P[k][idx] += to_sympy(c) * to_sympy(pays[k])
            else:
                P[k][idx] += c * pays[k]
    if symbolic:
        P = np.array([sp.expand(x) for x in P.flat], dtype=object).reshape(P.shape)
    nf = NormalFormGame(P, players=game.players, strategies=names,
                        title=(game.title + " (reduced normal form)") if game.title else
                        "reduced normal form")
    out = ReducedForm(game, nf, strategies)
    game._cache[key] = out
    return out


def reduced_normal_form(game: ExtensiveGame, max_cells: int = MAX_REDUCED_CELLS) -> NormalFormGame:
    """The reduced normal form of a game tree as a :class:`~govgames.games.NormalFormGame`.

    Every normal-form tool applies to the result (:func:`~govgames.games.nash_equilibria`,
    dominance, symbolic conditions when payoffs hold parameters). Use :func:`reduced_form` for the
    map from its mixed strategies back to behaviour strategies.

    Parameters
    ----------
    game : ExtensiveGame
        With perfect recall.
    max_cells : int
        Largest size accepted (players x reduced profiles).

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {"Out": terminal(0, 2),
    ...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)})}))
    >>> print(reduced_normal_form(g))
    reduced normal form
    Entrant \\ Incumbent | Fight  | Accommodate
    ------------------- | ------ | -----------
    Out                 | 0, 2   | 0, 2
    In                  | -1, -1 | 1, 1
    """
    require_tree(game, "reduced_normal_form")
    return reduced_form(game, max_cells).game
