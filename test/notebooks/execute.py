"""Execute Jupyter notebooks headless with nbclient and check their outputs.

Usage: /usr/bin/python3 test/notebooks/execute.py [--timeout S] [--save DIR] [--update] NOTEBOOK...

Each notebook runs on the kernel named in its metadata (kernelspec.name), with the notebook's
folder as the working directory, exactly as Jupyter would run it. A notebook passes when no cell
raises, at least one cell shows a chart as rich output (image/svg+xml, or text/html holding an
<svg>), and the outputs equal the committed ones (see `normalise`: the notebooks are committed
with their outputs, and a stale output fails the test).

--update writes the executed notebook back over NOTEBOOK (normalised, so that a rerun on the same
machine writes the same bytes) instead of comparing; --save DIR writes it to DIR as well.
Prints one JSON object per notebook on stdout (the Node runner reads them) and a short
human-readable account on stderr. Exit status 0 when every notebook passed.
"""
import argparse
import asyncio
import copy
import difflib
import json
import os
import queue
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


class DrainingClient(NotebookClient):
    """NotebookClient that keeps reading a cell's output for a moment after the kernel reports it
    idle. Deno's kernel forwards console output through a channel that it flushes with a
    few-millisecond sleep, so on a loaded machine a cell's last lines can arrive after the idle
    status, and plain nbclient would drop them (a frontend such as JupyterLab still shows them)."""

    grace_seconds = 0.0

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        deadline = time.monotonic() + self.grace_seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                msg = await _get_msg(self.kc, remaining)
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id and msg["msg_type"] == "stream":
                self.process_message(msg, cell, cell_index)


async def _get_msg(kc, timeout):
    msg = kc.iopub_channel.get_msg(timeout=timeout)
    return await msg if asyncio.iscoroutine(msg) else msg


def svg_outputs(nb):
    """(cell index, mime type) of every rich output that holds an SVG chart."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {}) if out.get("output_type") in ("display_data", "execute_result") else {}
            svg = data.get("image/svg+xml")
            if isinstance(svg, list):
                svg = "".join(svg)
            if isinstance(svg, str) and "<svg" in svg and "</svg>" in svg:
                found.append((i, "image/svg+xml"))
                continue
            html = data.get("text/html")
            if isinstance(html, list):
                html = "".join(html)
            if isinstance(html, str) and "<svg" in html:
                found.append((i, "text/html"))
    return found


def text_of(cell):
    """A cell's printed text, its errors, and its HTML tables with the tags replaced by spaces."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(_text(out.get("text")))
        elif out.get("output_type") == "error":
            parts.append("%s: %s" % (out.get("ename"), out.get("evalue")))
        elif out.get("output_type") in ("display_data", "execute_result"):
            html = _text(out.get("data", {}).get("text/html"))
            if html and "<svg" not in html:
                parts.append(" ".join(re.sub(r"<[^>]+>", " ", html).split()) + "\n")
    return "".join(parts)


# The output parts that are compared and committed. Anything else a kernel sends (e.g. a
# text/plain fallback next to an SVG, or application/vnd.* bundles) is kept as it came.
COMPARED = ("text/plain", "text/html", "image/svg+xml")


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def normalise(nb, metadata):
    """Make an executed notebook reproducible: the committed notebook metadata (kernelspec and
    language_info) instead of what the kernel reports (its version), no per-cell execution
    timestamps, and consecutive stream outputs of one stream merged (Deno's kernel flushes console
    output in chunks whose boundaries depend on timing). Returns nb, changed in place."""
    nb.metadata = copy.deepcopy(metadata)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream" and merged[-1].get("name") == out.get("name"):
                merged[-1]["text"] = _text(merged[-1]["text"]) + _text(out.get("text"))
                continue
            if out.get("output_type") == "stream":
                out["text"] = _text(out.get("text"))
            merged.append(out)
        cell.outputs = merged
    return nb


def comparable(nb):
    """Per code cell: the list of its outputs as (type, stream name or mime type, text)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outs = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                outs.append((kind, out.get("name"), _text(out.get("text"))))
            elif kind in ("display_data", "execute_result"):
                for mime in COMPARED:
                    if mime in out.get("data", {}):
                        outs.append((kind, mime, _text(out["data"][mime])))
            elif kind == "error":
                outs.append((kind, out.get("ename"), out.get("evalue")))
        cells.append(outs)
    return cells


def stale(committed, executed):
    """Human-readable differences between the committed and the re-executed outputs, or []."""
    old, new = comparable(committed), comparable(executed)
    problems = []
    if len(old) != len(new):
        return ["the notebook has %d code cells, the executed copy %d" % (len(old), len(new))]
    for i, (a, b) in enumerate(zip(old, new)):
        if a == b:
            continue
        if [x[:2] for x in a] != [x[:2] for x in b]:
            problems.append("code cell %d: committed outputs %s, executed %s" % (i + 1, [x[:2] for x in a], [x[:2] for x in b]))
            continue
        for (kind, name, ta), (_, _, tb) in zip(a, b):
            if ta != tb:
                diff = difflib.unified_diff(ta.splitlines(), tb.splitlines(), "committed", "executed", lineterm="", n=1)
                problems.append("code cell %d, %s %s differs:\n%s" % (i + 1, kind, name, "\n".join(list(diff)[:20])[:1500]))
    return problems


def run(path, timeout, save_dir, update=False):
    started = time.time()
    nb = nbformat.read(path, as_version=4)
    committed = copy.deepcopy(nb)
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    result = {"notebook": path, "kernel": kernel, "ok": False, "errors": [], "charts": 0, "cells": 0, "seconds": 0.0}
    client = DrainingClient(
        nb,
        timeout=timeout,
        startup_timeout=120,
        kernel_name=kernel,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    if kernel == "deno":
        client.grace_seconds = 0.5
    try:
        client.execute()
    except CellExecutionError as err:
        result["errors"].append(str(err).strip().splitlines()[-1] if str(err).strip() else repr(err))
        result["errors"].append(str(err)[:4000])
    except (CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as err:
        result["errors"].append("%s: %s" % (type(err).__name__, err))
    except Exception as err:  # a kernel that cannot start raises various errors
        result["errors"].append("%s: %s" % (type(err).__name__, err))
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    result["cells"] = len(code_cells)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                result["errors"].append("cell %d: %s: %s" % (i, out.get("ename"), out.get("evalue")))
    unexecuted = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count") is None]
    if unexecuted and not result["errors"]:
        result["errors"].append("cells not executed: %s" % unexecuted)
    charts = svg_outputs(nb)
    result["charts"] = len(charts)
    result["chartTypes"] = sorted(set(m for _, m in charts))
    result["text"] = "".join(text_of(c) for c in code_cells)[-3000:]
    if not charts:
        result["errors"].append("no chart output (image/svg+xml or text/html with <svg>) in any cell")
    normalise(nb, committed.metadata)
    result["ok"] = not result["errors"]
    if update:
        if result["ok"]:
            nbformat.write(nb, path)
            result["updated"] = True
    else:
        result["stale"] = stale(committed, nb)
    result["seconds"] = round(time.time() - started, 1)
    if save_dir:
        os.makedirs(save_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(save_dir, os.path.basename(path)))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("--save", default=None, help="write the executed notebooks to this folder")
    parser.add_argument("--update", action="store_true", help="write the outputs back into each notebook")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    ok = True
    for path in args.notebooks:
        res = run(path, args.timeout, args.save, args.update)
        ok = ok and res["ok"] and not res.get("stale")
        print(json.dumps(res), flush=True)
        sys.stderr.write("%s %s (%s kernel, %d code cells, %d chart outputs, %.1f s)\n" % ("ok  " if res["ok"] else "FAIL", path, res["kernel"], res["cells"], res["charts"], res["seconds"]))
        for e in res["errors"]:
            sys.stderr.write("      " + e.replace("\n", "\n      ") + "\n")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
