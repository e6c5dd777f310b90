package dev.herald.core.dispatch;

import dev.herald.core.model.Priority;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs one claim loop per lane and stops them gracefully: no new claims, in-flight sends finish and are recorded. */
public final class Dispatchers {
    private static final System.Logger LOG = System.getLogger(Dispatchers.class.getName());

    private final DeliveryQueue queue;
    private final DeliverySender sender;
    private final OutcomeWriter writer;
    private final LaneSignals signals;
    private final DispatchSettings settings;
    private final Clock clock;
    private final List<LaneDispatcher> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private ExecutorService sends;

    public Dispatchers(DeliveryQueue queue, DeliverySender sender, OutcomeWriter writer, LaneSignals signals,
                       DispatchSettings settings, Clock clock) {
        this.queue = queue;
        this.sender = sender;
        this.writer = writer;
        this.signals = signals;
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() {
        if (sends != null) {
            return;
        }
        sends = Executors.newVirtualThreadPerTaskExecutor();
        writer.start();
        LaneShare share = new LaneShare(settings, signals);
        for (Priority lane : Priority.values()) {
            LaneDispatcher dispatcher = new LaneDispatcher(lane, queue, sender, signals, share, settings, clock, sends);
            lanes.add(dispatcher);
            threads.add(Thread.ofPlatform().name("herald-dispatch-" + lane.name().toLowerCase()).start(dispatcher));
        }
    }

    /** True while every lane's dispatcher and the outcome writer are alive: this node is taking work off the queue. */
    public synchronized boolean running() {
        return sends != null && threads.stream().allMatch(Thread::isAlive) && writer.running();
    }

    /** Stops claiming, lets in-flight sends finish within {@code grace}, and writes their outcomes. */
    public synchronized void stop(Duration grace) {
        if (sends == null) {
            return;
        }
        try {
            lanes.forEach(LaneDispatcher::stop);
            for (Thread thread : threads) {
                thread.join(grace);
            }
            for (LaneDispatcher lane : lanes) {
                if (!lane.awaitInFlight(grace)) {
                    LOG.log(Level.WARNING, "sends still in flight at shutdown; their leases will run out and they will be retried");
                }
            }
            writer.stop(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sends.shutdownNow();
            sends = null;
            lanes.clear();
            threads.clear();
        }
    }
}
