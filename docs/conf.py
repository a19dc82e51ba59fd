"""Sphinx configuration of the govgames documentation.

Build (offline, warnings are errors)::

    pip install -e '.[docs]'
    sphinx-build -W -b html docs docs/_build/html

The classroom notebooks of ``analyses/notebooks`` are copied into ``tutorials/notebooks`` at
build time and executed by myst-nb with a cache (``docs/_build/.jupyter_cache``): a rebuild
re-runs only the notebooks that changed. ``GOVGAMES_DOCS_EXECUTE=off`` renders them without
running them (no outputs).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import govgames

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

project = "govgames"
author = "govgames developers"
copyright = "govgames developers (MIT License)"
release = govgames.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_nb",
    "sphinxarg.ext",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints",
                    "reference/formats/examples/*"]
html_theme = "alabaster"
html_static_path = []
html_title = f"govgames {release}"

# -- API reference ------------------------------------------------------------------------
# One page per public module, found by walking the package (modules whose name starts with "_"
# are private); each page documents the names the module defines (re-exports are documented
# where they are defined). A new module appears without any change here.
autodoc_default_options = {"members": True, "show-inheritance": True,
                           "ignore-module-all": True}
autodoc_typehints = "none"          # numpydoc's Parameters sections carry the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks = set()

# -- notebooks (tutorials) ----------------------------------------------------------------
nb_execution_mode = os.environ.get("GOVGAMES_DOCS_EXECUTE", "cache")
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache")
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# -- offline: no intersphinx downloads unless asked for -----------------------------------
intersphinx_mapping = {}
if os.environ.get("GOVGAMES_DOCS_INTERSPHINX"):
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "networkx": ("https://networkx.org/documentation/stable", None),
    }

suppress_warnings = [
    "ref.citation",   # numpydoc keeps References entries that the text does not cite
    "mystnb.unknown_mime_type",
]

os.environ.setdefault("MPLBACKEND", "Agg")


def _copy_notebooks(app):
    """Copy the classroom notebooks into the source tree (tutorials/notebooks)."""
    src = ROOT / "analyses" / "notebooks"
    dst = DOCS / "tutorials" / "notebooks"
    dst.mkdir(exist_ok=True)
    wanted = {p.name for p in src.glob("*.ipynb")}
    for old in dst.glob("*.ipynb"):
        if old.name not in wanted:
            old.unlink()
    for nb in sorted(src.glob("*.ipynb")):
        target = dst / nb.name
        if not target.exists() or target.read_bytes() != nb.read_bytes():
            shutil.copyfile(nb, target)


def public_modules() -> list[str]:
    """Every public module of govgames (no name part starting with an underscore)."""
    import importlib
    import pkgutil

    names = ["govgames"]
    for sub in ("games", "networks", "analyses"):
        pkg = importlib.import_module(f"govgames.{sub}")
        names.append(pkg.__name__)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + "."):
            if not any(part.startswith("_") for part in info.name.split(".")):
                names.append(info.name)
    return sorted(names)


def _write_api_pages(app):
    """reference/api/<module>.rst for every public module (rewritten only when it changes)."""
    out = DOCS / "reference" / "api"
    out.mkdir(exist_ok=True)
    names = public_modules()
    for old in out.glob("*.rst"):
        if old.stem not in names:
            old.unlink()
    for name in names:
        text = f"{name}\n{'=' * len(name)}\n\n.. automodule:: {name}\n"
        page = out / f"{name}.rst"
        if not page.exists() or page.read_text() != text:
            page.write_text(text)


def _defined_at(target: str, objects) -> str | None:
    """The documented name of ``target``: a re-export (``govgames.networks.Allocation``) is
    followed to the module that defines it, a bare name (``CoalitionalGame``) to the one
    documented object with that name; None when there is no such object or several."""
    import importlib

    parts = target.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for name in parts[cut:]:
                obj = getattr(obj, name)
        except AttributeError:
            break
        home = getattr(obj, "__module__", None)
        qual = getattr(obj, "__qualname__", None)
        if home and qual and f"{home}.{qual}" in objects:
            return f"{home}.{qual}"
        break
    found = [name for name in objects if name.endswith("." + target)]
    return found[0] if len(found) == 1 else None


def _resolve_reexports(app, env, node, contnode):
    """``missing-reference``: the API pages document each name where it is defined; resolve a
    reference to a public re-export or to a bare name at that place."""
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    name = _defined_at(node["reftarget"], domain.objects)
    if name is None:
        return None
    from sphinx.util.nodes import make_refnode

    entry = domain.objects[name]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode,
                        name)


def setup(app):
    app.connect("builder-inited", _copy_notebooks)
    app.connect("builder-inited", _write_api_pages)
    app.connect("missing-reference", _resolve_reexports)
