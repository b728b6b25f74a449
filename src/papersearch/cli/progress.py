"""A progress bar for indexing on a terminal (rich), silent elsewhere."""

from __future__ import annotations

import sys
import time


class IndexProgress:
    """Pages, articles, MB/s and ETA while pages are indexed."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self.progress = None
        self.task = None
        self.articles = 0
        self.bytes = 0
        self.started = time.perf_counter()

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn("{task.fields[phase]}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages  {task.fields[articles]} articles  {task.fields[rate]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("index", total=None, articles=0, rate="", phase="indexing")
        return self

    def set_total(self, total: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=total)

    def advance(self, prepared) -> None:
        self.articles += len(prepared.ids)
        self.bytes += prepared.size
        if self.progress is not None:
            rate = self.bytes / 1e6 / max(time.perf_counter() - self.started, 1e-6)
            self.progress.update(self.task, advance=1, articles=self.articles, rate=f"{rate:.1f} MB/s")

    def writing(self) -> None:
        # the workers' last step (merging what they spilled) can take a while
        if self.progress is not None:
            # no total: the bar pulses and the ETA shows -:--:-- instead of a full bar and 0:00:00
            # (update() cannot set total back to None)
            for task in self.progress.tasks:
                if task.id == self.task:
                    task.total = None
            self.progress.update(self.task, phase="writing the index")

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()
