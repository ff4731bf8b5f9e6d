package io.cistern.smb.spi;

/** What a CREATE did ([MS-SMB2] 2.2.14 CreateAction); declared in wire order, so {@code ordinal()} encodes it. */
public enum SmbCreateAction {
    SUPERSEDED,
    OPENED,
    CREATED,
    OVERWRITTEN
}
