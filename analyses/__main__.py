"""``python -m govgames.analyses`` runs the ``govgames`` command."""
import sys

from .cli import main

sys.exit(main())
