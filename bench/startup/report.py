#!/usr/bin/env python3
"""Turn the measurements of bench/startup/run.sh into the results page (Markdown, stdout) and the
figures file (TSV, see bench/summary.py).

Usage: report.py RUNS_TSV META COMMANDS FIGURES_TSV
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import summary  # noqa: E402  (bench/summary.py)


def read_kv(path):
    out = {}
    for line in open(path):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            out[k] = v
    return out


def fmt(x, digits=0):
    return "–" if x is None else "{:,.{d}f}".format(x, d=digits)


def main():
    runs_path, meta_path, cmds_path, figures_path = sys.argv[1:5]
    meta = read_kv(meta_path)
    rows = [line.rstrip("\n").split("\t") for line in list(open(runs_path))[1:] if line.strip()]
    by = {}
    for r in rows:
        by.setdefault(r[0], []).append(r)

    def col(what, i):
        return [float(r[i]) for r in by.get(what, []) if len(r) > i and r[i]]

    def med(what, i):
        v = col(what, i)
        return statistics.median(v) if v else None

    node_ready, node_started = med("node", 2), med("node", 3)
    node_rss, node_grss = med("node", 4), med("node", 5)
    broker_ready, broker_rss = med("broker", 2), med("broker", 4)
    jvm = med("jvm", 2)
    prod_ready, prod_started, prod_rss = med("node-prod", 2), med("node-prod", 3), med("node-prod", 4)
    cds_ready, cds_started = med("node-prod-cds", 2), med("node-prod-cds", 3)
    ratio_broker = node_ready / broker_ready if node_ready and broker_ready else None
    ratio_jvm = node_ready / jvm if node_ready and jvm else None

    client = "none: readiness polled with curl every 50 ms"
    base_label = "embedded Kafka broker alone (format + start to port open), same JVM"
    figs = summary.Figures()
    figs.add("time to ready (launch → /q/health/ready UP), median of %s" % meta["runs"], node_ready, "ms",
             client, base_label, broker_ready)
    figs.add("time to ready vs the bare JVM", node_ready, "ms", client, "`java -version`, same JVM", jvm)
    figs.add("prod profile against a running broker: time to ready, median of %s (target 3,000)" % meta["runs"],
             prod_ready, "ms", client, "`java -version`, same JVM", jvm)
    figs.add("prod profile with a class-data archive (-XX:SharedArchiveFile): time to ready, median of %s"
             % meta["runs"], cds_ready, "ms", client, "the same without the archive", prod_ready)
    figs.add("Quarkus' own 'started in' (its bootstrap to listening, embedded broker start included)", node_started * 1000 if node_started else None,
             "ms", "the node's log", "", None)
    figs.add("RSS at ready, node process", node_rss, "MB", client, "broker alone, RSS when listening", broker_rss)
    figs.add("RSS at ready, node + its broker", node_grss, "MB", client, "-Xmx of the node (%s)" % meta["xmx"],
             summary.size_mb(meta["xmx"]))
    figs.write(figures_path)

    out = []
    w = out.append
    w("# Start-up benchmark, %s" % meta["date"])
    w("")
    w("Node at commit `%s`; produced by `bench/startup/run.sh`. %s starts of each, alternating node and baseline, "
      "after one unmeasured start of each (page cache); figures are medians." % (meta["commit"], meta["runs"]))
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for k, label in [("cpu", "CPU"), ("cores", "cores"), ("ram", "RAM"), ("kernel", "kernel"), ("jdk", "JDK"),
                     ("disk", "file system of the data dirs")]:
        w("| %s | %s |" % (label, meta.get(k, "?").strip()))
    w("| load average (1, 5, 15 min) | %s before, %s after (other work on the machine skews the figures) |"
      % (meta["load_start"], meta["load_end"]))
    w("")
    w("## Setup")
    w("")
    w("- **node**: `java -Xmx%s -Dquarkus.profile=demo -jar target/quarkus-app/quarkus-run.jar` from the repository "
      "root, free ports, a fresh data dir (so the node formats its embedded Kafka broker's storage and starts it, "
      "then Quarkus and the routes). Time to ready = launch of `java` to the first `/q/health/ready` answering "
      "200 (UP), polled every 50 ms. 'started in' is Quarkus' own log figure (from its bootstrap, so without the JVM's own start, but with the embedded broker's, which the node starts on the way). RSS read from /proc at that moment, "
      "of the node's JVM and of its process group (node + broker)." % meta["xmx"])
    w("- **baseline**: the embedded broker alone, started as the node starts it (same jars in "
      "`target/kafka-broker`, same JVM options, same KRaft configuration, storage formatted fresh): launch of the "
      "format tool to the client port accepting connections. Every demo start of the node includes this, so "
      "node / broker shows what the node adds on top of its broker.")
    w("- **node-prod**: the production profile (`-Dquarkus.profile=prod`, `KAFKA_BOOTSTRAP_SERVERS` set) against "
      "a broker that was started before and keeps running for all these starts, as a hospital's Kafka does; the "
      "test broker's single replica is allowed (`pacs.kafka.min-replication-factor=1`, "
      "`pacs.kafka.min-insync-replicas=1`) and an X-Raydar API key set (none is called at start-up). Fresh spool and "
      "Streams state per start; one unmeasured start first. Targets: demo ≤ 6,000 ms, prod ≤ 3,000 ms.")
    w("- **node-prod-cds**: node-prod with a class-data archive, as the README's \"Faster starts\" describes: one "
      "unmeasured training start with `-XX:ArchiveClassesAtExit` (the archive is written when the node exits), "
      "then the measured starts with `-XX:SharedArchiveFile`.")
    w("- **floor**: `java -Xmx%s -version`, the same JVM starting and exiting." % meta["xmx"])
    w("")
    w("## Figures")
    w("")
    w("| what | node | baseline | node / baseline |")
    w("|---|---:|---:|---:|")
    w("| time to ready, ms (baseline: broker listening) | %s | %s | %s |" % (fmt(node_ready), fmt(broker_ready),
                                                                           fmt(ratio_broker, 2)))
    w("| time to ready, ms (floor: `java -version`) | %s | %s | %s |" % (fmt(node_ready), fmt(jvm), fmt(ratio_jvm, 1)))
    w("| Quarkus 'started in', ms | %s | | |" % fmt(node_started * 1000 if node_started else None))
    w("| prod profile, running broker: time to ready, ms (floor: `java -version`) | %s | %s | %s |" % (
        fmt(prod_ready), fmt(jvm), fmt(prod_ready / jvm if prod_ready and jvm else None, 1)))
    w("| prod profile: Quarkus 'started in', ms | %s | | |" % fmt(prod_started * 1000 if prod_started else None))
    w("| prod profile with a class-data archive: time to ready, ms (baseline: the same without it) | %s | %s | %s |"
      % (fmt(cds_ready), fmt(prod_ready), fmt(cds_ready / prod_ready if cds_ready and prod_ready else None, 2)))
    w("| prod profile with a class-data archive: Quarkus 'started in', ms | %s | | |"
      % fmt(cds_started * 1000 if cds_started else None))
    w("| prod profile: RSS at ready, MB | %s | | |" % fmt(prod_rss))
    w("| RSS at ready, MB (node JVM vs broker JVM) | %s | %s | %s |" % (
        fmt(node_rss), fmt(broker_rss), fmt(node_rss / broker_rss if node_rss and broker_rss else None, 2)))
    w("| RSS at ready, MB (node + its broker) | %s | | |" % fmt(node_grss))
    w("")
    w("## All starts")
    w("")
    w("| what | start | ready ms | 'started in' s | RSS MB | group RSS MB |")
    w("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        w("| %s |" % " | ".join(x or "" for x in r))
    w("")
    w("## Commands")
    w("")
    w("```")
    out.extend(open(cmds_path).read().rstrip("\n").split("\n"))
    w("```")
    print("\n".join(out))


if __name__ == "__main__":
    main()
