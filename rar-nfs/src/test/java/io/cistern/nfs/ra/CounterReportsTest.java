package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CounterReportsTest {
    private final EventLoopGroup group = new DefaultEventLoopGroup(1);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void onlyChangesAreReportedAndARefusedReportIsTriedAgain() throws InterruptedException {
        AtomicInteger connections = new AtomicInteger();
        AtomicBoolean workerFree = new AtomicBoolean(true);
        List<Integer> reported = new CopyOnWriteArrayList<>();
        CounterReports<Integer> reports = CounterReports.start(group, connections::get, count -> {
            if (!workerFree.get()) {
                return false;
            }
            reported.add(count);
            return true;
        }, 0);
        try {
            waitTicks(2);
            assertEquals(List.of(), reported, "nothing changed since the bind");
            connections.set(3);
            waitTicks(2);
            assertEquals(List.of(3), reported, "one report per change, not one per tick");
            workerFree.set(false);
            connections.set(1);
            waitTicks(2);
            assertEquals(List.of(3), reported, "no worker took it");
            workerFree.set(true);
            waitTicks(2);
            assertEquals(List.of(3, 1), reported, "the refused change is reported once a worker is free");
        } finally {
            reports.stop();
        }
    }

    private static void waitTicks(int ticks) throws InterruptedException {
        Thread.sleep(ticks * CounterReports.PERIOD_MILLIS + 300);
    }
}
