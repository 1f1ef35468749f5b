import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * MLLP load generator: over each of CONNECTIONS connections, sends one HL7 v2.5.1 ORU^R01 chest
 * X-ray report, waits for its acknowledgement, checks MSA-1 = AA and MSA-2 = the message's control
 * id, and sends the next. Runs WARMUP seconds unmeasured, then SECONDS measured, and prints
 *
 * <pre>messages=N seconds=S rate=R p50_ms=.. p99_ms=.. max_ms=.. connections=C first_index=I next_index=J</pre>
 *
 * <p>Usage: {@code java MllpLoad HOST PORT CONNECTIONS WARMUP_SECONDS SECONDS FIRST_INDEX [PREFIX [RATE]]},
 * or {@code java MllpLoad --print-sample} to print one message (segments on lines).
 *
 * <p>RATE (messages per second over all connections; absent or 0 = as fast as the answers come)
 * paces the sending: each connection sends its messages at fixed times, RATE / CONNECTIONS per
 * second counted from the start, still one message in flight. A connection held up by a slow
 * answer sends the messages it owes back to back until it is on time again, so the rate achieved
 * falls below RATE only when the receiver cannot answer that many on average.
 *
 * <p>Message i (counted across connections from FIRST_INDEX) is the same for every receiver: same
 * text, accession number {@code <PREFIX>A<i>}, control id {@code <PREFIX>M<i>}. Exit status 1 when
 * any answer is not AA (the first such answer is printed), or a connection fails.
 */
public final class MllpLoad {

    private static final byte START = 0x0B;
    private static final byte END = 0x1C;
    private static final byte CR = 0x0D;

    /** Report bodies, rotated: realistic wording and length of chest radiograph reports. */
    private static final String[][] REPORTS = {
            {"CLINICAL INDICATION: Cough for three weeks, smoker.",
                    "FINDINGS: The heart size is normal. The mediastinal contours are unremarkable.",
                    "The lungs are clear. No pleural effusion or pneumothorax. No bony abnormality.",
                    "IMPRESSION: No acute cardiopulmonary abnormality."},
            {"CLINICAL INDICATION: Shortness of breath, bilateral ankle swelling.",
                    "FINDINGS: The cardiothoracic ratio is increased at 0.6. Upper lobe venous diversion.",
                    "Small bilateral pleural effusions with blunting of the costophrenic angles.",
                    "IMPRESSION: Cardiomegaly with features of pulmonary venous hypertension and small effusions."},
            {"CLINICAL INDICATION: Fever and productive cough, raised CRP.",
                    "FINDINGS: Airspace consolidation in the right lower zone with air bronchograms.",
                    "The heart is not enlarged. No pneumothorax.",
                    "IMPRESSION: Right lower lobe consolidation in keeping with infection. Follow-up radiograph in 6 weeks."},
            {"CLINICAL INDICATION: Post central line insertion.",
                    "FINDINGS: Right internal jugular line with its tip projected over the SVC.",
                    "No pneumothorax. Lungs and pleural spaces are clear.",
                    "IMPRESSION: Satisfactory line position. No pneumothorax."},
    };

    private static final String[] PATIENTS = {"DOE^JANE^A", "SMITH^ROBERT^J", "KHAN^AYESHA", "OKAFOR^CHIDI^E"};

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--print-sample")) {
            System.out.print(message("B", 11_000_000L).replace('\r', '\n'));
            return;
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        long firstIndex = Long.parseLong(args[5]);
        String prefix = args.length > 6 ? args[6] : "B";
        double rate = args.length > 7 ? Double.parseDouble(args[7]) : 0;
        long intervalNanos = rate > 0 ? (long) (connections * 1e9 / rate) : 0;

        AtomicLong nextIndex = new AtomicLong(firstIndex);
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        Worker[] workers = new Worker[connections];
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            workers[i] = new Worker(host, port, prefix, nextIndex, failed, connected, go, intervalNanos);
            threads[i] = new Thread(workers[i], "mllp-" + i);
            threads[i].start();
        }
        connected.await();
        long t0 = System.nanoTime();
        long measureFrom = t0 + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (seconds * 1e9);
        for (int i = 0; i < connections; i++) {
            workers[i].measureFrom = measureFrom;
            workers[i].measureTo = measureTo;
            // paced connections start spread over one interval, not all at once
            workers[i].firstSendAt = t0 + intervalNanos * i / connections;
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failed.get()) {
            for (Worker w : workers) {
                if (w.failure != null) {
                    System.err.println("MllpLoad: " + w.failure);
                }
            }
            System.exit(1);
        }
        int total = 0;
        for (Worker w : workers) {
            total += w.count;
        }
        long[] all = new long[total];
        int k = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, k, w.count);
            k += w.count;
        }
        Arrays.sort(all);
        System.out.printf("messages=%d seconds=%.3f rate=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f connections=%d "
                + "first_index=%d next_index=%d%n", total, seconds, total / seconds, pct(all, 50) / 1e6,
                pct(all, 99) / 1e6, all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, connections, firstIndex,
                nextIndex.get());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)];
    }

    /** ORU^R01, HL7 v2.5.1, segments separated by CR. */
    static String message(String prefix, long i) {
        String now = LocalDateTime.of(2025, 1, 1, 8, 0).plusSeconds(i).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String control = prefix + "M" + i;
        String accession = prefix + "A" + i;
        String order = prefix + "O" + i;
        String[] report = REPORTS[(int) (i % REPORTS.length)];
        StringBuilder m = new StringBuilder(1024);
        m.append("MSH|^~\\&|RIS|GENHOSP|PACSBRIDGE|GENHOSP|").append(now).append("||ORU^R01^ORU_R01|").append(control)
                .append("|P|2.5.1|||AL|NE\r");
        m.append("PID|1||").append(100000 + i % 50000).append("^^^GENHOSP^MR||").append(PATIENTS[(int) (i % PATIENTS.length)])
                .append("||19650412|F|||12 High Street^^Leeds^^LS1 1AA^GBR\r");
        m.append("PV1|1|O|XRAY^^^GENHOSP||||4711^JONES^MARY^^^DR\r");
        m.append("ORC|RE|").append(order).append('|').append(accession).append("||CM\r");
        // OBR-3 filler order number = accession; OBR-4 procedure; OBR-7 observation time;
        // OBR-24 diagnostic service section; OBR-25 result status F (final); OBR-32 reporting radiologist.
        String[] obr = new String[33];
        Arrays.fill(obr, "");
        obr[0] = "OBR";
        obr[1] = "1";
        obr[2] = order;
        obr[3] = accession;
        obr[4] = "XRCHEST^XR CHEST PA^L";
        obr[7] = now;
        obr[16] = "4711^JONES^MARY^^^DR";
        obr[22] = now;
        obr[24] = "RAD";
        obr[25] = "F";
        obr[32] = "9876&HALL&ANNA&&&DR";
        m.append(String.join("|", obr)).append('\r');
        for (int line = 0; line < report.length; line++) {
            m.append("OBX|").append(line + 1).append("|TX|XRCHEST^XR CHEST PA^L|1|").append(report[line])
                    .append("||||||F|||").append(now).append('\r');
        }
        return m.toString();
    }

    private static final class Worker implements Runnable {
        private final String host;
        private final int port;
        private final String prefix;
        private final AtomicLong nextIndex;
        private final AtomicBoolean failed;
        private final CountDownLatch connected;
        private final CountDownLatch go;
        private final long intervalNanos;
        volatile long measureFrom;
        volatile long firstSendAt;
        volatile long measureTo;
        long[] latencies = new long[1 << 16];
        int count;
        String failure;

        Worker(String host, int port, String prefix, AtomicLong nextIndex, AtomicBoolean failed,
                CountDownLatch connected, CountDownLatch go, long intervalNanos) {
            this.host = host;
            this.port = port;
            this.prefix = prefix;
            this.nextIndex = nextIndex;
            this.failed = failed;
            this.connected = connected;
            this.go = go;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public void run() {
            boolean counted = false;
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress(host, port), 10_000);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                connected.countDown();
                counted = true;
                go.await();
                ByteArrayOutputStream ack = new ByteArrayOutputStream(512);
                long due = firstSendAt;
                while (!failed.get()) {
                    if (intervalNanos > 0) {
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        due += intervalNanos;
                    }
                    long start = System.nanoTime();
                    if (start >= measureTo) {
                        break;
                    }
                    long i = nextIndex.getAndIncrement();
                    String control = prefix + "M" + i;
                    out.write(START);
                    out.write(message(prefix, i).getBytes(StandardCharsets.UTF_8));
                    out.write(END);
                    out.write(CR);
                    out.flush();
                    String answer = readFrame(in, ack);
                    long end = System.nanoTime();
                    String problem = check(answer, control);
                    if (problem != null) {
                        failure = problem;
                        failed.set(true);
                        break;
                    }
                    if (start >= measureFrom && end <= measureTo) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = end - start;
                    }
                }
            } catch (Exception e) {
                failure = e.toString();
                failed.set(true);
            } finally {
                if (!counted) {
                    connected.countDown();
                }
            }
        }

        /** One MLLP frame's payload. */
        private static String readFrame(InputStream in, ByteArrayOutputStream buf) throws IOException {
            buf.reset();
            int b;
            while ((b = in.read()) != START) {
                if (b < 0) {
                    throw new IOException("connection closed by the receiver before an acknowledgement");
                }
            }
            while (true) {
                b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside an acknowledgement");
                }
                if (b == END) {
                    if (in.read() != CR) {
                        throw new IOException("MLLP frame not ended by <FS><CR>");
                    }
                    return buf.toString(StandardCharsets.UTF_8);
                }
                buf.write(b);
            }
        }

        /** null when the ACK is AA for this control id, else what is wrong. */
        private static String check(String ack, String control) {
            for (String segment : ack.split("[\r\n]+")) {
                if (segment.startsWith("MSA")) {
                    String[] f = segment.split("\\|", -1);
                    String code = f.length > 1 ? f[1] : "";
                    String id = f.length > 2 ? f[2] : "";
                    if (!code.equals("AA") || !id.equals(control)) {
                        return "message " + control + " answered " + code + " (MSA-2 " + id + "): "
                                + ack.replace('\r', '\n');
                    }
                    return null;
                }
            }
            return "no MSA segment in the answer to " + control + ": " + ack.replace('\r', '\n');
        }
    }
}
