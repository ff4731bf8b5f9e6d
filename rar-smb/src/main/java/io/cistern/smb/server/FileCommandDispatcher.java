package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;

/**
 * Hands each file command on a tree (after the session and tree checks of [MS-SMB2] 3.3.5.2.9 and 3.3.5.2.11) to
 * its handler; anything but CREATE on a pipe tree goes to {@link UnimplementedCommandHandler}. (IOCTL is dispatched before this, since it also works on pipe trees.)
 */
final class FileCommandDispatcher {
    private final FileRequests files;
    private final UnimplementedCommandHandler unimplemented;
    private final Smb2CreateHandler create;
    private final Smb2CloseHandler close;
    private final Smb2QueryDirectoryHandler queryDirectory;
    private final Smb2ReadHandler read;
    private final Smb2WriteHandler write;
    private final Smb2FlushHandler flush;
    private final Smb2QueryInfoHandler queryInfo;
    private final Smb2SetInfoHandler setInfo;
    private final Smb2LockHandler lock;
    private final Smb2ChangeNotifyHandler changeNotify;
    private final Smb2OplockBreakHandler oplockBreak;
    private final PipeRequests pipes;

    FileCommandDispatcher(FileRequests files, UnimplementedCommandHandler unimplemented) {
        this.files = files;
        this.unimplemented = unimplemented;
        this.create = new Smb2CreateHandler(files);
        this.close = new Smb2CloseHandler(files);
        this.queryDirectory = new Smb2QueryDirectoryHandler(files);
        this.read = new Smb2ReadHandler(files);
        this.write = new Smb2WriteHandler(files);
        this.flush = new Smb2FlushHandler(files);
        this.queryInfo = new Smb2QueryInfoHandler(files);
        this.setInfo = new Smb2SetInfoHandler(files);
        this.lock = new Smb2LockHandler(files);
        this.changeNotify = new Smb2ChangeNotifyHandler(files);
        this.oplockBreak = new Smb2OplockBreakHandler(files);
        this.pipes = new PipeRequests(files, unimplemented);
    }

    void handle(Channel channel, SmbConnectionState state, SmbSession session, TreeConnect tree, Smb2Header header,
                WireReader body) {
        int command = header.command();
        FileRequests.Call call = files.call(channel, state, session, tree, header);
        if (tree.share() == null) {
            pipes.handle(call, body);
            return;
        }
        switch (command) {
            case Smb2Command.CREATE -> create.handle(call, body);
            case Smb2Command.CLOSE -> close.handle(call, body);
            case Smb2Command.QUERY_DIRECTORY -> queryDirectory.handle(call, body);
            case Smb2Command.READ -> read.handle(call, body);
            case Smb2Command.WRITE -> write.handle(call, body);
            case Smb2Command.FLUSH -> flush.handle(call, body);
            case Smb2Command.QUERY_INFO -> queryInfo.handle(call, body);
            case Smb2Command.SET_INFO -> setInfo.handle(call, body);
            case Smb2Command.LOCK -> lock.handle(call, body);
            case Smb2Command.CHANGE_NOTIFY -> changeNotify.handle(call, body);
            case Smb2Command.OPLOCK_BREAK -> oplockBreak.handle(call, body);
            default -> unimplemented.handle(channel, header, session);
        }
    }

    /** Closes an open nobody will CLOSE (its tree, session or connection went away). */
    void closeDetached(SmbOpen open) {
        files.closeDetached(open);
    }
}
