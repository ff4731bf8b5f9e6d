package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path scratch;

    @Test
    void aSecondLauncherProcessIsRefusedUntilTheFirstEnds() throws Exception {
        Path lockFile = scratch.resolve("cistern.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("LOCKED", out.readLine());
            // the holder opened and locked the file; this JVM only inspects it (an extra open would be fine here)
            LauncherException e = assertThrows(LauncherException.class, () -> InstanceLock.acquire(lockFile));
            assertEquals("another Cistern launcher is already running on data directory " + scratch
                    + " (it holds " + lockFile + ")", e.getMessage());
            assertTrue(holder.isAlive(), "refusing must not disturb the holder");
            assertThrows(LauncherException.class, () -> InstanceLock.acquire(lockFile), "still held: the first refusal"
                    + " did not release the holder's lock");
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(lockFile), "the holder deleted the lock file on release");
        try (InstanceLock lock = InstanceLock.acquire(lockFile)) {
            assertTrue(Files.exists(lockFile));
        }
        assertFalse(Files.exists(lockFile));
    }

    @Test
    void theSameProcessCannotLockTwice() throws IOException {
        Path lockFile = scratch.resolve("cistern.lock");
        try (InstanceLock lock = InstanceLock.acquire(lockFile)) {
            assertThrows(LauncherException.class, () -> InstanceLock.acquire(lockFile));
            assertTrue(Files.exists(lockFile), "a refused attempt leaves the holder's file alone");
        }
    }

    @Test
    void aLockFileLeftByACrashIsTakenOver() throws IOException {
        Path lockFile = Files.writeString(scratch.resolve("cistern.lock"), "12345\n");
        try (InstanceLock lock = InstanceLock.acquire(lockFile)) {
            assertTrue(Files.exists(lockFile));
        }
    }
}
