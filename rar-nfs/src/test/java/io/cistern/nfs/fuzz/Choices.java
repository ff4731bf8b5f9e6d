package io.cistern.nfs.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.SplittableRandom;

/**
 * Where a generator takes its decisions from: Jazzer's {@link FuzzedDataProvider} while fuzzing, a seeded random
 * source in plain tests and in the seed generator. Only the few kinds of value the generators need.
 */
interface Choices {

    /** A value from {@code min} to {@code max}, both included. */
    int intIn(int min, int max);

    int anyInt();

    long anyLong();

    boolean bool();

    /** Up to {@code maxLength} bytes (fewer when the input runs out). */
    byte[] bytes(int maxLength);

    /** True with a probability of about one in {@code n}. */
    default boolean oneIn(int n) {
        return intIn(0, n - 1) == 0;
    }

    static Choices of(FuzzedDataProvider data) {
        return new Choices() {
            @Override
            public int intIn(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public int anyInt() {
                return data.consumeInt();
            }

            @Override
            public long anyLong() {
                return data.consumeLong();
            }

            @Override
            public boolean bool() {
                return data.consumeBoolean();
            }

            @Override
            public byte[] bytes(int maxLength) {
                return data.consumeBytes(maxLength);
            }
        };
    }

    static Choices random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Choices() {
            @Override
            public int intIn(int min, int max) {
                return (int) random.nextLong(min, (long) max + 1);
            }

            @Override
            public int anyInt() {
                return random.nextInt();
            }

            @Override
            public long anyLong() {
                return random.nextLong();
            }

            @Override
            public boolean bool() {
                return random.nextBoolean();
            }

            @Override
            public byte[] bytes(int maxLength) {
                byte[] bytes = new byte[random.nextInt(maxLength + 1)];
                random.nextBytes(bytes);
                return bytes;
            }
        };
    }
}
