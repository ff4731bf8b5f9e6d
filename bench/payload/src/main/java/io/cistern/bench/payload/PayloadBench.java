package io.cistern.bench.payload;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The payload path's three throughput figures in one run, each against the peer the issue names: journal
 * writes against dd, cold reads from the filesystem store against cat, uploads to S3Proxy against the same
 * puts into the filesystem store. Run by bench/payload/run.sh, which also starts S3Proxy.
 * <pre>
 * java -cp target/classes:target/lib/* io.cistern.bench.payload.PayloadBench \
 *     &lt;work dir&gt; &lt;MiB&gt; &lt;S3 endpoint&gt; &lt;S3 identity&gt; &lt;S3 credential&gt;
 * </pre>
 * MiB sizes the journal and read figures; uploads use a quarter of it: they are the slowest, and S3Proxy
 * shares the client's cores.
 */
public final class PayloadBench {
    /** Medians of this many runs; uploads get fewer because each run is four measurements long. */
    private static final int RUNS = 5;
    private static final int UPLOAD_RUNS = 3;

    private PayloadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PayloadBench <work dir> <MiB, a multiple of 16> <S3 endpoint> <S3 identity> <S3 credential>");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int mebibytes = Integer.parseInt(args[1]);
        if (mebibytes < 16 || mebibytes % 16 != 0) {
            throw new IllegalArgumentException("MiB must be a multiple of 16 (whole 4 MiB blocks, a quarter for uploads): " + mebibytes);
        }
        // the journal logs every open at INFO, and it is opened once per run
        Logger.getLogger("io.cistern.core.journal").setLevel(Level.WARNING);
        int blocks = mebibytes / 4;
        Report report = new Report();
        String loadAtStart = loadAverage();
        new JournalWriteBench(work.resolve("journal"), blocks, RUNS).run(report);
        // read-ahead window 4 as in production, and 8 as an extra line: does a wider window close the gap to cat?
        new ReadBench(work.resolve("read-store"), blocks, RUNS, List.of(8)).run(report);
        new UploadBench(work.resolve("upload-store"), URI.create(args[2]), args[3], args[4], blocks / 4, UPLOAD_RUNS).run(report);
        report.note("load average (1 min) at start " + loadAtStart + ", at end " + loadAverage() + ", on "
                + Runtime.getRuntime().availableProcessors() + " cores: the build, this bench and S3Proxy account for"
                + " 1 to 2 of it; more means other work shared the cores and the disk with this run");
        report.print(String.format("Payload throughput on %s, %d cores, %s: MB = 10^6 bytes; medians of %d runs (uploads %d);"
                        + " journal and reads %d MiB, uploads %d MiB", disk(work), Runtime.getRuntime().availableProcessors(),
                Instant.now().truncatedTo(ChronoUnit.MINUTES), RUNS, UPLOAD_RUNS, mebibytes, mebibytes / 4));
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Device and file system type, which say more about the figures than the directory's name. */
    private static String disk(Path work) throws Exception {
        String[] lines = Processes.run(List.of("df", "--output=source,fstype", work.toString())).strip().split("\n");
        return lines[lines.length - 1].trim().replaceAll("\\s+", " ");
    }
}
