package io.cistern.web.activity;

import io.cistern.batch.jobs.ExecutionView;
import io.cistern.core.activity.TransferView;
import io.cistern.core.payload.UploadStatus;
import io.cistern.web.adapters.AdapterView;
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
 * @param clients     those connections one by one, from the same reports (at most 1000 per protocol, so the count
 *                    may be larger), the same list as {@code GET /api/v1/clients}: a client that connects or
 *                    disconnects shows here within the adapter's 2 s report and the next frame
 * @param opened      the clients listed now that the previous frame this subscriber got did not list (a connection
 *                    is known by protocol, address, port and since); empty in a stream's first frame and in
 *                    {@code GET /events/now}, which have no previous frame
 * @param closed      the clients that previous frame listed and this one does not, as they were last seen
 * @param listeners   the NFS and SMB listeners, the same list as {@code GET /api/v1/adapters}: each one's switch,
 *                    state, address, open connections and SMB sessions, so that a listener switched off or on (by
 *                    anyone) shows in the next frame once its adapter has followed the switch (within a second)
 * @param upload      the upload queue: what waits in the journal and the rate blocks reach the store
 * @param jobs        the batch jobs running now, each with its steps and progress (as {@code GET /jobs/{name}} shows)
 */
public record ActivityFrame(Instant at, List<TransferView> transfers, Map<String, Integer> connections,
                            List<ClientView> clients, List<ClientView> opened, List<ClientView> closed,
                            List<AdapterView> listeners, UploadStatus upload, List<ExecutionView> jobs) {

    /** The frame with {@link #opened} and {@link #closed} against the clients of a previous frame. */
    ActivityFrame since(ClientSet previous) {
        ClientSet now = ClientSet.of(clients);
        return new ActivityFrame(at, transfers, connections, clients, now.missingFrom(previous),
                previous.missingFrom(now), listeners, upload, jobs);
    }
}
