package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samba's {@code smbtorture} (Debian package samba-testsuite, which the CI installs) against the running server: every
 * subtest named in {@code src/test/smbtorture/passing.txt} must pass. That list holds the subtests of the suites in
 * {@code suites.txt} (and a few of other suites, such as smb2.notify) that pass today and finish quickly, so that a
 * regression fails the build; the whole suites, with
 * the ones that fail and why, are run by {@code src/test/smbtorture/run.sh}, next to Samba's own result.
 */
@ExtendWith(SharedCistern.class)
class SmbtortureIT {
    private static final Path SMBTORTURE = Path.of("/usr/bin/smbtorture");
    private static final Path LISTS = Path.of("src/test/smbtorture");
    private static final int TIMEOUT_SECONDS = 600;
    /**
     * smb2.maxfid opens files until the server refuses one (16,384 opens here, about three minutes): in the build it
     * stops at this many, which still checks that so many opens are granted and closed again.
     */
    private static final int MAX_OPEN_FILES = 2000;

    @Test
    void everySubtestThatPassedBeforeStillPasses(CisternProcess cistern, @TempDir Path work) throws Exception {
        assertTrue(Files.isExecutable(SMBTORTURE), "smbtorture is missing: apt-get install samba-testsuite");
        List<String> expected = lines(LISTS.resolve("passing.txt"));
        // the suites the listed subtests belong to: suites.txt's, and any other a passing subtest comes from
        List<String> suites = expected.stream().map(SmbtortureIT::suiteOf).distinct().toList();
        assertFalse(expected.isEmpty());
        Path loadList = work.resolve("load-list");
        Files.write(loadList, expected);
        Path auth = work.resolve("auth");
        Files.writeString(auth, "username = admin\npassword = " + CisternProcess.ADMIN_PASSWORD + "\n");

        List<String> command = new ArrayList<>(List.of(SMBTORTURE.toString(), "//127.0.0.1/data",
                "-p", String.valueOf(cistern.smbPort()), "-A", auth.toString(), "--format=subunit", "--fullname",
                "--load-list=" + loadList, "--option=torture:maxopenfiles=" + MAX_OPEN_FILES));
        command.addAll(suites);
        String output = run(command, work.resolve("smbtorture.out"));

        Map<String, String> outcomes = outcomes(output);
        List<String> notPassed = expected.stream().filter(name -> !"success".equals(outcomes.get(name)))
                .map(name -> name + ": " + outcomes.getOrDefault(name, "not run") + reason(output, name))
                .toList();
        assertEquals(List.of(), notPassed, "subtests that passed before and do not now");
        assertEquals(expected.size(), outcomes.size(), "smbtorture ran exactly the listed subtests: " + outcomes);
    }

    /** {@code smb2.notify} of {@code smb2.notify.close}: smbtorture's subtests are named suite.subtest. */
    static String suiteOf(String subtest) {
        int second = subtest.indexOf('.', subtest.indexOf('.') + 1);
        return second < 0 ? subtest : subtest.substring(0, second);
    }

    /** The non-blank lines of a list, without '#' comments. */
    private static List<String> lines(Path list) throws IOException {
        return Files.readAllLines(list, StandardCharsets.UTF_8).stream().map(line -> line.replaceAll("#.*", "").strip())
                .filter(line -> !line.isEmpty()).toList();
    }

    /**
     * The outcome of each subtest in smbtorture's subunit output: "success", "failure", "error" or "skip", by the
     * subtest's full name (some names have spaces), or "unfinished" for one that started and never ended.
     */
    static Map<String, String> outcomes(String subunit) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String line : subunit.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String kind = line.substring(0, colon);
            String name = line.substring(colon + 2).replaceAll(" ?\\[$", "");
            if (kind.equals("test")) {
                outcomes.put(name, "unfinished");
            } else if (List.of("success", "failure", "error", "skip").contains(kind)
                    && "unfinished".equals(outcomes.get(name))) {
                outcomes.put(name, kind);
            }
        }
        return outcomes;
    }

    /** smbtorture's reason for a subtest's outcome: the lines between "failure: name [" and "]". */
    private static String reason(String subunit, String name) {
        List<String> lines = List.of(subunit.split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("(failure|error|skip): \\Q" + name + "\\E \\[")) {
                return lines.subList(i + 1, lines.size()).stream().takeWhile(line -> !line.equals("]"))
                        .collect(Collectors.joining(" ", " (", ")"));
            }
        }
        return "";
    }

    private static String run(List<String> command, Path output) throws IOException, InterruptedException {
        // to a file, not a pipe: a hung smbtorture must not block the test past its timeout in a read
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return Files.readString(output, StandardCharsets.UTF_8) + "\n(killed after " + TIMEOUT_SECONDS + " s)";
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
