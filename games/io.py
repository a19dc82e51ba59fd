"""Game files: Gambit's ``.nfg`` format and the JSON normal-form format.

Both are described, with examples, in the file-format reference of the documentation
(``docs/reference/formats/index.md``).

The readers and writers live in :mod:`govgames.games.io_json` (JSON),
:mod:`govgames.games.nfg` (``.nfg``, with the lexer :mod:`govgames.games.gambit_lexer` shared with
``.efg``) and :mod:`govgames.games.io_common` (safe file reading); this module chooses between them
by extension and re-exports their names.

Gambit's strategic-game format [1]_ comes in two variants, both read and written here:

* the **payoff list**: after the header, the payoffs of every player at every pure profile,
  profiles ordered with the first player's strategy changing fastest;
* the **outcome list**: a list of outcomes ``{ "label" u_1, u_2, ... }`` followed by one outcome
  number per profile (same order; ``0`` is the null outcome with all payoffs zero).

The JSON format (``{"type": "normal_form", "players": ..., "strategies": ..., "parameters": ...,
"payoffs": {player: nested array}}``) allows numbers, rational strings and arithmetic expressions
over declared parameters; expressions are read by the whitelist parser
:func:`govgames.games.expr.parse_expression`, never evaluated as code. Parameters with a value are
substituted; those declared with ``null`` stay symbolic (any real number), as do those declared
with a domain word, ``"positive"``, ``"nonnegative"``, ``"negative"`` or ``"nonpositive"``, which
symbolic conditions use to decide what always or never holds.

Every malformed file raises one :class:`~govgames.games.errors.InputError` naming the file and the line
(``.nfg``) or the JSON path (``payoffs.B[1][0]``).

References
----------
.. [1] The Gambit Project, "Game representation formats", *Gambit documentation*,
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .game import NormalFormGame
from .gambit_lexer import _TOKEN, gambit_label as _gambit_label, gambit_tokens as _tokens  # noqa: F401
from .gambit_lexer import quote_label as _q  # noqa: F401
from .io_common import (MAX_FILE_SIZE, MAX_PLAYERS, _check_target, _make_game,  # noqa: F401
                        _number_text, parse_json_text, read_json_file, read_text_file)
from .io_json import (PARAMETER_DOMAINS, _entry_to_json, _integer_tables,  # noqa: F401
                      game_from_json, game_to_json, read_json, write_json)
from .nfg import game_to_nfg, parse_nfg, read_nfg, unique_labels, write_nfg  # noqa: F401

if TYPE_CHECKING:
    from .continuous.game import ContinuousGame

__all__ = ["read_game", "write_game", "game_from_json", "game_to_json", "read_json", "write_json",
           "read_nfg", "write_nfg", "parse_nfg", "game_to_nfg", "read_text_file", "read_any_game",
           "parse_json_text", "read_json_file"]


# ---------------------------------------------------------------------------- by extension

def _kind(path) -> str:
    if Path(path).is_dir():
        raise InputError(f"{path}: is a directory, not a game file")
    ext = Path(path).suffix.lower()
    if ext == ".json":
        return "json"
    if ext == ".nfg":
        return "nfg"
    raise InputError(f"{path}: unknown game file type {ext or '(no extension)'!r}; "
                     "expected .nfg (Gambit) or .json")


def read_game(path) -> NormalFormGame | ContinuousGame:
    """Read a normal-form game from a ``.nfg`` or ``.json`` file (chosen by the extension; a JSON
    file of ``"type": "continuous"`` gives a continuous game).

    Examples
    --------
    >>> import pathlib, govgames.games as games
    >>> g = read_game(pathlib.Path(games.__file__).parent / "examples" / "prisoners_dilemma.nfg")
    >>> g.players
    ('Row', 'Column')
    >>> read_game("game.txt")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: game.txt: unknown game file type '.txt'; expected .nfg (Gambit) or .json
    """
    kind = _kind(path)
    return read_json(path) if kind == "json" else read_nfg(path)


def write_game(game: NormalFormGame, path, *, overwrite: bool = False, **options) -> Path:
    """Write a game to ``.nfg`` or ``.json`` (by extension); never replaces a file unless asked.

    A game tree (:class:`~govgames.games.extensive.ExtensiveGame`) is written to ``.efg``
    (:func:`~govgames.games.extensive.write_efg`) or to a JSON ``"tree"`` file
    (:func:`~govgames.games.extensive.write_tree_json`), so that :func:`read_any_game` reads
    back what was written.

    Examples
    --------
    >>> import tempfile, os
    >>> g = NormalFormGame([[[1, 0]], [[0, 1]]])
    >>> d = tempfile.mkdtemp()
    >>> p = write_game(g, os.path.join(d, "g.nfg"))
    >>> read_game(p) == g
    True
    >>> write_game(g, p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: ...g.nfg: file exists; pass overwrite=True to replace it
    """
    from .extensive import ExtensiveGame

    if isinstance(game, ExtensiveGame):
        return _write_tree(game, path, overwrite, options)
    kind = _kind(path)
    if kind == "json":
        if options:
            raise InputError(f"unknown option(s) for JSON: {', '.join(options)}")
        return write_json(game, path, overwrite=overwrite)
    return write_nfg(game, path, overwrite=overwrite, **options)


def _write_tree(game, path, overwrite: bool, options: dict) -> Path:
    """:func:`write_game` for a game tree: ``.efg`` or JSON, by extension."""
    from .extensive import write_efg, write_tree_json

    if options:
        raise InputError(f"unknown option(s) for a game tree: {', '.join(options)}")
    if Path(path).is_dir():
        raise InputError(f"{path}: is a directory, not a game file")
    ext = Path(path).suffix.lower()
    if ext == ".efg":
        return write_efg(game, path, overwrite=overwrite)
    if ext == ".json":
        return write_tree_json(game, path, overwrite=overwrite)
    raise InputError(f"{path}: a game tree is written as .efg (Gambit) or .json, not "
                     f"{ext or '(no extension)'!r}")


def read_any_game(path):
    """Read a normal-form game or a game tree, by extension and JSON ``"type"``.

    ``.efg`` (Gambit) and JSON files of type ``"tree"`` give a
    :class:`~govgames.games.extensive.ExtensiveGame` (read by
    :func:`~govgames.games.extensive.read_efg` and
    :func:`~govgames.games.extensive.tree_from_json`, whose expressions go through the same
    whitelist parser); ``.nfg`` and other JSON files a :class:`NormalFormGame` as
    :func:`read_game`.

    Examples
    --------
    >>> import pathlib, govgames.games as games
    >>> read_any_game(pathlib.Path(games.__file__).parent / "examples" / "entry_deterrence.efg")
    <ExtensiveGame 'Entry deterrence': 2 players ['Entrant', 'Incumbent'], 5 nodes, 2 information sets, perfect information>
    """
    ext = Path(path).suffix.lower()
    if ext == ".efg":
        from .extensive import read_efg

        return read_efg(path)
    if ext == ".json" and not Path(path).is_dir():
        obj = read_json_file(path)
        if isinstance(obj, dict) and obj.get("type") == "tree":
            from .extensive import tree_from_json

            return tree_from_json(obj, source=str(path))
        return game_from_json(obj, source=str(path))
    return read_game(path)
