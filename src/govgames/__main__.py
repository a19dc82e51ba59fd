"""``python -m govgames`` runs the ``govgames`` command."""
import sys

from govgames.analyses.cli import main

sys.exit(main())
