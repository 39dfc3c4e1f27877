"""vigil for Python: sanctions screening and network analysis from notebooks
and data pipelines (docs/python.md).

A thin layer over the extension vigil._vigil (python/vigil_python.cc), which
calls vigil's engine: results are the JSON shapes that ``vigil ... --json``
prints (docs/cli.md, docs/screening.md), as dicts and lists, or pandas
DataFrames built from them; options are checked by the engine, and its
errors arrive as vigil.Error with vigil's message.

    import vigil
    store = vigil.open("vigil.db")
    store.screen("Serajuddin Haqani", dob="1977")["hits"][0]["references"]
    hits = store.screen_batch(payees)      # a DataFrame of hits, one row per hit
    store.rank(measure="betweenness", top=10)
"""

from __future__ import annotations

import io
import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _vigil
from ._errors import Error, InputError, NotFoundError

__version__: str = _vigil.__version__

__all__ = [
    "BATCH_COLUMNS",
    "Error",
    "InputError",
    "NotFoundError",
    "Store",
    "communities",
    "compare",
    "keyplayers",
    "open",
    "rank",
    "read_graph",
    "__version__",
]

# The columns of screen_batch()'s DataFrame, in order (docs/python.md).
BATCH_COLUMNS = (
    "row",
    "rank",
    "score",
    "entity",
    "name",
    "kind",
    "dataset",
    "matched_name",
    "references",
    "programs",
    "linked",
    "explanation",
)


def open(path: Union[str, os.PathLike]) -> "Store":  # noqa: A001 (vigil.open, as the issue names it)
    """Opens a vigil store (a database that ``vigil load`` wrote), read-only:
    a SQLite file, or a PostgreSQL database named by a ``postgresql://`` URI
    as ``vigil --db`` takes it.

    Raises NotFoundError when there is no store at path.
    """
    return Store(path)


def compare(
    a: str, b: str, kind: Optional[str] = None, threshold: Optional[float] = None
) -> dict:
    """Two names scored and explained, without any list: ``vigil compare --json``'s
    shape ({"name_a", "name_b", "kind", "score", "threshold", "match",
    "explanation", "analysis"}).

    kind: "person", "organization" or "any" (None: any); threshold: the
    decision threshold (None: vigil's default).
    """
    return _vigil.compare(a, b, kind or "", threshold)


def _files() -> "Store":
    """A Store without a store: for the analysis of network files only."""
    store = Store.__new__(Store)
    store.path = None
    store._native = _vigil.Store(None)
    return store


def rank(graph: str, measure: str = "degree", top: int = 0, **options: Any) -> pd.DataFrame:
    """Store.rank() of a network file, without a store (edge list, adjacency
    matrix CSV, GraphML, Pajek, UCINET DL; options: weighted, raw, format,
    largest_component, directed)."""
    return _files().rank(measure, top, graph=graph, **options)


def communities(graph: str, resolution: float = 1.0, **options: Any) -> pd.DataFrame:
    """Store.communities() of a network file, without a store."""
    return _files().communities(resolution, graph=graph, **options)


def keyplayers(graph: str, k: int = 1, **options: Any) -> dict:
    """Store.keyplayers() of a network file, without a store."""
    return _files().keyplayers(k, graph=graph, **options)


def read_graph(graph: str, **options: Any) -> Any:
    """A network file as a NetworkX graph, as vigil reads it (Store.graph())."""
    return _files().graph(graph=graph, **options)


def _text(value: Optional[str]) -> str:
    return "" if value is None else str(value)


def _names(value: Union[None, str, Sequence[str]]) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _view(
    as_of: Optional[str] = None,
    during: Optional[str] = None,
    predicate: Union[None, str, Sequence[str]] = None,
    party: Union[None, str, Sequence[str]] = None,
    min_confidence: float = 0.0,
    directed: bool = False,
) -> Any:
    return _vigil._View(
        _text(as_of), _text(during), _names(predicate), _names(party), float(min_confidence), directed
    )


def _batch(
    name: Union[None, str, Sequence[str]] = "name",
    dob: Optional[str] = None,
    country: Optional[str] = None,
    kind: Optional[str] = None,
    id: Optional[str] = None,  # noqa: A002
    default_kind: Optional[str] = None,
    batch_dob: Optional[str] = None,
    batch_country: Optional[str] = None,
    threshold: Optional[float] = None,
    top: Optional[int] = None,
    threads: int = 0,
) -> Any:
    """A batch's settings as the engine's BatchRequest (checked by the engine
    when the batch runs, or by _vigil.check_batch)."""
    return _vigil._Batch(
        _names(name),
        _text(dob),
        _text(country),
        _text(kind),
        _text(id),
        _text(batch_dob),
        _text(batch_country),
        _text(default_kind),
        threshold,
        top,
        int(threads),
    )


def _check_explanation(explanation: Optional[str]) -> None:
    if explanation not in ("json", "dict", None):
        raise InputError(
            f"explanation: unknown '{explanation}' (json, dict or None)", "explanation", 2
        )


class _Columns:
    """A DataFrame's columns by their names as text, each converted when the
    binding asks for it (only the columns the batch reads): None where a
    cell is missing (None, NaN, NaT, pd.NA)."""

    def __init__(self, frame: pd.DataFrame):
        self._frame = frame
        self._positions: dict = {}
        for position, column in enumerate(frame.columns):
            self._positions.setdefault(str(column), position)

    def names(self) -> list:
        return list(self._positions)

    def __getitem__(self, column: str) -> list:
        series = self._frame.iloc[:, self._positions[column]]
        return series.astype(object).where(series.notna(), None).tolist()


class Store:
    """A vigil store opened read-only: screening against the lists it holds,
    and network analysis of its knowledge base.

    Screening calls may run on several Python threads at once (the GIL is
    released while vigil works); calls that read the store itself
    (show, rank, communities, keyplayers, exposure, paths, graph) take turns.
    """

    def __init__(self, path: Union[str, os.PathLike]):
        self.path = os.fspath(path)
        self._native = _vigil.Store(self.path)

    def __repr__(self) -> str:
        return f"vigil.Store({self.path!r})"

    # ---- screening ----

    def screen(
        self,
        name: str,
        dob: Optional[str] = None,
        country: Optional[str] = None,
        kind: Optional[str] = None,
        threshold: Optional[float] = None,
        top: Optional[int] = None,
        part_sources: bool = True,
    ) -> dict:
        """One name against every designated record: ``vigil screen --json``'s shape
        ({"query", "threshold", "lists", "hits", "candidates", "fallback",
        "elapsed_ms"}; each hit with "rank", "entity", "name", "score",
        "references", "programs", "designations", "explanation"...).

        dob: YYYY, YYYY-MM, YYYY-MM-DD, ~YYYY or FROM/TO; country: an ISO code
        or English name; kind: "person", "organization" or "any"; threshold:
        lowest score reported (None: vigil's default); top: most hits
        (None: 10). part_sources: trace each part of the names to the words
        it was read from (as the CLI's --json does). InputError naming the
        field when an option is wrong.
        """
        return self._native.screen(
            name, _text(dob), _text(country), _text(kind), threshold, top, part_sources
        )

    def screen_batch(
        self,
        rows: Union[pd.DataFrame, Iterable[Mapping[str, Any]]],
        name: Union[None, str, Sequence[str]] = "name",
        dob: Optional[str] = None,
        country: Optional[str] = None,
        kind: Optional[str] = None,
        id: Optional[str] = None,  # noqa: A002 (the column's role, as the CLI's --id-column)
        *,
        default_kind: Optional[str] = None,
        batch_dob: Optional[str] = None,
        batch_country: Optional[str] = None,
        threshold: Optional[float] = None,
        top: Optional[int] = None,
        threads: int = 0,
        explanation: Optional[str] = "json",
    ) -> pd.DataFrame:
        """Screens every row, on all cores, as ``vigil screen --input`` does.

        rows: a DataFrame, or an iterable of dicts (read into one). name, dob,
        country, kind, id: the columns to read (name: one or several, joined
        in order); None lets vigil pick the column by its name as the CLI
        does (dob/birth_date/date_of_birth, country/nationality/citizenship,
        kind/type/schema, id/ref/reference). default_kind: the kind where
        the kind column gives none. batch_dob, batch_country: a birth date
        and a country for every row, in place of the columns' values (the
        CLI's --dob and --country with --input). threshold, top: as for
        screen().
        threads: 0 for all cores.

        Returns one row per hit (rows without hits have none), best hit
        first within a row: row (the input row's index label), rank, score,
        entity (the record's key), name, kind, dataset, matched_name,
        references (the list's own ids, a list), programs (a list), linked
        (the same entity in another dataset, or None) and explanation (the
        hit's "explanation" as a JSON string; explanation="dict" for dicts,
        None to leave the column out). DataFrame.attrs["summary"] holds the
        batch's summary ({"rows", "screened", "skipped", "rows_with_hits",
        "hits", "problems"...}); problems name rows 1-based ("rows:3: ...").
        """
        _check_explanation(explanation)
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(list(rows))
        columns = _Columns(frame)
        hits, summary = self._native.screen_batch(
            columns.names(),
            columns,
            len(frame),
            _batch(
                name, dob, country, kind, id, default_kind, batch_dob, batch_country,
                threshold, top, threads,
            ),
            explanation is not None,
        )
        positions = hits.pop("row")
        out = pd.DataFrame(hits)
        out.insert(0, "row", frame.index.take(positions) if len(positions) else [])
        out = out.astype({"rank": "int64", "score": "float64"})
        if explanation == "dict":
            out["explanation"] = [json.loads(text) for text in out["explanation"]]
        out.attrs["summary"] = summary
        return out

    def lists(self) -> list:
        """The list versions screened against: [{"dataset", "kind", "version",
        "publish_date", "sha256", "records"}]."""
        return self._native.lists()

    def show(self, name: str, *, as_of: Optional[str] = None, during: Optional[str] = None) -> dict:
        """An entity's card (``vigil show --json``): by id or any name in any
        script; or an event's card, by the event's id. NotFoundError (with
        suggestions) when nothing has that name.

        as_of: only the relations that held on that date (YYYY, YYYY-MM or
        YYYY-MM-DD; a year or month means its last day); during: only those
        valid at any time in a period (YYYY, YYYY-MM or FROM..TO); the card's
        "as_of" and "during" give the days used (the CLI's --as-of, --during).
        InputError naming the field when one is malformed."""
        return self._native.show(name, _text(as_of), _text(during))

    def prepare(self, threads: int = 0) -> None:
        """Builds the watch list now rather than at the first screening call
        (or reads it back from the screening snapshot beside the store), on
        threads threads (0: all cores)."""
        self._native.prepare(int(threads))

    # ---- network analysis (docs/network-analysis.md) ----
    # Every call below analyses the knowledge base's graph view, filtered by
    # as_of, during, predicate, min_confidence, party and directed, or the
    # network file given as graph (format: auto, edgelist, matrix, graphml,
    # pajek, dl), keeping only its largest component when asked.

    def rank(
        self,
        measure: str = "degree",
        top: int = 0,
        *,
        weighted: bool = False,
        raw: bool = False,
        graph: Optional[str] = None,
        format: str = "auto",  # noqa: A002 (the CLI's --format)
        largest_component: bool = False,
        **view: Any,
    ) -> pd.DataFrame:
        """Nodes by a measure (``vigil rank --json``): columns rank, node, name
        and kind (the store's nodes), value (None where undefined). measure:
        degree, in_degree, out_degree, betweenness, closeness, harmonic,
        eigenvector, pagerank, kcore, constraint, effective_size; top: the
        first N (0: all)."""
        rows = self._native.rank(
            measure, int(top), weighted, raw, _text(graph), format, largest_component, _view(**view)
        )
        if not rows:
            return pd.DataFrame(columns=["rank", "node", "value"])
        return pd.DataFrame.from_records(rows)

    def communities(
        self,
        resolution: float = 1.0,
        *,
        weighted: bool = False,
        seed: int = 1,
        runs: int = 0,
        graph: Optional[str] = None,
        format: str = "auto",  # noqa: A002
        largest_component: bool = False,
        **view: Any,
    ) -> pd.DataFrame:
        """Louvain communities (``vigil communities --json``): one row per node,
        columns community (its id), size (the community's), node, and name
        and kind for the store's nodes. DataFrame.attrs holds the rest of the
        result (modularity, nodes, edges, components...)."""
        result = self._native.communities(
            float(resolution),
            weighted,
            int(seed),
            int(runs),
            _text(graph),
            format,
            largest_component,
            _view(**view),
        )
        records = [
            {"community": c["id"], "size": c["size"], **member}
            for c in result.pop("communities")
            for member in c["members"]
        ]
        out = pd.DataFrame.from_records(records, columns=None if records else ["community", "size", "node"])
        out.attrs.update(result)
        return out

    def keyplayers(
        self,
        k: int = 1,
        *,
        graph: Optional[str] = None,
        format: str = "auto",  # noqa: A002
        largest_component: bool = False,
        **view: Any,
    ) -> dict:
        """The k nodes whose removal fragments the network most, articulation
        points and bridges (``vigil keyplayers --json``'s shape)."""
        return self._native.keyplayers(int(k), _text(graph), format, largest_component, _view(**view))

    def exposure(
        self,
        name: str,
        *,
        max_hops: Optional[int] = None,
        paths: Optional[int] = None,
        authority: Union[None, str, Sequence[str]] = None,
        top: int = 0,
        **view: Any,
    ) -> pd.DataFrame:
        """Designated entities reachable from an entity (``vigil exposure --json``):
        one row per exposed entity, most exposed first, columns entity (its
        key), name, kind, score, hops, designations and paths (as the JSON
        gives them, with the relations and claims behind every step).
        DataFrame.attrs holds the rest ({"start", "as_of", "max_hops"...}).
        NotFoundError when name resolves to no entity."""
        result = self._native.exposure(
            name, max_hops, paths, _names(authority), int(top), _view(**view)
        )
        records = [
            {
                "entity": e["entity"]["id"],
                "name": e["entity"]["name"],
                "kind": e["entity"]["kind"],
                "score": e["score"],
                "hops": e["hops"],
                "designations": e["designations"],
                "paths": e["paths"],
            }
            for e in result.pop("exposures")
        ]
        out = pd.DataFrame.from_records(
            records,
            columns=["entity", "name", "kind", "score", "hops", "designations", "paths"],
        )
        out.attrs.update(result)
        return out

    def paths(self, source: str, target: str, k: Optional[int] = None, **view: Any) -> dict:
        """The k strongest paths between two entities, with citations
        (``vigil paths --json``'s shape)."""
        return self._native.paths(source, target, k, _view(**view))

    def graph(
        self,
        *,
        graph: Optional[str] = None,
        format: str = "auto",  # noqa: A002
        largest_component: bool = False,
        **view: Any,
    ) -> Any:
        """The network as a NetworkX graph (DiGraph when directed=True), read
        from the GraphML that ``vigil export`` writes: nodes by their ids
        (the store's entity keys, or the file's node names), with the
        attributes it exports (name, kind, designations; predicate, weight,
        confidence...); a MultiGraph when the view has parallel ties."""
        import networkx as nx

        result = self._native.export(_text(graph), format, largest_component, _view(**view))
        network = nx.read_graphml(io.BytesIO(result["document"].encode("utf-8")))
        labels = {node: data.pop("label") for node, data in network.nodes(data=True) if "label" in data}
        return nx.relabel_nodes(network, labels)
