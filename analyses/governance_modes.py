"""Case 11. Modes of governance compared: one regional dilemma under three institutions.

Zhang Chengfu, Li Haocheng and Bian Xiaohui (2012) distinguish three modes of cross-boundary
governance: **central-led** (the centre sets up the coordinating body and drives the locals by
order and policy; authoritative but liable to become a formality when the locals lack motive),
**parallel regional coordination** (equal local governments cooperate for their own interest
under common rules, free to join and to leave) and the **multi-actor network** (governments,
firms and non-government organisations cooperating across several networks). *Collaborative
governance among local governments: concepts, modes and drivers* crosses formality (low/high)
with activity (few/many) into four types of collaboration: sporadic, normative, symbolic and
institutionalised (:data:`govgames.analyses.intervention.TYPOLOGY`, reused here).

**One dilemma.** Every pair of neighbouring actors plays a prisoner's dilemma with reward
``R = 1``, punishment ``P = 0``, sucker's payoff ``S`` and temptation ``T > 1`` (assumed).
Real activity inside a formal mechanism costs each member a transaction cost ``k`` per period.

* **Central-led** (a leader–follower game): the centre commits to an expected fine on members
  that shirk; the cheapest fine making real activity an equilibrium is ``T - R + k``
  (:func:`govgames.games.extensive.leader.minimal_intervention`). The centre's enforcement
  capacity ``e`` (largest expected fine, audit rate x legal maximum) is assumed. Formality is
  high; activity is real iff ``T - R + k <= e``: *institutionalised*, else *symbolic*.
* **Parallel coordination with free exit** (a repeated game): members cooperate under grim
  trigger; a defector leaves, the organisation dissolves and everyone gets ``P``. Cooperation
  holds iff ``δ >= (T - R + k) / (T - P)``
  (:func:`govgames.games.repeated.critical_discount_factor`): *institutionalised*, else the
  members exit and cooperation is *sporadic*.
* **Multi-actor network** (a coalitional game on a graph): no formal body; each link costs each
  end ``link_cost`` per period. A coalition keeps cooperating inside and defects on its links to
  the rest, who punish from the next period: ``v(S) = Σ_{inside links} (2R - 2 link_cost) +
  Σ_{boundary links} (1 - δ) T``. Cooperation is self-enforcing iff the core of this game is
  non-empty (:func:`govgames.networks.stability.core_is_nonempty`); the Myerson (1977) value
  gives each actor's share. Low formality: *normative* if the core is non-empty, else
  *sporadic*. Every link is a convex two-player game iff ``2R - 2 link_cost >= 2 (1 - δ) T``,
  which is also necessary (sum the singletons' constraints), so the condition does not depend
  on the graph's shape: ``δ >= (T - R + link_cost) / T``.

All payoffs are illustrative; the papers describe the modes in words only.

References
----------
Zhang Chengfu, Li Haocheng and Bian Xiaohui (2012), *Cross-boundary governance: modes,
mechanisms and dilemmas*; *Collaborative governance among local governments: concepts, modes
and drivers*; R. B. Myerson, "Graphs and cooperation in games", *Mathematics of Operations
Research* 2 (1977); J. W. Friedman (1971); G. S. Becker (1968).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from govgames.games.dilemmas import prisoners_dilemma
from govgames.games.errors import InputError
from govgames.games.extensive.leader import minimal_intervention
from govgames.games.numbers import exact_rational
from govgames.games.repeated import critical_discount_factor
from govgames.networks.coalitional import CoalitionalGame
from govgames.networks.stability import core_is_nonempty
from govgames.networks.values import myerson_value

from .base import CaseResult, Describe, register
from .intervention import TYPOLOGY

__all__ = ["run", "load", "compute", "figures", "narrate", "GovernanceData", "GovernanceNumbers",
           "MODES", "central_fine", "parallel_delta", "network_game", "network_delta",
           "mode_outcome", "DEFAULT_NETWORK"]

#: the three modes of Zhang, Li and Bian (2012)
MODES = ("central-led", "parallel coordination", "multi-actor network")
#: reward and punishment of the stage dilemma (normalisation)
REWARD, PUNISHMENT = 1, 0
#: sucker's payoff (illustrative; grim trigger and the fine do not depend on it)
SUCKER = Fraction(-1, 2)
#: default network: three governments, a firm and a non-government organisation (illustrative)
DEFAULT_NETWORK = (("Gov A", "Gov B"), ("Gov B", "Gov C"), ("Gov A", "Firm"), ("Gov B", "Firm"),
                   ("Gov C", "NGO"), ("Firm", "NGO"))
#: the grid of the parameter map: temptation T and transaction cost k
TEMPTATION_GRID = tuple(np.round(np.linspace(1.05, 3.0, 40), 4))
COST_GRID = tuple(np.round(np.linspace(0.0, 1.0, 41), 4))
#: order of the collaboration types in the map's colour scale
TYPE_ORDER = ("sporadic", "normative", "symbolic", "institutionalised")
_COLOURS = ("#dddddd", "#66ccee", "#ccbb44", "#228833")


@dataclass
class GovernanceData:
    """Validated inputs (all illustrative)."""

    network: nx.Graph
    discount: float
    capacity: float
    link_cost: float


@dataclass
class GovernanceNumbers:
    """Numbers of the case (no prose)."""

    point: pd.DataFrame
    grid_share: pd.DataFrame
    maps: dict
    temptation: float
    transaction_cost: float
    discount: float
    capacity: float
    link_cost: float
    myerson: dict
    core_nonempty: bool


def central_fine(T, k, R=REWARD):
    """Smallest expected fine making real activity an equilibrium under the central-led mode.

    ``T - R + k`` (shirking saves the transaction cost and gains the temptation).

    Examples
    --------
    >>> central_fine(2.0, 0.25)
    1.25
    """
    return T - R + k


def parallel_delta(T, k, R=REWARD, P=PUNISHMENT):
    """Critical discount factor of parallel coordination with free exit: ``(T - R + k)/(T - P)``.

    Examples
    --------
    >>> parallel_delta(2.0, 0.5)
    0.75
    """
    return (T - R + k) / (T - P)


def network_delta(T, link_cost, R=REWARD):
    """Least ``δ`` at which the network game's core is non-empty: ``(T - R + link_cost) / T``.

    Examples
    --------
    >>> network_delta(2.0, 0.2)
    0.6
    """
    return (T - R + link_cost) / T


def mode_outcome(mode: str, *, T, k, discount, capacity, link_cost) -> str:
    """The collaboration type a mode reaches (closed forms; checked against the library).

    Parameters
    ----------
    mode : {"central-led", "parallel coordination", "multi-actor network"}
    T, k, discount, capacity, link_cost : float
        Temptation, transaction cost, discount factor, enforcement capacity, link cost.

    Returns
    -------
    str
        A type of :data:`govgames.analyses.intervention.TYPOLOGY`.

    Raises
    ------
    InputError
        For an unknown mode.

    Examples
    --------
    >>> mode_outcome("central-led", T=2, k=0.5, discount=0.6, capacity=1, link_cost=0.2)
    'symbolic'
    >>> mode_outcome("multi-actor network", T=2, k=0.5, discount=0.6, capacity=1, link_cost=0.2)
    'normative'
    """
    if mode == MODES[0]:
        key = ("high", "many" if central_fine(T, k) <= capacity + 1e-12 else "few")
    elif mode == MODES[1]:
        key = ("high", "many") if discount >= parallel_delta(T, k) - 1e-12 else ("low", "few")
    elif mode == MODES[2]:
        key = (("low", "many") if discount >= network_delta(T, link_cost) - 1e-12
               else ("low", "few"))
    else:
        raise InputError(f"unknown mode {mode!r}; the modes are {', '.join(MODES)}")
    return TYPOLOGY[key]


def network_game(G: nx.Graph, *, T, discount, link_cost, R=REWARD) -> CoalitionalGame:
    """The network mode's coalitional game ``v(S)`` (see the module docstring).

    Parameters
    ----------
    G : networkx.Graph
        Actors and their links (at most 12 actors: the game has ``2^n`` coalitions).
    T, discount, link_cost : float

    Returns
    -------
    CoalitionalGame

    Raises
    ------
    InputError
        If the graph has more than 12 actors or no link.

    Examples
    --------
    >>> g = network_game(nx.path_graph(["A", "B"]), T=2.0, discount=0.5, link_cost=0.25)
    >>> g.value({"A"}), g.value({"A", "B"})
    (1.0, 1.5)
    """
    nodes = list(G.nodes)
    if len(nodes) > 12 or G.number_of_edges() == 0:
        raise InputError(f"network_game: need 1 to 12 linked actors, got {len(nodes)} actors "
                         f"and {G.number_of_edges()} links")
    inside, boundary = 2 * R - 2 * link_cost, (1 - discount) * T
    edges = [(nodes.index(u), nodes.index(v)) for u, v in G.edges]
    values = np.zeros(1 << len(nodes))
    for mask in range(1, 1 << len(nodes)):
        for u, v in edges:
            a, b = (mask >> u) & 1, (mask >> v) & 1
            values[mask] += inside if a and b else boundary if a or b else 0.0
    return CoalitionalGame(nodes, values, name="multi-actor network")


def load(*, discount: float = 0.6, capacity: float = 1.0, link_cost: float = 0.2,
         network=None) -> GovernanceData:
    """Check the illustrative inputs and build the network.

    Parameters
    ----------
    discount : float
        Discount factor of the governments, in (0, 1).
    capacity : float
        The centre's enforcement capacity (largest expected fine), at least 0.
    link_cost : float
        Cost of each network link to each of its ends, at least 0.
    network : sequence of pairs, optional
        The network's links (default :data:`DEFAULT_NETWORK`).

    Returns
    -------
    GovernanceData

    Raises
    ------
    InputError
        A value out of range, or a link that is not a pair of distinct names.

    Examples
    --------
    >>> load().network.number_of_nodes()
    5
    """
    for name, v, lo, hi in (("discount", discount, 0, 1), ("capacity", capacity, 0, None),
                            ("link_cost", link_cost, 0, None)):
        ok = isinstance(v, (int, float)) and np.isfinite(v) and v >= lo and (hi is None or v < hi)
        if not ok or (name == "discount" and v <= 0):
            raise InputError(f"governance_modes: {name} must be "
                             + (f"in ({lo}, {hi})" if hi else f">= {lo}") + f", got {v!r}")
    G = nx.Graph()
    for i, e in enumerate(DEFAULT_NETWORK if network is None else network):
        if len(e) != 2 or e[0] == e[1]:
            raise InputError(f"governance_modes: link {i} must be two distinct actors, got {e!r}")
        G.add_edge(str(e[0]), str(e[1]))
    return GovernanceData(G, float(discount), float(capacity), float(link_cost))


def _stage(T, k):
    return prisoners_dilemma(T=exact_rational(T), R=exact_rational(REWARD - k),
                             P=exact_rational(PUNISHMENT), S=exact_rational(SUCKER - k))


def _library_point(data: GovernanceData, T: float, k: float) -> dict:
    """The three modes at one point, solved by the library's general algorithms."""
    g = _stage(T, k)
    shirk = lambda i, p: -1 if p[i] == 1 else 0  # noqa: E731 - the fine's payoff change
    fine = minimal_intervention(g, ["Cooperate", "Cooperate"], {"fine": shirk},
                                cost={"fine": 1}).levels["fine"]
    d = critical_discount_factor(g, ("Cooperate", "Cooperate"),
                                 punishment=("Defect", "Defect")).delta
    # None: no δ < 1 sustains cooperation (the transaction cost eats the reward); inf then
    net = network_game(data.network, T=T, discount=data.discount, link_cost=data.link_cost)
    return {"fine": float(fine), "delta": float("inf") if d is None else float(d), "core": core_is_nonempty(net),
            "myerson": {p: float(x) for p, x in myerson_value(net, data.network).items()}}


def _maps(data: GovernanceData) -> dict:
    maps = {}
    for mode in MODES:
        arr = np.empty((len(COST_GRID), len(TEMPTATION_GRID)), dtype=int)
        for r, k in enumerate(COST_GRID):
            for c, T in enumerate(TEMPTATION_GRID):
                arr[r, c] = TYPE_ORDER.index(mode_outcome(
                    mode, T=T, k=k, discount=data.discount, capacity=data.capacity,
                    link_cost=data.link_cost))
        maps[mode] = arr
    return maps


def compute(data: GovernanceData, *, temptation: float = 1.8,
            transaction_cost: float = 0.3) -> GovernanceNumbers:
    """Thresholds and outcomes of the three modes at one point, and the parameter map.

    Parameters
    ----------
    data : GovernanceData
    temptation : float
        ``T`` (> 1) at the reported point.
    transaction_cost : float
        ``k`` (>= 0) at the reported point.

    Returns
    -------
    GovernanceNumbers

    Raises
    ------
    InputError
        If ``temptation <= 1`` or ``transaction_cost < 0``.

    Examples
    --------
    >>> n = compute(load())
    >>> n.point["outcome"].tolist()
    ['symbolic', 'sporadic', 'normative']
    """
    T, k = temptation, transaction_cost
    if not isinstance(T, (int, float)) or not T > REWARD or not np.isfinite(T):
        raise InputError(f"governance_modes: temptation must exceed the reward {REWARD}, got {T!r}")
    if not isinstance(k, (int, float)) or not k >= 0 or not np.isfinite(k):
        raise InputError(f"governance_modes: transaction_cost must be >= 0, got {k!r}")
    lib = _library_point(data, T, k)
    kw = dict(T=T, k=k, discount=data.discount, capacity=data.capacity, link_cost=data.link_cost)
    rows = [
        {"mode": MODES[0], "condition": "expected fine T - R + k <= capacity e",
         "threshold": lib["fine"], "closed_form": central_fine(T, k), "against": data.capacity},
        {"mode": MODES[1], "condition": "δ >= (T - R + k) / (T - P)",
         "threshold": lib["delta"], "closed_form": parallel_delta(T, k), "against": data.discount},
        {"mode": MODES[2], "condition": "core of the network game non-empty",
         "threshold": network_delta(T, data.link_cost), "closed_form":
             network_delta(T, data.link_cost), "against": data.discount}]
    point = pd.DataFrame(rows)
    point["outcome"] = [mode_outcome(m, **kw) for m in MODES]
    point["cooperation"] = point["outcome"].isin(["normative", "institutionalised"])
    maps = _maps(data)
    share = pd.DataFrame([{"mode": m, **{t: float((maps[m] == i).mean())
                                         for i, t in enumerate(TYPE_ORDER)}} for m in MODES])
    share["cooperation"] = share["normative"] + share["institutionalised"]
    return GovernanceNumbers(point, share, maps, float(T), float(k), data.discount,
                             data.capacity, data.link_cost, lib["myerson"], bool(lib["core"]))


def figures(numbers: GovernanceNumbers) -> dict:
    """The parameter map: the collaboration type each mode reaches over temptation x cost."""
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    axes = fig.subplots(1, len(MODES), sharey=True)
    cmap = ListedColormap(_COLOURS)
    ext = (TEMPTATION_GRID[0], TEMPTATION_GRID[-1], COST_GRID[0], COST_GRID[-1])
    for ax, mode in zip(axes, MODES):
        ax.imshow(numbers.maps[mode], origin="lower", aspect="auto", extent=ext, cmap=cmap,
                  vmin=-0.5, vmax=len(TYPE_ORDER) - 0.5, interpolation="nearest")
        ax.plot([numbers.temptation], [numbers.transaction_cost], "k*", ms=10)
        ax.set_title(mode)
        ax.set_xlabel("temptation T")
    axes[0].set_ylabel("transaction cost k")
    handles = [Patch(color=c, label=t) for c, t in zip(_COLOURS, TYPE_ORDER)]
    # beside the last panel (constrained layout makes room; works on every matplotlib >= 3.6)
    axes[-1].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                    fontsize="small", title="collaboration type")
    fig.suptitle(f"Which mode sustains cooperation (δ = {numbers.discount:g}, "
                 f"capacity e = {numbers.capacity:g}, link cost {numbers.link_cost:g})")
    return {"parameter_map": fig}


def _delta_text(threshold: float, discount: float) -> str:
    """The parallel mode's critical δ against δ; a threshold >= 1 means no δ suffices."""
    if not threshold < 1:
        return f"no discount factor below 1 suffices, against δ = {discount:g}"
    return f"critical δ {threshold:.3f} against δ = {discount:g}"


def _core_text(nonempty: bool, threshold: float) -> str:
    """How the network's core depends on patience; a threshold >= 1 means never."""
    if nonempty:
        return f"non-empty from δ = {threshold:.3f}"
    if not threshold < 1:  # also nan / inf
        return "empty; non-empty never (no discount factor below 1 suffices)"
    return f"empty; non-empty only from δ = {threshold:.3f}"


def narrate(numbers: GovernanceNumbers) -> tuple:
    """The finding and notes, written from the numbers.

    Returns
    -------
    tuple of (str, list of str)

    Examples
    --------
    >>> import pandas as pd
    >>> point = pd.DataFrame({"mode": list(MODES), "outcome": ["symbolic", "sporadic",
    ...                       "normative"], "threshold": [1.1, 0.61, 0.56]})
    >>> share = pd.DataFrame({"mode": list(MODES), "cooperation": [0.25, 0.2, 0.5]})
    >>> n = GovernanceNumbers(point, share, {}, 1.8, 0.3, 0.6, 1.0, 0.2, {"A": 1.0}, True)
    >>> narrate(n)[0].split(": ")[1].split(";")[0]
    'central-led symbolic (fine needed 1.1 against capacity 1)'
    """
    p = numbers.point.set_index("mode")
    sh = numbers.grid_share.set_index("mode")["cooperation"]
    best = max(MODES, key=lambda m: sh[m])
    my = ", ".join(f"{a} {x:.2f}" for a, x in sorted(numbers.myerson.items(),
                                                     key=lambda kv: -kv[1]))
    finding = (
        f"At temptation T = {numbers.temptation:g} and transaction cost k = "
        f"{numbers.transaction_cost:g} the three modes reach: "
        f"central-led {p.loc[MODES[0], 'outcome']} (fine needed "
        f"{p.loc[MODES[0], 'threshold']:.3g} against capacity {numbers.capacity:g}); "
        f"parallel coordination {p.loc[MODES[1], 'outcome']} "
        f"({_delta_text(float(p.loc[MODES[1], 'threshold']), numbers.discount)}); "
        f"multi-actor network {p.loc[MODES[2], 'outcome']} (core "
        f"{_core_text(numbers.core_nonempty, float(p.loc[MODES[2], 'threshold']))}; "
        f"Myerson shares {my}). "
        f"Over the map of T and k the share of parameter points where cooperation is sustained "
        f"is {sh[MODES[0]]:.0%} central-led, {sh[MODES[1]]:.0%} parallel and "
        f"{sh[MODES[2]]:.0%} network; {best} covers most. The centre's commitment does not "
        f"need patience but is bounded by its enforcement capacity, where it fails it leaves "
        f"a symbolic mechanism; parallel coordination fails at high temptation or cost, and "
        f"its members leave.")
    notes = [
        "All payoffs are assumed (R = 1, P = 0, the temptation, the transaction cost, the "
        "discount factor, the centre's capacity and the link cost); the papers describe the "
        "modes and the typology in words only.",
        "By construction: the network mode pays no formal transaction cost, so its region does "
        "not depend on k, and whether its core is non-empty does not depend on the graph's "
        "shape (each link is its own two-actor game); it beats parallel coordination exactly "
        "when the link cost is below k. The Myerson shares are proportional to each actor's "
        "number of links.",
        "Types (Collaborative governance among local governments: concepts, modes and "
        "drivers): formal and active = institutionalised; formal, little activity = symbolic; "
        "informal and active = normative; informal, little activity = sporadic."]
    return finding, notes


_DESCRIBE = {
    "temptation": Describe("Temptation T", status="assumed"),
    "transaction_cost": Describe("Transaction cost k of a formal mechanism", status="assumed"),
    "discount": Describe("Discount factor δ", status="assumed"),
    "capacity": Describe("Centre's enforcement capacity e", status="assumed"),
    "link_cost": Describe("Cost of a network link to each end", status="assumed"),
    "central_fine": Describe("Expected fine the central-led mode needs", status="assumed"),
    "parallel_delta": Describe("Critical δ of parallel coordination", status="assumed"),
    "network_delta": Describe("Least δ with a non-empty network core", status="assumed"),
    "outcomes": Describe("Collaboration type reached by each mode", status="assumed"),
    "cooperation_share": Describe("Share of the (T, k) map where each mode sustains "
                                  "cooperation", status="assumed"),
    "myerson": Describe("Myerson shares in the network", status="assumed"),
}
_CAPTIONS = {"parameter_map": "The collaboration type each mode reaches over temptation T and "
                              "transaction cost k (star: the reported point)."}
_GLOSSARY = {
    "T, R, P": "temptation, reward (1) and punishment (0) of each pairwise dilemma",
    "k": "transaction cost of real activity in a formal mechanism, per member and period",
    "e": "the centre's enforcement capacity: the largest expected fine it can impose",
    "δ": "discount factor (weight of the future)",
    "v(S)": "per-period value coalition S secures in the network game",
}


@register("governance_modes", "Modes of governance compared")
def run(*, temptation: float = 1.8, transaction_cost: float = 0.3, discount: float = 0.6,
        capacity: float = 1.0, link_cost: float = 0.2) -> CaseResult:
    """Run the modes-of-governance case.

    Parameters
    ----------
    temptation : float
        Temptation T of the pairwise dilemma, above the reward 1 (illustrative).
    transaction_cost : float
        Transaction cost k of real activity in a formal mechanism (illustrative).
    discount : float
        The governments' discount factor (illustrative).
    capacity : float
        The centre's enforcement capacity, the largest expected fine (illustrative).
    link_cost : float
        Cost of each network link to each of its ends (illustrative).

    Returns
    -------
    CaseResult

    Raises
    ------
    InputError
        A parameter out of range.

    Examples
    --------
    >>> run().numbers["outcomes"]["multi-actor network"]
    'normative'
    """
    d = load(discount=discount, capacity=capacity, link_cost=link_cost)
    n = compute(d, temptation=temptation, transaction_cost=transaction_cost)
    finding, notes = narrate(n)
    p = n.point.set_index("mode")
    numbers = {"temptation": n.temptation, "transaction_cost": n.transaction_cost,
               "discount": n.discount, "capacity": n.capacity, "link_cost": n.link_cost,
               "central_fine": float(p.loc[MODES[0], "threshold"]),
               "parallel_delta": float(p.loc[MODES[1], "threshold"]),
               "network_delta": float(p.loc[MODES[2], "threshold"]),
               "outcomes": dict(p["outcome"]),
               "cooperation_share": dict(n.grid_share.set_index("mode")["cooperation"]),
               "myerson": n.myerson}
    return CaseResult(
        name="governance_modes", title="Modes of governance compared", finding=finding,
        tables={"modes at the reported point": n.point,
                "share of the (T, k) map by collaboration type": n.grid_share,
                "typology (formality x activity)": pd.DataFrame(
                    [{"formality": f, "activity": a, "type": t}
                     for (f, a), t in TYPOLOGY.items()])},
        figures=figures(n), numbers=numbers, describe=_DESCRIBE, captions=_CAPTIONS,
        glossary=_GLOSSARY, notes=notes, illustrative=True,
        sources=["Zhang Chengfu, Li Haocheng and Bian Xiaohui (2012), Cross-boundary "
                 "governance: modes, mechanisms and dilemmas (the three modes)",
                 "Collaborative governance among local governments: concepts, modes and drivers "
                 "(the formality x activity typology)", "Myerson (1977); Friedman (1971); "
                 "Becker (1968)"])
