/**
 * File contents as PostgreSQL knows them: which block each 4 MiB piece of a file is ({@code file_block}),
 * the dedup index with its reference counts ({@code block}), and the space statistics derived from both.
 * The bytes themselves live in the journal and the block store (io.cistern.core.blocks).
 */
package io.cistern.core.payload;
