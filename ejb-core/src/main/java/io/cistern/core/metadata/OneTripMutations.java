package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NewNode;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.Renamed;
import io.cistern.core.fs.WccAttributes;
import io.cistern.core.metadata.AttributeCache.NameUpdate;
import io.cistern.core.model.DirEntry;
import io.cistern.core.model.Inode;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.watch.DirectoryWatches;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.Session;

/**
 * CREATE of a regular file, REMOVE of a non-directory and RENAME within one directory to a free name, each as one
 * statement on an autocommit connection: one round trip to PostgreSQL, where the JPA path takes five to nine (lock
 * the directory, look the name up, insert or delete rows, update the directory, commit). These are most of what a
 * busy share does.
 * <p>
 * The POSIX rules are applied here, in Java, to the directory as cached (or as last seen); the function in
 * {@code one-trip-mutations.sql} locks the directory's row and goes on only if that row still has the type, owner,
 * group and mode the rules were applied to, and otherwise answers RETRY with the row as it is, to which the rules are
 * applied again. Everything else (a rule that refuses, a name that is taken where that is not simply EXISTS, a sticky
 * directory, a watched share, a second RETRY) is left to the JPA path ({@link NodeCreation}, {@link NodeRemoval},
 * {@link Renaming}), which gives the answer and the error it always gave: an empty result means "take it".
 * <p>
 * What the entity listeners and {@link NameChanges} do for the JPA path is done here once the statement has returned:
 * the changed file is dropped from the {@link AttributeCache} and the directory replaced there by its row as the
 * statement left it (both the JPA path drops), the directory's cached names are carried over to its new
 * change counter, and a deleted file's unuploaded writes are discarded. {@code Inode} and {@code DirEntry} are not in
 * EclipseLink's shared cache, so no entity there can hold a row these statements changed. A watched share takes
 * the JPA path, which reports its changes to the watches.
 */
final class OneTripMutations {
    private static final int DONE = 0;
    private static final int RETRY = 1;
    private static final int EXISTS = 2;
    private static final int NOT_FOUND = 3;
    private static final int IS_DIRECTORY = 4;
    /** Where the answer's directory columns start (1-based), in the order of {@link InodeRows#COLUMNS}. */
    private static final int DIRECTORY_AFTER = 8;

    private static final String CREATE = "select * from cistern_create_file_v1(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?)";
    private static final String REMOVE = "select * from cistern_remove_file_v1(?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RENAME = "select * from cistern_rename_within_v1(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final OneTripStatements shared;
    private final AttributeCache cache;
    private final PayloadEngine payload;
    private final EntityManager em;

    /** What a function answered: the outcome, the child concerned, and the directory before and after. */
    private record Answer(int outcome, long child, boolean childGone, WccAttributes before, long changeBefore,
                          Attributes after, long directoryStamp) {
    }

    /**
     * Binds the arguments after the directory's six, which every function takes first; {@code probe} when the
     * directory is not known yet, so that the call can only answer RETRY with it.
     */
    @FunctionalInterface
    private interface Arguments {
        void bind(PreparedStatement statement, boolean probe) throws SQLException;
    }

    OneTripMutations(DataSource dataSource, OneTripStatements shared, AttributeCache cache, PayloadEngine payload,
                     EntityManager em) {
        this.dataSource = dataSource;
        this.shared = shared;
        this.cache = cache;
        this.payload = payload;
        this.em = em;
    }

    Optional<NodeChange> create(Caller caller, FileHandle directory, byte[] name, int mode, CreateMode how,
                                long verifier) {
        PosixRules.requireValidName(name);
        long now = Mutation.nowNanos();
        int generation = Mutation.newGeneration();
        NewNode[] owner = new NewNode[1];
        if (!worthTrying(directory)) {
            return Optional.empty();
        }
        // drawn before a connection is held: a new range of ids takes a connection of its own from the same pool
        long inodeId = nextId(Inode.class);
        long cookie = nextId(DirEntry.class);
        long stamp = cache.stamp(inodeId);
        Answer answer = run(directory, CREATE, dir -> {
            requireAccess(caller, dir, PosixRules.WRITE | PosixRules.EXECUTE);
            owner[0] = PosixRules.newNode(caller, dir.permissions(), FileType.REGULAR, mode);
            return true;
        }, (statement, probe) -> {
            // a probe only learns the directory (its generation matches no row)
            statement.setBytes(7, name);
            statement.setBytes(8, NameFolding.fold(name));
            statement.setLong(9, inodeId);
            statement.setLong(10, cookie);
            statement.setInt(11, probe ? 0 : owner[0].mode());
            statement.setInt(12, probe ? 0 : owner[0].uid());
            statement.setInt(13, probe ? 0 : owner[0].gid());
            statement.setInt(14, generation);
            statement.setLong(15, now);
            if (how == CreateMode.EXCLUSIVE) {
                statement.setLong(16, verifier);
            } else {
                statement.setNull(16, java.sql.Types.BIGINT);
            }
        });
        if (answer == null) {
            return Optional.empty();
        }
        if (answer.outcome() == EXISTS) {
            if (how == CreateMode.GUARDED) {
                throw new FsException(FsError.EXISTS, "the name exists");
            }
            return Optional.empty();   // UNCHECKED keeps a file, EXCLUSIVE may be a retransmission: JPA decides
        }
        committed(answer, List.of(new NameUpdate(name, inodeId)));
        Attributes file = new Attributes(inodeId, directory.shareId(), FileType.REGULAR, owner[0].mode(), 1,
                owner[0].uid(), owner[0].gid(), 0, 0, now, now, now, now, 1, generation);
        // the WRITE that follows a create asks for these: nothing could change the file before the stamp, and a
        // change since then (any path invalidates after it commits) keeps them out
        cache.store(file, stamp);
        return Optional.of(new NodeChange(file, new DirectoryChange(answer.before(), answer.after())));
    }

    Optional<DirectoryChange> remove(Caller caller, FileHandle directory, byte[] name) {
        PosixRules.requireValidName(name);
        if (!worthTrying(directory)) {
            return Optional.empty();
        }
        long now = Mutation.nowNanos();
        Answer answer = run(directory, REMOVE, dir -> mayDeleteAnyName(caller, dir), (statement, probe) -> {
            statement.setBytes(7, name);
            statement.setLong(8, now);
        });
        if (answer == null) {
            return Optional.empty();
        }
        requireFound(answer);
        if (answer.outcome() == IS_DIRECTORY) {
            throw new FsException(FsError.IS_DIRECTORY, "a directory is removed with rmdir");
        }
        if (answer.outcome() != DONE) {
            return Optional.empty();
        }
        committed(answer, List.of(new NameUpdate(name, null)));
        cache.invalidate(answer.child());
        if (answer.childGone()) {
            payload.discard(answer.child());
        }
        return Optional.of(new DirectoryChange(answer.before(), answer.after()));
    }

    Optional<Renamed> rename(Caller caller, FileHandle from, byte[] fromName, FileHandle to, byte[] toName) {
        PosixRules.requireValidName(fromName);
        PosixRules.requireValidName(toName);
        if (from.inodeId() != to.inodeId() || from.shareId() != to.shareId() || from.generation() != to.generation()
                || !worthTrying(from)) {
            return Optional.empty();
        }
        long now = Mutation.nowNanos();
        Answer answer = run(from, RENAME, dir -> mayDeleteAnyName(caller, dir), (statement, probe) -> {
            statement.setBytes(7, fromName);
            statement.setBytes(8, toName);
            statement.setBytes(9, NameFolding.fold(toName));
            statement.setLong(10, now);
        });
        if (answer == null) {
            return Optional.empty();
        }
        requireFound(answer);
        if (answer.outcome() != DONE) {
            return Optional.empty();
        }
        committed(answer, List.of(new NameUpdate(fromName, null), new NameUpdate(toName, answer.child())));
        cache.invalidate(answer.child());
        DirectoryChange change = new DirectoryChange(answer.before(), answer.after());
        return Optional.of(new Renamed(change, change));
    }

    /** Rules on the directory as known: true when they allow the change, false to leave it to the JPA path. */
    @FunctionalInterface
    private interface Rules {
        boolean allow(Attributes directory);
    }

    /**
     * Runs a function with the directory as known, and once more with the row it answered RETRY with, for a directory
     * whose share is {@link #worthTrying}. Null when the JPA path must do the change: the rules refuse (that path
     * gives the error), the directory changed twice under us, or the functions are not installed.
     */
    private Answer run(FileHandle directory, String call, Rules rules, Arguments arguments) {
        Attributes dir = known(directory);
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                return null;   // joined to a transaction after all: the JPA path runs in it
            }
            if (!shared.available(connection)) {
                return null;
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                if (dir != null && !rulesAllow(rules, dir)) {
                    return null;
                }
                Answer answer = execute(connection, call, directory, dir, arguments);
                if (answer.outcome() != RETRY) {
                    return answer;
                }
                if (answer.after() == null) {
                    return null;   // no such inode: the JPA path says STALE
                }
                shared.saw(answer.after());
                dir = answer.after();
                if (dir.shareId() != directory.shareId() || dir.generation() != directory.generation()) {
                    return null;
                }
            }
            return null;
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e).orElseThrow(() -> new IllegalStateException(
                    "a one-statement change of directory " + directory.inodeId() + " failed", e));
        }
    }

    private Answer execute(Connection connection, String call, FileHandle directory, Attributes dir,
                           Arguments arguments) throws SQLException {
        long stamp = cache.stamp(directory.inodeId());
        try (PreparedStatement statement = connection.prepareStatement(call)) {
            statement.setLong(1, directory.inodeId());
            statement.setLong(2, directory.shareId());
            // an unknown directory is asked for with a generation no row has (they are never negative)
            statement.setInt(3, dir == null ? -1 : directory.generation());
            statement.setInt(4, dir == null ? 0 : dir.mode());
            statement.setInt(5, dir == null ? 0 : dir.uid());
            statement.setInt(6, dir == null ? 0 : dir.gid());
            arguments.bind(statement, dir == null);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return answer(row, stamp);
            }
        }
    }

    private static Answer answer(ResultSet row, long directoryStamp) throws SQLException {
        int outcome = row.getInt(1);
        long child = row.getLong(2);
        boolean childGone = row.getBoolean(3);
        WccAttributes before = new WccAttributes(row.getLong(4), row.getLong(5), row.getLong(6));
        long changeBefore = row.getLong(7);
        row.getLong(DIRECTORY_AFTER);
        if (row.wasNull()) {
            return new Answer(outcome, child, childGone, before, changeBefore, null, directoryStamp);
        }
        Object[] values = new Object[InodeRows.COUNT];
        for (int i = 0; i < InodeRows.COUNT; i++) {
            values[i] = row.getObject(DIRECTORY_AFTER + i);
        }
        return new Answer(outcome, child, childGone, before, changeBefore, InodeRows.attributes(values, 0),
                directoryStamp);
    }

    /**
     * An id from the entity's sequence as EclipseLink hands them out, from the range it took last: the JPA path's
     * ids and these come from one series, so entries keep being listed in the order they were made.
     */
    private long nextId(Class<?> entity) {
        return em.unwrap(Session.class).getNextSequenceNumberValue(entity).longValue();
    }

    /** Whether the share lets this path try: it exists, is writable, and nobody watches it. */
    private boolean worthTrying(FileHandle directory) {
        ShareExports.Export share = ShareExports.of(em, directory.shareId());
        return share != null && !share.options().readOnly() && !watched(directory.shareId());
    }

    /** The directory the handle names, cached or as last seen; null when neither knows it. */
    private Attributes known(FileHandle directory) {
        Attributes cached = cache.attributes(directory);
        return cached != null ? cached : shared.lastSeen(directory.inodeId(), directory.shareId(),
                directory.generation());
    }

    private static boolean watched(long shareId) {
        DirectoryWatches hub = DirectoryWatches.hub();
        return !hub.idle() && hub.watchesIn(shareId);
    }

    private static boolean rulesAllow(Rules rules, Attributes dir) {
        if (dir.type() != FileType.DIRECTORY) {
            return false;
        }
        try {
            return rules.allow(dir);
        } catch (FsException refused) {
            return false;   // perhaps on a stale copy: the JPA path decides on the locked row
        }
    }

    private static void requireAccess(Caller caller, Attributes dir, int wanted) {
        PosixRules.requireAccess(caller, dir.permissions(), wanted, "change this directory");
    }

    /**
     * Write and search permission, without the sticky bit: in a sticky directory who may delete a name depends on
     * the file's owner, which the JPA path reads.
     */
    private static boolean mayDeleteAnyName(Caller caller, Attributes dir) {
        requireAccess(caller, dir, PosixRules.WRITE | PosixRules.EXECUTE);
        return (dir.mode() & PosixRules.S_ISVTX) == 0 || caller.isRoot();
    }

    private static void requireFound(Answer answer) {
        if (answer.outcome() == NOT_FOUND) {
            throw new FsException(FsError.NOT_FOUND, "no such file or directory");
        }
    }

    /** What the entity listeners and {@link NameChanges} do after a JPA change's commit. */
    private void committed(Answer answer, List<NameUpdate> names) {
        Attributes dir = answer.after();
        shared.changed();
        shared.saw(dir);
        // the row as the statement left it: the LOOKUPs a client sends next (of the directory, of the new name) are
        // then answered without reading it back
        cache.replace(dir, answer.directoryStamp());
        cache.carryNames(dir.inodeId(), answer.changeBefore(), dir.change(), names);
    }
}
