package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Workflow runs ({@code herald.workflows}): how often worker nodes look for due steps, and how a step that fails
 * every time is retried and set aside.
 *
 * @param poll    the pause between rounds of due steps (a step's timer is late by at most about this)
 * @param retries a failing step's attempts and backoff before it is set aside and its held deliveries fail
 */
@ConfigurationProperties("herald.workflows")
public record WorkflowProperties(@DefaultValue("1s") Duration poll,
                                 @DefaultValue RoundRetries retries) {
    public WorkflowProperties {
        if (poll.isNegative() || poll.isZero()) {
            throw new StartupProblem("herald.workflows.poll is " + poll + ".",
                    "Give a positive duration (1s by default): it is how late a due step may run.");
        }
    }
}
