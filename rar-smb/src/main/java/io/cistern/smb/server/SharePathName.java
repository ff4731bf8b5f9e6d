package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A share-relative name of CREATE or of a rename target ([MS-SMB2] 2.2.13, 3.3.5.9) split into its components, or
 * the NTSTATUS that refuses it:
 * <ul>
 * <li>empty: the share's top (no components);</li>
 * <li>a leading backslash: STATUS_INVALID_PARAMETER, as 3.3.5.9 requires of CREATE;</li>
 * <li>a first component "..", which would climb above the share's top: STATUS_OBJECT_PATH_SYNTAX_BAD, as Windows and
 *     Samba answer it (smbtorture's smb2.mkdir);</li>
 * <li>an empty component (doubled or trailing backslash), ".", "..", a character of {@code "*&#47;:<>?|} or a
 *     control character, or more than 255 UTF-8 bytes: STATUS_OBJECT_NAME_INVALID ([MS-FSCC] 2.1.5);</li>
 * <li>a stream suffix on the last component: "::$DATA" (any case) names the file itself and is stripped; any other
 *     stream is STATUS_OBJECT_NAME_NOT_FOUND, since the file system keeps no named streams (what NTFS answers for a
 *     stream that is not there).</li>
 * </ul>
 */
record SharePathName(List<String> components, int status) {
    static final int MAX_COMPONENT_BYTES = 255;
    private static final String DATA_STREAM = "::$DATA";

    boolean valid() {
        return status == NtStatus.STATUS_SUCCESS;
    }

    static SharePathName parse(String name) {
        if (name.isEmpty()) {
            return ok(List.of());
        }
        if (name.startsWith("\\")) {
            return failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        if (name.toUpperCase(Locale.ROOT).endsWith(DATA_STREAM)) {
            name = name.substring(0, name.length() - DATA_STREAM.length());
        }
        String[] parts = name.split("\\\\", -1);
        if (parts[0].equals("..")) {
            return failure(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
        }
        List<String> components = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf(':') >= 0 && valid(part.substring(0, part.indexOf(':')))) {
                return failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
            }
            if (!valid(part)) {
                return failure(NtStatus.STATUS_OBJECT_NAME_INVALID);
            }
            components.add(part);
        }
        return ok(components);
    }

    /** Whether one component is a name a file may have. */
    static boolean valid(String component) {
        if (component.isEmpty() || component.equals(".") || component.equals("..")
                || component.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
            return false;
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c < 0x20 || c == 0x7F || "\"*/:<>?|\\".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The components as the client would see them, {@code dir\file}, for FileNameInformation. */
    static String join(List<String> components) {
        return String.join("\\", components);
    }

    private static SharePathName ok(List<String> components) {
        return new SharePathName(List.copyOf(components), NtStatus.STATUS_SUCCESS);
    }

    private static SharePathName failure(int status) {
        return new SharePathName(List.of(), status);
    }
}
