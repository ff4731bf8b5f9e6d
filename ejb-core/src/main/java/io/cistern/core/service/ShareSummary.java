package io.cistern.core.service;

/**
 * A share as a protocol adapter needs it to connect a client to it; the adapters translate it into their own type.
 *
 * @param id       the share's id
 * @param name     the share's stored spelling of its name
 * @param readOnly whether nothing in the share may be written, whoever connects
 */
public record ShareSummary(long id, String name, boolean readOnly) {
}
