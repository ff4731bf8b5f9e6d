package io.cistern.core.payload;

import java.io.IOException;

/**
 * The bytes of an extent were released from the journal between taking a {@link BlockSnapshot} and reading them:
 * the block was uploaded meanwhile and the stored block now has them. Not data loss; assemble again with a fresh
 * base.
 */
public class ExtentGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    public ExtentGoneException(long sequence) {
        super("journal record " + sequence + " was released while its block was being assembled; retry");
    }
}
