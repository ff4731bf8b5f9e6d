package io.cistern.nfs.nfs3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Equality of the adapter's value types by content. Records compare byte[] components by identity, and the SPI's
 * replies are full of handles and names, so {@code assertEquals} on them would fail for equal values; this walks
 * records and lists and compares arrays element by element, naming the component that differs.
 */
public final class ValueAssertions {
    private ValueAssertions() {
    }

    public static void assertSameValue(Object expected, Object actual) {
        compare(expected, actual, "value");
    }

    private static void compare(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, path);
        } else if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, assertInstanceOf(byte[].class, actual, path), path);
        } else if (expected instanceof List<?> list) {
            List<?> other = assertInstanceOf(List.class, actual, path);
            assertEquals(list.size(), other.size(), path + ".size()");
            for (int i = 0; i < list.size(); i++) {
                compare(list.get(i), other.get(i), path + "[" + i + "]");
            }
        } else if (expected.getClass().isRecord()) {
            assertEquals(expected.getClass(), actual.getClass(), path);
            for (RecordComponent component : expected.getClass().getRecordComponents()) {
                compare(read(component, expected), read(component, actual), path + "." + component.getName());
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
