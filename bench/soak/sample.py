#!/usr/bin/env python3
"""Sample the node every INTERVAL seconds into a TSV until told to stop (SIGTERM / SIGINT).

Usage: sample.py NODE_PID METRICS_URL OUT_TSV INTERVAL_SECONDS GC_LOG

GC_LOG is the node's -Xlog:gc file, read as it grows.

Columns (one row per sample; "NaN" where a source did not answer):
  elapsed_s        seconds since the sampler started
  heap_after_gc_mb the whole heap's occupancy right after the latest collection, young or not:
                   the "after" figure of the last pause in the GC log ("Pause Young ... 85M->33M(512M)")
  heap_live_mb     jvm_gc_live_data_size_bytes (Micrometer's JvmGcMetrics): the old generation
                   after the latest collection of it; with G1 that value changes only when a
                   concurrent cycle or a full collection ends, so it can stay put for a long time
  heap_used_mb     jvm_memory_used_bytes, heap pools summed, at the sample (saw-tooth; for context)
  rss_mb           VmRSS of the node's JVM (/proc/PID/status)
  broker_rss_mb    VmRSS of the rest of the node's process group: its embedded Kafka broker
  threads          Threads of the node's JVM (/proc/PID/status), JVM-internal threads included
  open_files       entries in /proc/PID/fd (files, sockets, pipes)
  spool_backlog    pacs_dicom_spool_backlog_objects: acknowledged, not yet through the route
  dicom_stored     pacs_dicom_objects_received_total, all outcomes (C-STORE requests answered)
  cv_published     pacs_findings_published_total{source="cv"}
  hl7_aa           pacs_mllp_messages_total{ack="AA"}
  nlp_published    pacs_findings_published_total{source="nlp"}
  deadletters      pacs_deadletters_total, all sources
  gc_count         jvm_gc_pause_seconds_count, all collectors
  cv_per_s, aa_per_s, nlp_per_s   the counters' increase since the previous sample, per second
"""
import os
import re
import signal
import sys
import time
import urllib.request

COLUMNS = ["elapsed_s", "heap_after_gc_mb", "heap_live_mb", "heap_used_mb", "rss_mb", "broker_rss_mb", "threads", "open_files",
           "spool_backlog", "dicom_stored", "cv_published", "hl7_aa", "nlp_published", "deadletters", "gc_count",
           "cv_per_s", "aa_per_s", "nlp_per_s"]
LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')
PAUSE = re.compile(r'Pause.* (\d+)M->(\d+)M\((\d+)M\)')
MB = 1024 * 1024
NAN = float("nan")


def metrics(url):
    """{name: [(labels, value)]} from the Prometheus text format."""
    out = {}
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            text = r.read().decode("utf-8", "replace")
    except Exception:
        return out
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            try:
                out.setdefault(m.group(1), []).append((m.group(2) or "", float(m.group(3))))
            except ValueError:
                pass
    return out


class GcLog:
    """The heap after the latest GC pause, from a -Xlog:gc file that keeps growing."""

    def __init__(self, path):
        self.path, self.offset, self.after_mb, self.rest = path, 0, NAN, ""

    def heap_after_gc_mb(self):
        try:
            with open(self.path, "r", errors="replace") as f:
                f.seek(self.offset)
                chunk = f.read()
                self.offset = f.tell()
        except OSError:
            return self.after_mb
        lines = (self.rest + chunk).split("\n")
        self.rest = lines.pop()   # a line not yet complete
        for line in lines:
            m = PAUSE.search(line)
            if m:
                self.after_mb = float(m.group(2))
        return self.after_mb


def total(ms, name, label=None):
    rows = [v for labels, v in ms.get(name, []) if label is None or label in labels]
    return sum(rows) if rows else NAN


def status(pid, key):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith(key + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return NAN


def group_rss_kb_without(pid):
    """VmRSS of the other processes in PID's process group."""
    kb = 0.0
    for p in filter(str.isdigit, os.listdir("/proc")):
        if int(p) == pid:
            continue
        try:
            stat = open("/proc/%s/stat" % p).read()
            if int(stat[stat.rindex(")") + 2:].split()[2]) == pid:
                rss = status(int(p), "VmRSS")
                kb += 0.0 if rss != rss else rss
        except (OSError, ValueError):
            continue
    return kb


def open_files(pid):
    try:
        return float(len(os.listdir("/proc/%d/fd" % pid)))
    except OSError:
        return NAN


def fmt(v):
    if v != v:
        return "NaN"
    return ("%.0f" if v == int(v) else "%.2f") % v


def main():
    pid, url, out_path, interval = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
    gc_log = GcLog(sys.argv[5])
    stop = []
    signal.signal(signal.SIGTERM, lambda s, f: stop.append(s))
    signal.signal(signal.SIGINT, lambda s, f: stop.append(s))
    out = open(out_path, "w", buffering=1)
    out.write("\t".join(COLUMNS) + "\n")
    t0 = time.monotonic()
    prev = None
    n = 0
    while not stop:
        now = time.monotonic()
        ms = metrics(url)
        row = {
            "elapsed_s": now - t0,
            "heap_after_gc_mb": gc_log.heap_after_gc_mb(),
            # 0 until the old generation's first collection: not measured yet
            "heap_live_mb": total(ms, "jvm_gc_live_data_size_bytes") / MB or NAN,
            "heap_used_mb": total(ms, "jvm_memory_used_bytes", 'area="heap"') / MB,
            "rss_mb": status(pid, "VmRSS") / 1024,
            "broker_rss_mb": group_rss_kb_without(pid) / 1024,
            "threads": status(pid, "Threads"),
            "open_files": open_files(pid),
            "spool_backlog": total(ms, "pacs_dicom_spool_backlog_objects"),
            "dicom_stored": total(ms, "pacs_dicom_objects_received_total"),
            "cv_published": total(ms, "pacs_findings_published_total", 'source="cv"'),
            "hl7_aa": total(ms, "pacs_mllp_messages_total", 'ack="AA"'),
            "nlp_published": total(ms, "pacs_findings_published_total", 'source="nlp"'),
            "deadletters": total(ms, "pacs_deadletters_total"),
            "gc_count": total(ms, "jvm_gc_pause_seconds_count"),
        }
        for counter, rate in (("cv_published", "cv_per_s"), ("hl7_aa", "aa_per_s"), ("nlp_published", "nlp_per_s")):
            if prev is None:
                row[rate] = NAN
            else:
                # a counter not yet registered reads NaN: it counts as 0 here
                before = prev[counter] if prev[counter] == prev[counter] else 0.0
                after = row[counter] if row[counter] == row[counter] else 0.0
                row[rate] = (after - before) / (row["elapsed_s"] - prev["elapsed_s"])
        out.write("\t".join(fmt(row[c]) for c in COLUMNS) + "\n")
        prev = row
        n += 1
        # the next sample on the grid t0 + n x interval, whatever this one cost
        delay = t0 + n * interval - time.monotonic()
        while delay > 0 and not stop:
            time.sleep(min(delay, 0.5))
            delay = t0 + n * interval - time.monotonic()


if __name__ == "__main__":
    main()
