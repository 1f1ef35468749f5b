#!/usr/bin/env python3
"""Turn the measurements of bench/correlation/run.sh into the results page (Markdown, stdout).

Usage: report.py RUNS_TSV META COMMANDS SAMPLE_IMAGE_JSON SAMPLE_REPORT_JSON [FIGURES_TSV]

FIGURES_TSV: the headline figures, one per line, for bench/run-all.sh (see bench/summary.py).
"""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import summary  # noqa: E402  (bench/summary.py)

TARGET_RATIO = 0.5
COLS = ["mode", "rep", "records", "seconds", "rate", "first_output_s", "steady_seconds", "steady_rate",
        "process_cpu_s", "broker_cpu_s", "cpu_busy_pct", "load1", "alerts", "deadletters", "guarantee"]


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
    runs_path, meta_path, cmds_path, image_path, report_path = sys.argv[1:6]
    figures_path = sys.argv[6] if len(sys.argv) > 6 else None
    meta = read_kv(meta_path)
    rows = [dict(zip(COLS, line.rstrip("\n").split("\t"))) for line in list(open(runs_path))[1:] if line.strip()]
    by = {"correlation": [r for r in rows if r["mode"] == "correlation"],
          "passthrough": [r for r in rows if r["mode"] == "passthrough"]}

    def med(mode, col):
        return statistics.median(float(r[col]) for r in by[mode])

    rate_c, rate_p = med("correlation", "rate"), med("passthrough", "rate")
    steady_c, steady_p = med("correlation", "steady_rate"), med("passthrough", "steady_rate")
    ratio = rate_c / rate_p
    n = int(meta["n"])
    loaded = dict(kv.split("=", 1) for kv in meta["loaded"].split())

    out = []
    w = out.append
    w("# Study correlation benchmark, %s" % meta["date"])
    w("")
    w("Node at commit `%s`; produced by `bench/correlation/run.sh`. Study events/s written by the node's Kafka "
      "Streams study correlation (`StudyCorrelationTopology`, built by the node's own classes from "
      "`target/quarkus-app` with the shipped settings of `config/application.properties`), from %s findings "
      "events pre-loaded on one real KRaft broker, against a pass-through Kafka Streams application of the same "
      "shape without the state store, measured in the same run on the same input. Each figure is the median of "
      "%s runs, each in a fresh JVM with a fresh application id, timed from starting the Streams application to "
      "the %s-th output record committed (read by a `read_committed` consumer). Target: correlation / "
      "pass-through ≥ %s." % (meta["commit"], fmt(n), meta["repeats"], fmt(n), TARGET_RATIO))
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w("| CPU | %s |" % meta["cpu"])
    w("| cores | %s |" % meta["cores"])
    w("| RAM | %s |" % meta["ram"])
    w("| load average (1, 5, 15 min) | %s before the run, %s after it; per run below (other work on the machine "
      "skews the figures) |" % (meta["load_start"], meta["load_end"]))
    w("| kernel | %s |" % meta["kernel"])
    w("| JDK | %s |" % meta["jdk"])
    w("| Kafka Streams | %s |" % meta["kafka_streams"])
    w("| disk of the broker's data | %s |" % meta["disk"])
    w("")
    w("## Setup")
    w("")
    w("- Broker: one KRaft broker (combined broker and controller) started from `target/kafka-broker` as the "
      "node's `KafkaBrokerProcess` starts it (same JVM options and `server.properties`), fresh data, on "
      "127.0.0.1; it runs for the whole benchmark.")
    w("- Input, written once before the runs: %s events on `pacs.findings.cv` (%s image events) and "
      "`pacs.findings.nlp` (%s report events), %s partitions each, %s studies of %s images (views PA, LATERAL, AP "
      "in turn) and one final report each; a study's report follows the images of the next 20 studies. Each "
      "event is built with the node's `FindingsEventBuilder` as `CvEnrichment` / `NlpEnrichment` build them "
      "(all 38 findings with mostly low probabilities, 70 %% / 22 %% / 6 %% / 2 %% of images normal / "
      "non-urgent / urgent / critical; reports in the NLP vocabulary with their seven report labels), keyed by "
      "accession number, with the headers the node puts on them; %s bytes in all (samples below)."
      % (fmt(n), loaded.get("images", "?"), loaded.get("reports", "?"), meta["partitions"],
         loaded.get("studies", "?"), meta["images_per_study"], fmt(int(loaded.get("bytes", "0")))))
    w("- **correlation**: `StudyCorrelationTopology.build(...)` with the node's rules, frontal views, window "
      "and expiry interval, writing study events to its own output topic (and alerts and dead letters to "
      "theirs); it writes one study event per input event (every image and report changes its study). "
      "Streams properties as `StudyCorrelation` sets them: processing guarantee `%s`, replication factor -1, "
      "the node's session timeout, `auto.offset.reset=earliest`, one stream thread." % by["correlation"][0]["guarantee"])
    w("- **pass-through** (baseline): the same source node over both topics, one processor forwarding each "
      "record unchanged, one sink; no state store, no changelog; same Streams properties.")
    w("- Runner: `CorrelationBench run`, `-Xmx%s`, one JVM per run (Streams app and the counting consumer); one "
      "unmeasured run of each first, then correlation and pass-through alternate (the order swapped every "
      "repeat)." % meta["runner_xmx"])
    w("- **events/s** = N / (time from `KafkaStreams.start()` to the N-th output record committed); this "
      "includes start-up (joining the group, creating the changelog, initialising transactions). "
      "**steady events/s**: from the first output record to the last. **process CPU**: CPU time of the runner "
      "JVM over the run (Streams app and counting consumer) / wall time; **broker CPU**: the broker's over the "
      "same time; **all CPUs busy**: the whole machine.")
    w("")
    w("## Study events/s")
    w("")
    w("| application | events/s (median) | steady events/s | / pass-through | ≥ %s |" % TARGET_RATIO)
    w("|---|---:|---:|---:|---|")
    w("| correlation | %s | %s | %.3g | %s |" % (fmt(rate_c), fmt(steady_c), ratio,
                                                 "yes" if ratio >= TARGET_RATIO else "**no**"))
    w("| pass-through (baseline) | %s | %s | 1 | n/a |" % (fmt(rate_p), fmt(steady_p)))
    w("")
    w("## Every run")
    w("")
    w("| application | run | records | seconds | events/s | first output after s | steady events/s | "
      "process CPUs | broker CPUs | all CPUs busy % | load 1 min | alerts | dead letters |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in ("correlation", "passthrough"):
        for r in by[mode]:
            secs = float(r["seconds"])
            w("| %s | %s | %s | %.2f | %s | %.2f | %s | %.2f | %.2f | %s | %s | %s | %s |" % (
                mode, r["rep"], fmt(int(r["records"])), secs, fmt(float(r["rate"])), float(r["first_output_s"]),
                fmt(float(r["steady_rate"])), float(r["process_cpu_s"]) / secs, float(r["broker_cpu_s"]) / secs,
                r["cpu_busy_pct"], r["load1"], r["alerts"] if mode == "correlation" else "–",
                r["deadletters"] if mode == "correlation" else "–"))
    w("")
    w("Checks: every run reached N committed output records within its time limit (the runner fails "
      "otherwise); exactly N in every run: %s; no correlation run dead-lettered an event: %s." % (
          "yes" if all(int(r["records"]) == n for r in rows) else "**no**, see the table",
          "yes" if all(r["deadletters"] == "0" for r in by["correlation"]) else "**no**, see the table"))
    w("")
    for title, path in (("Sample image event", image_path), ("Sample report event", report_path)):
        w("## %s (as loaded; one line on the topic)" % title)
        w("")
        w("```json")
        try:
            out.extend(json.dumps(json.load(open(path)), indent=1).split("\n"))
        except (OSError, ValueError):
            w("(not written)")
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
        client = "%s findings events pre-loaded (%s images + 1 report per study), one stream thread" % (
            fmt(n), meta["images_per_study"])
        base = "pass-through Kafka Streams app, same inputs and properties, no state store"
        figs.add("study correlation: study events/s, start to last committed output, median of %s" % meta["repeats"],
                 rate_c, "events/s", client, base, rate_p)
        figs.add("study correlation: steady study events/s (first to last output)", steady_c, "events/s", client, base,
                 steady_p)
        figs.add("study correlation: runner process CPU time per 1,000 events", 1000 * med("correlation", "process_cpu_s") / n,
                 "CPU s", client, base, 1000 * med("passthrough", "process_cpu_s") / n)
        figs.write(figures_path)


if __name__ == "__main__":
    main()
