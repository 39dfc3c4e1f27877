"""Network analysis from Python: the kite (checked against NetworkX) and the
exposure fixture's known answers (as tests/e2e/graph_test.cc)."""

import json

import networkx as nx
import pytest
import vigil
from conftest import NETWORKS, run_vigil

KITE = str(NETWORKS / "kite.csv")


def test_rank_of_a_file_matches_networkx(exposure_store):
    ranked = exposure_store.rank(measure="betweenness", graph=KITE)
    assert list(ranked.columns) == ["rank", "node", "value"]
    assert ranked["node"].iloc[0] == "Heather"
    assert len(ranked) == 10
    reference = nx.betweenness_centrality(nx.read_edgelist(KITE, delimiter=",", comments="source"))
    for node, value in zip(ranked["node"], ranked["value"]):
        assert value == pytest.approx(reference[node], abs=1e-12)
    assert list(exposure_store.rank(measure="degree", top=3, graph=KITE)["rank"]) == [1, 2, 3]


def test_bad_measure_suggests_the_near_name(exposure_store):
    with pytest.raises(vigil.InputError) as caught:
        exposure_store.rank(measure="betweeness", graph=KITE)
    assert caught.value.field == "measure"
    assert "did you mean 'betweenness'" in str(caught.value)


def test_communities_one_row_per_node(exposure_store):
    communities = exposure_store.communities(graph=KITE)
    assert list(communities.columns[:3]) == ["community", "size", "node"]
    assert sorted(communities["node"]) == sorted(
        ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]
    )
    assert communities.attrs["count"] == communities["community"].nunique() >= 2
    assert communities.attrs["modularity"] > 0.1
    sizes = communities.groupby("community").size()
    assert (communities["size"] == communities["community"].map(sizes)).all()


def test_keyplayers_cut_heather(exposure_store):
    result = exposure_store.keyplayers(k=1, graph=KITE)
    assert result["players"][0]["node"] == "Heather"
    assert len(result["articulation_points"]) == 2


def test_exposure_reaches_the_designated_through_the_minister(exposure_store):
    exposed = exposure_store.exposure("Ministry of Security", as_of="2023")
    assert list(exposed.columns) == [
        "entity", "name", "kind", "score", "hops", "designations", "paths",
    ]
    assert len(exposed) == 2
    assert exposed["entity"].iloc[0] == "zaman-network"
    legion = exposed.set_index("entity").loc["crescent-legion"]
    assert legion["hops"] == 3
    assert legion["score"] == pytest.approx((0.9 * 0.9) * (0.95 * 0.9) * (0.6 * 0.8), abs=1e-12)
    assert len(legion["designations"]) == 2
    assert exposed.attrs["start"]["id"] == "ministry-of-security"
    assert exposed.attrs["as_of"] == "2023-12-31"
    un = exposure_store.exposure("Ministry of Security", as_of="2023", authority="UN")
    assert list(un["entity"]) == ["crescent-legion"]


def test_exposure_of_an_unknown_entity_is_not_found(exposure_store):
    with pytest.raises(vigil.NotFoundError) as caught:
        exposure_store.exposure("Ministry of Nothing")
    assert isinstance(caught.value, KeyError)
    assert "Ministry of Nothing" in str(caught.value)
    with pytest.raises(vigil.InputError) as bad:
        exposure_store.exposure("Ministry of Security", authority="usa")
    assert "'usa' is not an authority code" in str(bad.value)


def test_paths_strongest_first(exposure_store):
    result = exposure_store.paths("Ministry of Security", "Crescent Legion", k=5, as_of="2023")
    assert [p["hops"] for p in result["paths"]] == [3, 1]


def test_graph_as_networkx(exposure_store):
    kite = exposure_store.graph(graph=KITE)
    assert isinstance(kite, nx.Graph) and not kite.is_directed()
    assert (kite.number_of_nodes(), kite.number_of_edges()) == (10, 18)
    store = exposure_store.graph(as_of="2023")
    assert "ministry-of-security" in store.nodes
    assert store.number_of_nodes() == len(exposure_store.rank(measure="degree", as_of="2023"))
    assert exposure_store.graph(directed=True).is_directed()


def test_show_gives_the_card_and_not_found(exposure_store):
    card = exposure_store.show("Tariq Zaman")
    assert (card["id"], card["kind"]) == ("tariq-zaman", "person")
    assert card["relations"]
    with pytest.raises(vigil.NotFoundError) as caught:
        exposure_store.show("Nobody Here")
    assert str(caught.value) == "no entity is named 'Nobody Here'"


def test_show_gives_an_events_card_by_its_id_as_the_cli(mini_store):
    card = mini_store.show("2018-05-03-darvaz-market-bombing")
    assert (card["id"], card["type"]) == ("2018-05-03-darvaz-market-bombing", "bombing")
    roles = {(p["entity"], p["role"]) for p in card["participants"]}
    assert ("northern-front", "attributed") in roles and ("valley-brigade", "claimed") in roles
    cli = run_vigil("show", "2018-05-03-darvaz-market-bombing", "--json", "--db", mini_store.path)
    assert cli.returncode == 0, cli.stderr
    assert card == json.loads(cli.stdout)


def test_network_files_need_no_store():
    assert vigil.rank(KITE, measure="betweenness", top=1)["node"].tolist() == ["Heather"]
    assert vigil.keyplayers(KITE, k=1)["players"][0]["node"] == "Heather"
    assert vigil.communities(KITE)["node"].nunique() == 10
    assert vigil.read_graph(KITE).number_of_edges() == 18
    with pytest.raises(vigil.InputError) as caught:
        vigil.rank(KITE, as_of="2020")  # the knowledge base's filters, on a file
    assert caught.value.exit_code == 2
    with pytest.raises(vigil.InputError) as no_file:
        vigil.rank("")
    assert no_file.value.field == "graph"


def outgoing(card):
    return sorted(r["predicate"] for r in card["relations"]["outgoing"])


def test_show_as_of_and_during_filter_the_relations_as_the_cli(exposure_store):
    # Tariq Zaman leads the network from 2008 and is minister from 2021-09.
    card = exposure_store.show("tariq-zaman")
    assert outgoing(card) == ["holds_position_in", "leader_of"]
    assert card["relations"]["as_of"] is None
    before = exposure_store.show("tariq-zaman", as_of="2020")
    assert outgoing(before) == ["leader_of"]
    assert before["relations"]["as_of"] == "2020-12-31"
    assert outgoing(exposure_store.show("tariq-zaman", during="2010..2020")) == ["leader_of"]
    during = exposure_store.show("tariq-zaman", during="2022..2023")
    assert outgoing(during) == ["holds_position_in", "leader_of"]
    assert during["relations"]["during"] == "2022-01-01..2023-12-31"
    cli = run_vigil("show", "tariq-zaman", "--as-of", "2020", "--json", "--db", exposure_store.path)
    assert cli.returncode == 0, cli.stderr
    assert before == json.loads(cli.stdout)


@pytest.mark.parametrize("options, field", [({"as_of": "soon"}, "as_of"), ({"during": "2023..2021"}, "during")])
def test_show_bad_dates_raise_input_error_naming_the_field(exposure_store, options, field):
    with pytest.raises(vigil.InputError) as caught:
        exposure_store.show("tariq-zaman", **options)
    assert caught.value.field == field
