#!/usr/bin/env python3
"""Turn the measurements of bench/mllp/run.sh into the results page (Markdown, stdout).

Usage: report.py RUNS_TSV META COMMANDS CHECKS SAMPLE_MESSAGE [FIGURES_TSV]

FIGURES_TSV: the headline figures, one per line, for bench/run-all.sh (see bench/summary.py).
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import summary  # noqa: E402  (bench/summary.py)

RECEIVERS = [
    ("node", "**node** (as deployed: AA after Kafka; reports flow on to X-Raydar-NLP meanwhile)"),
    ("node-nlp-off", "**node, NLP flow off** (`pacs.xraydar.nlp.enabled=false`: intake path alone)"),
    ("baseline", "**baseline** (camel-mllp auto-ACK, nothing behind it)"),
]
TARGET = 2000.0


def read_kv(path):
    out = {}
    for line in open(path):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            out[k] = v
    return out


def fmt(x, digits=0):
    return "{:,.{d}f}".format(x, d=digits)


def main():
    runs_path, meta_path, cmds_path, checks_path, sample_path = sys.argv[1:6]
    figures_path = sys.argv[6] if len(sys.argv) > 6 else None
    meta = read_kv(meta_path)
    rows = [line.rstrip("\n").split("\t") for line in list(open(runs_path))[1:] if line.strip()]
    cells = {}
    for r in rows:
        cells.setdefault((r[0], int(r[1])), []).append(r)
    conns = sorted({c for _, c in cells})

    def median(name, c, col):
        return statistics.median(float(r[col]) for r in cells[(name, c)])

    out = []
    w = out.append
    w("# MLLP benchmark, %s" % meta["date"])
    w("")
    w("Node at commit `%s`; produced by `bench/mllp/run.sh`. HL7 v2.5.1 ORU^R01 chest X-ray reports, each "
      "answered before the next is sent on its connection; a message counts when its ACK says MSA-1 = AA for "
      "its control id. Each receiver first gets %s s of unmeasured warm-up; each figure is then the median of "
      "%s runs of %s s (each after %s s of warm-up on its own connections). Target: at least %s durable "
      "messages/s." % (meta["commit"], meta["receiver_warmup"], meta["repeats"], meta["seconds"], meta["warmup"],
                       fmt(TARGET)))
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w("| CPU | %s |" % meta["cpu"])
    w("| cores | %s |" % meta["cores"])
    w("| RAM | %s |" % meta["ram"])
    w("| load average (1, 5, 15 min) | %s before the run, %s after it; per cell below (other work on the "
      "machine skews the figures) |" % (meta["load_start"], meta["load_end"]))
    w("| kernel | %s |" % meta["kernel"])
    w("| JDK | %s |" % meta["jdk"])
    w("| Camel (camel-mllp) | %s |" % meta["camel"])
    w("")
    w("## Setup")
    w("")
    w("- Sender: `MllpLoad` (Java, one thread and TCP connection per connection, TCP_NODELAY), the same for "
      "every receiver; message i is the same text for every receiver (accession `BA<i>` in OBR-3 and ORC-3, "
      "OBR-4 `XRCHEST^XR CHEST PA^L`, four OBX TX lines, ~1 KB; four report texts in turn).")
    w("- Receivers, on 127.0.0.1, started one after the other (never two at once):")
    for name, text in RECEIVERS:
        w("  - %s" % text)
    w("  The node runs packaged with the demo profile (embedded single-node Kafka broker, -Xmx%s), fresh Kafka "
      "data per start; its AA means the report is on `pacs.reports` with acks=all. The baseline is `AutoAckMain`, "
      "camel-main with one `mllp:` route with `autoAck=true` and the node's listener options, on the project's "
      "own runtime classpath, -Xmx%s." % (meta["xmx"], meta["xmx"]))
    w("- **receiver CPUs**: CPU time of the receiver's process group (node + broker, or baseline) / wall time "
      "of the run, warm-up included; **all CPUs busy**: the whole machine over the same time (the sender "
      "included).")
    w("")
    w("## Messages/s answered AA")
    w("")
    header = "| receiver | " + " | ".join("%d conn. msg/s" % c for c in conns) + " | " + \
        " | ".join("%d conn. / baseline" % c for c in conns) + " | " + \
        " | ".join("%d conn. ≥ %s" % (c, fmt(TARGET)) for c in conns) + " |"
    w(header)
    w("|---|" + "---:|" * (2 * len(conns)) + "---|" * len(conns))
    for name, _ in RECEIVERS:
        if not any((name, c) in cells for c in conns):
            continue
        rates = [median(name, c, 5) for c in conns]
        ratios = [median(name, c, 5) / median("baseline", c, 5) for c in conns]
        meets = [("yes" if r >= TARGET else "**no**") if name != "baseline" else "n/a" for r in rates]
        w("| %s | %s | %s | %s |" % (name, " | ".join(fmt(r) for r in rates),
                                     " | ".join("%.3g" % x for x in ratios), " | ".join(meets)))
    w("")
    w("## Per cell")
    w("")
    w("| receiver | connections | msg/s (median) | runs msg/s | ACK round trip p50 / p99 / max ms (median run) "
      "| receiver CPUs | all CPUs busy % | load 1 min |")
    w("|---|---:|---:|---|---:|---:|---:|---:|")
    for name, _ in RECEIVERS:
        for c in conns:
            if (name, c) not in cells:
                continue
            rs = cells[(name, c)]
            mid = sorted(rs, key=lambda r: float(r[5]))[len(rs) // 2]
            w("| %s | %d | %s | %s | %s / %s / %s | %s | %s | %s |" % (
                name, c, fmt(median(name, c, 5)), ", ".join(fmt(float(r[5])) for r in rs),
                fmt(float(mid[6]), 2), fmt(float(mid[7]), 2), fmt(float(mid[8]), 1), mid[10], mid[11], mid[12]))
    w("")
    w("## Checks")
    w("")
    for line in open(checks_path):
        if line.strip():
            w("- " + line.strip())
    w("- Every answer of every run was AA for its own control id (the sender stops with an error otherwise).")
    w("")
    w("## Sample message (segments on separate lines; sent with CR separators)")
    w("")
    w("```")
    out.extend(open(sample_path).read().rstrip("\n").split("\n"))
    w("```")
    w("")
    w("## Commands")
    w("")
    w("```")
    out.extend(open(cmds_path).read().rstrip("\n").split("\n"))
    w("```")
    print("\n".join(out))
    if figures_path:
        figs = summary.Figures()
        base = "camel-mllp auto-ACK, nothing behind it (AutoAckMain)"
        labels = {"node": "node (AA after Kafka acks=all; NLP flow on)", "node-nlp-off": "node, NLP flow off"}
        for name in ("node", "node-nlp-off"):
            for c in conns:
                if (name, c) not in cells or ("baseline", c) not in cells:
                    continue
                client = "MllpLoad, %d connection(s), one message in flight each" % c
                figs.add("%s: durable messages/s answered AA, median of %s x %s s" % (
                    labels[name], meta["repeats"], meta["seconds"]), median(name, c, 5), "msg/s", client, base,
                    median("baseline", c, 5))
                figs.add("%s: ACK round trip p99 (median over runs)" % labels[name], median(name, c, 7), "ms", client,
                         base, median("baseline", c, 7))
        figs.write(figures_path)


if __name__ == "__main__":
    main()
