"""Uploads from the browser: store them in the corpus, then build in the background.

The page hands over the uploaded bytes and gets a job back at once; a worker thread runs the
same incremental build as `python -m etl add` (etl.add), updating the job's progress, and the
page polls the job. Jobs live in this module (one per upload, shared by the process), so a
reader who reloads the page still sees how their upload went. Builds of one warehouse run one
at a time (etl.add takes the build lock), so two people uploading at once are both loaded.
"""
from __future__ import annotations

import os
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from etl import corpus
from etl.add import document_results, incremental_build

# Read-only deployments: DASHBOARD_UPLOADS=off (README, "Add your documents").
UPLOADS_SETTING = "DASHBOARD_UPLOADS"


def uploads_enabled() -> bool:
    return os.environ.get(UPLOADS_SETTING, "on").strip().lower() not in ("off", "0", "false",
                                                                          "no")


@dataclass
class Job:
    id: str
    intake: corpus.Intake
    state: str = "queued"            # queued, building, done, failed, nothing
    done: int = 0
    total: int = 0
    results: dict = field(default_factory=dict)   # stored name -> etl.add.document_results row
    error: str | None = None


_JOBS: dict[str, Job] = {}
_LOCK = threading.Lock()


def _run(job: Job, db_path: Path) -> None:
    def progress(done: int, total: int) -> None:
        job.state, job.done, job.total = "building", done, total
    try:
        # jobs=1: extraction stays in this thread (forking a threaded server is unsafe), and
        # only the uploaded documents are new: the others come from the cache.
        incremental_build(db_path, jobs=1, on_progress=progress)
        job.results = document_results(db_path, [name for _, name in job.intake.stored])
        job.state = "done"
    except Exception as exc:   # shown on the page in words; the stored files stay in the corpus
        job.error, job.state = f"{type(exc).__name__}: {exc}", "failed"


def start(files: list[tuple[str, bytes]], sources: tuple[str, bytes] | None,
          db_path: str | Path) -> Job:
    """Store the files (checked one by one) and, if anything new was stored, start the build."""
    intake = corpus.add_documents(files, sources, roots=corpus.build_roots(db_path))
    job = Job(id=uuid.uuid4().hex, intake=intake)
    with _LOCK:
        _JOBS[job.id] = job
    if not intake.changed:
        job.state = "nothing"
        return job
    threading.Thread(target=_run, args=(job, Path(db_path)), name=f"intake-{job.id[:8]}",
                     daemon=True).start()
    return job


def get(job_id: str | None) -> Job | None:
    with _LOCK:
        return _JOBS.get(job_id) if job_id else None


def wait(job: Job, timeout: float = 120.0) -> Job:
    """Block until the job's build is over (tests and scripts)."""
    import time
    deadline = time.monotonic() + timeout
    while job.state in ("queued", "building") and time.monotonic() < deadline:
        time.sleep(0.05)
    return job
