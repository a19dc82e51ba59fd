"""Subgames and subgame perfection for trees with imperfect information.

A node roots a *subgame* when its information set is the node alone and every information set
that meets its subtree lies inside it (Selten 1965). A profile is *subgame perfect* when it is a
Nash equilibrium of every subgame. :func:`subgame_perfect_equilibria` finds such profiles bottom
up: the deepest subgames are solved first; each solved subgame is replaced by a terminal node with
the payoffs of one of its equilibria; the truncated game above is solved with the existing solvers
(backward induction when it has perfect information; otherwise, through its reduced normal form,
every extreme equilibrium when two players move in it, the pure equilibria when more do); and so
on to the root. Every combination of the subgames' equilibria is followed, so every
subgame-perfect equilibrium built from extreme (or pure) equilibria of the subgames is returned.
:func:`is_subgame_perfect` checks a given profile exactly, subgame by subgame.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit Nachfrageträgheit",
   *Zeitschrift für die gesamte Staatswissenschaft* 121 (1965), 301-324.
.. [2] R. Selten, "Reexamination of the perfectness concept for equilibrium points in extensive
   games", *International Journal of Game Theory* 4 (1975), 25-55.
.. [3] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 6.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

from ..equilibrium import EquilibriumList
from ..errors import InputError
from ..game import NormalFormGame
from .behaviour import BehaviourProfile, _probs_of, _profile
from .tree import ExtensiveGame, chance, decision, own_sequences, terminal, require_tree

__all__ = ["subgame_roots", "subgame_perfect_equilibria", "is_subgame_perfect"]


def subgame_roots(game: ExtensiveGame) -> list[int]:
    """The nodes that root a subgame (the root first; terminal nodes are left out).

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {
    ...     "Out": terminal(2, 2),
    ...     "In": decision("A", {"U": decision("B", {"l": terminal(3, 1), "r": terminal(0, 0)}, infoset="b"),
    ...                          "D": decision("B", {"l": terminal(0, 0), "r": terminal(1, 3)}, infoset="b")})}))
    >>> subgame_roots(g)
    [0, 2]
    """
    if "subgames" in game._cache:
        return game._cache["subgames"]
    lo = {}
    hi = {}
    for h in game.infosets:
        if not h.is_chance:
            lo[h.index] = min(h.nodes)
            hi[h.index] = max(h.nodes)
    n = len(game.nodes)
    amin = list(range(n))
    amax = list(range(n))
    for node in game.nodes:
        if node.kind == "decision" and node.infoset is not None:
            amin[node.index] = lo[node.infoset]
            amax[node.index] = hi[node.infoset]
    for node in reversed(game.nodes):
        if node.parent is not None:
            amin[node.parent] = min(amin[node.parent], amin[node.index])
            amax[node.parent] = max(amax[node.parent], amax[node.index])
    sizes = game._subtree_sizes()
    roots = [v for v in range(n) if game.nodes[v].kind != "terminal"
             and amin[v] >= v and amax[v] < v + sizes[v]]
    game._cache["subgames"] = roots
    return roots


def is_subgame_perfect(game: ExtensiveGame, profile) -> bool:
    """True when the behaviour profile is a Nash equilibrium of every subgame (exact test).

    Parameters
    ----------
    game : ExtensiveGame
        Perfect recall, numeric payoffs.
    profile : BehaviourProfile, dict or sequence
        As accepted by :func:`govgames.games.extensive.behaviour_profile`.

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {"Out": terminal(0, 2),
    ...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)})}))
    >>> is_subgame_perfect(g, {"Entrant": "Out", "Incumbent": "Fight"})   # Nash, not credible
    False
    >>> is_subgame_perfect(g, {"Entrant": "In", "Incumbent": "Accommodate"})
    True
    """
    require_tree(game, "is_subgame_perfect")
    game.require_numeric()
    game.require_perfect_recall("a best response in behaviour strategies")
    probs = _probs_of(game, profile)
    roots = subgame_roots(game)
    inner = _children_subgames(game, roots)
    values = _node_values(game, probs)
    own = own_sequences(game)
    return all(_piece_is_nash(game, probs, r, inner[r], values, own) for r in roots)


def _node_values(game, probs) -> list:
    """Expected payoffs of the plays through every node, given that it is reached (bottom up;
    the outcomes above the node are included, as in ``expected_payoffs(game, probs, node)``)."""
    n = game.n_players
    values: list = [None] * len(game.nodes)
    for node in reversed(game.nodes):
        if node.kind == "terminal":
            values[node.index] = game.payoff(node.index)
            continue
        h = game.infosets[node.infoset]
        p = h.probs if h.is_chance else probs[node.infoset]
        acc = [Fraction(0)] * n
        for a, c in enumerate(node.children):
            if p[a] != 0:
                vc = values[c]
                for i in range(n):
                    acc[i] += p[a] * vc[i]
        values[node.index] = tuple(acc)
    return values


def _piece_is_nash(game, probs, root, cut, values, own) -> bool:
    """True when no player gains by a deviation in the subgame at ``root`` with each proper
    subgame in ``cut`` (the maximal ones below ``root``) replaced by a terminal node of its
    values. With the profile a Nash equilibrium of each subgame in ``cut``, this is the same as
    being a Nash equilibrium of the subgame at ``root`` (a player's best response inside a
    subgame does not depend on his moves outside it, perfect recall), so checking every
    subgame's piece checks subgame perfection with work linear in the tree (``is_nash`` on
    every subgame is quadratic for a long chain of subgames)."""
    sizes = game._subtree_sizes()
    end = root + sizes[root]
    cuts = set(cut)
    nodes = []  # the piece's nodes in prefix order; cut roots are leaves
    v = root
    while v < end:
        nodes.append(v)
        v = v + sizes[v] if v in cuts else v + 1
    leaves = [v for v in nodes if v in cuts or game.nodes[v].kind == "terminal"]
    infos = sorted({game.nodes[v].infoset for v in nodes
                    if v not in cuts and game.nodes[v].kind != "terminal"},
                   key=lambda h: game.infosets[h].nodes[0], reverse=True)

    def rel(seq):  # a move above the subgame's root counts as the empty sequence
        return seq if seq is not None and root <= game.infosets[seq[0]].nodes[0] < end else None

    for i in range(game.n_players):
        reach = {root: Fraction(1)}
        for v in nodes:
            if v == root:
                continue
            n = game.nodes[v]
            h = game.infosets[game.nodes[n.parent].infoset]
            if h.is_chance:
                p = h.probs[n.action]
            elif h.player == i:
                p = Fraction(1)
            else:
                p = probs[h.index][n.action]
            reach[v] = reach[n.parent] * p
        value: dict = {}
        for v in leaves:
            if reach[v] != 0:
                s = rel(own[v][i])
                value[s] = value.get(s, Fraction(0)) + reach[v] * values[v][i]
        for h in infos:
            info = game.infosets[h]
            if info.player != i:
                continue
            best = max(value.get((h, a), Fraction(0)) for a in range(len(info.actions)))
            parent = rel(own[info.nodes[0]][i])
            value[parent] = value.get(parent, Fraction(0)) + best
        if values[root][i] < value.get(None, Fraction(0)):
            return False
    return True


# ---------------------------------------------------------------------------- the solver
def _children_subgames(game, roots):
    """For each subgame root: the maximal proper subgames strictly inside it."""
    sizes = game._subtree_sizes()
    out = {r: [] for r in roots}
    stack = []
    for r in roots:  # prefix order: the enclosing root is on the stack
        while stack and not r < stack[-1] + sizes[stack[-1]]:
            stack.pop()
        if stack:
            out[stack[-1]].append(r)
        stack.append(r)
    return out


def _truncated(game, root, cut: dict):
    """The subtree at ``root`` as a new game, with each node in ``cut`` replaced by a terminal
    node of the given payoffs; information sets named ``h<original index>``."""
    sizes = game._subtree_sizes()
    made = {}
    order = []
    v, end = root, root + sizes[root]
    while v < end:  # jump over the cut subtrees (linear in the piece, not the subtree)
        order.append(v)
        v = v + sizes[v] if v in cut else v + 1
    for v in reversed(order):
        n = game.nodes[v]
        if v in cut:
            made[v] = terminal(list(cut[v]))
            continue
        if n.kind == "terminal":
            made[v] = terminal(list(game.payoff(v)))
            continue
        h = game.infosets[n.infoset]
        moves = {a: made.pop(c) for a, c in zip(h.actions, n.children)}
        if h.is_chance:
            made[v] = chance({a: (p, moves[a]) for a, p in zip(h.actions, h.probs)})
        else:
            made[v] = decision(h.player, moves, infoset=f"h{h.index}")
    return ExtensiveGame(game.players, made[root])


def _solve_piece(piece: ExtensiveGame, method: str):
    """Equilibria of a game without proper subgames: list of BehaviourProfile."""
    if piece.is_perfect_information:
        from .backward import backward_induction

        return list(backward_induction(piece, max_equilibria=100_000))
    from ..pure import pure_nash_equilibria
    from .reduced import reduced_form

    rf = reduced_form(piece)
    nf = rf.game
    active = [i for i in range(piece.n_players) if piece.player_infosets(i)]
    P = np.asarray(nf.exact_payoffs())
    # keep the active players' payoffs and their strategy dimensions (others have one strategy)
    idx = tuple(slice(None) if i in active else 0 for i in range(piece.n_players))
    sub = np.stack([P[(i,) + idx] for i in active])
    small = NormalFormGame(sub, players=[nf.players[i] for i in active],
                           strategies=[nf.strategies[i] for i in active])
    eqs: list
    if len(active) == 2 and method == "all":
        from ..budget import check_work, vertex_enumeration_cost
        from ..twoplayer import two_player_equilibria

        # refused here with the tree's methods as the hint (the normal-form check named
        # 'logit' and lemke_howson, which a game tree does not accept)
        m, k = small.shape
        check_work(vertex_enumeration_cost(m, k), f"listing every extreme equilibrium of the "
                   f"{m}x{k} reduced normal form of a subgame (vertex enumeration, worst case)",
                   "method 'sequence' finds one equilibrium of the tree, "
                   "subgame_perfect_equilibria(tree, method='pure') the pure subgame-perfect ones")
        eqs = two_player_equilibria(small, method="vertex")
    elif len(active) == 1:
        best = max(sub[0])
        eqs = [[[Fraction(int(k == j)) for k in range(len(sub[0]))]]
               for j, x in enumerate(sub[0]) if x == best]
    else:
        eqs = pure_nash_equilibria(small)
    out = []
    for e in eqs:
        vecs = e.exact_profile if hasattr(e, "exact_profile") and e.exact_profile is not None \
            else (e.profile if hasattr(e, "profile") else e)
        full = []
        k = 0
        for i in range(piece.n_players):
            if i in active:
                full.append(list(vecs[k]))
                k += 1
            else:
                full.append([Fraction(1)])
        out.append(rf.behaviour(full))
    return out


def _collect(solution) -> tuple[dict, dict]:
    """The choices of a subgame's solution and of the subgames' solutions it was built from
    (depth first with an explicit stack: a chain of subgames may be thousands deep)."""
    probs: dict = {}
    defined: dict = {}
    stack = [solution]
    while stack:
        _, p, d, combo = stack.pop()
        probs.update(p)
        defined.update(d)
        stack.extend(combo)
    return probs, defined


def _perfect_information(game: ExtensiveGame, method: str, max_equilibria: int):
    """Subgame perfection with perfect information: every node roots a subgame of one move, so
    solving them from the deepest up is backward induction on the whole tree, which is linear
    (rebuilding each one-move subgame as a game and solving it took 4 times longer: 8 s for a
    10,000-move chain, over 2 minutes for 100,000)."""
    from .backward import backward_induction

    found = backward_induction(game, max_equilibria=max_equilibria)
    n = len(subgame_roots(game))
    notes = [f"{n} subgame{'s' if n != 1 else ''} (including the whole game), all of perfect "
             "information: every pure subgame-perfect equilibrium (backward induction)",
             *found.notes]
    return EquilibriumList(list(found), method=f"subgame perfection ({method})", notes=notes)


def subgame_perfect_equilibria(game: ExtensiveGame, method: str = "all",
                               max_equilibria: int = 10_000) -> EquilibriumList:
    """Subgame-perfect equilibria in behaviour strategies, solving subgames bottom up.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect recall, numeric payoffs.
    method : {"all", "pure"}
        How a subgame without proper subgames but with imperfect information is solved:
        ``"all"``: every extreme equilibrium of its reduced normal form when two players move in
        it (vertex enumeration), its pure equilibria when more do; ``"pure"``: pure equilibria
        only. Subgames of perfect information are solved by backward induction (every pure
        subgame-perfect equilibrium).
    max_equilibria : int
        Refuse when the combinations of the subgames' equilibria exceed this.

    Returns
    -------
    EquilibriumList
        Of :class:`~govgames.games.extensive.BehaviourProfile`, each verified subgame perfect
        exactly, with notes.

    Raises
    ------
    InputError
        Imperfect recall, free parameters, an unknown method or too many combinations.

    References
    ----------
    Selten (1965, 1975); Osborne and Rubinstein (1994), ch. 6.

    Examples
    --------
    An outside option before a battle of the sexes: the subgame has three equilibria, and A
    takes the outside option unless the subgame's equilibrium gives her more than 2.

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {
    ...     "Out": terminal(2, 2),
    ...     "In": decision("A", {"U": decision("B", {"l": terminal(3, 1), "r": terminal(0, 0)}, infoset="b"),
    ...                          "D": decision("B", {"l": terminal(0, 0), "r": terminal(1, 3)}, infoset="b")},
    ...                    infoset="battle")}))
    >>> for e in subgame_perfect_equilibria(g):
    ...     print(e)
    A: In at "root"; U at "battle"; B: l  (payoffs 3, 1)
    A: Out at "root"; 3/4 U + 1/4 D at "battle"; B: 1/4 l + 3/4 r  (payoffs 2, 2)
    A: Out at "root"; D at "battle"; B: r  (payoffs 2, 2)
    """
    require_tree(game, "subgame_perfect_equilibria")
    if method not in ("all", "pure"):
        raise InputError(f"unknown method {method!r} for subgame perfection; use 'all' or 'pure'")
    game.require_numeric("subgame perfection")
    game.require_perfect_recall("subgame perfection")
    if game.is_perfect_information:
        return _perfect_information(game, method, max_equilibria)
    roots = subgame_roots(game)
    inner = _children_subgames(game, roots)
    solutions: dict = {}
    for r in reversed(roots):
        kids = inner[r]
        combos = math.prod(len(solutions[c]) for c in kids) if kids else 1
        if combos > max_equilibria:
            raise InputError(f"the subgames below {game.describe_node(r)} have {combos:,} "
                             f"combinations of equilibria, more than max_equilibria="
                             f"{max_equilibria:,}")
        found = []
        for combo in itertools.product(*(solutions[c] for c in kids)):
            cut = {c: s[0] for c, s in zip(kids, combo)}
            piece = _truncated(game, r, cut)
            for prof in _solve_piece(piece, method):
                probs = {}
                defined = {}
                for k, h in enumerate(piece.infosets):
                    if h.is_chance:
                        continue
                    orig = int(h.label[1:])
                    probs[orig] = prof.probs[k]
                    defined[orig] = prof.defined[k]
                # the subgames' choices are kept by reference (copying them into every
                # enclosing subgame's solution was quadratic in a long chain of subgames)
                found.append((prof.payoffs, probs, defined, combo))
                if len(found) > max_equilibria:
                    raise InputError(f"more than max_equilibria={max_equilibria:,} "
                                     "subgame-perfect equilibria")
        solutions[r] = found
    out = []
    seen = set()
    for top in solutions[0]:
        probs, defined = _collect(top)
        full = [probs.get(h.index) if not h.is_chance else None for h in game.infosets]
        dfd = [defined.get(h.index, False) for h in game.infosets]
        prof = _profile(game, full, dfd)
        key = prof.key()
        if key in seen:
            continue
        seen.add(key)
        if not is_subgame_perfect(game, prof):  # pragma: no cover - a failure is a bug
            raise RuntimeError("a profile built from subgame equilibria failed the exact "
                               "subgame-perfection check; please report this game")
        out.append(prof)
    notes = [f"{len(roots)} subgame{'s' if len(roots) != 1 else ''} (including the whole "
             "game), solved from the deepest up"]
    if method == "all":
        notes.append("subgames of perfect information: every pure subgame-perfect equilibrium "
                     "(backward induction); other subgames: every extreme equilibrium of the "
                     "reduced normal form with two players moving, pure equilibria with more")
    else:
        notes.append("subgames are solved in pure strategies only")
    return EquilibriumList(out, method=f"subgame perfection ({method})", notes=notes)
