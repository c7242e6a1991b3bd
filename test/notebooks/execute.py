"""Execute Jupyter notebooks headless with nbclient and check their outputs.

Usage: /usr/bin/python3 test/notebooks/execute.py [--timeout S] [--save DIR] NOTEBOOK...

Each notebook runs on the kernel named in its metadata (kernelspec.name), with the notebook's
folder as the working directory, exactly as Jupyter would run it. A notebook passes when no cell
raises and at least one cell shows a chart as rich output (image/svg+xml, or text/html holding an
<svg>). Prints one JSON object per notebook on stdout (the Node runner reads them) and a short
human-readable account on stderr. Exit status 0 when every notebook passed.
"""
import argparse
import asyncio
import copy
import json
import os
import queue
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
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append("%s: %s" % (out.get("ename"), out.get("evalue")))
    return "".join(parts)


def run(path, timeout, save_dir):
    started = time.time()
    nb = nbformat.read(path, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    result = {"notebook": path, "kernel": kernel, "ok": False, "errors": [], "charts": 0, "cells": 0, "seconds": 0.0}
    client = DrainingClient(
        nb,
        timeout=timeout,
        startup_timeout=120,
        kernel_name=kernel,
        allow_errors=False,
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
    result["ok"] = not result["errors"]
    result["seconds"] = round(time.time() - started, 1)
    if save_dir:
        os.makedirs(save_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(save_dir, os.path.basename(path)))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("--save", default=None, help="write the executed notebooks to this folder")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    ok = True
    for path in args.notebooks:
        res = run(path, args.timeout, args.save)
        ok = ok and res["ok"]
        print(json.dumps(res), flush=True)
        sys.stderr.write("%s %s (%s kernel, %d code cells, %d chart outputs, %.1f s)\n" % ("ok  " if res["ok"] else "FAIL", path, res["kernel"], res["cells"], res["charts"], res["seconds"]))
        for e in res["errors"]:
            sys.stderr.write("      " + e.replace("\n", "\n      ") + "\n")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
