package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;

/**
 * An inode's attributes read by native SQL, where building entities would cost more than the query: a listing
 * reads a whole directory's children at once. {@link #COLUMNS} and {@link #attributes} must agree with each
 * other and with {@link Nodes#attributes}.
 */
final class InodeRows {
    /** The inode columns, of the inode aliased {@code i}, in the order {@link #attributes} reads them. */
    static final String COLUMNS = "i.id, i.share_id, i.type, i.mode, i.nlink, i.uid, i.gid, i.size, i.rdev,"
            + " i.atime_ns, i.mtime_ns, i.ctime_ns, i.btime_ns, i.change, i.generation";
    /** How many columns {@link #COLUMNS} names. */
    static final int COUNT = COLUMNS.split(",").length;

    private InodeRows() {
    }

    /** The attributes in {@code row}, whose columns from {@code first} on are {@link #COLUMNS}. */
    static Attributes attributes(Object[] row, int first) {
        return new Attributes(longAt(row, first), longAt(row, first + 1), FileType.ofCode(intAt(row, first + 2)),
                intAt(row, first + 3), intAt(row, first + 4), intAt(row, first + 5), intAt(row, first + 6),
                longAt(row, first + 7), longAt(row, first + 8), longAt(row, first + 9), longAt(row, first + 10),
                longAt(row, first + 11), longAt(row, first + 12), longAt(row, first + 13), intAt(row, first + 14));
    }

    private static long longAt(Object[] row, int column) {
        return ((Number) row[column]).longValue();
    }

    private static int intAt(Object[] row, int column) {
        return ((Number) row[column]).intValue();
    }
}
