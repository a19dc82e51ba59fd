"""Names in the club API: the English names of the report are the keys, the Chinese name is kept
(``name_zh``), and every input that names a city accepts either."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from govgames.analyses import club
from govgames.analyses.base import DATA_DIR
from govgames.games.errors import InputError
from govgames.networks import Club, EntryRule, NameIndex
from govgames.networks import club_stability as cs
from hypothesis import given
from hypothesis import strategies as st

NAMES = pd.read_csv(DATA_DIR / "yrd" / "yrd_city_names.csv")  # Chinese city, name_en


@pytest.fixture(scope="module")
def cities():
    return club.load_yrd_cities()


def test_bundled_table_is_keyed_by_the_report_names(cities):
    assert list(cities.index) == list(NAMES["name_en"])
    assert list(cities["city"]) == list(cities.index) == list(cities["name_en"])
    assert list(cities["name_zh"]) == list(NAMES["city"])
    assert set(cities["province"]) == {"Shanghai", "Jiangsu", "Zhejiang", "Anhui"}
    G = club.yrd_graph(cities)
    assert set(G.nodes) == set(NAMES["name_en"])
    borders = club.load_yrd_borders()
    assert set(borders["city_a"]) | set(borders["city_b"]) <= set(NAMES["name_en"])


@pytest.mark.parametrize("zh, en", list(zip(NAMES["city"], NAMES["name_en"])))
def test_every_chinese_name_finds_its_city(cities, zh, en):
    assert club.resolve_city(cities, zh) == en
    assert club.resolve_city(cities, zh.removesuffix("市")) == en
    assert club.resolve_city(cities, en) == en
    assert club.resolve_city(cities, f" {en.upper()} ") == en


def test_unknown_city_is_refused(cities):
    with pytest.raises(InputError, match="'Beijing' is not in the city table"):
        club.resolve_city(cities, "Beijing")


def test_club_accepts_either_name(cities):
    G = club.yrd_graph(cities)
    members_en = club.club_members(cities, 2010)
    zh = dict(zip(cities.index, cities["name_zh"]))
    members_zh = [zh[m] for m in members_en]
    rule = club.yrd_entry_rule()
    a = club.yrd_club(cities, G, members_en, rule)
    b = club.yrd_club(cities, G, members_zh, rule)
    assert a.members == b.members
    assert dict(a.shares()) == dict(b.shares())
    assert cs.summary(a) == cs.summary(b)
    assert a.shares(["上海", "苏州市", "Hangzhou"]) == a.shares(["Shanghai", "Suzhou",
                                                              "Hangzhou"])
    assert a.find("合肥") == "Hefei"
    with pytest.raises(InputError, match="unknown city 'Beijing'"):
        a.shares(["Beijing"])


def test_entry_rule_reference_by_either_name(cities):
    G = club.yrd_graph(cities)
    members = club.club_members(cities, 2010)
    ev_en = EntryRule('gdp_per_capita_yuan >= 0.2 * gdp_per_capita_yuan["Shanghai"]').evaluate(
        cities, members=members, graph=G)
    zh = dict(zip(cities.index, cities["name_zh"]))
    ev_zh = EntryRule('gdp_per_capita_yuan >= 0.2 * gdp_per_capita_yuan["上海市"]').evaluate(
        cities, members=[zh[m] for m in members], graph=G)
    pd.testing.assert_frame_equal(ev_en, ev_zh)
    assert ev_en["eligible"].sum() == 37
    with pytest.raises(InputError, match="reference city '北京市' is not in the data"):
        EntryRule('gdp_per_capita_yuan >= gdp_per_capita_yuan["北京市"]').evaluate(cities)


def test_case_reference_by_chinese_name_gives_the_same_numbers():
    d = club.load()
    a = club.compute(d, sweep_points=2)
    b = club.compute(d, sweep_points=2, reference="上海")
    assert a.reference == b.reference == "Shanghai"
    assert a.numbers == b.numbers
    assert a.status["Shanghai"] == "member"


def test_user_borders_in_chinese_names(cities, tmp_path):
    p = tmp_path / "borders.csv"
    p.write_text("city_a,city_b,shared_border_km\n上海市,苏州,145.5\nHefei,芜湖市,10\n",
                 encoding="utf-8")
    G = club.yrd_graph(cities, club.load_yrd_borders(p))
    assert sorted((a, b) for a, b, d in G.edges(data=True) if d["border"]) == [
        ("Hefei", "Wuhu"), ("Shanghai", "Suzhou")]
    p.write_text("city_a,city_b,shared_border_km\n上海市,北京市,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="city '北京市' is not in the city table"):
        club.yrd_graph(cities, club.load_yrd_borders(p))


def test_chinese_keys_are_deprecated_but_still_work():
    with pytest.warns(DeprecationWarning, match="keys='zh'"):
        t = club.load_yrd_cities(keys="zh")
    assert t.index[0] == "上海市" and t.loc["上海市", "name_en"] == "Shanghai"
    G = club.yrd_graph(t, club.load_yrd_borders())  # English border names found via name_en
    assert G["上海市"]["苏州市"]["border"]
    assert club.resolve_city(t, "Shanghai") == "上海市"
    with pytest.raises(InputError, match="keys must be"):
        club.load_yrd_cities(keys="fr")


def test_ambiguous_name_is_refused():
    ix = NameIndex(["Taizhou (Jiangsu)", "Taizhou (Zhejiang)"],
                   {"Taizhou (Jiangsu)": ["Taizhou"], "Taizhou (Zhejiang)": ["Taizhou"]})
    with pytest.raises(InputError, match="could mean any of"):
        ix.find("Taizhou")
    G = nx.Graph([("A", "B", {"weight": 1})])
    data = pd.DataFrame({"name_en": ["X", "X"]}, index=["A", "B"])
    with pytest.raises(InputError, match="'X' could mean any of 'A', 'B'"):
        Club(["X"], None, G, data=data)


@given(st.lists(st.text(alphabet="abcxyz上海苏州", min_size=1, max_size=4), min_size=1,
                max_size=8, unique=True))
def test_name_index_finds_every_key_and_alias(words):
    keys = [f"k{i}" for i in range(len(words))]
    ix = NameIndex(keys, {k: [w] for k, w in zip(keys, words)})
    for k, w in zip(keys, words):
        assert ix.find(k) == k
        hits = ix.matches(w)
        assert k in hits  # a name always finds its city, and is refused only if shared
        if len(hits) > 1:
            with pytest.raises(InputError, match="could mean"):
                ix.find(w)


def test_bare_name_of_two_qualified_cities_is_refused_naming_both(cities):
    # QA: "Taizhou" was "not a known city" although the docs promise an ambiguity error
    from govgames.networks import NameIndex
    ix = NameIndex.from_table(cities)
    with pytest.raises(InputError, match=r"'Taizhou' could mean any of 'Taizhou \(Jiangsu\)', "
                                         r"'Taizhou \(Zhejiang\)'"):
        ix.find("Taizhou")
    with pytest.raises(InputError, match=r"Taizhou \(Jiangsu\)', 'Taizhou \(Zhejiang\)'"):
        club.resolve_city(cities, "taizhou")
    # a bare name that is also a key means that key; a unique bare name is found
    assert ix.find("Suzhou") == "Suzhou" and ix.find("suzhou") == "Suzhou"
    assert NameIndex(["Hefei (Anhui)"]).find("Hefei") == "Hefei (Anhui)"


@pytest.mark.parametrize("name, key", [("上海 市", "Shanghai"), ("南京  市", "Nanjing"),
                                       (" 上海市 ", "Shanghai")])
def test_space_before_the_city_suffix_does_not_matter(cities, name, key):
    assert club.resolve_city(cities, name) == key


def test_general_lookup_does_not_speak_of_a_reference_city(cities):
    with pytest.raises(InputError) as exc:
        club.resolve_city(cities, "Nowhere")
    assert "reference" not in str(exc.value) and "'Nowhere'" in str(exc.value)
    with pytest.raises(InputError, match="reference city 'Nowhere'"):
        club.compute(club.load(), reference="Nowhere", sweep_points=2)
