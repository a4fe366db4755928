"""Rows of results, their targets, and the table they print as."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from . import ROOT

MET, MISSED, INFO, FAILED = "met", "missed", "info", "FAILED"


@dataclass
class Row:
    measure: str
    result: str
    target: str = "-"
    status: str = INFO
    notes: str = ""
    values: dict = field(default_factory=dict)  # raw numbers, for --json

    def as_dict(self) -> dict:
        return asdict(self)


def judge(ok: bool) -> str:
    return MET if ok else MISSED


def seconds(value: float) -> str:
    return f"{value:.1f} s"


def kilobytes(n_bytes: int) -> str:
    return f"{n_bytes / 1000:,.0f} kB"


def megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:,.1f} MB"


def summary(samples_s: list[float]) -> dict:
    """Median and 95th percentile of timings given in seconds, in milliseconds."""
    values = np.asarray(samples_s) * 1000
    return {"median_ms": float(np.median(values)), "p95_ms": float(np.percentile(values, 95)),
            "min_ms": float(values.min()), "max_ms": float(values.max()), "n": int(values.size)}


def machine() -> dict:
    """What the numbers were measured on, and how busy the machine was."""
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    memory = "unknown"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB"
                break
    except OSError:
        pass

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cores": os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
        "load_average_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


COLUMNS = ("Measure", "Result", "Target", "Status", "Notes")


def _cells(row: Row) -> list[str]:
    return [row.measure, row.result, row.target, row.status, row.notes]


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    for row in rows:
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(row)) + " |")
    return "\n".join(lines)


def text_table(rows: list[Row]) -> str:
    """A plain table for the terminal; notes go on their own indented line."""
    widths = [max([len(COLUMNS[i])] + [len(_cells(r)[i]) for r in rows]) for i in range(4)]
    header = "  ".join(COLUMNS[i].ljust(widths[i]) for i in range(4))
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = _cells(row)
        lines.append("  ".join(cells[i].ljust(widths[i]) for i in range(4)).rstrip())
        if row.notes:
            lines.append(f"    {row.notes}")
    return "\n".join(lines)


def header(info: dict) -> str:
    dirty = " (with uncommitted changes)" if info.get("uncommitted_changes") else ""
    return (f"Date: {info['date']}\n"
            f"Machine: {info['cores']} cores, {info['memory']} memory, CPU {info['cpu']}; "
            f"Python {info['python']}\n"
            f"Commit: {info['commit'] or '(not a git checkout)'}{dirty}\n"
            f"Load average (1, 5, 15 min) at start: {info['load_average_start']}; "
            f"at end: {info.get('load_average_end', '?')}")
