#!/usr/bin/env python3
"""Turn the measurements of bench/xraydar-pipeline/run.sh into the results page (Markdown, stdout).

Usage: report.py LOG_DIR META COMMANDS [FIGURES_TSV]

FIGURES_TSV: the headline figures, one per line, for bench/run-all.sh (see bench/summary.py).

LOG_DIR holds phases.tsv and, per setting, c<C>/events.tsv (FindingsTap output), c<C>/node.log
and c<C>/metrics.txt.
"""
import calendar
import json
import math
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import summary  # noqa: E402  (bench/summary.py)

RECEIVED_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.(\d{3}) .*\[dicom-ingest\].* Received (\S+) ")


def iso_epoch(text):
    """'2026-11-23T08:25:50.905301386Z' -> epoch seconds (float), keeping the sub-second digits."""
    base, _, frac = text.rstrip("Z").partition(".")
    return calendar.timegm(time.strptime(base, "%Y-%m-%dT%H:%M:%S")) + (float("0." + frac) if frac else 0.0)


def log_epoch(day_time, millis):
    """A node log time stamp (local time of the machine, as the node's JVM uses it)."""
    return time.mktime(time.strptime(day_time, "%Y-%m-%d %H:%M:%S")) + int(millis) / 1000.0


def pct(values, p):
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, math.ceil(p / 100.0 * len(s)) - 1)
    return s[k]


def fmt(x, digits=0):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return "{:,.{d}f}".format(x, d=digits)


def read_kv(path):
    out = {}
    for line in open(path):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            out[k] = v
    return out


def load_events(path):
    events = {}
    for line in open(path, encoding="utf-8"):
        seen_us, _record_ts, value = line.rstrip("\n").split("\t", 2)
        e = json.loads(value)
        acc = e["study"]["accessionNumber"]
        index = int(acc[len("BENCH"):])
        t = e["timing"]
        events[index] = {
            "seen": int(seen_us) / 1e6,
            "received": iso_epoch(t["receivedAt"]),
            "completed": iso_epoch(t["completedAt"]),
            "latency_ms": t["latencyMs"],
            "uid": e["image"]["sopInstanceUid"],
        }
    return events


def load_route_starts(path):
    starts = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = RECEIVED_LINE.match(line)
        if m:
            starts.setdefault(m.group(3), log_epoch(m.group(1), m.group(2)))
    return starts


def steady_rate(times, c):
    """Events/s between the C-th and the last completion.

    With C workers and a full queue, completions come in waves of C every service time; counting
    from the end of the first wave gives exactly C / service time for an ideal node, without the
    start-up ramp and without favouring short runs."""
    s = sorted(times)
    if len(s) <= c:
        return float("nan")
    span = s[-1] - s[c - 1]
    return (len(s) - c) / span if span > 0 else float("nan")


def main():
    log_dir, meta_path, cmds_path = sys.argv[1:4]
    figures_path = sys.argv[4] if len(sys.argv) > 4 else None
    figs = summary.Figures()
    meta = read_kv(meta_path)
    latency_s = int(meta["latency_ms"]) / 1000.0
    phases = {}
    for line in list(open(os.path.join(log_dir, "phases.tsv")))[1:]:
        f = line.rstrip("\n").split("\t")
        phases[(int(f[0]), f[1])] = {"first": int(f[2]), "count": int(f[3]), "send_s": float(f[4] or "nan"),
                                     "info": f[5], "cpu": f[6], "load": f[7], "release_ms": f[8],
                                     "node_cores": f[9] if len(f) > 9 else ""}
    settings = sorted({c for c, _ in phases})

    cap_rows, lat_rows, checks, misses = [], [], [], []
    for c in settings:
        d = os.path.join(log_dir, "c%d" % c)
        events = load_events(os.path.join(d, "events.tsv"))
        starts = load_route_starts(os.path.join(d, "node.log"))
        published = "?"
        mpath = os.path.join(d, "metrics.txt")
        if os.path.exists(mpath):
            for line in open(mpath):
                if 'source="cv"' in line or "cv" in line:
                    published = "%.0f" % float(line.split()[-1])
        total = sum(p["count"] for (cc, _), p in phases.items() if cc == c)
        checks.append("C=%d: %d objects sent, %d distinct events consumed from pacs.findings.cv, node metric "
                      "pacs_findings_published_total = %s" % (c, total, len(events), published))
        ideal = c / latency_s

        def phase_events(name):
            p = phases[(c, name)]
            return [events[i] for i in range(p["first"], p["first"] + p["count"]) if i in events], p

        # Capacity
        evs, p = phase_events("capacity")
        rate_done = steady_rate([e["completed"] for e in evs], c)
        rate_seen = steady_rate([e["seen"] for e in evs], c)
        # Route time without the first wave, whose calls were held by the gate until the release.
        release = int(p["release_ms"]) / 1000.0
        route = [(e["completed"] - starts[e["uid"]]) * 1000 - latency_s * 1000 for e in evs
                 if e["uid"] in starts and starts[e["uid"]] >= release]
        ratio = rate_done / ideal
        ok = ratio >= 0.9
        figs.add("C=%d: findings events/s, spool full at the start (%d objects)" % (c, p["count"]), rate_done,
                 "events/s", "dcmtk storescu, %s assoc., all objects spooled before the clock starts" % meta["assoc"],
                 "ideal C / simulator latency (%d ms)" % int(meta["latency_ms"]), ideal)
        cap_rows.append("| %d | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s |" % (
            c, fmt(ideal, 1), fmt(rate_done, 1), fmt(100 * ratio), fmt(rate_seen, 1),
            fmt(p["count"] / p["send_s"]), fmt(pct(route, 50)), fmt(pct(route, 99)), p["node_cores"], p["cpu"],
            p["load"], "yes" if ok else "**no**"))
        if not ok:
            misses.append("C=%d capacity: %.1f events/s = %.0f %% of %.1f (route time p50 %.0f ms over the 300; node "
                          "used %s CPUs, all CPUs %s %% busy, load %s)" % (
                              c, rate_done, 100 * ratio, ideal, pct(route, 50), p["node_cores"], p["cpu"], p["load"]))

        # Latency at each paced load
        paced = sorted((name for cc, name in phases if cc == c and name.startswith("paced-")),
                       key=lambda name: float(name[len("paced-"):]))
        for name in paced:
            load = float(name[len("paced-"):])
            evs, p = phase_events(name)
            added = [e["latency_ms"] - latency_s * 1000 for e in evs]
            wait = [(starts[e["uid"]] - e["received"]) * 1000 for e in evs if e["uid"] in starts]
            route = [(e["completed"] - starts[e["uid"]]) * 1000 - latency_s * 1000 for e in evs if e["uid"] in starts]
            to_seen = [(e["seen"] - e["completed"]) * 1000 for e in evs]
            done = sorted(e["completed"] for e in evs)
            achieved = (len(done) - 1) / (done[-1] - done[0]) if len(done) > 1 and done[-1] > done[0] else float("nan")
            target = float(re.search(r"target ([0-9.]+)/s", p["info"]).group(1))
            arrived = sorted(e["received"] for e in evs)
            arrival = ((len(arrived) - 1) / (arrived[-1] - arrived[0])
                       if len(arrived) > 1 and arrived[-1] > arrived[0] else float("nan"))
            p99 = pct(added, 99)
            ok = p99 < 100
            figs.add("C=%d at %g x ideal rate: latency p99, C-STORE acknowledged → event built (added p99 %s ms)"
                     % (c, load, fmt(p99)), p99 + latency_s * 1000, "ms",
                     "pace.py: one dcmtk storescu per 100 ms, %s obj/s offered" % fmt(target, 1),
                     "the simulator's fixed latency", latency_s * 1000)
            lat_rows.append("| %d | %g | %s | %s | %s | %s | %s / %s / %s | %s / %s | %s / %s | %s / %s | %s | %s | %s | %s |" % (
                c, load, fmt(target, 1), fmt(arrival, 1), fmt(achieved, 1),
                fmt(100 * achieved / ideal), fmt(pct(added, 50)), fmt(pct(added, 99)),
                fmt(max(added) if added else None), fmt(pct(wait, 50)), fmt(pct(wait, 99)), fmt(pct(route, 50)),
                fmt(pct(route, 99)), fmt(pct(to_seen, 50)), fmt(pct(to_seen, 99)), p["node_cores"], p["cpu"],
                p["load"], "yes" if ok else "**no**"))
            if not ok:
                misses.append("C=%d at %g x ideal: added p99 %.0f ms at %.1f objects/s offered (spool wait p99 %.0f ms, "
                              "route p99 %.0f ms; node used %s CPUs, all CPUs %s %% busy)" % (
                                  c, load, p99, target, pct(wait, 99), pct(route, 99), p["node_cores"], p["cpu"]))

    out = []
    w = out.append
    w("# X-Raydar CV pipeline benchmark, %s" % meta["date"])
    w("")
    w("Node at commit `%s`; produced by `bench/xraydar-pipeline/run.sh`. The X-Raydar simulator of the demo "
      "profile answers every CV call after a fixed %d ms; for each concurrency C the node is restarted with "
      "`pacs.dicom.concurrent-consumers=C` and `pacs.xraydar.cv.max-concurrent-calls=C`, so the ideal is "
      "C / %.1f s events/s. Target: throughput at least 90 %% of the ideal, added latency p99 under 100 ms."
      % (meta["commit"], int(meta["latency_ms"]), latency_s))
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w("| CPU | %s |" % meta["cpu"])
    w("| cores | %s |" % meta["cores"])
    w("| RAM | %s |" % meta["ram"])
    w("| load average (1, 5, 15 min) | %s before the run, %s after it; per phase below (other work on the "
      "machine skews the figures) |" % (meta["load_start"], meta["load_end"]))
    w("| kernel | %s |" % meta["kernel"])
    w("| JDK | %s |" % meta["jdk"])
    w("| dcmtk | %s |" % meta["dcmtk"])
    w("")
    w("## Setup")
    w("")
    w("- Objects: synthetic chest CR (`bench/dicom-ingest/gen_cr.py`, %sx%s, %s bytes each, modality CR, body "
      "part CHEST, view PA), each with its own SOP Instance UID and accession number. The node sends each to the "
      "simulator as a de-identified copy (default `pacs.xraydar.deidentify=true`) and publishes one findings "
      "event per object on `pacs.findings.cv`." % (meta["dim"], meta["dim"], fmt(int(meta["file_bytes"]))))
    w("- Node: packaged, demo profile (embedded Kafka broker, in-process simulator), -Xmx%s, fresh Kafka data and "
      "spool per setting. Events are counted by `FindingsTap`, a Kafka consumer that reads the topic from the "
      "start and stamps every record when it arrives; the node's `pacs_findings_published_total` is the "
      "cross-check." % meta["xmx"])
    w("- Each setting: warm-up (2 C objects, at least 16, not measured), then two phases:")
    w("  - **capacity**: %s x C objects, at most %s. The simulator first holds every call (fault plan `hangNext`), %s "
      "storescu associations send all objects into the spool, then the plan is switched to the fixed latency, "
      "which lets the held calls go, and the node drains the spool. The sender cannot be the bottleneck. "
      "Throughput = events between the C-th and the last completion (`timing.completedAt`) / that time: an "
      "ideal node gives exactly C / %.1f s. (`pacs.xraydar.cv.read-timeout=120s` so that the held calls do not "
      "time out; it plays no part in the 300 ms answers.)" % (meta["rounds"], meta["max_phase_objects"], meta["assoc"],
                                                        latency_s))
    w("  - **latency**: objects sent at %s x the ideal rate, %s s each (at most %s objects), one storescu association per 100 ms with "
      "the objects due by then (`pace.py`). Added latency = `timing.latencyMs` − %d ms, where latencyMs runs "
      "from the object's C-STORE acknowledgement (fsynced in the spool) to the event being built. It splits into "
      "**spool wait** (acknowledged → a route thread picks it up, from the route's `Received` log line, ms "
      "resolution) and **route** (picked up → event built, minus the %d ms). **→ consumer**: `completedAt` to "
      "the consumer holding the record (Kafka publish with acks=all, fetch)."
      % (" and ".join(meta["paced_loads"].split()), meta["paced_seconds"], meta["max_phase_objects"], int(meta["latency_ms"]), int(meta["latency_ms"])))
    w("- At most %s objects per phase: the node's spool workers keep at most 1000 waiting objects in memory; "
      "past that its SCP answers C-STORE with A700 although the object is in the spool (see bench/README.md)."
      % meta["max_phase_objects"])
    w("")
    w("## Throughput (capacity phase)")
    w("")
    w("| C | ideal ev/s | measured ev/s | %% of ideal | as seen by the consumer ev/s | sender into spool obj/s "
      "(not limiting) | route time − %d ms p50 / p99 ms | node CPUs used | all CPUs busy %% | load 1 min | ≥ 90 %% |"
      % int(meta["latency_ms"]))
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    out.extend(cap_rows)
    w("")
    w("## Latency at a share (load) of the ideal rate")
    w("")
    w("| C | load | offered obj/s | acknowledged obj/s | events/s | %% of ideal | added p50 / p99 / max ms | spool "
      "wait p50 / p99 ms | route − %d ms p50 / p99 ms | → consumer p50 / p99 ms | node CPUs used | all CPUs busy %% "
      "| load 1 min | p99 < 100 ms |"
      % int(meta["latency_ms"]))
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    out.extend(lat_rows)
    w("")
    w("## Checks")
    w("")
    for line in checks:
        w("- " + line)
    w("")
    w("## Cells that miss the target")
    w("")
    if misses:
        for line in misses:
            w("- " + line)
    else:
        w("None.")
    w("")
    w("## Commands")
    w("")
    w("```")
    out.extend(open(cmds_path).read().rstrip("\n").split("\n"))
    w("```")
    print("\n".join(out))
    if figures_path:
        figs.write(figures_path)


if __name__ == "__main__":
    main()
