#!/usr/bin/env python3
"""Figures files of the benchmarks, and the one-page summary of bench/run-all.sh.

Each benchmark's report.py writes, next to its results page, a TSV with one line per headline figure:

    figure  value  unit  client  baseline  baseline_value  ratio

(`client`: the sender or client that produced the load; `baseline`: what the figure is compared
with, measured in the same run; `ratio` = value / baseline_value). run-all.sh composes its page from
these files instead of reading the Markdown.

Usage (run-all.sh): summary.py OUT.md MACHINE_KV COMMANDS_TXT NAME=DIR...
  where each DIR holds that benchmark's <name>-*.md and <name>-*.tsv (or a failed.txt).
"""
import glob
import math
import os
import re
import sys

COLUMNS = ["figure", "value", "unit", "client", "baseline", "baseline_value", "ratio"]


def size_mb(text):
    """'256m' / '1g' / '512k' -> MB (as the JVM reads -Xmx)."""
    m = re.fullmatch(r"(\d+)([kmgKMG]?)", text.strip())
    if not m:
        return None
    n, u = int(m.group(1)), m.group(2).lower()
    return {"k": n / 1024, "m": n, "g": n * 1024, "": n / 2 ** 20}[u]


def _num(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return "%.6g" % x


class Figures:
    def __init__(self):
        self.rows = []

    def add(self, figure, value, unit, client, baseline, baseline_value, ratio=None):
        if ratio is None and value is not None and baseline_value:
            ratio = value / baseline_value
        self.rows.append([figure, _num(value), unit, client, baseline, _num(baseline_value), _num(ratio)])

    def write(self, path):
        with open(path, "w", encoding="utf-8") as f:
            f.write("\t".join(COLUMNS) + "\n")
            for r in self.rows:
                f.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in r) + "\n")


def read_figures(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"))) for line in lines[1:] if line.strip()]


def _fmt(text, unit=""):
    if text == "":
        return "–"
    x = float(text)
    if unit == "ratio":
        return "%.3g" % x
    if abs(x) >= 100:
        return "{:,.0f}".format(x)
    return "{:,.1f}".format(x) if abs(x) >= 10 else "{:,.2f}".format(x)


def _demote(md):
    """Headings one level down and the page title removed: for embedding a benchmark's page."""
    out = []
    for line in md.splitlines():
        if line.startswith("# "):
            continue
        out.append("#" + line if line.startswith("#") else line)
    return "\n".join(out).strip("\n")


TITLES = {
    "dicom-ingest": "DICOM ingest: the node's Storage SCP vs dcmtk storescp",
    "mllp": "MLLP: durable HL7 messages/s vs a camel-mllp auto-ACK baseline",
    "xraydar-pipeline": "X-Raydar pipeline: throughput and added latency, simulator at a fixed latency",
    "startup": "Start-up: launch to ready",
    "correlation": "Study correlation: study events/s vs a pass-through Kafka Streams app",
}


def main():
    out_path, machine_path, cmds_path = sys.argv[1:4]
    benches = [a.split("=", 1) for a in sys.argv[4:]]
    machine = [line.rstrip("\n").split("=", 1) for line in open(machine_path) if "=" in line]
    m = dict(machine)
    out = []
    w = out.append
    w("# Benchmarks, %s" % m.get("date", "?"))
    w("")
    w("Produced by `bench/run-all.sh`%s at commit `%s`. Each figure below is compared with a baseline measured in "
      "the same run on the same machine with the same sender; ratio = figure / baseline. The full page of each "
      "benchmark (setup, every run, per-cell CPU and load) follows the summary."
      % (" (QUICK=1: reduced counts, a smoke run, not for comparison)" if m.get("quick") == "1" else "",
         m.get("commit", "?")))
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for k, v in machine:
        if k not in ("date", "commit", "quick"):
            w("| %s | %s |" % (k, v))
    w("")
    w("## Summary")
    w("")
    for name, d in benches:
        w("### %s" % TITLES.get(name, name))
        w("")
        failed = os.path.join(d, "failed.txt")
        tsvs = sorted(glob.glob(os.path.join(d, "%s-*.tsv" % name)))
        if os.path.exists(failed) or not tsvs:
            reason = open(failed).read().strip() if os.path.exists(failed) else "no figures file"
            w("**Not measured**: %s" % reason)
            w("")
            continue
        w("| what was measured | value | unit | sender / client | baseline (same run) | baseline value | ratio |")
        w("|---|---:|---|---|---|---:|---:|")
        for r in read_figures(tsvs[-1]):
            w("| %s | %s | %s | %s | %s | %s | %s |" % (
                r["figure"], _fmt(r["value"]), r["unit"], r["client"], r["baseline"] or "–",
                _fmt(r["baseline_value"]), _fmt(r["ratio"], "ratio")))
        w("")
    w("## Rerun")
    w("")
    w("```")
    out.extend(open(cmds_path).read().rstrip("\n").split("\n"))
    w("```")
    w("")
    for name, d in benches:
        mds = sorted(glob.glob(os.path.join(d, "%s-*.md" % name)))
        if not mds:
            continue
        w("## Full results: %s" % name)
        w("")
        out.append(_demote(open(mds[-1], encoding="utf-8").read()))
        w("")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
