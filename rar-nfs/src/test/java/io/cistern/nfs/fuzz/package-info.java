/**
 * Fuzz tests of what the adapter reads from the network, with Jazzer's JUnit integration ({@code @FuzzTest}):
 * <ul>
 *   <li>{@link io.cistern.nfs.fuzz.RecordStreamFuzzTest}: arbitrary bytes, in arbitrary reads, through the TCP
 *       pipeline (record marking decoder with its cap, encoder, call handler serving NFS, MOUNT and the portmapper);
 *       every call answered once and correctly ({@link io.cistern.nfs.fuzz.RpcModel}), nothing else answered, the
 *       connection open, no buffer leaked;</li>
 *   <li>{@link io.cistern.nfs.fuzz.RpcCallFuzzTest}: valid call headers for every served procedure with fuzzed
 *       credentials and arguments ({@link io.cistern.nfs.fuzz.RpcCalls}), so that argument decoders and handlers
 *       are reached; SUCCESS or GARBAGE_ARGS, or the error the header calls for;</li>
 *   <li>{@link io.cistern.nfs.fuzz.ArgumentDecoderFuzzTest}: every argument decoder of the programs' procedure maps,
 *       and the header, credential and reply decoders, return or throw XdrException, nothing else.</li>
 * </ul>
 * Leaks: every buffer the connection allocates is tracked ({@link io.cistern.nfs.fuzz.TrackingAllocator}, checked per
 * input) and Netty's leak detector runs at PARANOID with its reports collected ({@link io.cistern.nfs.fuzz.LeakWatch}).
 * <p>
 * <b>How they run.</b> {@code ./mvnw verify} runs them in the surefire execution {@code fuzz} of this module, one
 * fresh JVM per class (Jazzer fuzzes one fuzz test per JVM), with {@code JAZZER_FUZZ=1}: each first replays its seed
 * corpus ({@code src/test/resources/io/cistern/nfs/fuzz/<Class>Inputs/<method>/}), then fuzzes for its
 * {@code maxDuration} (20, 20 and 15 s); a finding fails the build and prints the input (hex and Base64), which is
 * also written to {@code target/jazzer/crash-*}. {@code -Djazzer.fuzz=0} replays the corpus only (seconds).
 * <p>
 * <b>Longer runs</b>, e.g. ten minutes of one of them:
 * <pre>
 * ./mvnw -pl rar-nfs test-compile surefire:test@fuzz -Dtest=RpcCallFuzzTest \
 *     -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=600
 * </pre>
 * (libFuzzer options passed last override the annotation's). The corpus Jazzer grows is kept in
 * {@code target/jazzer/.cifuzz-corpus/} for the next run.
 * <p>
 * <b>A finding</b>, once fixed, becomes a regression input: copy its {@code crash-*} file into the test's inputs
 * directory. {@link io.cistern.nfs.fuzz.SeedCorpus} regenerates the seeds after a change of wire format or input
 * layout.
 */
package io.cistern.nfs.fuzz;
