package io.cistern.launcher;

import sun.misc.Signal;

/**
 * Runs an action on SIGINT (Ctrl-C) and SIGTERM instead of the JVM's default, which runs the shutdown hooks
 * and exits with 130/143; Cistern wants an orderly stop to end with 0. sun.misc.Signal is the only way in
 * Java 17 (javac warns that it is internal API; it is exported by the jdk.unsupported module for this use).
 */
final class StopSignals {
    private StopSignals() {
    }

    static void onStop(Runnable action) {
        Signal.handle(new Signal("INT"), signal -> action.run());
        Signal.handle(new Signal("TERM"), signal -> action.run());
    }
}
