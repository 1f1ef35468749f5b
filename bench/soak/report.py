#!/usr/bin/env python3
"""The soak's results page (Markdown, on stdout) from its samples.

Usage: report.py SAMPLES_TSV META_TXT COMMANDS_TXT

Per series: the value at the start and at the end of the load, the maximum over the whole run,
and the slope of a least-squares line through the samples of the second half of the load, per
hour. Verdict "grows" when that slope exceeds GROWTH_PCT % of the series' mean over the second
half per hour, and at least the series' floor (below which a slope is noise, whatever the mean);
otherwise "flat".
"""
import math
import re
import os
import sys

# column, what it is, unit, floor of the growth threshold (unit per hour)
SERIES = [
    ("heap_after_gc_mb", "heap after the latest GC (GC log)", "MB", 5.0),
    ("heap_live_mb", "old generation after its latest collection (jvm_gc_live_data_size_bytes)", "MB", 5.0),
    ("rss_mb", "resident memory of the node JVM (VmRSS)", "MB", 20.0),
    ("broker_rss_mb", "resident memory of its Kafka broker (VmRSS)", "MB", 20.0),
    ("threads", "threads of the node JVM", "threads", 5.0),
    ("open_files", "open files of the node JVM (/proc/PID/fd)", "fds", 10.0),
    ("spool_backlog", "DICOM spool backlog (pacs_dicom_spool_backlog_objects)", "objects", 60.0),
    ("nlp_backlog", "reports answered AA and not yet enriched by X-Raydar-NLP (hl7_aa - nlp_published)",
     "reports", 60.0),
]
SHORT_RUN_S = 20 * 60


def read_tsv(path):
    lines = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
    head, rows = lines[0], []
    for l in lines[1:]:
        rows.append({k: float(v) for k, v in zip(head, l)})
    for r in rows:
        aa = r["hl7_aa"] if not math.isnan(r["hl7_aa"]) else 0.0
        nlp = r["nlp_published"] if not math.isnan(r["nlp_published"]) else 0.0
        r["nlp_backlog"] = aa - nlp
    return rows


def read_meta(path):
    meta = {}
    for line in open(path):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            meta[k] = v
    return meta


def kv(text, key):
    for part in text.split():
        if part.startswith(key + "="):
            return part.split("=", 1)[1]
    return ""


def fit_slope(points):
    """Least-squares slope of (x, y) points; NaN with fewer than 3."""
    pts = [(x, y) for x, y in points if not math.isnan(y)]
    if len(pts) < 3:
        return float("nan")
    n = len(pts)
    mx = sum(x for x, _ in pts) / n
    my = sum(y for _, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else float("nan")


def num(v, digits=1):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if abs(v) >= 100:
        return "{:,.0f}".format(v)
    return ("{:,.%df}" % digits).format(v)


def value_at(rows, t, col, before):
    """The last sample at or before t (before=True), or the first at or after t."""
    cand = [r for r in rows if (r["elapsed_s"] <= t if before else r["elapsed_s"] >= t)]
    if not cand:
        return float("nan")
    return (cand[-1] if before else cand[0])[col]


def histogram_top(path, n):
    """(instances, bytes, class) of the n largest rows of a jcmd GC.class_histogram output."""
    rows = []
    try:
        for line in open(path):
            m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
            if m:
                rows.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    except OSError:
        pass
    return rows[:n]


def main():
    rows = read_tsv(sys.argv[1])
    meta = read_meta(sys.argv[2])
    commands = open(sys.argv[3]).read().rstrip("\n")
    growth_pct = float(meta["growth_pct"])
    t_from = float(meta["load_start_s"])
    load_s = float(meta["load_seconds"])
    t_to = t_from + load_s
    half = t_from + load_s / 2
    out = []
    w = out.append

    w("# Soak, %s" % meta["date"])
    w("")
    w("Node at commit `%s`; produced by `bench/soak.sh`: %s minutes of mixed load at the rates below, "
      "sampled every %s s, then %s s more without load." % (meta["commit"], meta["minutes"], meta["sample_seconds"],
                                                             meta["drain_seconds"]))
    if load_s < SHORT_RUN_S:
        w("")
        w("**Short run (%.0f s of load): the slopes and verdicts below extrapolate a few minutes to an hour; "
          "they show that the measurement works, not that the node is free of leaks.**" % load_s)
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for k, label in (("cpu", "CPU"), ("cores", "cores"), ("ram", "RAM"), ("kernel", "kernel"), ("jdk", "JDK"),
                     ("dcmtk", "dcmtk")):
        w("| %s | %s |" % (label, meta.get(k, "")))
    w("| load average (1, 5, 15 min) | %s before, %s after (other work on the machine shows in every figure) |"
      % (meta["load_start"], meta["load_end"]))
    w("")
    w("## Setup")
    w("")
    w("- **node**: the packaged node (`target/quarkus-app/quarkus-run.jar`), demo profile (embedded Kafka "
      "broker, in-process X-Raydar simulator), `-Xmx%s`, `pacs.dicom.concurrent-consumers` = "
      "`pacs.xraydar.cv.max-concurrent-calls` = %s, fresh spool and Kafka data, free ports."
      % (meta["xmx"], meta["concurrency"]))
    w("- **simulator**: `POST /simulator/faults` `%s`: every X-Raydar call (CV and NLP) answered after the "
      "latency, a share of them (spread evenly) failed with the status; the node retries those." % meta["faults"])
    w("- **DICOM**: %s synthetic CR chest PA objects (%s bytes each, own SOP Instance UID and accession number "
      "each, `bench/dicom-ingest/gen_cr.py`) offered at %s objects/s by `bench/xraydar-pipeline/pace.py` "
      "(every 100 ms one dcmtk `storescu` association with the objects due)."
      % (meta["dicom_count"], meta["dicom_bytes"], meta["dicom_rate"]))
    w("- **HL7**: ORU^R01 chest X-ray reports offered at %s messages/s over %s MLLP connection(s) by "
      "`bench/mllp/MllpLoad.java` in its paced mode (one message in flight per connection; each AA checked)."
      % (meta["hl7_rate"], meta["hl7_connections"]))
    w("- **samples** (`bench/soak/sample.py`, every %s s): *heap after GC* is the heap's occupancy right after "
      "the latest collection, the \"after\" figure of the last pause in the node's GC log (`-Xlog:gc`, %s; "
      "e.g. `Pause Young (Normal) (G1 Evacuation Pause) 85M->33M(512M)`): what survived the collection, so the "
      "saw-tooth of allocation between collections drops out. Objects promoted to the old generation and dead "
      "there stay in it until a concurrent cycle marks them, so it can creep up between cycles and drop after "
      "one; the trend over many cycles is what counts. Micrometer's `jvm_gc_live_data_size_bytes` (the old "
      "generation after its own collection) is sampled too, but with G1 it changes only when a concurrent "
      "cycle or a full GC ends, and a node far below `-Xmx` may run none for a long time. RSS and threads from `/proc/<pid>/status` (VmRSS, "
      "Threads) of the node's JVM, its broker's RSS from the rest of its process group; open files = entries "
      "in `/proc/<pid>/fd`; the spool backlog `pacs_dicom_spool_backlog_objects`; the counters "
      "`pacs_findings_published_total`, `pacs_mllp_messages_total{ack=\"AA\"}`."
      % (meta["sample_seconds"], meta.get("gc") or "collector not logged"))
    w("- X-Raydar-NLP is called on the reports consumer's one thread, one report at a time "
      "(`routes/reports-kafka.yaml`), so with the simulator's latency it enriches at most about 1 / latency "
      "reports per second; an HL7 rate above that leaves reports waiting on `pacs.reports` (Kafka, on disk), "
      "by design. The *NLP backlog* row shows it.")
    w("")

    w("## Rates: offered and achieved")
    w("")
    pace, mllp = meta.get("pace_out", ""), meta.get("mllp_out", "")
    first, last = rows[0], rows[-1]

    def increase(col):
        a = value_at(rows, t_from, col, before=True)
        b = value_at(rows, t_to, col, before=True)
        a = 0.0 if math.isnan(a) else a
        return b - a

    w("| | offered | achieved | how achieved was measured |")
    w("|---|---:|---:|---|")
    sent, secs = kv(pace, "sent"), kv(pace, "seconds")
    w("| DICOM objects/s | %s | %s | pace.py: %s objects acknowledged in %s s (storescu failures: %s; exit %s) |"
      % (meta["dicom_rate"], num(float(sent) / float(secs)) if sent and secs else "–", sent or "–",
         secs or "–", kv(pace, "failed") or "–", meta.get("pace_rc", "")))
    w("| CV findings events/s | – | %s | pacs_findings_published_total{source=\"cv\"}: +%s over the %.0f s of load |"
      % (num(increase("cv_published") / load_s), num(increase("cv_published"), 0), load_s))
    w("| HL7 messages/s answered AA | %s | %s | MllpLoad: %s messages AA in %s s (exit %s%s) |"
      % (meta["hl7_rate"], kv(mllp, "rate") or "–", kv(mllp, "messages") or "–", kv(mllp, "seconds") or "–",
         meta.get("mllp_rc", ""), (": " + meta["mllp_err"]) if meta.get("mllp_err") else ""))
    w("| HL7 messages/s answered AA, node's count | %s | %s | pacs_mllp_messages_total{ack=\"AA\"}: +%s |"
      % (meta["hl7_rate"], num(increase("hl7_aa") / load_s), num(increase("hl7_aa"), 0)))
    w("| NLP findings events/s | – | %s | pacs_findings_published_total{source=\"nlp\"}: +%s |"
      % (num(increase("nlp_published") / load_s, 2), num(increase("nlp_published"), 0)))
    w("| dead letters | – | %s | pacs_deadletters_total at the end: %s |"
      % (num(last["deadletters"], 0), meta.get("deadletters_end", "").rstrip(";") or "none"))
    w("")
    attempts = dict(re.findall(r'endpoint="(\w+)"\}\s+([0-9.eE+]+)', meta.get("xraydar_attempts", "")))
    errors = dict(re.findall(r'endpoint="(\w+)".*?\}\s+([0-9.eE+]+)', meta.get("xraydar_server_errors", "")))
    if attempts:
        w("X-Raydar attempts answered with a server error (the simulator's injected failures), whole run: "
          + "; ".join("%s %s of %s (%s %%)" % (e, num(float(errors.get(e, "0")), 0), num(float(a), 0),
                                                num(100 * float(errors.get(e, "0")) / float(a), 1) if float(a) else "–")
                      for e, a in sorted(attempts.items())) + ".")
        w("")

    w("## Series")
    w("")
    w("Start / end: the samples at the start and the end of the load; max over the whole run; slope: "
      "least-squares line through the %d samples of the second half of the load (%.0f–%.0f s), per hour. "
      "Verdict **grows** when the slope exceeds %g %% of the series' mean over that half per hour and at least "
      "the floor; otherwise **flat**." % (sum(1 for r in rows if half <= r["elapsed_s"] <= t_to), half, t_to,
                                           growth_pct))
    w("")
    w("| series | unit | start | end | max | mean, 2nd half | slope per hour | threshold per hour (floor) | verdict |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for col, label, unit, floor in SERIES:
        second = [r for r in rows if half <= r["elapsed_s"] <= t_to and not math.isnan(r[col])]
        slope_h = fit_slope([(r["elapsed_s"], r[col]) for r in second]) * 3600
        mean = sum(r[col] for r in second) / len(second) if second else float("nan")
        threshold = max(growth_pct / 100 * mean if not math.isnan(mean) else 0.0, floor)
        if not second:
            verdict = "not measured in the second half"
        elif math.isnan(slope_h):
            verdict = "not enough samples"
        else:
            verdict = "**grows**" if slope_h > threshold else "flat"
        values = [r[col] for r in rows if not math.isnan(r[col])]
        w("| %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s |"
          % (label, unit, num(value_at(rows, t_from, col, before=False)), num(value_at(rows, t_to, col, before=True)),
             num(max(values)) if values else "–", num(mean), num(slope_h), num(threshold), num(floor, 0), verdict))
    w("")
    if meta.get("full_gc_end"):
        w("At the end (after the %s s without load), a full collection (forced by `jcmd <pid> "
          "GC.class_histogram`) took the heap from %s: what is live with no load. The largest classes then:"
          % (meta["drain_seconds"], meta["full_gc_end"].replace("->", " to ").replace("(", " (heap size ").replace("M", " MB")))
        w("")
        w("| instances | MB | class |")
        w("|---:|---:|---|")
        for line in histogram_top(meta.get("histogram", ""), 12):
            w("| {:,} | {:,.1f} | `{}` |".format(line[0], line[1] / 1048576, line[2]))
        w("")
    w("Samples: [%s](%s) (columns described in `bench/soak/sample.py`). Plot (dashed lines: start and end of "
      "the load):" % (meta["tsv"], meta["tsv"]))
    w("")
    w("![soak](%s)" % meta["png"])
    w("")
    w("## Commands")
    w("")
    w("```")
    w(commands)
    w("```")
    print("\n".join(out))


if __name__ == "__main__":
    main()
