"""Mixed Nash equilibria of games with any number of players (placeholder, filled below)."""
