"""govgames.networks: cooperative games on networks of governments, benefit sharing, clubs.

Algorithms are plain functions over a :class:`CoalitionalGame` or a networkx graph, returning
plain data (dicts keyed by player name), as in networkx.
"""

from games.errors import InputError

# --- models, values, stability, clubs (each module adds its public names below) ---

__all__ = ["InputError"]
