package io.cistern.web.activity;

import io.cistern.batch.jobs.ExecutionView;
import io.cistern.core.activity.TransferView;
import io.cistern.core.payload.UploadStatus;
import io.cistern.web.clients.ClientView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One frame of the live view, sent about every second as the {@code activity} event of {@code /api/v1/events}.
 *
 * @param at          when it was taken
 * @param transfers   file transfers in flight, the busiest first
 * @param connections open client connections per protocol (nfs, smb), as the adapters last reported them
 * @param clients     those connections one by one, from the same reports (so the count and the list agree), the
 *                    same list as {@code GET /api/v1/clients}: a client that connects or disconnects shows here
 *                    within the adapter's 2 s report and the next frame
 * @param upload      the upload queue: what waits in the journal and the rate blocks reach the store
 * @param jobs        the batch jobs running now, each with its steps and progress (as {@code GET /jobs/{name}} shows)
 */
public record ActivityFrame(Instant at, List<TransferView> transfers, Map<String, Integer> connections,
                            List<ClientView> clients, UploadStatus upload, List<ExecutionView> jobs) {
}
