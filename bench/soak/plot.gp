# The soak's samples over time, one panel per series; the load runs between the dashed lines.
# gnuplot -e "tsv='samples.tsv'; png='soak.png'; load_from=10; load_to=1810" bench/soak/plot.gp
# Columns: see bench/soak/sample.py.
set terminal pngcairo size 1400,1200 font ",10"
set output png
set termoption noenhanced
set datafile separator "\t"
set datafile missing "NaN"
set datafile columnheaders
set key top left box opaque
set grid
# headroom above the data for the key
set offsets 0, 0, graph 0.35, 0
set xlabel "minutes"
set multiplot layout 3,2 title "Soak: node under mixed load (DICOM, MLLP, X-Raydar simulator with errors)"
marks = sprintf("set arrow 1 from first %f, graph 0 to first %f, graph 1 nohead dt 2 lc rgb 'gray40'; set arrow 2 from first %f, graph 0 to first %f, graph 1 nohead dt 2 lc rgb 'gray40'", load_from / 60.0, load_from / 60.0, load_to / 60.0, load_to / 60.0)
eval marks

set title "Heap (MB)"
set yrange [0:*]
plot tsv using ($1/60):(column("heap_after_gc_mb")) with linespoints pt 7 ps 0.5 lw 2 title "after the latest GC (GC log)", \
     tsv using ($1/60):(column("heap_live_mb")) with lines lw 1 title "old generation after its latest collection (jvm_gc_live_data_size)", \
     tsv using ($1/60):(column("heap_used_mb")) with lines lc rgb "gray60" title "used at the sample"

set title "Resident memory (MB)"
plot tsv using ($1/60):(column("rss_mb")) with linespoints pt 7 ps 0.5 lw 2 title "node JVM", \
     tsv using ($1/60):(column("broker_rss_mb")) with lines lw 1 title "its Kafka broker"

set title "Threads of the node JVM"
unset key
plot tsv using ($1/60):(column("threads")) with linespoints pt 7 ps 0.5 lw 2 notitle

set title "Open files of the node JVM (/proc/PID/fd)"
plot tsv using ($1/60):(column("open_files")) with linespoints pt 7 ps 0.5 lw 2 notitle

set title "DICOM spool backlog (objects)"
plot tsv using ($1/60):(column("spool_backlog")) with linespoints pt 7 ps 0.5 lw 2 notitle

set title "Throughput (per second, between samples)"
set key top left box opaque
set y2tics
set ytics nomirror
set ylabel "findings events/s"
set y2label "HL7 AA/s"
set y2range [0:*]
plot tsv using ($1/60):(column("cv_per_s")) with lines lw 2 title "CV findings events/s", \
     tsv using ($1/60):(column("nlp_per_s")) with lines lw 2 title "NLP findings events/s", \
     tsv using ($1/60):(column("aa_per_s")) axes x1y2 with lines lw 1 title "HL7 messages answered AA/s (right)"
unset multiplot
