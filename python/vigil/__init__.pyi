# Type stubs of the Python package vigil (python/vigil/__init__.py; docs/python.md).
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import pandas as pd

__version__: str
BATCH_COLUMNS: tuple[str, ...]

class Error(Exception):
    message: str
    field: str
    exit_code: int
    def __init__(self, message: str, field: str = ..., exit_code: int = ...) -> None: ...

class InputError(Error, ValueError): ...
class NotFoundError(Error, KeyError): ...

def open(path: Union[str, os.PathLike[str]]) -> Store: ...
def compare(
    a: str, b: str, kind: Optional[str] = ..., threshold: Optional[float] = ...
) -> dict[str, Any]: ...

def rank(graph: str, measure: str = ..., top: int = ..., **options: Any) -> pd.DataFrame: ...
def communities(graph: str, resolution: float = ..., **options: Any) -> pd.DataFrame: ...
def keyplayers(graph: str, k: int = ..., **options: Any) -> dict[str, Any]: ...
def read_graph(graph: str, **options: Any) -> Any: ...

class Store:
    path: Optional[str]
    def __init__(self, path: Union[str, os.PathLike[str]]) -> None: ...
    def screen(
        self,
        name: str,
        dob: Optional[str] = ...,
        country: Optional[str] = ...,
        kind: Optional[str] = ...,
        threshold: Optional[float] = ...,
        top: Optional[int] = ...,
        part_sources: bool = ...,
    ) -> dict[str, Any]: ...
    def screen_batch(
        self,
        rows: Union[pd.DataFrame, Iterable[Mapping[str, Any]]],
        name: Union[None, str, Sequence[str]] = ...,
        dob: Optional[str] = ...,
        country: Optional[str] = ...,
        kind: Optional[str] = ...,
        id: Optional[str] = ...,
        *,
        default_kind: Optional[str] = ...,
        batch_dob: Optional[str] = ...,
        batch_country: Optional[str] = ...,
        threshold: Optional[float] = ...,
        top: Optional[int] = ...,
        threads: int = ...,
        explanation: Optional[str] = ...,
    ) -> pd.DataFrame: ...
    def lists(self) -> list[dict[str, Any]]: ...
    def show(
        self, name: str, *, as_of: Optional[str] = ..., during: Optional[str] = ...
    ) -> dict[str, Any]: ...
    def prepare(self, threads: int = ...) -> None: ...
    # view: as_of: str, during: str, predicate: str | list[str],
    # party: str | list[str], min_confidence: float, directed: bool
    def rank(
        self,
        measure: str = ...,
        top: int = ...,
        *,
        weighted: bool = ...,
        raw: bool = ...,
        graph: Optional[str] = ...,
        format: str = ...,
        largest_component: bool = ...,
        **view: Any,
    ) -> pd.DataFrame: ...
    def communities(
        self,
        resolution: float = ...,
        *,
        weighted: bool = ...,
        seed: int = ...,
        runs: int = ...,
        graph: Optional[str] = ...,
        format: str = ...,
        largest_component: bool = ...,
        **view: Any,
    ) -> pd.DataFrame: ...
    def keyplayers(
        self,
        k: int = ...,
        *,
        graph: Optional[str] = ...,
        format: str = ...,
        largest_component: bool = ...,
        **view: Any,
    ) -> dict[str, Any]: ...
    def exposure(
        self,
        name: str,
        *,
        max_hops: Optional[int] = ...,
        paths: Optional[int] = ...,
        authority: Union[None, str, Sequence[str]] = ...,
        top: int = ...,
        **view: Any,
    ) -> pd.DataFrame: ...
    def paths(
        self, source: str, target: str, k: Optional[int] = ..., **view: Any
    ) -> dict[str, Any]: ...
    def graph(
        self,
        *,
        graph: Optional[str] = ...,
        format: str = ...,
        largest_component: bool = ...,
        **view: Any,
    ) -> Any: ...
