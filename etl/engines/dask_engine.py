"""`etl build --engine dask`: the per-document step on a Dask cluster, loaded like a local build.

The client discovers the files (with their sources.csv rows) and sends them to the workers in
batches; a worker runs `etl.pipeline.process_file` on each (the same step, error isolation
included) and writes the facts, projects and policies as Parquet partitioned by region and
year under the stage folder, then returns the document rows, errors and warnings only. The
client loads those through the same Collector and `WarehouseWriter` as the local engine: one
ordering, one id numbering, one atomic swap, so the tables are identical.

On a real cluster the workers must see the documents and the stage folder at the same paths as
the client (a shared filesystem). The extraction cache is not used: it is a local file.
"""
from __future__ import annotations

import logging
import math
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..build import BuildSummary, Collector, load
from ..pipeline import discover_sources, process_file
from ..records import error_result
from ..reference import Reference
from ..schema import RECORD_TABLES, TABLE_FIELDS, column_types

MAX_BATCH = 500        # files per task: big enough to amortise a task, small enough to balance
BATCHES_PER_WORKER = 4
CONNECT_TIMEOUT = "20s"   # a scheduler that does not answer by then is a setup problem


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def _arrow_schema(table: str):
    import pyarrow as pa
    arrow = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32()}
    types = column_types(table)
    return pa.schema([pa.field(c, arrow[types[c]]) for c in TABLE_FIELDS[table]]
                     + [pa.field("_path", pa.string()), pa.field("_seq", pa.int64()),
                        pa.field("region", pa.string())])


def _write_parts(table: str, frame, root: Path, batch_no: int) -> None:
    """One batch's rows of `table` as Parquet under root/region=<key>/year=<yyyy>/ (the layout
    of `etl export --parquet`; the region key is the id, or the Chinese name outside the
    gazetteer)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    if frame.empty:
        return
    frame = frame.assign(region=frame["region_id"].fillna(frame["region_name"]))
    arrow = pa.Table.from_pandas(frame, schema=_arrow_schema(table), preserve_index=False)
    pq.write_to_dataset(arrow, root_path=str(root), partition_cols=["region", "year"],
                        basename_template=f"part-{batch_no:05d}-{{i}}.parquet",
                        existing_data_behavior="overwrite_or_ignore")


def _without_records(result: dict) -> dict:
    """A result with empty record columns: what goes back to the client."""
    if not result["ok"]:
        return result
    return {**result, **{t: {f: [] for f in fields} for t, fields in TABLE_FIELDS.items()}}


def extract_batch(batch_no: int, items: Sequence[tuple[str, object]], ref: Reference,
                  stage: str) -> list[dict]:
    """The worker's task: process each file, write the batch's records as Parquet, return the
    results without their records."""
    results = [process_file(Path(path), source, ref) for path, source in items]
    frames: dict[str, list] = {}
    collector = Collector(lambda table, df: frames.setdefault(table, []).append(df),
                          log=lambda line: None)
    collector.CHUNK = len(results) + 1          # one flush: one set of files per batch
    for result in results:
        collector.add(result)
    collector.flush()
    for table in RECORD_TABLES:
        for frame in frames.get(table, []):
            _write_parts(table, frame, Path(stage) / table, batch_no)
    return [_without_records(r) for r in results]


def _remove_batch_parts(stage: Path, batch_no: int) -> None:
    for part in stage.rglob(f"part-{batch_no:05d}-*.parquet"):
        part.unlink()


def batches(items: list, workers: int) -> list[list]:
    """`items` cut into about BATCHES_PER_WORKER batches per worker, none above MAX_BATCH."""
    if not items:
        return []
    n = max(workers * BATCHES_PER_WORKER, math.ceil(len(items) / MAX_BATCH))
    size = math.ceil(len(items) / min(n, len(items)))
    return [items[i:i + size] for i in range(0, len(items), size)]


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes."""
    from dask.distributed import Client, LocalCluster
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: "
                                  f"{exc}") from exc
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def build_on_dask(paths, db_path: str | Path, ref: Reference, scheduler: str | None = None,
                  workers: int = 2, stage_dir: str | Path | None = None,
                  log: Callable[[str], None] = _stderr) -> BuildSummary:
    """Build the warehouse at `db_path` with the per-document step on a Dask cluster.

    `stage_dir` keeps the Parquet the workers wrote (it must be reachable by every worker);
    without it a temporary folder beside `db_path` is used and removed after the load.
    """
    from dask.distributed import as_completed

    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    db_path = Path(db_path)
    csv_warnings: list[str] = []
    files = discover_sources(paths, csv_warnings)
    keep_stage = stage_dir is not None
    if keep_stage:
        stage = Path(stage_dir).resolve()
        for table in RECORD_TABLES:          # a previous run's parts are not this build's
            shutil.rmtree(stage / table, ignore_errors=True)
        stage.mkdir(parents=True, exist_ok=True)
    else:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f"{db_path.name}.parquet-", dir=db_path.parent))
    try:
        results: list[dict] = []
        with dask_client(scheduler, workers) as client:
            n_workers = max(1, len(client.scheduler_info()["workers"]))
            ref_future = client.scatter(ref, broadcast=True)
            todo = batches([(str(p), source) for p, source in files], n_workers)
            futures = {client.submit(extract_batch, i, batch, ref_future, str(stage),
                                     pure=False): (i, batch) for i, batch in enumerate(todo)}
            for future in as_completed(futures):
                batch_no, batch = futures[future]
                try:
                    results.extend(future.result())
                except Exception as exc:  # a worker lost or killed: its files are errors
                    _remove_batch_parts(stage, batch_no)
                    results.extend(error_result(Path(p).name, p, f"{p}: dask task failed: "
                                                f"{type(exc).__name__}: {exc}")
                                   for p, _ in batch)
        stats = {"files": len(files), "extracted": len(results)}

        def staged(writer) -> None:
            for table in RECORD_TABLES:
                writer.append_parquet(table, stage / table)
        return load(results, paths, db_path, ref, csv_warnings, stats, log, started, staged)
    finally:
        if not keep_stage:
            shutil.rmtree(stage, ignore_errors=True)
