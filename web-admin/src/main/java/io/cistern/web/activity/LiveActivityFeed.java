package io.cistern.web.activity;

import io.cistern.batch.jobs.ExecutionView;
import io.cistern.batch.jobs.JobHistory;
import io.cistern.batch.jobs.JobView;
import io.cistern.core.activity.TransferActivity;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.service.ConnectedClients;
import io.cistern.web.adapters.AdapterViews;
import io.cistern.web.clients.ClientView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends every subscriber of {@code /api/v1/events} one {@link ActivityFrame} a second. There is no cap on
 * subscribers; a slow one is handled by skipping the frames it has no room for: while its previous frame is still
 * being written, the next one is not queued behind it but dropped, since a newer one follows within a second. So a
 * consumer that cannot keep up sees fewer frames, never stale ones, and never slows the others.
 */
@ApplicationScoped
public class LiveActivityFeed {
    static final long PERIOD_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(LiveActivityFeed.class.getName());

    /** One subscriber and its frame still being written. */
    private static final class Subscriber {
        final SseEventSink sink;
        final Sse sse;
        volatile CompletionStage<?> sending = CompletableFuture.completedFuture(null);
        /** The clients of the last frame it got (not one it missed), null before its first. */
        volatile ClientSet clientsSent;

        Subscriber(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong framesDropped = new AtomicLong();

    @Resource
    private ManagedScheduledExecutorService scheduler;
    @EJB
    private TransferActivity transfers;
    @EJB
    private ProtocolMetrics metrics;
    @EJB
    private ConnectedClients clients;
    @EJB
    private BlockUploader uploader;
    @EJB
    private JobHistory jobHistory;
    @Inject
    private AdapterViews listeners;

    private ScheduledFuture<?> ticks;

    /** Created with the application, so that the ticking starts before the first subscriber. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer instantiates the bean; @PostConstruct does the work
    }

    @PostConstruct
    void start() {
        ticks = scheduler.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        subscribers.forEach(subscriber -> subscriber.sink.close());
    }

    /** Adds a subscriber, who gets a first frame at once. */
    public void subscribe(SseEventSink sink, Sse sse) {
        Subscriber subscriber = new Subscriber(sink, sse);
        subscribers.add(subscriber);
        send(subscriber, frame());
    }

    /**
     * The frame the subscribers get now; also what {@code GET /api/v1/events/now} answers. The connections, the
     * listeners and the upload queue are read from memory (the adapters' last reports, the uploader's counters), not
     * the database.
     */
    public ActivityFrame frame() {
        return new ActivityFrame(Instant.now(), transfers.inFlight(),
                Map.of(ProtocolMetrics.NFS, metrics.openConnections(ProtocolMetrics.NFS),
                        ProtocolMetrics.SMB, metrics.openConnections(ProtocolMetrics.SMB)),
                clients.clients().stream().map(ClientView::of).toList(), List.of(), List.of(), listeners.all(),
                uploader.status(), runningJobs());
    }

    /** The running executions, read from the job repository once a frame: only while someone watches. */
    private List<ExecutionView> runningJobs() {
        return jobHistory.jobs().stream().filter(job -> job.runningExecution() != null && job.lastExecution() != null)
                .map(JobView::lastExecution).toList();
    }

    /** Frames not sent to a subscriber whose previous one was still being written, since start. */
    public long framesDropped() {
        return framesDropped.get();
    }

    private void tick() {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            ActivityFrame frame = frame();
            for (Subscriber subscriber : subscribers) {
                send(subscriber, frame);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the live activity frame could not be made; trying again in a second", e);
        }
    }

    private void send(Subscriber subscriber, ActivityFrame frame) {
        if (subscriber.sink.isClosed()) {
            subscribers.remove(subscriber);
            return;
        }
        if (!subscriber.sending.toCompletableFuture().isDone()) {
            framesDropped.incrementAndGet();
            return;
        }
        // against the last frame this subscriber got, so that a frame it missed does not lose an opened or closed
        ClientSet previous = subscriber.clientsSent;
        ActivityFrame sent = previous == null ? frame : frame.since(previous);
        subscriber.clientsSent = ClientSet.of(frame.clients());
        OutboundSseEvent event = subscriber.sse.newEventBuilder().name("activity")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(ActivityFrame.class, sent).build();
        subscriber.sending = subscriber.sink.send(event).exceptionally(failure -> {
            // the client went away: the sink is closed and the next tick forgets it
            subscriber.sink.close();
            return null;
        });
    }
}
