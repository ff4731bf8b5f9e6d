package io.cistern.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of {@code GET /api/v1/status} for readiness, without a JSON library on the launcher's class path:
 * <pre>
 * {"version":"…","uptimeSeconds":N,"installationId":"…","shares":["data"],
 *  "listeners":[{"protocol":"NFS","address":"0.0.0.0:12049","state":"LISTENING"},{"protocol":"SMB",…}]}
 * </pre>
 * Tolerant of whitespace, field order and extra fields; string values with escapes are read as written.
 */
final class StatusJson {
    static final String LISTENING = "LISTENING";
    /** Switched off by an administrator (the switch is stored, so it holds across restarts). */
    static final String DISABLED = "DISABLED";

    /** One entry of "listeners". */
    record Listener(String protocol, String address, String state) {
        boolean listening() {
            return LISTENING.equalsIgnoreCase(state);
        }

        boolean disabled() {
            return DISABLED.equalsIgnoreCase(state);
        }
    }

    private StatusJson() {
    }

    static List<Listener> listeners(String json) {
        List<Listener> listeners = new ArrayList<>();
        int key = json.indexOf("\"listeners\"");
        if (key < 0) {
            return listeners;
        }
        int arrayStart = json.indexOf('[', key);
        if (arrayStart < 0) {
            return listeners;
        }
        int position = arrayStart + 1;
        while (true) {
            int objectStart = nextObjectStart(json, position);
            if (objectStart < 0) {
                return listeners;
            }
            int objectEnd = matchingBrace(json, objectStart);
            if (objectEnd < 0) {
                return listeners;
            }
            String object = json.substring(objectStart, objectEnd + 1);
            listeners.add(new Listener(field(object, "protocol").orElse("?"), field(object, "address").orElse("?"),
                    field(object, "state").orElse("?")));
            position = objectEnd + 1;
        }
    }

    /** The position of the next '{' before the array's closing ']', or -1. */
    private static int nextObjectStart(String json, int from) {
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '{') {
                return i;
            }
            if (c == ']') {
                return -1;
            }
        }
        return -1;
    }

    /** The position of the '}' that closes the object starting at {@code start}, skipping strings. */
    private static int matchingBrace(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static Optional<String> field(String object, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(object);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
