package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.chain.ProviderGuards;

import java.time.Duration;

/**
 * Start-up rule: one send, waiting for a rate permit included, must fit in half of {@code herald.worker.lease}.
 * A send still running when its lease ends lets another worker claim the delivery and send it a second time;
 * the failover chain gets the same half and starts a provider only while its longest send still fits.
 */
final class LongestSendRule {
    private final Duration lease;

    LongestSendRule(Duration lease) {
        this.lease = lease;
    }

    Duration chainBudget() {
        return lease.dividedBy(2);
    }

    /**
     * @param key        the provider's configuration prefix, like {@code herald.providers.smtp[0]}
     * @param timeoutKey the setting that bounds its send, like {@code herald.providers.smtp[0].send-timeout}
     */
    void check(String key, String timeoutKey, ChannelProvider provider, ProviderGuards guards) {
        Duration longest = guards.longestWaitForPermit().plus(provider.longestSend());
        if (longest.compareTo(chainBudget()) <= 0) {
            return;
        }
        String permit = guards.longestWaitForPermit().isZero() ? "" : " and " + key + ".guards.rate-max-wait";
        throw new StartupProblem(key + " (" + provider.name() + ") may take up to " + longest.toMillis()
                + " ms for one send, more than half of herald.worker.lease (" + lease.toMillis() + " ms): a send"
                + " still running when its lease ends would be sent again by another worker",
                "lower " + timeoutKey + permit + ", or raise herald.worker.lease to at least twice that");
    }

    /** The sandbox's pretended latency must fit too, or its chain could never send. */
    void checkSandbox(Duration latency) {
        if (latency.compareTo(chainBudget()) > 0) {
            throw new StartupProblem("herald.providers.sandbox.latency (" + latency.toMillis() + " ms) is more than"
                    + " half of herald.worker.lease (" + lease.toMillis() + " ms)",
                    "lower herald.providers.sandbox.latency or raise herald.worker.lease");
        }
    }
}
