package io.cistern.web.jobs;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies the jobs endpoints read. */
public final class JobRequests {
    private JobRequests() {
    }

    /** How to start a job. */
    @Schema(name = "JobStart")
    public static class Start {
        @Schema(description = "job parameters by name, e.g. blocksPerChunk for the audit and garbage collection;"
                + " names are a letter and up to 63 letters, digits, '.' or '_'")
        public Map<String, String> parameters;
        @Schema(description = "audit only: repair what can be repaired (the job parameter repair)")
        public Boolean repair;
    }
}
