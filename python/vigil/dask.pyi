# Type stubs of vigil.dask (python/vigil/dask.py; docs/python.md, "Dask").
import os
from typing import Any, Mapping, Optional, Sequence, Union

BATCH_SETTINGS: Mapping[str, Any]

class Snapshot:
    key: str
    path: str
    shared: bool
    bytes: int
    read_seconds: float
    ship_seconds: float
    workers: int
    @property
    def seconds(self) -> float: ...

def ship(
    store: Union[str, os.PathLike[str]], *, shared: bool = ..., client: Any = ...
) -> Snapshot: ...
def worker_stores(client: Any = ...) -> dict[str, dict[str, dict[str, Any]]]: ...
def screen(
    ddf: Any,
    name: Union[None, str, Sequence[str]] = ...,
    dob: Optional[str] = ...,
    country: Optional[str] = ...,
    kind: Optional[str] = ...,
    id: Optional[str] = ...,
    *,
    store: Union[str, os.PathLike[str], Snapshot],
    shared: bool = ...,
    client: Any = ...,
    default_kind: Optional[str] = ...,
    batch_dob: Optional[str] = ...,
    batch_country: Optional[str] = ...,
    threshold: Optional[float] = ...,
    top: Optional[int] = ...,
    threads: int = ...,
    explanation: Optional[str] = ...,
) -> Any: ...
