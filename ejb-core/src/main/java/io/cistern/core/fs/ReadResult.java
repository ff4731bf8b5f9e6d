package io.cistern.core.fs;

/**
 * What a READ returned.
 *
 * @param data       the bytes, fewer than asked at the end of the file
 * @param eof        the read reached the end of the file
 * @param attributes the file as it is
 */
public record ReadResult(byte[] data, boolean eof, Attributes attributes) {
}
