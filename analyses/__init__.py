"""govgames.analyses: case studies of cooperation among local governments, notebooks, the
``govgames`` command and the HTML report."""
