"""Sub-commands of the ``govgames`` command line; each module has ``add_parser`` and ``run``."""
