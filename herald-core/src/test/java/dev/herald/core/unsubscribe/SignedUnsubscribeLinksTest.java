package dev.herald.core.unsubscribe;

import dev.herald.core.channel.UnsubscribeLink;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SignedUnsubscribeLinksTest {
    private static final TenantId TENANT = TenantId.defaultTenant();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(new OneSecret(), clock);
    private final TypeCatalog types = (tenant, name) -> Optional.of(new NotificationType(name, List.of(Channel.EMAIL),
            false, Priority.NORMAL, name.startsWith("security."), List.of(), Map.of(), null, null, null));
    private final SignedUnsubscribeLinks links = new SignedUnsubscribeLinks("https://herald.example.com", null,
            Duration.ofDays(60), types, tokens);

    @Test
    void anEmailOfAnOrdinaryTypeToAUserGetsASignedHttpsLinkForThatUserAndType() {
        UnsubscribeLink link = links.linkFor(delivery("promo.weekly", Channel.EMAIL, Priority.LOW, "ann"));

        assertThat(link.url()).startsWith("https://herald.example.com/u/hx2.");
        assertThat(link.listUnsubscribe()).isEqualTo("<" + link.url() + ">");
        String token = link.url().substring("https://herald.example.com/u/".length());
        assertThat(tokens.verify(token)).isInstanceOfSatisfying(UnsubscribeTokens.Verdict.Valid.class, valid -> {
            assertThat(valid.token().userId()).isEqualTo("ann");
            assertThat(valid.token().type()).isEqualTo("promo.weekly");
            assertThat(valid.token().channel()).isEqualTo(Channel.EMAIL);
            assertThat(valid.token().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(60)));
        });
    }

    @Test
    void criticalTypesOtherChannelsAndMailWithoutAUserGetNoLink() {
        assertThat(links.linkFor(delivery("security.alert", Channel.EMAIL, Priority.CRITICAL, "ann"))).isNull();
        assertThat(links.linkFor(new ClaimedDelivery(UUID.randomUUID(), TENANT, UUID.randomUUID(), "promo.weekly",
                Channel.EMAIL, Priority.NORMAL, "ann", "ann@example.com", new Message("Deals", "Deals", null), 1,
                Instant.now(), null, 1, null, true))).as("accepted as critical (the type was then)").isNull();
        assertThat(links.linkFor(delivery("promo.weekly", Channel.SMS, Priority.LOW, "ann"))).isNull();
        assertThat(links.linkFor(delivery("promo.weekly", Channel.EMAIL, Priority.LOW, null))).isNull();
    }

    @Test
    void aNonCriticalTypeSentOnTheCriticalLaneStillGetsALink() {
        assertThat(links.linkFor(delivery("promo.weekly", Channel.EMAIL, Priority.CRITICAL, "ann"))).isNotNull();
    }

    @Test
    void aMailtoIsOfferedAfterTheHttpsLink() {
        SignedUnsubscribeLinks withMailto = new SignedUnsubscribeLinks("https://herald.example.com",
                "mailto:unsub@example.com", Duration.ofDays(1), types, tokens);

        UnsubscribeLink link = withMailto.linkFor(delivery("promo.weekly", Channel.EMAIL, Priority.LOW, "ann"));

        assertThat(link.listUnsubscribe()).isEqualTo("<" + link.url() + ">, <mailto:unsub@example.com>");
    }

    private static ClaimedDelivery delivery(String type, Channel channel, Priority lane, String user) {
        return new ClaimedDelivery(UUID.randomUUID(), TENANT, UUID.randomUUID(), type, channel, lane, user,
                "ann@example.com", new Message("Deals", "Deals", null), 1, Instant.now(), null, 1);
    }

    private static final class OneSecret implements TenantSecrets {
        private final byte[] secret = "thirty-two-bytes-of-test-secret!".getBytes(StandardCharsets.UTF_8);

        @Override
        public SigningKey current(TenantId tenant, String purpose) {
            return new SigningKey(1, secret);
        }

        @Override
        public Optional<byte[]> find(TenantId tenant, String purpose, int keyId) {
            return keyId == 1 ? Optional.of(secret) : Optional.empty();
        }
    }
}
