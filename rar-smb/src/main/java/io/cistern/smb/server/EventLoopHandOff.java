package io.cistern.smb.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * Brings the result of a request worker back to the connection's event loop, the only thread that may touch
 * {@link SmbConnectionState} and its sessions. Runs the task at once when already there (the inline executor of
 * tests, or a worker pool that runs on the loop); otherwise queues it behind what the loop is doing.
 */
final class EventLoopHandOff {
    private EventLoopHandOff() {
    }

    static void run(Channel channel, Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
