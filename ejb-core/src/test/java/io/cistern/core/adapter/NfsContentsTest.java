package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NfsContentsTest {
    /** count is READ3args' uint32 as Java reads it: 2^31 and above arrive negative. */
    @ParameterizedTest
    @CsvSource({"0, 0", "4096, 4096", "1048576, 1048576", "8388608, 8388608", "8388609, 8388608",
                "2147483647, 8388608", "-1, 8388608", "-2147483648, 8388608"})
    void aReadIsNeverLargerThanTheCap(int asked, int read) {
        assertEquals(read, NfsContents.readCount(asked));
    }
}
