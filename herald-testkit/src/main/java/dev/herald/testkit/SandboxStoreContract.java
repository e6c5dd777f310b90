package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.core.sandbox.CapturedMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.sandbox.SandboxStore} must do. */
public abstract class SandboxStoreContract extends StoreContract {

    private CapturedMessage captured(TenantId tenant, Channel channel, String to, String text) {
        clock.advance(Duration.ofSeconds(1));
        return new CapturedMessage(ids.next(), tenant, ids.next(), "t", channel, to, new Message("s", text, null),
                clock.instant());
    }

    @Test
    void capturedMessagesAreListedNewestFirstAndFiltered() {
        stores.sandbox().capture(captured(TENANT, Channel.EMAIL, "ann@example.com", "one"));
        stores.sandbox().capture(captured(TENANT, Channel.SMS, "+821012345678", "two"));
        stores.sandbox().capture(captured(TENANT, Channel.EMAIL, "bob@example.com", "three"));

        assertThat(stores.sandbox().list(TENANT, null, null, 10)).extracting(m -> m.message().text())
                .containsExactly("three", "two", "one");
        assertThat(stores.sandbox().list(TENANT, Channel.EMAIL, null, 10)).extracting(m -> m.message().text())
                .containsExactly("three", "one");
        assertThat(stores.sandbox().list(TENANT, null, "+821012345678", 10)).extracting(m -> m.message().text())
                .containsExactly("two");
        assertThat(stores.sandbox().list(TENANT, null, null, 1)).hasSize(1);
    }

    @Test
    void anotherTenantSeesNoneOfThem() {
        stores.sandbox().capture(captured(TENANT, Channel.EMAIL, "ann@example.com", "one"));

        assertThat(stores.sandbox().list(OTHER_TENANT, null, null, 10)).isEmpty();
    }
}
