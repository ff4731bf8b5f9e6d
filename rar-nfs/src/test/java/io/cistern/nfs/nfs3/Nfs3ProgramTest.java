package io.cistern.nfs.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NFS program's table: every procedure of RFC 1813 section 3.3 under its number and name. */
class Nfs3ProgramTest {
    private static final List<String> RFC_1813_PROCEDURES = List.of("NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS",
            "READLINK", "READ", "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK",
            "READDIR", "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT");

    @Test
    void everyProcedureIsServedUnderItsNumberAndName() {
        RpcProgram program = Nfs3Program.create();
        for (int number = 0; number < RFC_1813_PROCEDURES.size(); number++) {
            RpcProcedure<?, ?> procedure = program.procedure(number);
            assertNotNull(procedure, "procedure " + number);
            assertEquals(number, procedure.number());
            assertEquals("NFSPROC3_" + RFC_1813_PROCEDURES.get(number), procedure.name());
        }
        assertNull(program.procedure(RFC_1813_PROCEDURES.size()), "NFSv3 has no procedure 22");
    }
}
