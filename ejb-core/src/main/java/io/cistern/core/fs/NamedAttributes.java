package io.cistern.core.fs;

/**
 * A directory entry found by a case-insensitive match: the name as stored (which a rename or removal must use, and
 * which may differ in case from what the client typed) and the attributes of the inode it names.
 */
public record NamedAttributes(byte[] name, Attributes attributes) {
    public NamedAttributes {
        name = name.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }
}
