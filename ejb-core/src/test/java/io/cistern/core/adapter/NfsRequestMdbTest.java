package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cistern.nfs.spi.NfsListener;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The MDB must never run in a container transaction: the services' reads fill the attribute cache only outside
 * one, and each service call is its own transaction. A method-level annotation would silently override the class's.
 */
class NfsRequestMdbTest {
    @Test
    void noListenerMethodRunsInATransaction() throws NoSuchMethodException {
        TransactionAttribute onClass = NfsRequestMdb.class.getAnnotation(TransactionAttribute.class);
        assertNotNull(onClass);
        assertEquals(TransactionAttributeType.NOT_SUPPORTED, onClass.value());
        for (Method method : NfsListener.class.getMethods()) {
            Method implementation = NfsRequestMdb.class.getMethod(method.getName(), method.getParameterTypes());
            TransactionAttribute onMethod = implementation.getAnnotation(TransactionAttribute.class);
            if (onMethod != null) {
                assertEquals(TransactionAttributeType.NOT_SUPPORTED, onMethod.value(), method.getName());
            }
        }
    }
}
