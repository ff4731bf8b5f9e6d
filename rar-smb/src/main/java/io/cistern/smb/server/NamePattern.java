package io.cistern.smb.server;

/**
 * The search patterns of QUERY_DIRECTORY, [MS-FSA] 2.1.4.4 (IsInExpression), compared case-insensitively:
 * {@code *} any run of characters, {@code ?} exactly one; and the DOS wildcards that Windows clients send for
 * 8.3-style patterns: {@code <} (DOS_STAR) any run up to the name's last period, {@code >} (DOS_QM) one character,
 * or none at a period or at the end, and {@code "} (DOS_DOT) a period, or nothing at the end. Matching is memoized
 * over (pattern position, name position), so no pattern costs more than their product.
 */
final class NamePattern {
    private final String pattern;

    NamePattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The one name this pattern matches (ignoring case) when it has no wildcard, so that a search can ask for it
     * rather than list the directory; null for a pattern with one, and for "." and "..", which are not entries.
     */
    String literal() {
        if (pattern.isEmpty() || pattern.equals(".") || pattern.equals("..")) {
            return null;
        }
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?<>\"".indexOf(pattern.charAt(i)) >= 0) {
                return null;
            }
        }
        return pattern;
    }

    /** "*" (or an empty pattern) matches everything without looking. */
    boolean matchesAll() {
        return pattern.isEmpty() || pattern.equals("*");
    }

    boolean matches(String name) {
        if (matchesAll()) {
            return true;
        }
        byte[][] memo = new byte[pattern.length() + 1][name.length() + 1];
        return match(0, 0, name, name.lastIndexOf('.'), memo);
    }

    private boolean match(int p, int n, String name, int lastDot, byte[][] memo) {
        if (memo[p][n] != 0) {
            return memo[p][n] > 0;
        }
        boolean result = step(p, n, name, lastDot, memo);
        memo[p][n] = (byte) (result ? 1 : -1);
        return result;
    }

    private boolean step(int p, int n, String name, int lastDot, byte[][] memo) {
        if (p == pattern.length()) {
            return n == name.length();
        }
        char c = pattern.charAt(p);
        boolean atEnd = n == name.length();
        switch (c) {
            case '*':
                return match(p + 1, n, name, lastDot, memo) || !atEnd && match(p, n + 1, name, lastDot, memo);
            case '<':
                // any run that does not pass the last period; past it (or with no period), any run at all
                for (int k = n; k <= name.length(); k++) {
                    if (match(p + 1, k, name, lastDot, memo)) {
                        return true;
                    }
                    if (lastDot >= n && k >= lastDot) {
                        return false;
                    }
                }
                return false;
            case '>':
                if (atEnd || name.charAt(n) == '.') {
                    return match(p + 1, n, name, lastDot, memo)
                            || !atEnd && n + 1 == name.length() && match(p + 1, n + 1, name, lastDot, memo);
                }
                return match(p + 1, n + 1, name, lastDot, memo);
            case '"':
                if (atEnd) {
                    return match(p + 1, n, name, lastDot, memo);
                }
                return name.charAt(n) == '.' && match(p + 1, n + 1, name, lastDot, memo);
            case '?':
                return !atEnd && match(p + 1, n + 1, name, lastDot, memo);
            default:
                return !atEnd && sameIgnoringCase(c, name.charAt(n)) && match(p + 1, n + 1, name, lastDot, memo);
        }
    }

    private static boolean sameIgnoringCase(char a, char b) {
        return a == b || Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
