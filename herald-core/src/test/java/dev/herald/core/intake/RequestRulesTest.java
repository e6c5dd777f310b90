package dev.herald.core.intake;

import dev.herald.core.request.Violation;
import dev.herald.core.request.ValidNotification;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.ContentSpec;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.recipients.AddressRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

class RequestRulesTest {
    private static final int MAX_RECIPIENTS = 2;
    private static final int MAX_TITLE = 10;
    private static final int MAX_BODY = 20;

    private final RequestRules rules = new RequestRules(
            new IntakeLimits(MAX_RECIPIENTS, MAX_TITLE, MAX_BODY, 50, 5, 16_000), new AddressRules());

    /** A request that passes every rule; each test breaks exactly what it is about. */
    private static final class RequestBuilder {
        private String type = "order.shipped";
        private List<RecipientSpec> recipients = List.of(RecipientSpec.email("ada@example.com"));
        private List<String> channels = List.of("EMAIL");
        private String priority = null;
        private ContentSpec content = new ContentSpec("Shipped", "On its way", null);
        private String idempotencyKey = null;

        RequestBuilder type(String value) { type = value; return this; }
        RequestBuilder recipients(List<RecipientSpec> value) { recipients = value; return this; }
        RequestBuilder recipient(RecipientSpec value) { recipients = List.of(value); return this; }
        RequestBuilder channels(String... value) { channels = List.of(value); return this; }
        RequestBuilder channels(List<String> value) { channels = value; return this; }
        RequestBuilder priority(String value) { priority = value; return this; }
        RequestBuilder content(ContentSpec value) { content = value; return this; }
        RequestBuilder idempotencyKey(String value) { idempotencyKey = value; return this; }

        NotificationRequest build() {
            return new NotificationRequest(type, recipients, channels, priority, Map.of(), content, idempotencyKey);
        }
    }

    private static RequestBuilder aRequest() {
        return new RequestBuilder();
    }

    private List<Violation> violationsOf(RequestBuilder request) {
        try {
            rules.validate(request.build());
        } catch (InvalidRequestException refused) {
            return refused.violations();
        }
        return fail("expected the request to be refused");
    }

    private static RecipientSpec webhook(String url) {
        return new RecipientSpec(null, null, null, null, null, url);
    }

    // --- refused requests -------------------------------------------------------------------------------------

    @Test
    void aRequestWithoutATypeIsRefused() {
        // given
        RequestBuilder request = aRequest().type(null);

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("type", "required"));
    }

    @Test
    void aTypeWithSpacesIsRefusedAsBadlyFormatted() {
        // given
        RequestBuilder request = aRequest().type("order shipped");

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("type", "format"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aRequestWithoutRecipientsIsRefused(List<RecipientSpec> recipients) {
        // given
        RequestBuilder request = aRequest().recipients(recipients);

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients", "required"));
    }

    @Test
    void moreRecipientsThanTheLimitAreRefused() {
        // given
        RequestBuilder request = aRequest().recipients(List.of(
                RecipientSpec.user("u1"), RecipientSpec.user("u2"), RecipientSpec.user("u3")));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients", "max-items"));
        assertThat(violations.getFirst().message()).contains(String.valueOf(MAX_RECIPIENTS));
    }

    @Test
    void aRecipientWithNeitherUserNorAddressIsRefused() {
        // given
        RequestBuilder request = aRequest().recipient(new RecipientSpec(null, null, null, null, null, null));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients[0]", "required"));
    }

    @Test
    void anEmailAddressWithoutADomainIsRefused() {
        // given
        RequestBuilder request = aRequest().recipient(RecipientSpec.email("ada@localhost"));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients[0].email", "format"));
    }

    @Test
    void aPhoneNumberNotInE164IsRefused() {
        // given
        RequestBuilder request = aRequest().channels("SMS").recipient(RecipientSpec.phone("010-1234-5678"));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients[0].phone", "format"));
    }

    @Test
    void aWebhookUrlThatIsNotHttpIsRefused() {
        // given
        RequestBuilder request = aRequest().channels("WEBHOOK").recipient(webhook("ftp://example.com/hook"));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients[0].webhookUrl", "format"));
    }

    @Test
    void aRequestWithoutChannelsIsRefused() {
        // given
        RequestBuilder request = aRequest().channels(List.of());

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("channels", "required"));
    }

    @Test
    void anUnknownChannelIsReportedAtItsPosition() {
        // given
        RequestBuilder request = aRequest().channels("email", "fax");

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("channels[1]", "unknown-value"));
        assertThat(violations.getFirst().message()).contains("'fax'");
    }

    @Test
    void anUnknownPriorityIsRefused() {
        // given
        RequestBuilder request = aRequest().priority("urgent");

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("priority", "unknown-value"));
    }

    @Test
    void contentMayBeLeftToTheTypesTemplates() {
        // Intake renders the templates and refuses the request there if the type has none (IntakeTest).
        assertThat(rules.validate(aRequest().content(null).build()).content()).isNull();
    }

    @Test
    void contentWithABlankBodyIsRefused() {
        // given
        RequestBuilder request = aRequest().content(new ContentSpec("Shipped", "   ", null));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("content.body", "required"));
    }

    @Test
    void aTitleLongerThanTheLimitIsRefused() {
        // given
        RequestBuilder request = aRequest().content(new ContentSpec("t".repeat(MAX_TITLE + 1), "On its way", null));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("content.title", "max-length"));
    }

    @Test
    void aBodyLongerThanTheLimitIsRefused() {
        // given
        RequestBuilder request = aRequest().content(new ContentSpec("Shipped", "b".repeat(MAX_BODY + 1), null));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("content.body", "max-length"));
    }

    static Stream<String> badIdempotencyKeys() {
        return Stream.of("", "has space", "naïve", "k".repeat(256));
    }

    @ParameterizedTest
    @MethodSource("badIdempotencyKeys")
    void anIdempotencyKeyOutsidePrintableAsciiIsRefused(String key) {
        // given
        RequestBuilder request = aRequest().idempotencyKey(key);

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("idempotencyKey", "format"));
    }

    @Test
    void everyBrokenRuleIsReportedTogether() {
        // given
        RequestBuilder request = aRequest().type(null).channels("email", "fax").priority("urgent")
                .content(new ContentSpec(null, " ", null));

        // when
        List<Violation> violations = violationsOf(request);

        // then
        assertThat(violations).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("type", "required"),
                tuple("channels[1]", "unknown-value"),
                tuple("priority", "unknown-value"),
                tuple("content.body", "required"));
    }

    // --- accepted requests ------------------------------------------------------------------------------------

    @Test
    void aValidRequestComesBackWithItsValuesParsed() {
        // given
        ContentSpec content = new ContentSpec("Shipped", "On its way", null);
        NotificationRequest request = aRequest().channels("EMAIL", "SMS").priority("HIGH").content(content)
                .recipients(List.of(new RecipientSpec("u1", "ada@example.com", "+821012345678", null, null, null)))
                .idempotencyKey("order-42-shipped").build();

        // when
        ValidNotification valid = rules.validate(request);

        // then
        assertThat(valid.type()).isEqualTo("order.shipped");
        assertThat(valid.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(valid.priority()).isEqualTo(Priority.HIGH);
        assertThat(valid.recipients()).isEqualTo(request.recipients());
        assertThat(valid.content()).isEqualTo(content);
        assertThat(valid.idempotencyKey()).isEqualTo("order-42-shipped");
    }

    @Test
    void channelAndPriorityNamesAreAcceptedInLowerCase() {
        // given
        NotificationRequest request = aRequest().channels("email", " sms ").priority("critical").build();

        // when
        ValidNotification valid = rules.validate(request);

        // then
        assertThat(valid.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(valid.priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void aChannelNamedTwiceIsKeptOnceInItsFirstPosition() {
        // given
        NotificationRequest request = aRequest().channels("sms", "EMAIL", "Sms", "email").build();

        // when
        ValidNotification valid = rules.validate(request);

        // then
        assertThat(valid.channels()).containsExactly(Channel.SMS, Channel.EMAIL);
    }

    @Test
    void aMissingPriorityIsLeftForTheTypeToDecide() {
        // given
        NotificationRequest request = aRequest().priority(null).build();

        // when
        ValidNotification valid = rules.validate(request);

        // then: intake fills in the type's priority, else NORMAL (IntakeTest)
        assertThat(valid.priority()).isNull();
    }

    @Test
    void leftOutChannelsAreForTheTypeButAnEmptyListIsAMistake() {
        assertThat(rules.validate(aRequest().channels((List<String>) null).build()).channels()).isEmpty();
        assertThat(violationsOf(aRequest().channels(List.of()))).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("channels", "required"));
    }
}
