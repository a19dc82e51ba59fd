"""Figures of the club case: the city map and the charts of calibration, gains and sweeps."""

from __future__ import annotations

import networkx as nx
import numpy as np

__all__ = ["STATUS_STYLE", "draw_yrd_network", "calibration_figure", "gains_figure",
           "sweep_figure"]

STATUS_STYLE = {
    "member": ("tab:blue", "member before the round"),
    "entrant": ("tab:red", "joined in the round"),
    "eligible": ("tab:orange", "eligible, did not join"),
    "ineligible": ("lightgray", "not eligible"),
}


def draw_yrd_network(G: nx.Graph, status: dict, *, ax=None, title: str | None = None,
                     label: str = "name_en"):
    """A map-like drawing: cities at their centroids (longitude, latitude), shared borders as
    edges, colour by ``status`` (``member``, ``entrant``, ``eligible``, ``ineligible``), size by
    GDP, labels in pinyin (``name_en``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> ax = draw_yrd_network(G, {c: "member" for c in G})
    >>> sorted(t.get_text() for t in ax.texts)[:3]
    ['Anqing', 'Bengbu', 'Bozhou']
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 8))
    pos = {c: (float(d["lon"]), float(d["lat"])) for c, d in G.nodes(data=True)}
    borders = [(a, b) for a, b, d in G.edges(data=True) if d.get("border")]
    nx.draw_networkx_edges(G, pos, edgelist=borders, ax=ax, edge_color="0.6", width=0.8)
    gdp = np.array([float(G.nodes[c].get("gdp_100m_yuan", 1.0)) for c in G])
    sizes = 40 + 500 * np.sqrt(gdp / gdp.max())
    colors = [STATUS_STYLE.get(status.get(c, "ineligible"), STATUS_STYLE["ineligible"])[0]
              for c in G]
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color=colors,
                           edgecolors="k", linewidths=0.5)
    labels = {c: str(G.nodes[c].get(label, c)) for c in G}
    nx.draw_networkx_labels(G, pos, labels=labels, ax=ax, font_size=6.5,
                            verticalalignment="bottom")
    used = {status.get(c, "ineligible") for c in G}
    handles = [Line2D([], [], marker="o", ls="", markerfacecolor=col, markeredgecolor="k",
                      label=lab) for key, (col, lab) in STATUS_STYLE.items() if key in used]
    ax.legend(handles=handles, loc="lower left", fontsize="small")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect(1 / np.cos(np.radians(np.mean([p[1] for p in pos.values()]))))
    ax.tick_params(left=True, bottom=True, labelleft=True, labelbottom=True)
    if title:
        ax.set_title(title)
    return ax


def calibration_figure(table, entrants, calib, linkage_min):
    from matplotlib.figure import Figure

    others = [c for c in table.columns if c.endswith(".pass") and not c.startswith("linkage")]
    ok = ~table["member"].astype(bool)
    for c in others:
        ok &= table[c].astype(bool)
    sub = table.loc[ok].sort_values("linkage.value")
    fig = Figure(figsize=(7, 5))
    ax = fig.add_subplot()
    ent = set(entrants)
    colors = ["tab:red" if c in ent else "tab:orange" for c in sub.index]
    ax.barh(range(len(sub)), sub["linkage.value"], color=colors)
    ax.set_yticks(range(len(sub)))
    ax.set_yticklabels(sub["name_en"], fontsize=7)
    ax.set_xscale("log")
    ax.axvline(linkage_min, color="k", ls="--", lw=1, label=f"rule: {linkage_min:g}")
    lo, hi = calib["best_threshold_low"], calib["best_threshold_high"]
    if np.isfinite(hi):
        ax.axvspan(max(lo, 1e-9), hi, color="tab:green", alpha=0.2,
                   label=f"best cut for the round: {lo:.0f}-{hi:.0f}")
    ax.set_xlabel("gravity linkage with the members (sum of R_ij; log scale)")
    ax.set_title("Eligible candidates: joined in the round (red) or not (orange)")
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    return fig


def gains_figure(gains):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    g = gains.sort_values("gain")
    ax.barh(g["name"], g["gain"], color="tab:blue")
    ax.set_xlabel("gain in Shapley share (linkage units)")
    ax.set_title("Who gains from the expansion (members before the round)")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    return fig


def sweep_figure(sweeps, rule_values):
    from govgames.networks import plot_threshold_sweep
    from matplotlib.figure import Figure

    labels = {"u_min": "urbanization threshold (share)",
              "g_ratio": "per-capita GDP threshold (share of the reference city's)",
              "l_min": "linkage threshold (log scale)"}
    params = list(dict.fromkeys(sweeps["threshold"]))
    fig = Figure(figsize=(7, 3.2 * len(params)))
    for i, p in enumerate(params, start=1):
        ax = fig.add_subplot(len(params), 1, i)
        df = sweeps[sweeps["threshold"] == p].reset_index(drop=True)
        plot_threshold_sweep(df, ax=ax)
        ax.set_xlabel(labels.get(p, p))
        if p == "l_min":
            ax.set_xscale("log")
        if p in rule_values:
            ax.axvline(rule_values[p], color="k", ls=":", lw=1)
    fig.tight_layout()
    return fig
