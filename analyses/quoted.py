"""Figures quoted from the papers, and where the bundled data holds them.

The case studies quote a handful of figures from the five papers on inter-governmental
cooperation (the Louisville-Jefferson split, the Fujian payments, the entry thresholds of the
Yangtze River Delta association, the counts of cooperation organisations). ``data/papers.csv``
names each paper (authors, year, title) with the patterns by which the project cites it;
``data/quoted_figures.csv`` lists every figure quoted from it, the section of the paper, and the
data file, row and column (or the case parameter) that holds it.

:func:`attributed_figures` finds, in any text, the numbers that a clause attributes to a paper,
so that a test can check that every such number is a listed quote: a figure the paper does not
give (such as a count of "16 founding members") is caught wherever it is written.

References
----------
Zhang Chengfu, Li Haocheng and Bian Xiaohui, "Cross-boundary governance: modes, mechanisms and
dilemmas", *Chinese Public Administration* (2012); the other papers are listed in
``data/papers.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .base import DATA_DIR

__all__ = ["papers", "quoted_figures", "attributed_figures", "Attribution", "clauses"]

_PAPERS = DATA_DIR / "papers.csv"
_QUOTED = DATA_DIR / "quoted_figures.csv"

#: references to the papers as a group ("the seeds")
_ANY_PAPER = re.compile(r"\bthe seeds\b|\bseeds 00\d", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:\.\d+)?(?![\w-])(?!\.\d)")
#: parts of a citation that are not quoted figures: page ranges, volume(issue), decades
_NOT_FIGURES = re.compile(r"seeds? 00\d(?:\s*(?:,|and|,\s*and)\s*00\d)*|\d+\s*\(\d+\)"
                          r"|\d+\s*[-–]\s*\d+|\[\d+\]|(?:19|20)\d\ds|\((?:19|20)\d\d[a-z]?\)"
                          r"|(?<=\()(?:19|20)\d\d[a-z]?(?=\s*[,;)])|\bcase (?:study )?\d+"
                          r"|``[^`]*``|`[^`]*`",
                          re.IGNORECASE)


def papers() -> pd.DataFrame:
    """The papers the cases cite: key, authors, year, title, journal and citation patterns.

    Returns
    -------
    pandas.DataFrame
        One row per paper, indexed by ``key``; ``cite_as`` is a regular expression matching the
        ways the project cites it, ``not_figures`` numbers of the citation itself (year,
        volume), ``misread_if`` a pattern no clause citing the paper may match.

    Examples
    --------
    >>> p = papers()
    >>> p.loc["zhang2012", "authors"]
    'Zhang Chengfu; Li Haocheng; Bian Xiaohui'
    """
    return pd.read_csv(_PAPERS, dtype=str, keep_default_na=False).set_index("key")


def quoted_figures() -> pd.DataFrame:
    """Every figure the cases quote from a paper, with where the bundled data holds it.

    Returns
    -------
    pandas.DataFrame
        Columns ``paper`` (a key of :func:`papers`), ``section``, ``figure`` (float), ``unit``,
        ``what``, ``data_file`` (a CSV under ``analyses/data`` or ``py:module:function:param``
        for a case parameter; empty when the figure is quoted in text only), ``data_row``
        (1-based data row; empty: any row), ``data_column``, ``scale`` (value in the data =
        figure x scale) and ``not_with`` (a pattern no clause quoting the figure may match).

    Examples
    --------
    >>> q = quoted_figures()
    >>> sorted(q.loc[q["paper"] == "cui", "figure"])[-2:]
    [58.7, 200.0]
    """
    q = pd.read_csv(_QUOTED, dtype=str, keep_default_na=False)
    q["figure"] = q["figure"].astype(float)
    return q


def clauses(text: str) -> list[str]:
    """Split text into the clauses a citation covers: sentences, and parts between semicolons.

    Decimal points and abbreviations such as ``et al.`` do not end a sentence.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> clauses("Louisville keeps 58.7% (Cui Jing et al.); the rest 41.3%. Next one.")
    ['Louisville keeps 58.7% (Cui Jing et al)', 'the rest 41.3%', 'Next one.']
    """
    text = re.sub(r"```.*?```", "\n\n", text.replace("et al.", "et al"), flags=re.DOTALL)
    blocks = re.split(r"\n\s*\n|\n(?=\s*(?:\.\. \[|[-*] |\d+\. |\|))", text)
    parts = []
    for block in blocks:
        block = re.sub(r"\s+", " ", block)
        parts += re.split(r";\s*|(?<=[a-z)\]%*\"'])\.\s+(?=[A-Z(*\"'])|\|", block)
    return [p.strip() for p in parts if p and p.strip()]


@dataclass(frozen=True)
class Attribution:
    """A number in a clause that cites a paper."""

    paper: str
    figure: float
    clause: str


def attributed_figures(text: str) -> list[Attribution]:
    """The numbers each clause of ``text`` attributes to a paper.

    A clause attributes its numbers to every paper it cites (by the patterns ``cite_as`` of
    :func:`papers`; "the seeds" cites them all, as paper ``*``). Citation parts (the paper's
    year and volume, page ranges, ``seed 00N``, decades such as ``1980s``) are not figures.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Attribution

    Examples
    --------
    >>> [(a.paper, a.figure) for a in attributed_figures(
    ...     "Louisville keeps 58.7% (Cui Jing et al.); 2010 census")]
    [('cui', 58.7)]
    """
    p = papers()
    out = []
    for clause in clauses(text):
        cited = [k for k in p.index if re.search(p.loc[k, "cite_as"], clause, re.IGNORECASE)]
        if _ANY_PAPER.search(clause):
            cited.append("*")
        if not cited:
            continue
        bare = _NOT_FIGURES.sub(" ", clause)
        for k in cited:
            text_k = bare
            if k != "*":
                text_k = re.sub(p.loc[k, "cite_as"], " ", text_k, flags=re.IGNORECASE)
            skip = set()
            if k != "*" and p.loc[k, "not_figures"]:
                skip = {float(x) for x in p.loc[k, "not_figures"].split(";")}
            for m in _NUMBER.finditer(text_k):
                x = float(m.group())
                if x not in skip:
                    out.append(Attribution(k, x, clause))
    return out
