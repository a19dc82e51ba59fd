"""Game trees of known shape for tests and benchmarks, written as Gambit ``.efg`` text.

:func:`chain_efg` is the deep chain that the tests of large trees read (linear-time parsing,
backward induction, subgame perfection, the refusals of the reduced normal form and of the
sequence form): two players alternate, each either ends the game or passes the move on.

References
----------
.. [1] R. W. Rosenthal, "Games of perfect information, predatory pricing and the chain-store
   paradox", *Journal of Economic Theory* 25 (1981), 92-100 (the Centipede game).
.. [2] The Gambit Project, "The extensive game (.efg) file format", *Gambit documentation*.
"""

from __future__ import annotations

from typing import Callable, Sequence

from ..gambit_lexer import quote_label

__all__ = ["chain_efg"]


def chain_efg(levels: int, *, actions: Sequence[str] = ("Stop", "Go"),
              payoffs: Callable[[int], Sequence] | None = None, end: Sequence = (0, 0),
              title: str = "chain") -> str:
    """The ``.efg`` text of a chain of ``levels`` decision nodes of two alternating players.

    Parameters
    ----------
    levels : int
        Number of decision nodes (the tree has ``2 * levels + 1`` nodes and is ``levels``
        moves deep). Player 1 moves at levels 0, 2, 4, ..., player 2 at 1, 3, ...; each node
        is its own information set (perfect information).
    actions : (str, str)
        The action that ends the game (a terminal node) and the one that moves on.
    payoffs : callable, optional
        ``payoffs(i)``: the two payoffs when the game ends at level ``i`` (numbers or ``.efg``
        number text); default ``(i, -i)``.
    end : (payoff, payoff)
        The payoffs when every mover moves on.
    title : str

    Returns
    -------
    str
        The file's text (one node per line), for :func:`govgames.games.extensive.parse_efg`
        or to write to a file.

    Examples
    --------
    >>> print(chain_efg(2), end="")
    EFG 2 R "chain" { "A" "B" }
    ""
    p "" 1 1 "" { "Stop" "Go" } 0
    t "" 1 "" { 0, 0 }
    p "" 2 2 "" { "Stop" "Go" } 0
    t "" 2 "" { 1, -1 }
    t "" 3 "" { 0, 0 }
    >>> from govgames.games.extensive import parse_efg
    >>> g = parse_efg(chain_efg(3, actions=("x", "y"), payoffs=lambda i: (1, 1), end=(1, 1)))
    >>> len(g.nodes), g.is_perfect_information
    (7, True)
    """
    pay = payoffs or (lambda i: (i, -i))
    stop, go = (quote_label(a, file_kind=".efg") for a in actions)
    lines = [f'EFG 2 R {quote_label(title, file_kind=".efg")} {{ "A" "B" }}', '""']
    for i in range(levels):
        u, v = pay(i)
        lines.append(f'p "" {i % 2 + 1} {i + 1} "" {{ {stop} {go} }} 0')
        lines.append(f't "" {i + 1} "" {{ {u}, {v} }}')
    lines.append(f't "" {levels + 1} "" {{ {end[0]}, {end[1]} }}')
    return "\n".join(lines) + "\n"
