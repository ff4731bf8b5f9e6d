package io.cistern.nfs.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.spi.NfsWriteReply;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A listener for NFSv3 procedure tests: records each call with its decoded arguments and answers with the reply a
 * test set, so one test sees both sides of the adapter. MOUNT and NULL stay unsupported.
 */
public final class RecordingNfsListener extends UnsupportedNfsListener {

    /** One call as the adapter made it; WRITE's data is recorded as the bytes it held. */
    public record Call(String method, NfsCaller caller, List<Object> arguments) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Call> memoryCalls = new ArrayList<>();
    private Object reply;
    private Object memoryReply;

    /** What every following call answers; it must be the reply type of the method called. */
    public void replyWith(Object reply) {
        this.reply = reply;
    }

    public List<Call> calls() {
        return calls;
    }

    /** What the following GETATTR, LOOKUP and ACCESS answer from memory; null (the default) sends them to a worker. */
    public void answerFromMemoryWith(Object reply) {
        this.memoryReply = reply;
    }

    /** The calls asked to be answered from memory, whatever they answered. */
    public List<Call> memoryCalls() {
        return memoryCalls;
    }

    /** Asserts that exactly one call was made, to {@code method}, with arguments equal to {@code arguments}. */
    public Call assertOnlyCall(String method, Object... arguments) {
        assertEquals(1, calls.size(), "calls to the listener: " + calls);
        Call call = calls.get(0);
        assertEquals(method, call.method());
        ValueAssertions.assertSameValue(Arrays.asList(arguments), call.arguments());
        return call;
    }

    @SuppressWarnings("unchecked")
    private <T> T answer(String method, NfsCaller caller, Object... arguments) {
        calls.add(new Call(method, caller, Arrays.asList(arguments)));
        return (T) reply;
    }

    @SuppressWarnings("unchecked")
    private <T> T answerFromMemory(String method, NfsCaller caller, Object... arguments) {
        memoryCalls.add(new Call(method, caller, Arrays.asList(arguments)));
        return (T) memoryReply;
    }

    @Override
    public NfsAttrReply getattrInMemory(NfsCaller caller, byte[] handle) {
        return answerFromMemory("getattrInMemory", caller, handle);
    }

    @Override
    public NfsLookupReply lookupInMemory(NfsCaller caller, byte[] directory, byte[] name) {
        return answerFromMemory("lookupInMemory", caller, directory, name);
    }

    @Override
    public NfsReadReply readInMemory(NfsCaller caller, byte[] handle, long offset, int count) {
        return answerFromMemory("readInMemory", caller, handle, offset, count);
    }

    @Override
    public NfsAccessReply accessInMemory(NfsCaller caller, byte[] handle, int wanted) {
        return answerFromMemory("accessInMemory", caller, handle, wanted);
    }

    @Override
    public NfsDirectoryReply readdirInMemory(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier,
                                             int maxEntries, boolean plus) {
        return answerFromMemory("readdirInMemory", caller, directory, cookie, cookieVerifier, maxEntries, plus);
    }

    @Override
    public NfsAttrReply getattr(NfsCaller caller, byte[] handle) {
        return answer("getattr", caller, handle);
    }

    @Override
    public NfsWccReply setattr(NfsCaller caller, byte[] handle, NfsSetAttributes changes, Long guard) {
        return answer("setattr", caller, handle, changes, guard);
    }

    @Override
    public NfsLookupReply lookup(NfsCaller caller, byte[] directory, byte[] name) {
        return answer("lookup", caller, directory, name);
    }

    @Override
    public NfsAccessReply access(NfsCaller caller, byte[] handle, int wanted) {
        return answer("access", caller, handle, wanted);
    }

    @Override
    public NfsReadlinkReply readlink(NfsCaller caller, byte[] handle) {
        return answer("readlink", caller, handle);
    }

    @Override
    public NfsReadReply read(NfsCaller caller, byte[] handle, long offset, int count) {
        return answer("read", caller, handle, offset, count);
    }

    @Override
    public NfsWriteReply write(NfsCaller caller, byte[] handle, long offset, ByteBuffer data, int stable) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return answer("write", caller, handle, offset, bytes, stable);
    }

    @Override
    public NfsCreateReply create(NfsCaller caller, byte[] directory, byte[] name, int how,
                                 NfsSetAttributes attributes, long verifier) {
        return answer("create", caller, directory, name, how, attributes, verifier);
    }

    @Override
    public NfsCreateReply mkdir(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes) {
        return answer("mkdir", caller, directory, name, attributes);
    }

    @Override
    public NfsCreateReply symlink(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes,
                                  byte[] target) {
        return answer("symlink", caller, directory, name, attributes, target);
    }

    @Override
    public NfsCreateReply mknod(NfsCaller caller, byte[] directory, byte[] name, NfsFileType type,
                                NfsSetAttributes attributes, long rdev) {
        return answer("mknod", caller, directory, name, type, attributes, rdev);
    }

    @Override
    public NfsWccReply remove(NfsCaller caller, byte[] directory, byte[] name) {
        return answer("remove", caller, directory, name);
    }

    @Override
    public NfsWccReply rmdir(NfsCaller caller, byte[] directory, byte[] name) {
        return answer("rmdir", caller, directory, name);
    }

    @Override
    public NfsRenameReply rename(NfsCaller caller, byte[] fromDirectory, byte[] fromName, byte[] toDirectory,
                                 byte[] toName) {
        return answer("rename", caller, fromDirectory, fromName, toDirectory, toName);
    }

    @Override
    public NfsLinkReply link(NfsCaller caller, byte[] file, byte[] directory, byte[] name) {
        return answer("link", caller, file, directory, name);
    }

    @Override
    public NfsDirectoryReply readdir(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier,
                                     int maxEntries, boolean plus) {
        return answer("readdir", caller, directory, cookie, cookieVerifier, maxEntries, plus);
    }

    @Override
    public NfsFsStatReply fsstat(NfsCaller caller, byte[] handle) {
        return answer("fsstat", caller, handle);
    }

    @Override
    public NfsFsInfoReply fsinfo(NfsCaller caller, byte[] handle) {
        return answer("fsinfo", caller, handle);
    }

    @Override
    public NfsPathconfReply pathconf(NfsCaller caller, byte[] handle) {
        return answer("pathconf", caller, handle);
    }

    @Override
    public NfsCommitReply commit(NfsCaller caller, byte[] handle, long offset, int count) {
        return answer("commit", caller, handle, offset, count);
    }
}
