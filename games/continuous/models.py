"""Constructors of the standard games with continuous choices, each with its closed form.

Every constructor returns a :class:`~govgames.games.continuous.ContinuousGame`. Parameters left
as ``None`` stay symbolic (positive sympy symbols with the names in the signature), so the
solvers return formulas; numbers are kept exact (``0.1`` is ``1/10``).

=================================  ==========================================================
constructor                        closed-form equilibrium (symmetric case)
=================================  ==========================================================
:func:`cournot`                    ``q* = (a - c) / ((n + 1) b)``
:func:`bertrand`                   ``p* = (a + b c) / (2 b - (n - 1) d)``
:func:`tullock_contest`            ``x* = r (n - 1) v / n**2`` (pure only for ``r <= n/(n-1)``)
:func:`lazear_rosen_tournament`    ``e* = (w1 - w2) f(0) / k``
:func:`promotion_tournament`       growth ``(1 - beta) D / k_e``, cooperation ``w (1 - s) D / k_a``
:func:`public_good_contributions`  ``x* = (a - 1) / (n b)``; optimum ``(a - 1/n) / (n b)``
:func:`abatement`                  ``q* = a b / (n (b + c))``; optimum ``a b / (n b + c)``
:func:`tax_competition`            ``t* = B K / (n - 1)`` (revenue-maximising governments)
=================================  ==========================================================

References
----------
.. [1] A. A. Cournot, *Recherches sur les principes mathematiques de la theorie des richesses*,
   1838; textbook form in J. Tirole, *The Theory of Industrial Organization*, MIT Press, 1988,
   ch. 5.
.. [2] N. Singh and X. Vives, "Price and quantity competition in a differentiated duopoly",
   *RAND Journal of Economics* 15 (1984), 546-554.
.. [3] G. Tullock, "Efficient rent seeking", in *Toward a Theory of the Rent-Seeking Society*,
   1980; pure-equilibrium bound in J. Perez-Castrillo and T. Verdier, "A general analysis of
   rent-seeking games", *Public Choice* 73 (1992), 335-350.
.. [4] E. P. Lazear and S. Rosen, "Rank-order tournaments as optimum labor contracts",
   *Journal of Political Economy* 89 (1981), 841-864.
.. [5] H. Li and L.-A. Zhou, "Political turnover and economic performance: the incentive role of
   personnel control in China", *Journal of Public Economics* 89 (2005), 1743-1762.
.. [6] T. Bergstrom, L. Blume and H. Varian, "On the private provision of public goods",
   *Journal of Public Economics* 29 (1986), 25-49.
.. [7] S. Barrett, "Self-enforcing international environmental agreements", *Oxford Economic
   Papers* 46 (1994), 878-894.
.. [8] G. R. Zodrow and P. Mieszkowski, "Pigou, Tiebout, property taxation, and the
   underprovision of local public goods", *Journal of Urban Economics* 19 (1986), 356-370.
"""

from __future__ import annotations

import sympy as sp

from ..errors import InputError
from ..expr import as_sympy
from .game import MAX_EXPLICIT_PLAYERS, ContinuousGame, check_players

__all__ = ["cournot", "bertrand", "tullock_contest", "lazear_rosen_tournament",
           "promotion_tournament", "public_good_contributions", "abatement", "tax_competition"]


def _param(value, name, *, positive=True):
    """A parameter: a positive symbol when None, else an exact number (checked)."""
    if value is None:
        return sp.Symbol(name, positive=True) if positive else sp.Symbol(name, real=True)
    v = as_sympy(value, where=f"parameter {name}")
    if v.is_number:
        if v.is_real is False or v.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            raise InputError(f"parameter {name} must be a finite real number, got {value!r}")
        if positive and not v.is_positive:
            raise InputError(f"parameter {name} must be positive, got {value!r}")
    return v


def _n(n):
    if n is None:
        return sp.Symbol("n", positive=True, integer=True)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"the number of players n must be a positive integer, got {n!r}")
    check_players(n)  # before the constructors list one name per player
    return n


def _per_player(value, name, n, *, positive=True):
    """A scalar parameter, or a list with one value per player (asymmetric game)."""
    if isinstance(value, (list, tuple)):
        if not isinstance(n, int):
            raise InputError(f"parameter {name}: a list of values needs a numeric n")
        if len(value) != n:
            raise InputError(f"parameter {name}: {len(value)} values for {n} players")
        return [_param(v, f"{name}{i + 1}" if v is None else name, positive=positive)
                for i, v in enumerate(value)]
    return _param(value, name, positive=positive)


def _explicit(n, what):
    if not isinstance(n, int):
        raise InputError(f"{what} needs a numeric number of players")
    if n > MAX_EXPLICIT_PLAYERS:
        raise InputError(f"{what} with {n} players would write out {n} expressions of {n} "
                         f"variables (at most {MAX_EXPLICIT_PLAYERS}); use equal values so the "
                         "symmetric form applies")


def cournot(n=None, *, a=None, b=None, c=None) -> ContinuousGame:
    """Cournot oligopoly: ``n`` firms, linear inverse demand ``P = a - b Q``, unit costs ``c``.

    Firm ``i`` chooses its quantity ``q_i`` in ``[0, a/b]`` and earns ``(a - b Q - c_i) q_i``.

    Parameters
    ----------
    n : int, optional
        Number of firms (symbolic ``n`` when omitted).
    a, b : number, optional
        Demand intercept and slope (symbolic when omitted).
    c : number or list of numbers, optional
        Unit cost, common or one per firm (a list makes an asymmetric game, numeric ``n``).

    Returns
    -------
    ContinuousGame
        Symmetric form when costs are equal, explicit payoffs otherwise.

    Notes
    -----
    Closed form (equal costs, ``a > c``): ``q* = (a - c) / ((n + 1) b)``, price
    ``(a + n c) / (n + 1)``, profit ``(a - c)**2 / ((n + 1)**2 b)``. Collusion under grim
    trigger with Nash reversion is sustainable for ``delta >= (n + 1)**2 / (n**2 + 6 n + 1)``
    (``9/17`` for a duopoly).

    Raises
    ------
    InputError
        A non-positive ``a`` or ``b``, a wrong number of costs.

    References
    ----------
    Cournot (1838); Tirole (1988), ch. 5.

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> symmetric_equilibria(cournot(3, a=10, b=1, c=1))[0].exact_profile[0]
    (9/4,)
    """
    n = _n(n)
    a, b = _param(a, "a"), _param(b, "b")
    c = _per_player(c, "c", n, positive=False) if c is not None else sp.Symbol("c", positive=True)
    hi = a / b
    if isinstance(c, list):
        _explicit(n, "cournot with unequal costs")
        qs = sp.symbols(f"q1:{n + 1}", real=True)
        Q = sp.Add(*qs)
        return ContinuousGame([(a - b * Q - c[i]) * qs[i] for i in range(n)],
                              [(0, hi)] * n, variables=qs,
                              players=[f"Firm {i + 1}" for i in range(n)],
                              title=f"Cournot oligopoly ({n} firms)")
    x, y = sp.symbols("q Q_others", real=True)
    players = [f"Firm {i + 1}" for i in range(n)] if isinstance(n, int) else None
    return ContinuousGame.symmetric(n, (a - b * (x + y) - c) * x, x, y, bounds=(0, hi),
                                    players=players, title="Cournot oligopoly")


def bertrand(n=2, *, a=None, b=None, d=None, c=None) -> ContinuousGame:
    """Price competition with differentiated products and linear demand.

    Firm ``i`` sets price ``p_i`` and sells ``q_i = a - b p_i + d sum_{j != i} p_j`` at unit
    cost ``c``: profit ``(p_i - c) q_i``. Products are substitutes for ``d > 0``; the demand
    system is well behaved for ``b > (n - 1) d``. Prices lie in ``[0, a / (b - (n - 1) d)]``
    (the price at which demand vanishes when all charge the same price).

    Parameters
    ----------
    n : int
        Number of firms (default 2).
    a, b, d : number, optional
        Demand intercept, own-price and cross-price slopes (symbolic when omitted).
    c : number, optional
        Common unit cost (symbolic when omitted).

    Returns
    -------
    ContinuousGame
        Symmetric form.

    Notes
    -----
    Closed form: ``p* = (a + b c) / (2 b - (n - 1) d)``; the joint-profit price is
    ``(a / (b - (n - 1) d) + c) / 2``.

    Raises
    ------
    InputError
        ``b <= (n - 1) d`` with numeric values.

    References
    ----------
    Singh and Vives (1984); Tirole (1988), ch. 5.

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> symmetric_equilibria(bertrand(2, a=10, b=2, d=1, c=1))[0].exact_profile[0]
    (4,)
    """
    n = _n(n)
    a, b, c = _param(a, "a"), _param(b, "b"), _param(c, "c", positive=False) if c is not None \
        else sp.Symbol("c", positive=True)
    d = _param(d, "d")
    slope = b - (n - 1) * d
    if slope.is_number and not slope.is_positive:
        raise InputError(f"bertrand: need b > (n - 1) d for a demand that falls when all prices "
                         f"rise, got b = {b}, d = {d}, n = {n}")
    x, y = sp.symbols("p P_others", real=True)
    players = [f"Firm {i + 1}" for i in range(n)] if isinstance(n, int) else None
    return ContinuousGame.symmetric(n, (x - c) * (a - b * x + d * y), x, y,
                                    bounds=(0, a / slope), players=players,
                                    title="Bertrand competition, differentiated products")


def tullock_contest(n=None, *, v=None, r=1) -> ContinuousGame:
    """Tullock contest: ``n`` players spend ``x_i`` to win a prize; win probability
    ``x_i**r / sum_j x_j**r``.

    Player ``i`` earns ``v_i x_i**r / sum_j x_j**r - x_i``, with ``x_i`` in ``[0, max v]`` (more
    than the prize never pays).

    Parameters
    ----------
    n : int, optional
        Number of players (symbolic when omitted).
    v : number or list, optional
        The prize value, common or one per player (a list: asymmetric valuations).
    r : number
        Impact exponent (``r = 1`` the lottery contest).

    Returns
    -------
    ContinuousGame

    Notes
    -----
    Symmetric closed form: ``x* = r (n - 1) v / n**2``. It is an equilibrium only when the
    payoff there, ``v (n - r (n - 1)) / n**2``, is not negative: ``r <= n / (n - 1)`` (``r <= 2``
    for two players). For larger ``r`` no pure equilibrium exists (dropping out pays) and the
    solvers report the stationary point as rejected. Two players with values ``v1, v2`` and
    ``r = 1``: ``x1 = v1**2 v2 / (v1 + v2)**2``, ``x2 = v1 v2**2 / (v1 + v2)**2``.

    Raises
    ------
    InputError
        Non-positive ``r`` or values.

    References
    ----------
    Tullock (1980); Perez-Castrillo and Verdier (1992).

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> symmetric_equilibria(tullock_contest(4, v=16))[0].exact_profile[0]
    (3,)
    """
    n = _n(n)
    r = _param(r, "r")
    v = _per_player(v, "v", n)
    if isinstance(v, list):
        _explicit(n, "tullock_contest with unequal values")
        xs = sp.symbols(f"x1:{n + 1}", nonnegative=True)
        tot = sp.Add(*[x ** r for x in xs])
        hi = sp.Max(*v)
        return ContinuousGame([v[i] * xs[i] ** r / tot - xs[i] for i in range(n)],
                              [(0, hi)] * n, variables=xs, title=f"Tullock contest (r = {r})")
    x, y = sp.symbols("x X_others", nonnegative=True)
    game = ContinuousGame.symmetric(n, v * x ** r / (x ** r + y) - x, x, y, bounds=(0, v),
                                    aggregate=x ** r, title=f"Tullock contest (r = {r})")
    if not isinstance(n, int):
        game._domain = (sp.StrictGreaterThan(n, 1),)  # a contest has at least two players
    return game


def _win_probability(z, noise, sigma):
    """P(own output beats the rival's) when the own effort lead is ``z``: the noise difference
    is normal with variance ``2 sigma**2`` or logistic with scale ``sigma``."""
    if noise == "normal":
        return (1 + sp.erf(z / (2 * sigma))) / 2, 1 / (2 * sigma * sp.sqrt(sp.pi))
    if noise == "logistic":
        return 1 / (1 + sp.exp(-z / sigma)), 1 / (4 * sigma)
    raise InputError(f"noise must be 'normal' or 'logistic', got {noise!r}")


def lazear_rosen_tournament(*, w1=None, w2=None, k=None, sigma=None, noise="normal"
                            ) -> ContinuousGame:
    """Two-player rank-order tournament: the higher output wins the prize ``w1``, the other
    gets ``w2``.

    Output is ``e_i + eps_i``; with ``noise="normal"`` the ``eps_i`` are independent
    ``N(0, sigma**2)`` (so the difference has density ``f(0) = 1 / (2 sigma sqrt(pi))`` at 0);
    with ``"logistic"`` the difference is logistic with scale ``sigma`` (``f(0) = 1/(4 sigma)``).
    Effort costs ``k e**2 / 2``; efforts lie in ``[0, 2 sqrt((w1 - w2)/k)]`` (more effort is
    dominated by zero).

    Parameters
    ----------
    w1, w2 : number, optional
        Winner's and loser's prizes (symbolic when omitted; ``w1 > w2``).
    k : number, optional
        Effort cost coefficient.
    sigma : number, optional
        Noise scale.
    noise : {"normal", "logistic"}

    Returns
    -------
    ContinuousGame

    Notes
    -----
    Closed form: ``e* = (w1 - w2) f(0) / k``. It is an equilibrium only when the noise is large
    enough for the payoff to be concave over the relevant range (Lazear and Rosen 1981,
    footnote on pure-strategy existence); the certificate checks this.

    Raises
    ------
    InputError
        ``w1 <= w2``, unknown noise.

    References
    ----------
    Lazear and Rosen (1981).

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> g = lazear_rosen_tournament(w1=3, w2=1, k=1, sigma=1, noise="logistic")
    >>> symmetric_equilibria(g)[0].exact_profile[0]
    (1/2,)
    """
    w1 = _param(w1, "w1")
    w2 = _param(w2, "w2", positive=False) if w2 is not None else sp.Symbol("w2", positive=True)
    k, sigma = _param(k, "k"), _param(sigma, "sigma")
    spread = w1 - w2
    if spread.is_number and not spread.is_positive:
        raise InputError(f"lazear_rosen_tournament: the winner's prize w1 = {w1} must exceed the "
                         f"loser's w2 = {w2}")
    e1, e2 = sp.symbols("e1 e2", real=True)
    F1, _ = _win_probability(e1 - e2, noise, sigma)
    F2, _ = _win_probability(e2 - e1, noise, sigma)
    hi = 2 * sp.sqrt(spread / k)
    pay = [w2 + spread * F1 - k * e1 ** 2 / 2, w2 + spread * F2 - k * e2 ** 2 / 2]
    game = ContinuousGame(pay, [(0, hi)] * 2, variables=[e1, e2],
                          players=["Agent 1", "Agent 2"],
                          title=f"Lazear-Rosen tournament ({noise} noise)")
    if not spread.is_number:
        game._domain = (sp.StrictGreaterThan(w1, w2),)
    return game


def promotion_tournament(*, prize=None, beta=0, w=0, s=0, k_e=None, k_a=None, sigma=None,
                         noise="normal") -> ContinuousGame:
    """Promotion tournament of two officials with spillovers and an environmental indicator.

    Official ``i`` chooses growth effort ``e_i`` and cooperative (environmental) effort
    ``a_i``. Measured growth is ``g_i = e_i + beta e_j`` (growth effort spills over to the
    neighbour), the environmental indicator is ``E_i = a_i + s a_j`` (``s = 1``: a fully shared
    indicator, such as a common river's quality). The evaluation score is ``g_i + w E_i`` plus
    noise; the higher score wins the promotion worth ``prize``. Costs ``k_e e**2/2 + k_a a**2/2``.

    The ranking depends on the score difference
    ``(1 - beta)(e_i - e_j) + w (1 - s)(a_i - a_j)``: what both officials raise together
    cancels.

    Parameters
    ----------
    prize : number, optional
        Value of promotion (symbolic when omitted).
    beta : number
        Spillover of growth effort onto the neighbour's measured growth (Li and Zhou 2005).
    w : number
        Weight of the environmental indicator in the evaluation (0: growth only).
    s : number
        Spillover of cooperative effort onto the neighbour's indicator (1: fully shared).
    k_e, k_a : number, optional
        Cost coefficients of growth and cooperative effort.
    sigma : number, optional
        Noise scale (as in :func:`lazear_rosen_tournament`).
    noise : {"normal", "logistic"}

    Returns
    -------
    ContinuousGame
        Two players with vector choices ``(e_i, a_i)`` in ``[0, 2 sqrt(prize/k)]`` boxes.

    Notes
    -----
    Closed form (``D = prize * f(0)``): ``e* = (1 - beta) D / k_e`` and
    ``a* = w (1 - s) D / k_a``. The reform (``w > 0``) raises cooperative effort by
    ``w (1 - s) D / k_a``: it works when the indicator is the official's own (``s < 1``) and
    cancels when the indicator is shared (``s = 1``).

    Raises
    ------
    InputError
        ``beta`` or ``s`` outside ``[0, 1]``, negative ``w``.

    References
    ----------
    Lazear and Rosen (1981); Li and Zhou (2005).

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> g = promotion_tournament(prize=4, beta="1/2", w=1, s=0, k_e=1, k_a=1, sigma=1,
    ...                          noise="logistic")
    >>> symmetric_equilibria(g)[0].exact_profile[0]
    (1/2, 1)
    """
    prize = _param(prize, "V")
    k_e, k_a, sigma = _param(k_e, "k_e"), _param(k_a, "k_a"), _param(sigma, "sigma")
    beta = _param(beta, "beta", positive=False)
    w = _param(w, "w", positive=False)
    s = _param(s, "s", positive=False)
    for name, val in (("beta", beta), ("s", s)):
        if val.is_number and not (0 <= val <= 1):
            raise InputError(f"promotion_tournament: {name} must be in [0, 1], got {val}")
    if w.is_number and w < 0:
        raise InputError(f"promotion_tournament: the weight w must be >= 0, got {w}")
    e1, a1, e2, a2 = sp.symbols("e1 a1 e2 a2", real=True)
    lead1 = (1 - beta) * (e1 - e2) + w * (1 - s) * (a1 - a2)
    F1, _ = _win_probability(lead1, noise, sigma)
    F2, _ = _win_probability(-lead1, noise, sigma)
    pay = [prize * F1 - k_e * e1 ** 2 / 2 - k_a * a1 ** 2 / 2,
           prize * F2 - k_e * e2 ** 2 / 2 - k_a * a2 ** 2 / 2]
    box = [(0, 2 * sp.sqrt(prize / k_e)), (0, 2 * sp.sqrt(prize / k_a))]
    return ContinuousGame(pay, [box, box], variables=[(e1, a1), (e2, a2)],
                          players=["Official 1", "Official 2"],
                          title="Promotion tournament with spillovers")


def public_good_contributions(n=None, *, a=None, b=None, endowment=None) -> ContinuousGame:
    """Voluntary contributions to a public good with quadratic benefit.

    Player ``i`` contributes ``x_i`` in ``[0, endowment]``; with ``G = sum_j x_j`` it earns
    ``endowment - x_i + a G - b G**2 / 2``.

    Parameters
    ----------
    n : int, optional
        Number of players (symbolic when omitted).
    a, b : number, optional
        Marginal benefit at zero and its slope (``a > 1`` for anyone to contribute).
    endowment : number, optional
        Each player's budget.

    Returns
    -------
    ContinuousGame

    Notes
    -----
    Nash: the total is ``G = (a - 1) / b`` however many players (``x* = (a - 1)/(n b)``); the
    Samuelson optimum equates the sum of marginal benefits to the marginal cost,
    ``n (a - b G) = 1``: ``G = (a - 1/n) / b``. The gap grows with ``n``
    (Bergstrom, Blume and Varian 1986).

    References
    ----------
    Bergstrom, Blume and Varian (1986).

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> eqs = symmetric_equilibria(public_good_contributions(4, a=3, b=1, endowment=10))
    >>> eqs[0].exact_profile[0]
    (1/2,)
    """
    n = _n(n)
    a, b, m = _param(a, "a"), _param(b, "b"), _param(endowment, "m")
    x, y = sp.symbols("x X_others", real=True)
    G = x + y
    return ContinuousGame.symmetric(n, m - x + a * G - b * G ** 2 / 2, x, y, bounds=(0, m),
                                    title="Voluntary contributions to a public good")


def abatement(n=None, *, a=None, b=None, c=None) -> ContinuousGame:
    """Barrett's transboundary abatement game.

    Country ``i`` abates ``q_i`` in ``[0, a]``; with ``Q = sum_j q_j`` it earns
    ``(b / n)(a Q - Q**2 / 2) - c q_i**2 / 2``.

    Parameters
    ----------
    n : int, optional
        Number of countries (symbolic when omitted).
    a, b, c : number, optional
        Saturation abatement, global benefit slope, abatement cost slope.

    Returns
    -------
    ContinuousGame

    Notes
    -----
    Nash: ``q* = a b / (n (b + c))``, i.e. ``a / (n (1 + gamma))`` with ``gamma = c/b``. Full
    cooperation: ``q = a b / (n b + c)`` (Barrett 1994, eqs. 3-4).

    References
    ----------
    Barrett (1994).

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> symmetric_equilibria(abatement(2, a=10, b=1, c=1))[0].exact_profile[0]
    (5/2,)
    """
    n = _n(n)
    a, b, c = _param(a, "a"), _param(b, "b"), _param(c, "c")
    x, y = sp.symbols("q Q_others", real=True)
    Q = x + y
    return ContinuousGame.symmetric(n, b / n * (a * Q - Q ** 2 / 2) - c * x ** 2 / 2, x, y,
                                    bounds=(0, a), title="Transboundary abatement")


def tax_competition(n=None, *, A=None, B=None, K=None) -> ContinuousGame:
    """Tax competition for mobile capital among ``n`` jurisdictions (revenue-maximising).

    Each jurisdiction produces ``f(k) = A k - B k**2 / 2`` with the capital ``k`` it attracts
    and taxes capital at the unit rate ``t_i`` in ``[0, A]``. A fixed national stock ``K``
    moves until net returns are equal, ``f'(k_i) - t_i = r``, which gives
    ``k_i = K/n + (tbar - t_i)/B`` with ``tbar`` the mean tax. Government ``i`` maximises its
    revenue ``t_i k_i``.

    Parameters
    ----------
    n : int, optional
        Number of jurisdictions (symbolic when omitted).
    A, B : number, optional
        Productivity intercept and slope of the marginal product of capital.
    K : number, optional
        The national capital stock.

    Returns
    -------
    ContinuousGame

    Notes
    -----
    Nash: ``t* = B K / (n - 1)``: the more jurisdictions compete for the same capital, the
    lower the tax (the "race to the bottom" of Zodrow and Mieszkowski 1986). Jointly the
    governments would tax at the upper bound, since capital does not leave the country.

    References
    ----------
    Zodrow and Mieszkowski (1986).

    Examples
    --------
    >>> from govgames.games.continuous import symmetric_equilibria
    >>> symmetric_equilibria(tax_competition(5, A=10, B=1, K=8))[0].exact_profile[0]
    (2,)
    """
    n = _n(n)
    A, B, K = _param(A, "A"), _param(B, "B"), _param(K, "K")
    x, y = sp.symbols("t T_others", real=True)
    k = K / n + ((x + y) / n - x) / B
    return ContinuousGame.symmetric(n, x * k, x, y, bounds=(0, A),
                                    title="Tax competition for mobile capital")
