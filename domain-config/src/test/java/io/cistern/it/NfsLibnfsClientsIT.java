package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NFSv3 server as libnfs's command-line clients (Debian libnfs-utils 4.0: nfs-cp, nfs-cat, nfs-ls) use it:
 * a large file in and out, sparse files, a directory of 10,000 entries listed through READDIRPLUS pages, and the
 * sizes, modes and owners nfs-ls prints, against the shared Cistern. The 10,000 entries and the files for the
 * listing are made in {@link #prepare} by {@link Nfs3WireClient} under /data/libnfs, because one nfs-cp process
 * per file would take minutes.
 * <p>
 * libnfs reaches a path only by mounting its directory (nfs-cp of nfs://host/data/dir/f sends MNT "/data/dir",
 * nfs-ls of nfs://host/data/dir sends MNT "/data/dir"), and Cistern answers MNT for whole shares only (NOENT
 * below one). So the files nfs-cp and nfs-cat move sit at the top of the share, the listings of libnfs/ are
 * {@code nfs-ls -R} of the whole export read for the lines under libnfs/, and
 * {@link #libnfsReachesPathsBelowTheTopOfTheShare} shows the gap (it fails while it exists). nfs-ls -R stops at
 * the first directory it may not read: every directory in the shared export must be readable by 65534.
 * <p>
 * nfs-ls runs as root, which the share squashes to 65534; the prepared files belong to uid 1000, so the listings
 * also show that the owner travels. CI installs libnfs-utils and does not skip these tests; elsewhere a machine
 * without the tools skips them.
 */
@ExtendWith(SharedCistern.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NfsLibnfsClientsIT {
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static final String TOP = "libnfs";
    /** The files nfs-cp and nfs-cat move sit at the top of the share (see the class comment), named so. */
    private static final String BIG = "libnfs-big.bin";
    private static final String SPARSE = "libnfs-sparse.bin";
    private static final String HOLES = "libnfs-holes.bin";
    private static final int ENTRIES = 10_000;
    private static final int UID = 1000;
    private static final int GID = 1000;
    private static final int SQUASHED = 65534;
    private static final long MiB = 1024 * 1024;
    private static final long SPARSE_SIZE = 100 * MiB;
    /** What the sparse files hold: a few bytes at these offsets, zeros everywhere else. */
    private static final Map<Long, byte[]> SPARSE_DATA = new LinkedHashMap<>();

    static {
        SPARSE_DATA.put(0L, "HEAD".getBytes(StandardCharsets.US_ASCII));
        SPARSE_DATA.put(50 * MiB + 3, "MIDDLE".getBytes(StandardCharsets.US_ASCII));
        SPARSE_DATA.put(SPARSE_SIZE - 4, "TAIL".getBytes(StandardCharsets.US_ASCII));
    }

    /** One line of nfs-ls: type and permissions, links, owner, group, size, path below the export. */
    private static final Pattern LS_LINE = Pattern.compile("^(\\S{9,10})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+) (.+)$");

    private String unavailable;
    private int port;
    private List<String> manyNames;

    @TempDir
    Path scratch;

    @BeforeAll
    void prepare(CisternProcess cistern) throws Exception {
        for (String tool : List.of("nfs-ls", "nfs-cp", "nfs-cat")) {
            if (!onPath(tool)) {
                unavailable = tool + " is not installed (Debian package libnfs-utils)";
                return;
            }
        }
        port = cistern.nfsPort();
        manyNames = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            manyNames.add(String.format("entry-%05d", i));
        }
        try (Nfs3WireClient client = new Nfs3WireClient(port, UID, GID)) {
            byte[] root = client.mount("/data");
            try (Nfs3WireClient squashed = new Nfs3WireClient(port, 0, 0)) {
                for (String file : List.of(BIG, SPARSE, HOLES)) {
                    squashed.removeIfPresent(root, file);    // the top is sticky: only their owner, 65534, may
                }
            }
            byte[] top = lookupOrMkdir(client, root, TOP, 0777);
            client.removeTree(top, "modes");
            client.removeIfPresent(top, "below.txt");

            // Another run on the same data directory (target/it-shared-data) may have made them already; creating
            // 10,000 entries costs a minute, so an intact set is kept and anything else is made again.
            byte[] many = lookupOrMkdir(client, top, "many", 0755);
            List<Nfs3WireClient.Entry> existing = client.list(many);
            boolean intact = existing.size() == ENTRIES
                    && new TreeSet<>(existing.stream().map(Nfs3WireClient.Entry::name).toList()).equals(new TreeSet<>(manyNames));
            if (intact) {
                System.out.println("[NfsLibnfsClientsIT] the " + ENTRIES + " entries of an earlier run are intact: kept");
            } else {
                long start = System.nanoTime();
                client.removeContents(many);
                log("removing " + existing.size() + " entries an earlier run left", start);
                start = System.nanoTime();
                List<byte[]> handles = client.createAll(many, manyNames, 0644, 16);
                log(ENTRIES + " CREATEs in one directory over one pipelined connection", start);
                assertEquals(ENTRIES, new TreeSet<>(handles.stream().map(HexFormat.of()::formatHex).toList()).size(),
                        "every CREATE returned a handle of its own");
            }

            byte[] modes = client.mkdir(top, "modes", 0755);
            client.create(modes, "empty-0644", 0644);
            byte[] sized = client.create(modes, "sized-0600", 0600);
            client.setSize(sized, 12345);
            byte[] script = client.create(modes, "script-0755", 0755);
            client.write(script, 0, "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII));
            client.create(modes, "readonly-0444", 0444);
            client.mkdir(modes, "dir-0775", 0775);
            client.symlink(modes, "link", "some/where/else");
        }
    }

    private static byte[] lookupOrMkdir(Nfs3WireClient client, byte[] parent, String name, int mode) throws IOException {
        try {
            return client.lookup(parent, name);
        } catch (Nfs3WireClient.Nfs3Error e) {
            if (e.status != Nfs3WireClient.NOENT) {
                throw e;
            }
            return client.mkdir(parent, name, mode);
        }
    }

    /** Per test, not per class: a class skipped in @BeforeAll would not show in the report at all. */
    @BeforeEach
    void requireTheTools() {
        if (CI) {
            assertNull(unavailable, "CI runs the libnfs clients, but " + unavailable);
        } else {
            Assumptions.assumeTrue(unavailable == null, "libnfs clients skipped: " + unavailable);
        }
    }

    @Test
    void largeFileRoundTripsThroughNfsCpAndNfsCat(CisternProcess cistern) throws Exception {
        Path local = scratch.resolve("big.bin");
        Path blocks = cistern.dataDirectory().resolve("blocks");
        long blocksBefore = countFiles(blocks, "");
        byte[] content = new byte[(int) (64 * MiB)];
        new Random(System.nanoTime()).nextBytes(content);   // new each run: known blocks would be deduplicated
        Files.write(local, content);

        long start = System.nanoTime();
        Result in = run(List.of("nfs-cp", local.toString(), url(BIG)));
        log("nfs-cp of 64 MiB into Cistern", start);
        assertEquals(0, in.exitCode(), in.text());
        assertTrue(in.text().contains("copied " + content.length + " bytes"), in.text());

        start = System.nanoTime();
        Result cat = run(List.of("nfs-cat", url(BIG)));
        log("nfs-cat of 64 MiB out of Cistern", start);
        assertEquals(0, cat.exitCode(), cat.errors());
        assertEquals(content.length, cat.output().length, "nfs-cat printed the whole file");
        assertEquals(sha256(content), sha256(cat.output()), "the file read back is the one written");

        // once uploaded (16 new 4 MiB blocks, the journal emptied), reads come from the block store
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (countFiles(blocks, "") < blocksBefore + 16 || journalBytes(cistern) > 0) {
            assertTrue(System.nanoTime() < deadline, "the upload of 64 MiB did not finish within 120 s: "
                    + (countFiles(blocks, "") - blocksBefore) + " new blocks, " + journalBytes(cistern)
                    + " bytes in the journal");
            Thread.sleep(250);
        }
        Result uploaded = run(List.of("nfs-cat", url(BIG)));
        assertEquals(0, uploaded.exitCode(), uploaded.errors());
        assertEquals(sha256(content), sha256(uploaded.output()), "the file read back from the block store");

        Path copy = scratch.resolve("big.copy");
        Result out = run(List.of("nfs-cp", url(BIG), copy.toString()));
        assertEquals(0, out.exitCode(), out.text());
        assertEquals(-1, Files.mismatch(local, copy), "nfs-cp out of Cistern gives the same bytes");

        Map<String, LsLine> listing = listRoot();
        assertEquals(new LsLine("-rw-rw----", 1, SQUASHED, SQUASHED, content.length), listing.get(BIG),
                "nfs-cp creates with mode 0660 as root, squashed to 65534");
    }

    /** A local file with holes (nfs-cp copies the holes as zeros) must read back bit for bit, at its size. */
    @Test
    void sparseLocalFileCopiedInReadsBackWithItsSize() throws Exception {
        Path local = scratch.resolve("sparse.bin");
        try (RandomAccessFile file = new RandomAccessFile(local.toFile(), "rw")) {
            file.setLength(SPARSE_SIZE);
            for (Map.Entry<Long, byte[]> data : SPARSE_DATA.entrySet()) {
                file.seek(data.getKey());
                file.write(data.getValue());
            }
        }
        Result in = run(List.of("nfs-cp", local.toString(), url(SPARSE)));
        assertEquals(0, in.exitCode(), in.text());

        assertSparseContent(SPARSE);
        assertEquals(SPARSE_SIZE, listRoot().get(SPARSE).size());
    }

    /**
     * Holes made on the server: a WRITE past the end of the file and a SETATTR that extends it. The bytes between
     * must read as zeros, and the size must be the extended one.
     */
    @Test
    void holesMadeOnTheServerReadAsZeros() throws Exception {
        try (Nfs3WireClient client = new Nfs3WireClient(port, 0, 0)) {
            byte[] file = client.create(client.mount("/data"), HOLES, 0644);
            client.write(file, 0, SPARSE_DATA.get(0L));
            client.write(file, 50 * MiB + 3, SPARSE_DATA.get(50 * MiB + 3));   // past the end: a hole before it
            client.setSize(file, SPARSE_SIZE);                                 // extension: a hole up to the end
            assertEquals(SPARSE_SIZE, client.size(file));
            client.write(file, SPARSE_SIZE - 4, SPARSE_DATA.get(SPARSE_SIZE - 4));
            assertEquals(SPARSE_SIZE, client.size(file), "a write inside the file does not change its size");
        }
        assertSparseContent(HOLES);
        assertEquals(new LsLine("-rw-r--r--", 1, SQUASHED, SQUASHED, SPARSE_SIZE), listRoot().get(HOLES));
    }

    /**
     * nfs-ls reads directories with READDIRPLUS: 10,000 entries take many replies, each continued from the last
     * cookie. Every name must come exactly once, with the attributes it was created with.
     */
    @Test
    void nfsLsListsExactlyTheTenThousandEntries() throws Exception {
        long start = System.nanoTime();
        List<LsLine> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, LsLine> line : listAll().entrySet()) {
            if (line.getKey().startsWith(TOP + "/many/")) {
                names.add(line.getKey().substring((TOP + "/many/").length()));
                lines.add(line.getValue());
            }
        }
        log("nfs-ls -R of the export with " + ENTRIES + " entries in one directory", start);
        assertEquals(ENTRIES, names.size(), "one line per entry, none twice");
        assertEquals(new TreeSet<>(manyNames), new TreeSet<>(names));
        LsLine expected = new LsLine("-rw-r--r--", 1, UID, GID, 0);
        assertEquals(List.of(expected), lines.stream().distinct().toList(), "every entry as created");
    }

    @Test
    void nfsLsShowsSizesModesTypesAndOwners() throws Exception {
        Map<String, LsLine> modes = new HashMap<>();
        for (Map.Entry<String, LsLine> line : listAll().entrySet()) {
            if (line.getKey().startsWith(TOP + "/modes/")) {
                modes.put(line.getKey().substring((TOP + "/modes/").length()), line.getValue());
            }
        }
        assertEquals(Map.of(
                "empty-0644", new LsLine("-rw-r--r--", 1, UID, GID, 0),
                "sized-0600", new LsLine("-rw-------", 1, UID, GID, 12345),
                "script-0755", new LsLine("-rwxr-xr-x", 1, UID, GID, 10),
                "readonly-0444", new LsLine("-r--r--r--", 1, UID, GID, 0),
                "dir-0775", new LsLine("drwxrwxr-x", 2, UID, GID, directorySize(modes)),
                "link", new LsLine("lrwxrwxrwx", 1, UID, GID, "some/where/else".length())), modes);
        LsLine top = listAll().get(TOP + "/modes");
        assertNotNull(top, "the listing of libnfs/ shows modes/");
        assertEquals("drwxr-xr-x", top.mode());
        assertEquals(3, top.nlink(), "a directory with one subdirectory has 3 links: its entry, '.', and the child's '..'");
    }

    /**
     * libnfs reaches a path below a share only by mounting its directory: nfs-cp and nfs-cat of
     * nfs://host/data/dir/file send MNT "/data/dir", and nfs-ls of nfs://host/data/dir sends MNT "/data/dir".
     * Linux's mountd, and so every Linux NFS server, answers such a MNT with the subdirectory's handle; Cistern
     * exports whole shares only and answers MNT3ERR_NOENT, so none of these clients can reach anything below the
     * top of a share. This test fails until a MNT below a share is answered.
     */
    @Test
    void libnfsReachesPathsBelowTheTopOfTheShare() throws Exception {
        Result cat = run(List.of("nfs-cat", url(TOP + "/modes/script-0755")));
        assertEquals(0, cat.exitCode(), "nfs-cat of a file in a subdirectory: " + cat.text());
        assertEquals("#!/bin/sh\n", new String(cat.output(), StandardCharsets.US_ASCII));

        Path local = scratch.resolve("below.txt");
        Files.writeString(local, "below the top");
        Result in = run(List.of("nfs-cp", local.toString(), url(TOP + "/below.txt")));
        assertEquals(0, in.exitCode(), "nfs-cp into a subdirectory: " + in.text());

        Map<String, LsLine> many = parse(run(List.of("nfs-ls", url(TOP + "/many"))));
        assertEquals(new TreeSet<>(manyNames), new TreeSet<>(many.keySet()), "nfs-ls of a subdirectory");
    }

    /** A directory's size is the server's choice (Cistern: 0, Linux file systems: 4096); it is not asserted. */
    private static long directorySize(Map<String, LsLine> listing) {
        LsLine dir = listing.get("dir-0775");
        return dir == null ? -1 : dir.size();
    }

    private void assertSparseContent(String path) throws Exception {
        long start = System.nanoTime();
        Result cat = run(List.of("nfs-cat", url(path)));
        log("nfs-cat of a 100 MiB sparse file", start);
        assertEquals(0, cat.exitCode(), cat.errors());
        byte[] bytes = cat.output();
        assertEquals(SPARSE_SIZE, bytes.length, "nfs-cat printed the file's whole size");
        long nonZero = 0;
        for (byte b : bytes) {
            if (b != 0) {
                nonZero++;
            }
        }
        long expectedNonZero = 0;
        for (Map.Entry<Long, byte[]> data : SPARSE_DATA.entrySet()) {
            int at = (int) (long) data.getKey();
            assertArrayEquals(data.getValue(), java.util.Arrays.copyOfRange(bytes, at, at + data.getValue().length),
                    "the bytes at offset " + at);
            expectedNonZero += data.getValue().length;
        }
        assertEquals(expectedNonZero, nonZero, "everything else reads as zeros");
    }

    record LsLine(String mode, int nlink, long uid, long gid, long size) {
    }

    /** nfs-ls -R of the whole export: path below the export to its line. */
    private Map<String, LsLine> listAll() throws Exception {
        return parse(run(List.of("nfs-ls", "-R", url(""))));
    }

    /** nfs-ls of the export's top directory alone. */
    private Map<String, LsLine> listRoot() throws Exception {
        return parse(run(List.of("nfs-ls", url(""))));
    }

    private static Map<String, LsLine> parse(Result ls) {
        assertEquals(0, ls.exitCode(), "nfs-ls failed: " + ls.text());
        Map<String, LsLine> lines = new LinkedHashMap<>();
        for (String line : new String(ls.output(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LS_LINE.matcher(line);
            assertTrue(m.matches(), "an nfs-ls line: " + line);
            LsLine previous = lines.put(m.group(6), new LsLine(m.group(1), Integer.parseInt(m.group(2)),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
            assertNull(previous, "nfs-ls printed " + m.group(6) + " twice");
        }
        return lines;
    }

    private String url(String path) {
        return "nfs://127.0.0.1/data/" + path + "?nfsport=" + port + "&mountport=" + port;
    }

    private static void log(String what, long startNanos) {
        System.out.printf("[NfsLibnfsClientsIT] %s: %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long countFiles(Path directory, String prefix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        } catch (java.io.UncheckedIOException renamedWhileWalked) {
            return countFiles(directory, prefix);
        }
    }

    /**
     * Bytes of records in the journal, as the server reports them: 0 once everything written was uploaded and freed.
     * (Not the segment files' sizes: released ones are kept to be written over.)
     */
    private static long journalBytes(CisternProcess cistern) throws Exception {
        return (long) PrometheusText.scrape(cistern.httpBase()).value("cistern_journal_used_bytes");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exitCode, byte[] output, String errors) {
        String text() {
            return new String(output, StandardCharsets.UTF_8) + errors;
        }
    }

    /** Runs a client with stdout and stderr read apart (nfs-cat's stdout is the file). */
    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] output = readAll(process.getInputStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), output, new String(errors.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
