package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [MS-FSA] 2.1.4.4 IsInExpression, with the DOS wildcards as Windows clients send them. */
class NamePatternTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything.txt|true",
        "*.txt|notes.TXT|true",
        "*.txt|notes.txt.bak|false",
        "NOTES.txt|notes.txt|true",
        "n?tes.txt|notes.txt|true",
        "n?tes.txt|ntes.txt|false",
        "a*b*c|aXXbYYc|true",
        "a*b*c|aXXbYY|false",
        "<.txt|notes.txt|true",
        "<.txt|a.b.txt|true",
        "<|noext|true",
        "<.<|a.b|true",
        "<.<|ab|false",
        "<\"*|noext|true",
        "ab>>>|ab|true",
        "ab>>>|abcd|true",
        "ab>>>|abcdef|false",
        "ab>.txt|ab.txt|true",
        "ab>.txt|abc.txt|true",
        "ab\"txt|ab.txt|true",
        "ab\"|ab|true",
        "*.*|noext|false",
        "*.*|a.b|true",
        "é*|ÉCOLE|true",
        ".|.|true",
        "..|..|true",
        ".|..|false"
    })
    void matchesAsWindows(String pattern, String name, boolean expected) {
        assertEquals(expected, new NamePattern(pattern).matches(name));
    }
}
