package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import java.io.Serializable;

/** Block {@code index} of a file is {@code hash}, of which the file uses the first {@code length} bytes. */
public record FileBlockRef(long index, BlockHash hash, int length) implements Serializable {
}
