package dev.herald.providers.chain;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.providers.smtp.SmtpEmailProvider;
import dev.herald.providers.smtp.SmtpSettings;
import dev.herald.testkit.RecordingProvider;
import dev.herald.testkit.TestOutbound;
import dev.herald.testkit.peers.ScriptedSmtpPeer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two real SMTP relays (GreenMail) behind one chain: the primary goes down, comes back, and the breaker follows. */
class FailoverChainTest {
    private static final ProviderGuards GUARDS = new ProviderGuards(10, 3, 50f, Duration.ofSeconds(30), 1, 0,
            Duration.ZERO);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        slept.add(d);
        clock.advance(d);
    };
    private GreenMail secondary;
    private GreenMail primary;
    private int primaryPort;

    @BeforeEach
    void startRelays() throws IOException {
        secondary = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        secondary.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            primaryPort = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopRelays() {
        secondary.stop();
        if (primary != null) {
            primary.stop();
        }
    }

    private static SmtpEmailProvider smtp(String name, int port) {
        return new SmtpEmailProvider(name, new SmtpSettings("127.0.0.1", port, null, null, "herald@example.com",
                false, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
                SmtpSettings.Pool.defaults()));
    }

    private FailoverChain chain(ChannelProvider... providers) {
        return new FailoverChain(Channel.EMAIL, List.of(providers),
                Map.of("primary", GUARDS, "secondary", GUARDS), clock, sleeper);
    }

    private static SendResult mail(FailoverChain chain, String to) {
        return chain.send(TestOutbound.to(Channel.EMAIL, to, new Message("Hi", "Hello", null)));
    }

    @Test
    void primaryDownSecondarySendsThenBreakerSkipsPrimaryUntilItRecovers() {
        FailoverChain chain = chain(smtp("primary", primaryPort), smtp("secondary", secondary.getSmtp().getPort()));

        // Primary refuses connections: each message fails over and is carried by the secondary.
        for (int i = 0; i < 3; i++) {
            SendResult result = mail(chain, "ann" + i + "@example.com");
            assertThat(result).isInstanceOfSatisfying(SendResult.Sent.class, sent -> {
                assertThat(sent.provider()).isEqualTo("secondary");
                assertThat(sent.note()).contains("failed over").contains("primary: SMTP");
            });
        }
        assertThat(secondary.getReceivedMessages()).hasSize(3);
        assertThat(chain.breakerStates()).containsEntry("primary", CircuitBreaker.State.OPEN);

        // Open: the primary is not even asked.
        FailoverChain primaryOnly = chain(smtp("primary", primaryPort));
        for (int i = 0; i < 3; i++) {
            mail(primaryOnly, "dee@example.com");
        }
        assertThat(mail(primaryOnly, "dee@example.com")).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
            assertThat(retry.reason()).contains("circuit open");
            // An open breaker means the provider is failing: that does use up an attempt, so a long outage ends
            // in the dead-letter queue instead of waiting forever.
            assertThat(retry.attempted()).isTrue();
        });
        SendResult whileOpen = mail(chain, "bob@example.com");
        assertThat(whileOpen).isInstanceOfSatisfying(SendResult.Sent.class,
                sent -> assertThat(sent.note()).contains("primary circuit open"));

        // The primary comes back; after the open period one trial call closes the breaker again.
        primary = new GreenMail(new ServerSetup(primaryPort, "127.0.0.1", "smtp"));
        primary.start();
        clock.advance(Duration.ofSeconds(31));
        SendResult trial = mail(chain, "cy@example.com");
        assertThat(trial).isInstanceOfSatisfying(SendResult.Sent.class, sent -> {
            assertThat(sent.provider()).isEqualTo("primary");
            assertThat(sent.note()).isNull();
        });
        assertThat(primary.getReceivedMessages()).hasSize(1);
        assertThat(chain.breakerStates()).containsEntry("primary", CircuitBreaker.State.CLOSED);
        assertThat(secondary.getReceivedMessages()).hasSize(4);
    }

    @Test
    void everyProviderDownIsOneRetryNamingEach() {
        FailoverChain chain = chain(smtp("primary", primaryPort), smtp("secondary", primaryPort));

        SendResult result = mail(chain, "ann@example.com");

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
            assertThat(retry.provider()).isEqualTo("secondary");
            assertThat(retry.reason()).contains("primary: SMTP").contains("secondary: SMTP");
        });
    }

    @Test
    void aPermanentRefusalIsNotFailedOver() {
        RecordingProvider first = new RecordingProvider(Channel.EMAIL)
                .answering(m -> new SendResult.Rejected("recording", "mailbox does not exist", true));
        RecordingProvider second = new RecordingProvider(Channel.EMAIL);
        FailoverChain chain = new FailoverChain(Channel.EMAIL, List.of(first, named("second", second)), Map.of(),
                clock, sleeper);

        assertThat(mail(chain, "nobody@example.com")).isInstanceOf(SendResult.Rejected.class);
        assertThat(second.received()).isEmpty();
    }

    @Test
    void eachProviderAskedOrPassedOverIsReportedWithItsResult() {
        RecordingProvider failing = new RecordingProvider(Channel.EMAIL)
                .answering(m -> new SendResult.Retry("failing", "HTTP 503", Optional.of(Duration.ofSeconds(20))));
        RecordingProvider spare = new RecordingProvider(Channel.EMAIL);
        List<String> reported = new ArrayList<>();
        FailoverChain chain = new FailoverChain(Channel.EMAIL,
                List.of(named("failing", failing), named("spare", spare)), Map.of(), clock, sleeper,
                Duration.ofSeconds(15), (provider, result) -> reported.add(provider + "=" + result));

        mail(chain, "ann@example.com");
        mail(chain, "bob@example.com");

        // The second message finds the failing provider still asking us to wait: passed over, not asked.
        assertThat(reported).containsExactly("failing=failed", "spare=sent", "failing=held-back", "spare=sent");
    }

    @Test
    void eachProviderStatusShowsItsCallsLastErrorBreakerAndRateLimit() {
        RecordingProvider failing = new RecordingProvider(Channel.EMAIL).answering(m -> new SendResult.Retry(
                "failing", "HTTP 503: {\"error\":\"down for ann@example.com's message\"}"));
        RecordingProvider spare = new RecordingProvider(Channel.EMAIL);
        ProviderGuards limited = GUARDS.withRate(5);
        FailoverChain chain = new FailoverChain(Channel.EMAIL, List.of(named("failing", failing),
                named("spare", spare)), Map.of("failing", GUARDS, "spare", limited), clock, sleeper);
        assertThat(chain.statuses()).extracting(ProviderStatus::name).containsExactly("failing", "spare");
        assertThat(chain.statuses().getFirst().lastError()).isNull();
        assertThat(chain.statuses().getFirst().rateLimit()).isNull();

        Instant failedAt = clock.instant();
        for (int i = 0; i < 4; i++) {
            mail(chain, "ann@example.com");
        }

        ProviderStatus first = chain.statuses().getFirst();
        // Three failures of at least three calls open the breaker (GUARDS); the fourth message passes it over.
        assertThat(first.calls()).containsExactlyInAnyOrderEntriesOf(Map.of("failed", 3L, "circuit-open", 1L));
        assertThat(first.breaker()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(first.openEndpoints()).isEqualTo(1);
        assertThat(first.channel()).isEqualTo(Channel.EMAIL);
        // Only the head of the reason: an error body may quote a tenant's message.
        assertThat(first.lastError().reason()).isEqualTo("HTTP 503");
        assertThat(first.lastError().at()).isEqualTo(failedAt);
        ProviderStatus second = chain.statuses().getLast();
        assertThat(second.calls()).isEqualTo(Map.of("sent", 4L));
        assertThat(second.breaker()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(second.lastError()).isNull();
        assertThat(second.rateLimit()).isEqualTo(new ProviderStatus.RateLimit(5, 5, 1));
    }

    @Test
    void retryAfterFromAProviderIsHonouredBeforeAskingItAgain() {
        RecordingProvider busy = new RecordingProvider(Channel.EMAIL).answering(m ->
                new SendResult.Retry("recording", "HTTP 429", Optional.of(Duration.ofSeconds(20))));
        FailoverChain chain = new FailoverChain(Channel.EMAIL, List.of(busy), Map.of(), clock, sleeper);

        SendResult first = mail(chain, "ann@example.com");
        assertThat(first).isInstanceOfSatisfying(SendResult.Retry.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(20)));
        clock.advance(Duration.ofSeconds(5));
        SendResult second = mail(chain, "ann@example.com");

        assertThat(busy.received()).hasSize(1);
        assertThat(second).isInstanceOfSatisfying(SendResult.Retry.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(15)));
    }

    @Test
    void rateLimitWaitsBrieflyAndPassesLongWaitsToTheNextProvider() {
        RecordingProvider limited = new RecordingProvider(Channel.EMAIL);
        RecordingProvider spare = new RecordingProvider(Channel.EMAIL);
        ProviderGuards twoPerSecond = ProviderGuards.defaults().withRate(2);
        FailoverChain chain = new FailoverChain(Channel.EMAIL, List.of(limited, named("spare", spare)),
                Map.of("recording", twoPerSecond), clock, sleeper);

        for (int i = 0; i < 6; i++) {
            assertThat(mail(chain, "ann@example.com")).isInstanceOf(SendResult.Sent.class);
        }

        // Six messages at two per second: the limited provider took them all, waiting half a second per permit.
        assertThat(limited.received()).hasSize(6);
        assertThat(spare.received()).isEmpty();
        assertThat(slept).hasSize(4).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(500)));

        ProviderGuards strict = new ProviderGuards(20, 5, 50f, Duration.ofSeconds(30), 2, 0.1, Duration.ofSeconds(1));
        RecordingProvider slow = new RecordingProvider(Channel.EMAIL);
        FailoverChain strictChain = new FailoverChain(Channel.EMAIL, List.of(slow, named("spare", spare)),
                Map.of("recording", strict), clock, sleeper);
        mail(strictChain, "ann@example.com");
        SendResult overflow = mail(strictChain, "bob@example.com");
        assertThat(overflow).isInstanceOfSatisfying(SendResult.Sent.class, sent -> {
            assertThat(sent.provider()).isEqualTo("spare");
            assertThat(sent.note()).contains("recording at its rate limit");
        });

        // With no spare, a rate limit defers the message: nobody was asked, so no attempt is used up.
        FailoverChain alone = new FailoverChain(Channel.EMAIL, List.of(new RecordingProvider(Channel.EMAIL)),
                Map.of("recording", strict), clock, sleeper);
        mail(alone, "ann@example.com");
        assertThat(mail(alone, "bob@example.com")).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
            assertThat(retry.attempted()).isFalse();
            assertThat(retry.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        });
    }

    @Test
    void providersThatCannotCarryTheAddressAreSkippedWithoutCounting() {
        RecordingProvider inner = new RecordingProvider(Channel.EMAIL);
        ChannelProvider picky = new ChannelProvider() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public Channel channel() {
                return Channel.EMAIL;
            }

            @Override
            public boolean accepts(String address) {
                return address.endsWith("@picky.example");
            }

            @Override
            public SendResult send(dev.herald.core.channel.OutboundMessage message) {
                return inner.send(message);
            }
        };
        FailoverChain chain = new FailoverChain(Channel.EMAIL, List.of(picky), Map.of(), clock, sleeper);

        // Refused, but not as a dead address: the gap is in our configuration, so the address is kept.
        assertThat(mail(chain, "ann@example.com")).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.invalidAddress()).isFalse());
        assertThat(mail(chain, "ann@picky.example")).isInstanceOf(SendResult.Sent.class);
        assertThat(inner.received()).hasSize(1);
    }

    @Test
    void aChainThatUsedUpItsTimeStopsFailingOver() {
        RecordingProvider slow = new RecordingProvider(Channel.EMAIL).answering(m -> {
            clock.advance(Duration.ofMillis(50));
            return new SendResult.Retry("recording", "timed out");
        });
        RecordingProvider spare = new RecordingProvider(Channel.EMAIL);
        FailoverChain chain = new FailoverChain(Channel.EMAIL, List.of(slow, named("spare", spare)), Map.of(),
                clock, sleeper, Duration.ofMillis(10), ProviderCalls.NONE);

        SendResult result = mail(chain, "ann@example.com");

        // Past its budget the delivery goes back to the queue rather than risk outliving its lease.
        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("no time left to try spare"));
        assertThat(spare.received()).isEmpty();
    }

    @Test
    void oneMailboxAnswering450DoesNotOpenTheBreakerForEveryoneElse() throws IOException {
        // Postfix greylisting or a full mailbox answers RCPT TO with 450: the relay itself is fine.
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting().answering("busy@example.com",
                "450 4.2.0 <busy@example.com>: Recipient address rejected: mailbox busy")) {
            FailoverChain chain = chain(smtp("primary", relay.port()));

            for (int i = 0; i < GUARDS.breakerWindow(); i++) {
                assertThat(mail(chain, "busy@example.com")).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
                    assertThat(retry.recipientTrouble()).isTrue();
                    assertThat(retry.reason()).contains("SMTP 450 4.2.0").doesNotContain("busy@example.com");
                });
            }

            assertThat(chain.breakerStates()).containsEntry("primary", CircuitBreaker.State.CLOSED);
            assertThat(mail(chain, "ann@example.com")).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.received()).extracting(ScriptedSmtpPeer.Mail::recipients)
                    .containsExactly(List.of("ann@example.com"));
        }
    }

    @Test
    void aProviderIsNotStartedWhenItsLongestSendNoLongerFitsTheTimeLeft() {
        RecordingProvider slow = new RecordingProvider(Channel.EMAIL).answering(m -> {
            clock.advance(Duration.ofMillis(100));
            return new SendResult.Retry("recording", "timed out");
        });
        RecordingProvider spare = new RecordingProvider(Channel.EMAIL);
        FailoverChain chain = new FailoverChain(Channel.EMAIL,
                List.of(slow, lasting("spare", Duration.ofMillis(950), spare)), Map.of(), clock, sleeper,
                Duration.ofSeconds(1), ProviderCalls.NONE);

        SendResult result = mail(chain, "ann@example.com");

        // The spare might take 950 ms and only 900 ms are left: starting it could outlive the lease.
        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
            assertThat(retry.reason()).contains("no time left to try spare");
            assertThat(retry.attempted()).isTrue();
        });
        assertThat(spare.received()).isEmpty();
    }

    @Test
    void aProviderWhoseLongestSendExceedsTheBudgetCannotJoinAChain() {
        RecordingProvider inner = new RecordingProvider(Channel.EMAIL);

        assertThatThrownBy(() -> new FailoverChain(Channel.EMAIL,
                List.of(lasting("slowpoke", Duration.ofSeconds(20), inner)), Map.of(), clock, sleeper,
                Duration.ofSeconds(15), ProviderCalls.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowpoke");
    }

    /** A recording provider under another name that declares how long one send may take. */
    private static ChannelProvider lasting(String name, Duration longest, RecordingProvider inner) {
        ChannelProvider named = named(name, inner);
        return new ChannelProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Channel channel() {
                return inner.channel();
            }

            @Override
            public Duration longestSend() {
                return longest;
            }

            @Override
            public SendResult send(dev.herald.core.channel.OutboundMessage message) {
                return named.send(message);
            }
        };
    }

    /** The same recording provider under another name, so two can sit in one chain. */
    private static ChannelProvider named(String name, RecordingProvider inner) {
        return new ChannelProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Channel channel() {
                return inner.channel();
            }

            @Override
            public SendResult send(dev.herald.core.channel.OutboundMessage message) {
                SendResult result = inner.send(message);
                return result instanceof SendResult.Sent s ? new SendResult.Sent(name, s.providerMessageId()) : result;
            }
        };
    }
}
