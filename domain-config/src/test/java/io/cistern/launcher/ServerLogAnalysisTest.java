package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lines as Payara Micro 6.2025.10 writes them (taken from real runs). */
class ServerLogAnalysisTest {
    private static final String HEADER = "[2026-11-21T08:19:00.771+0000] [] [%s] [%s] [javax.enterprise.system.core] "
            + "[tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1795249140771] [levelValue: %d] ";

    private static String record(String level, String id, String message) {
        int value = switch (level) {
            case "SEVERE" -> 1000;
            case "WARNING" -> 900;
            default -> 800;
        };
        return String.format(HEADER, level, id, value) + message;
    }

    private static ServerLogAnalysis read(String... lines) {
        ServerLogAnalysis analysis = new ServerLogAnalysis();
        for (String text : lines) {
            for (String line : text.split("\n", -1)) {
                analysis.accept(line);
            }
        }
        return analysis;
    }

    private static final String SUMMARY = record("INFO", "", "[[\n  {\n    \"Instance Configuration\": {\n"
            + "        \"Host\": \"localhost\",\n        \"Deployed\": [\n            {\n                \"Name\": \"rar-nfs\",\n"
            + "                \"Type\": \"rar\",\n                \"Context Root\": \"N/A\"\n            },\n            {\n"
            + "                \"Name\": \"cistern\",\n                \"Type\": \"war\",\n                \"Context Root\": \"/\"\n"
            + "            }\n        ]\n    }\n}]]");
    private static final String READY = record("INFO", "", "Payara Micro 6.2025.10 (build 42) ready in 6,179 (ms)");

    @Test
    void seesReadinessAndTheDeployedApplications() {
        ServerLogAnalysis analysis = read(record("INFO", "", "rar-nfs was successfully deployed in 406 milliseconds."),
                SUMMARY, READY);
        assertTrue(analysis.ready());
        assertFalse(analysis.deploymentFailed());
        assertEquals(Set.of("rar-nfs", "cistern"), analysis.deployedApplications());
        assertEquals(Optional.empty(), analysis.relevantLine());
    }

    @Test
    void skipsSevereRecordsThatAreOnlyAMessageId() {
        ServerLogAnalysis analysis = read(record("SEVERE", "", "AS-DEPLOYMENT-00026"),
                record("SEVERE", "", "JNDI lookup failed for the resource: Name: [java:module/env/x], Lookup: [jdbc/cistern]"),
                SUMMARY, READY);
        assertEquals(Optional.of("JNDI lookup failed for the resource: Name: [java:module/env/x], Lookup: [jdbc/cistern]"),
                analysis.relevantLine());
    }

    @Test
    void prefersTheCauseInsideASevereStackTrace() {
        ServerLogAnalysis analysis = read(
                record("WARNING", "", "[[\n  harmless\njava.lang.Exception: noise\nCaused by: java.io.IOException: not this one]]"),
                record("SEVERE", "AS-WEB-CORE-00174", "Startup of context  failed due to previous errors"),
                record("SEVERE", "AS-WEB-CORE-00108", "[[\n  ContainerBase.addChild: start: \n"
                        + "org.apache.catalina.LifecycleException: java.lang.IllegalStateException: boom\n"
                        + "\tat org.apache.catalina.core.StandardContext.start(StandardContext.java:5913)\n"
                        + "Caused by: java.lang.IllegalStateException: boom\n\t... 52 more\n]]"),
                record("SEVERE", "", "Exception while loading the app"));
        assertTrue(analysis.deploymentFailed());
        assertEquals(Optional.of("java.lang.IllegalStateException: boom"), analysis.relevantLine());
    }

    @Test
    void readsTheTextOfAMultiLineSevereRecord() {
        ServerLogAnalysis analysis = read(record("SEVERE", "", "[[\n  RAR6035 : Resource adapter start failed.\n"
                + "java.lang.ExceptionInInitializerError\nCaused by: java.lang.IllegalArgumentException\n]]"));
        assertEquals(Optional.of("RAR6035 : Resource adapter start failed."), analysis.relevantLine(),
                "a cause without a message says less than the record's text");
    }

    @Test
    void reportsAFailedBootCommand() {
        ServerLogAnalysis analysis = read(record("WARNING", "", "[[\n  Boot Command create-jdbc-connection-pool failed "
                + "PlainTextActionReporterFAILUREjava.lang.IllegalArgumentException: Invalid property syntax, \"=\" in value: "
                + "URL=x=yDescription: create-jdbc-connection-pool commandInvalid property syntax]]"));
        assertEquals(Optional.of("create-jdbc-connection-pool: Invalid property syntax, \"=\" in value: URL=x=y"),
                analysis.failedBootCommand());
    }

    @Test
    void aSuccessfulBootCommandIsNoFailure() {
        ServerLogAnalysis analysis = read(record("INFO", "", "Boot Command create-threadpool returned with result SUCCESS : "
                + "PlainTextActionReporterSUCCESSNo monitoring data to report."));
        assertEquals(Optional.empty(), analysis.failedBootCommand());
    }

    @Test
    void keepsTheJvmsOwnErrorWhenPayaraNeverLogged() {
        ServerLogAnalysis analysis = read("Unrecognized VM option 'BogusOption'", "Error: Could not create the Java Virtual Machine.",
                "Error: A fatal exception has occurred. Program will exit.");
        assertEquals(Optional.of("Unrecognized VM option 'BogusOption'"), analysis.relevantLine());
        assertEquals(Optional.of("Error: A fatal exception has occurred. Program will exit."), analysis.lastLine());
    }

    @Test
    void understandsColouredOutputToo() {
        ServerLogAnalysis analysis = read("[2026-11-21T08:19:00.838+0000] [] [\u001B[1;92mINFO\u001B[0m] [] "
                + "[\u001B[1;94mPayaraMicro\u001B[0m] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1795249140838] "
                + "[levelValue: 800] Payara Micro 6.2025.10 (build 42) ready in 6,179 (ms)");
        assertTrue(analysis.ready());
    }

    @Test
    void shortensVeryLongLines() {
        ServerLogAnalysis analysis = read(record("SEVERE", "", "x".repeat(1000)));
        assertEquals(300, analysis.relevantLine().orElseThrow().length());
    }
}
