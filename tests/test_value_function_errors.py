"""A value function that raises or returns something other than a number gives one
InputError naming the function and the coalition, serially and on a process pool (QA)."""
import concurrent.futures as cf

import numpy as np
import pytest

from govgames.games.errors import InputError
from govgames.networks import CoalitionalGame, banzhaf_value, shapley_value

P = list("ABCDEF")


def boom(S):
    if len(S) == 3:
        raise ValueError("boom in v\nsecond line")
    return float(len(S))


def text(S):
    return "x" if S else 0.0


def pair(S):
    return np.array([1.0, 2.0]) if S else 0.0


def nothing(S):
    return None if S else 0.0


def numpy_scalar(S):
    return np.float32(len(S)) if len(S) != 2 else np.array([2.0])


def vec_text(members):
    return np.array(["a"] * members.shape[0])


def vec_boom(members):
    raise KeyError("no such column")


@pytest.mark.parametrize("f, said", [(boom, "raised ValueError"), (text, "returned 'x' (str)"),
                                     (pair, "returned array([1., 2.]) (ndarray)"),
                                     (nothing, "returned None (NoneType)")])
@pytest.mark.parametrize("how", ["sample", "banzhaf", "tabulate", "value"])
def test_one_input_error_names_function_and_coalition(f, said, how):
    g = CoalitionalGame.from_function(P, f, tabulate=False)
    with pytest.raises(InputError) as info:
        if how == "sample":
            shapley_value(g, method="sample", n_samples=200, seed=1)
        elif how == "banzhaf":
            banzhaf_value(g, method="sample", n_samples=200, seed=1)
        elif how == "tabulate":
            CoalitionalGame.from_function(P, f)
        else:
            g.value("A,C,E")
    msg = str(info.value)
    assert f"the value function {f.__name__} {said} for the coalition {{" in msg
    assert "\n" not in msg
    if f is boom:
        assert isinstance(info.value.__cause__, ValueError)
        assert msg.endswith(": boom in v")
        members = msg.split("{")[1].split("}")[0].split(", ")
        assert len(members) == 3 and members == sorted(members)   # in the players' order
    if how == "value":
        assert "{A, C, E}" in msg


def test_numbers_of_any_numeric_type_are_accepted():
    g = CoalitionalGame.from_function(P, lambda S: np.int64(len(S)) if S else 0)
    assert g.values[-1] == 6.0
    g = CoalitionalGame.from_function(P, numpy_scalar, tabulate=False)
    assert g.value("A,B") == 2.0 and g.value("A") == 1.0     # a one-element array is a number


@pytest.mark.parametrize("f, said", [(vec_text, "returned array(['a'"),
                                     (vec_boom, "raised KeyError")])
def test_vectorized_value_function_errors_name_the_block(f, said):
    g = CoalitionalGame.from_function(P, f, tabulate=False, vectorized=True)
    with pytest.raises(InputError, match="the vectorized value function " + f.__name__) as info:
        shapley_value(g, method="sample", n_samples=50, seed=1)
    assert said in str(info.value) and "coalitions (the first: {" in str(info.value)


def test_same_error_on_a_process_pool():
    g = CoalitionalGame.from_function(P, boom, tabulate=False)
    with pytest.raises(InputError) as serial:
        shapley_value(g, method="sample", n_samples=200, seed=1)
    with cf.ProcessPoolExecutor(2) as ex, pytest.raises(InputError) as pooled:
        shapley_value(g, method="sample", n_samples=200, seed=1, executor=ex)
    assert str(pooled.value) == str(serial.value)
