package io.cistern.launcher;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Payara Micro's log line by line and keeps what the launcher needs to judge a start:
 * <ul>
 * <li>the "Payara Micro ... ready in N (ms)" line, printed once boot and all deployments are done, also when a
 * deployment failed;</li>
 * <li>the applications listed as "Deployed" in the instance summary printed just before it: a failed
 * deployment is missing there;</li>
 * <li>"Exception while loading the app", which Micro logs for a failed deployment;</li>
 * <li>"Boot Command X failed", logged (as a mere WARNING) when a pre-boot or post-boot command fails: the
 * configuration is then incomplete and the deployments would fail later with a less telling message;</li>
 * <li>the most telling line for a failure (see {@link #relevantLine()}).</li>
 * </ul>
 * Lines are in Micro's ODL format: {@code [time] [] [SEVERE] [id] [logger] [tid: ...] [timeMillis: ...]
 * [levelValue: 1000] message}; a message starting with {@code [[} continues on the following lines, and so
 * does a stack trace.
 */
final class ServerLogAnalysis {
    static final String DEPLOYMENT_FAILED = "Exception while loading the app";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern RECORD_START = Pattern.compile("^\\[\\d{4}-\\d\\d-\\d\\dT[^\\]]*\\] \\[");
    private static final Pattern LEVEL_VALUE = Pattern.compile("\\[levelValue: (\\d+)\\] ?");
    private static final Pattern DEPLOYED_NAME = Pattern.compile("^\\s*\"Name\": \"([^\"]*)\"");
    private static final Pattern BARE_MESSAGE_ID = Pattern.compile("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d+$");
    private static final Pattern CAUSE_WITH_MESSAGE = Pattern.compile("^Caused by: ([\\w.$]+: \\S.*)$");
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in ");
    private static final Pattern BOOT_COMMAND_FAILED = Pattern.compile(
            "Boot Command (\\S+) failed PlainTextActionReporterFAILURE(?:[\\w.]+Exception: )?(.*?)(?:Description: .*)?$");
    private static final int SEVERE = 1000;

    private boolean ready;
    private boolean deploymentFailed;
    private boolean inDeployedList;
    private boolean anyRecordSeen;
    private boolean inSevereRecord;
    private boolean severeTextPending;
    private String firstSevere;
    private String firstSevereCause;
    private String firstPlainLine;
    private String failedBootCommand;
    private String lastLine;
    private final Set<String> deployed = new LinkedHashSet<>();

    void accept(String rawLine) {
        String line = ANSI.matcher(rawLine).replaceAll("");
        if (RECORD_START.matcher(line).find()) {
            anyRecordSeen = true;
            startRecord(line);
        } else {
            continueRecord(line.strip());
        }
        trackDeployedList(line);
        if (line.contains(DEPLOYMENT_FAILED)) {
            deploymentFailed = true;
        }
        Matcher bootCommand = BOOT_COMMAND_FAILED.matcher(line);
        if (failedBootCommand == null && bootCommand.find()) {
            failedBootCommand = bootCommand.group(1) + ": " + bootCommand.group(2).strip();
        }
    }

    private void startRecord(String line) {
        String message = messageOf(line);
        remember(message);
        if (READY.matcher(line).find()) {
            ready = true;
        }
        Matcher level = LEVEL_VALUE.matcher(line);
        inSevereRecord = level.find() && Integer.parseInt(level.group(1)) >= SEVERE;
        severeTextPending = false;
        if (!inSevereRecord || firstSevere != null) {
            return;
        }
        if (message.isEmpty() || message.equals("[[")) {
            severeTextPending = true; // the text follows on the next line
        } else if (!BARE_MESSAGE_ID.matcher(message).matches()) {
            firstSevere = message;
        }
    }

    private void continueRecord(String text) {
        remember(text);
        if (text.isEmpty()) {
            return;
        }
        if (!anyRecordSeen && firstPlainLine == null) {
            firstPlainLine = text; // e.g. the JVM's own "Unrecognized VM option ..." before Payara logs anything
        }
        if (!inSevereRecord) {
            return;
        }
        if (severeTextPending && firstSevere == null) {
            firstSevere = text;
            severeTextPending = false;
        }
        Matcher cause = CAUSE_WITH_MESSAGE.matcher(text);
        if (firstSevereCause == null && cause.find()) {
            firstSevereCause = cause.group(1);
        }
    }

    private void remember(String text) {
        if (!text.isEmpty() && !text.equals("[[") && !text.equals("]]")) {
            lastLine = text;
        }
    }

    /** The text of a record's first line, after its bracketed header fields. */
    private static String messageOf(String recordLine) {
        Matcher level = LEVEL_VALUE.matcher(recordLine);
        return level.find() ? recordLine.substring(level.end()).strip() : recordLine.strip();
    }

    private void trackDeployedList(String line) {
        if (line.contains("\"Deployed\": [")) {
            inDeployedList = true;
        } else if (inDeployedList && line.strip().startsWith("]")) {
            inDeployedList = false;
        } else if (inDeployedList) {
            Matcher name = DEPLOYED_NAME.matcher(line);
            if (name.find()) {
                deployed.add(name.group(1));
            }
        }
    }

    boolean ready() {
        return ready;
    }

    boolean deploymentFailed() {
        return deploymentFailed;
    }

    /** "command: reason" of the first pre-boot or post-boot command that failed. */
    Optional<String> failedBootCommand() {
        return Optional.ofNullable(failedBootCommand).map(ServerLogAnalysis::shorten);
    }

    Set<String> deployedApplications() {
        return Set.copyOf(deployed);
    }

    /**
     * The most telling line for a failed start: the first exception cause with a message inside a SEVERE
     * record (usually the root of the matter), else the first SEVERE message that is more than a message id,
     * else the first line the process printed outside Payara's log format (JVM errors).
     */
    Optional<String> relevantLine() {
        String line = firstSevereCause != null ? firstSevereCause : firstSevere != null ? firstSevere : firstPlainLine;
        return Optional.ofNullable(line).map(ServerLogAnalysis::shorten);
    }

    /** The last non-blank line read. */
    Optional<String> lastLine() {
        return Optional.ofNullable(lastLine).map(ServerLogAnalysis::shorten);
    }

    private static String shorten(String line) {
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }
}
