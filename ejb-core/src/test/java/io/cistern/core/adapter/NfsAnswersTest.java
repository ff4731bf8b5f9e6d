package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metrics.RequestRecorder;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsStatus;
import jakarta.ejb.EJBException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NfsAnswersTest {
    private static final Logger LOG = Logger.getLogger(NfsAnswers.class.getName());
    private static Level level;

    /** The SERVERFAULT cases log a warning with a stack trace on purpose; it is noise in the build. */
    @BeforeAll
    static void quiet() {
        level = LOG.getLevel();
        LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restore() {
        LOG.setLevel(level);
    }

    @Test
    void aReplyPassesThrough() {
        NfsAttrReply ok = new NfsAttrReply(NfsStatus.OK, null);
        assertEquals(ok, NfsAnswers.answer("GETATTR", () -> ok, NfsAttrReply::failure));
    }

    @ParameterizedTest
    @EnumSource(FsError.class)
    void aFileSystemErrorBecomesItsStatus(FsError error) {
        NfsAttrReply reply = NfsAnswers.answer("GETATTR", () -> {
            throw new FsException(error, "test");
        }, NfsAttrReply::failure);
        assertEquals(NfsTranslation.status(error), reply.status());
    }

    @Test
    void anythingElseIsAServerFault() {
        assertEquals(NfsStatus.SERVERFAULT, NfsAnswers.answer("GETATTR", () -> {
            throw new EJBException("database gone");
        }, NfsAttrReply::failure).status());
        assertEquals(NfsStatus.SERVERFAULT, NfsAnswers.answer("GETATTR", () -> {
            throw new IllegalStateException("bug");
        }, NfsAttrReply::failure).status());
    }

    @Test
    void errorsOfTheVirtualMachineAreNotHidden() {
        assertThrows(OutOfMemoryError.class, () -> NfsAnswers.answer("GETATTR", () -> {
            throw new OutOfMemoryError("test");
        }, NfsAttrReply::failure));
    }

    @Test
    void eachAnswerIsRecordedWithItsProcedureAndHowItEnded() {
        List<String> recorded = new ArrayList<>();
        RequestRecorder recorder = (operation, nanos, failure) -> {
            assertTrue(nanos >= 0, "elapsed time");
            recorded.add(operation + "=" + failure);
        };
        NfsAnswers.answer(recorder, "GETATTR", () -> new NfsAttrReply(NfsStatus.OK, null), NfsAttrReply::failure);
        NfsAnswers.answer(recorder, "LOOKUP", () -> NfsAttrReply.failure(NfsStatus.NOENT), NfsAttrReply::failure);
        NfsAnswers.answer(recorder, "REMOVE", () -> {
            throw new FsException(FsError.ACCESS, "test");
        }, NfsAttrReply::failure);
        NfsAnswers.answer(recorder, "WRITE", () -> {
            throw new IllegalStateException("bug");
        }, NfsAttrReply::failure);
        assertEquals(List.of("GETATTR=null", "LOOKUP=NOENT", "REMOVE=" + NfsTranslation.status(FsError.ACCESS).name(),
                "WRITE=SERVERFAULT"), recorded);
    }
}
