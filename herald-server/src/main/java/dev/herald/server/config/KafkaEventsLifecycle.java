package dev.herald.server.config;

import dev.herald.kafka.KafkaEventIntake;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes while the application runs. Lifecycles start after every bean exists (the intake's database and caches)
 * and stop before beans are destroyed; the container's stop waits for the record in hand, whose offset is then
 * committed, or not, and read again by the next owner of the partition.
 */
final class KafkaEventsLifecycle implements SmartLifecycle {
    private final KafkaEventIntake intake;
    private final boolean eventsRole;

    /** @param eventsRole whether this node has the {@code events} role ({@code herald.roles}) */
    KafkaEventsLifecycle(KafkaEventIntake intake, boolean eventsRole) {
        this.intake = intake;
        this.eventsRole = eventsRole;
    }

    @Override
    public void start() {
        if (eventsRole) {
            intake.start();
        }
    }

    @Override
    public void stop() {
        intake.stop();
    }

    @Override
    public boolean isRunning() {
        return intake.isRunning();
    }
}
