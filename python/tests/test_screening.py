"""Screening from Python against the UN list: known hits, the CLI's JSON
shape, the batch DataFrame and its agreement with one-name screening."""

import json

import pandas as pd
import pytest
import vigil
from conftest import run_vigil

SPELLINGS = [
    "Sirajuddin Haqqani",
    "Serajuddin Haqani",
    "HAQQANI, Sirajuddin",
    "سراج الدين حقاني",
    "Сираджуддин Хаккани",
]


@pytest.mark.parametrize("name", SPELLINGS)
def test_finds_sirajuddin_haqqani_behind_spellings_and_scripts(un_store, name):
    result = un_store.screen(name, kind="person")
    top = result["hits"][0]
    assert top["entity"] == "un-tai-144"
    assert top["references"][0] == "TAi.144"
    assert top["programs"]
    assert top["score"] >= 0.8
    scores = [hit["rank_score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert [hit["rank"] for hit in result["hits"]] == list(range(1, len(scores) + 1))


def test_screen_gives_exactly_the_clis_json(un_db, un_store):
    args = ["Serajuddin Haqani", "--dob", "1977", "--country", "AF", "--threshold", "0.5"]
    cli = run_vigil("screen", *args, "--json", "--db", un_db)
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    got = un_store.screen("Serajuddin Haqani", dob="1977", country="AF", threshold=0.5)
    for result in (expected, got):
        result.pop("elapsed_ms")
    assert got == expected


def test_unlisted_names_and_the_other_kind_find_nothing(un_store):
    assert un_store.screen("Margaret Thornton")["hits"] == []
    assert un_store.screen("Haqqani Network", kind="person")["hits"] == []
    assert un_store.screen("Haqqani Network")["hits"][0]["kind"] == "organization"


def test_lists_name_the_un_version(un_store):
    (lists,) = un_store.lists()
    assert lists["dataset"] == "un-consolidated"
    assert lists["publish_date"] == "2025-04-19"


@pytest.mark.parametrize(
    "options, field",
    [({"threshold": 2.0}, "threshold"), ({"dob": "last year"}, "dob"), ({"top": 0}, "top")],
)
def test_bad_options_raise_input_error_naming_the_field(un_store, options, field):
    with pytest.raises(vigil.InputError) as caught:
        un_store.screen("Sirajuddin Haqqani", **options)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + ": ")


PAYEES = pd.DataFrame(
    {
        "name": [
            "Sirajuddin Haqqani",
            "Margaret Thornton",
            "Serajuddin Haqani",
            "Haqqani Network",
        ],
        "dob": ["1977", None, "1973", None],
    },
    index=[101, 102, 103, 104],
)


def test_screen_batch_dataframe_columns_and_rows(un_store):
    hits = un_store.screen_batch(PAYEES, name="name", dob="dob")
    assert tuple(hits.columns) == vigil.BATCH_COLUMNS
    assert set(hits["row"]) <= set(PAYEES.index)
    assert 102 not in set(hits["row"])  # Margaret Thornton: no hit
    top = hits[hits["rank"] == 1].set_index("row")
    assert top.loc[101, "entity"] == "un-tai-144"
    assert top.loc[101, "references"][0] == "TAi.144"
    assert top.loc[103, "entity"] == "un-tai-144"
    assert top.loc[104, "kind"] == "organization"
    assert hits["score"].dtype == "float64"
    summary = hits.attrs["summary"]
    assert summary["rows"] == 4 and summary["screened"] == 4 and summary["skipped"] == 0
    assert summary["rows_with_hits"] == hits["row"].nunique() == 3
    assert summary["hits"] == len(hits)
    assert json.loads(hits["explanation"].iloc[0])["pairs"]


def test_screen_batch_agrees_with_screen_row_by_row(un_store):
    hits = un_store.screen_batch(PAYEES, dob="dob", explanation="dict")
    for label, row in PAYEES.iterrows():
        one = un_store.screen(row["name"], dob=row["dob"], part_sources=False)
        expected = [(h["entity"], h["score"], h["explanation"]) for h in one["hits"]]
        got = hits[hits["row"] == label]
        assert list(zip(got["entity"], got["score"], got["explanation"])) == expected, row["name"]
    bare = un_store.screen_batch(PAYEES, dob="dob", explanation=None)
    assert "explanation" not in bare.columns
    assert list(bare["entity"]) == list(hits["entity"])


def test_screen_batch_takes_dicts_and_reports_skipped_rows(un_store):
    rows = [
        {"full_name": "Sirajuddin Haqqani", "ref": "A-1"},
        {"full_name": "", "ref": "A-2"},
        {"full_name": "Haqqani Network", "ref": "A-3"},
    ]
    hits = un_store.screen_batch(rows, name=None, explanation="dict")
    assert sorted(set(hits["row"])) == [0, 2]
    assert isinstance(hits["explanation"].iloc[0], dict)
    summary = hits.attrs["summary"]
    assert summary["skipped"] == 1
    assert summary["problems"][0].startswith("rows:2: ")


def test_screen_batch_unknown_column_is_an_input_error(un_store):
    with pytest.raises(vigil.InputError) as caught:
        un_store.screen_batch(PAYEES, name="nom")
    assert "no column 'nom'" in str(caught.value)
    assert caught.value.field == "name_column"


def test_screen_batch_without_hits_keeps_the_columns(un_store):
    hits = un_store.screen_batch(pd.DataFrame({"name": ["Margaret Thornton"]}))
    assert tuple(hits.columns) == vigil.BATCH_COLUMNS
    assert len(hits) == 0


def test_screening_from_several_threads_gives_the_same_hits(un_store):
    from concurrent.futures import ThreadPoolExecutor

    names = SPELLINGS * 4
    expected = [un_store.screen(n)["hits"][0]["entity"] for n in names]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda n: un_store.screen(n)["hits"][0]["entity"], names))
    assert got == expected == ["un-tai-144"] * len(names)


BIRTH_DATES = pd.DataFrame(
    {
        "name": ["Sirajuddin Haqqani", "Serajuddin Haqani", "Haqqani Network"],
        "dob": ["1950", None, None],
    }
)


def top_hits(hits):
    """{row: (entity, score rounded as the CLI's CSV)} of each row's best hit."""
    top = hits[hits["rank"] == 1]
    return {row: (entity, round(score, 4)) for row, entity, score in zip(top["row"], top["entity"], top["score"])}


def test_batch_dob_and_country_replace_the_columns_as_the_clis_dob_and_country(un_store):
    # vigil screen --input (the dob column, 1950, rules Haqqani's first row out) ...
    assert top_hits(un_store.screen_batch(BIRTH_DATES)) == {
        1: ("un-tai-144", 1.0),
        2: ("un-tae-012", 0.8914),
    }
    # ... --dob 1977 --country AF: every row born in 1977 (the CLI's CSV gives
    # un-tai-144 at 1.0000 for the first two rows).
    hits = un_store.screen_batch(BIRTH_DATES, batch_dob="1977", batch_country="AF")
    assert top_hits(hits) == {0: ("un-tai-144", 1.0), 1: ("un-tai-144", 1.0), 2: ("un-tae-012", 0.8914)}
    # ... --dob 1990: born in 1990, neither row is Haqqani.
    assert top_hits(un_store.screen_batch(BIRTH_DATES, batch_dob="1990")) == {2: ("un-tae-012", 0.8914)}


def test_bad_batch_dob_is_an_input_error_naming_dob(un_store):
    with pytest.raises(vigil.InputError) as caught:
        un_store.screen_batch(BIRTH_DATES, batch_dob="last year")
    assert caught.value.field == "dob"
