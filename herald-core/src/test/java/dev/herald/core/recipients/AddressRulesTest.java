package dev.herald.core.recipients;

import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.core.request.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AddressRulesTest {
    private static final String FIELD = "field";

    private final AddressRules rules = new AddressRules();

    private static List<Violation> check(Consumer<Violations> rule) {
        Violations violations = new Violations();
        rule.accept(violations);
        try {
            violations.throwIfAny();
            return List.of();
        } catch (InvalidRequestException refused) {
            return refused.violations();
        }
    }

    private static void assertRefusedAs(List<Violation> violations, String rule) {
        assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(tuple(FIELD, rule));
    }

    // --- email ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "first.last+tag@mail.example.co.kr", "a@b.io"})
    void aWellFormedEmailAddressIsAccepted(String email) {
        // when
        List<Violation> violations = check(v -> rules.email(v, FIELD, email));

        // then
        assertThat(violations).isEmpty();
    }

    static Stream<String> malformedEmails() {
        return Stream.of("ada", "ada@localhost", "@example.com", "ada@@example.com", "ada lovelace@example.com",
                "ada@example..com", "x".repeat(65) + "@example.com", "ada@" + "d".repeat(250) + ".com");
    }

    @ParameterizedTest
    @MethodSource("malformedEmails")
    void aMalformedEmailAddressIsRefused(String email) {
        // when
        List<Violation> violations = check(v -> rules.email(v, FIELD, email));

        // then
        assertRefusedAs(violations, "format");
    }

    // --- phone ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"+821012345678", "+14155550123", "+1234567", "+123456789012345"})
    void aPhoneNumberInE164IsAccepted(String phone) {
        // when
        List<Violation> violations = check(v -> rules.phone(v, FIELD, phone));

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01012345678", "+0123456789", "+82 10 1234 5678", "+82-10-1234-5678", "+123456",
            "+1234567890123456", ""})
    void aPhoneNumberNotInE164IsRefused(String phone) {
        // when
        List<Violation> violations = check(v -> rules.phone(v, FIELD, phone));

        // then
        assertRefusedAs(violations, "format");
    }

    // --- locale -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko-KR", "zh-Hant-TW"})
    void aLanguageTagIsAccepted(String locale) {
        // when
        List<Violation> violations = check(v -> rules.locale(v, FIELD, locale));

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a locale", "en_US", "x-private", "123", ""})
    void somethingThatIsNotALanguageTagIsRefused(String locale) {
        // when
        List<Violation> violations = check(v -> rules.locale(v, FIELD, locale));

        // then
        assertRefusedAs(violations, "format");
    }

    // --- time zone --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Seoul", "Europe/London", "UTC", "+09:00"})
    void anIanaTimeZoneIsAccepted(String zone) {
        // when
        List<Violation> violations = check(v -> rules.timeZone(v, FIELD, zone));

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "Seoul", "KST", "GMT+25", ""})
    void anUnknownTimeZoneIsRefused(String zone) {
        // when
        List<Violation> violations = check(v -> rules.timeZone(v, FIELD, zone));

        // then
        assertRefusedAs(violations, "format");
    }

    // --- url --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks/herald", "http://localhost:8080/hook?x=1"})
    void anAbsoluteHttpUrlIsAccepted(String url) {
        // when
        List<Violation> violations = check(v -> rules.url(v, FIELD, url));

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/hook", "example.com/hook", "/hooks/herald", "https://",
            "https:///no-host", "https://exa mple.com", "javascript:alert(1)", "mailto:ada@example.com"})
    void aUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String url) {
        // when
        List<Violation> violations = check(v -> rules.url(v, FIELD, url));

        // then
        assertRefusedAs(violations, "format");
    }

    @Test
    void aUrlLongerThan2048CharactersIsRefused() {
        // given
        String url = "https://example.com/" + "a".repeat(2048);

        // when
        List<Violation> violations = check(v -> rules.url(v, FIELD, url));

        // then
        assertRefusedAs(violations, "max-length");
    }

    // --- absent values ----------------------------------------------------------------------------------------

    @Test
    void aMissingAddressIsNotTheseRulesConcern() {
        // when
        List<Violation> violations = check(v -> {
            rules.email(v, FIELD, null);
            rules.phone(v, FIELD, null);
            rules.locale(v, FIELD, null);
            rules.timeZone(v, FIELD, null);
            rules.url(v, FIELD, null);
        });

        // then
        assertThat(violations).isEmpty();
    }

    // --- NUL and push tokens ----------------------------------------------------------------------------------

    @Test
    void aNulInAnAddressIsRefusedAsNul() {
        assertRefusedAs(check(v -> rules.email(v, FIELD, "ada\0@example.com")), "nul");
        assertRefusedAs(check(v -> rules.url(v, FIELD, "https://example.com/\0")), "nul");
        assertRefusedAs(check(v -> rules.token(v, FIELD, "abc\0", 2048)), "nul");
        assertRefusedAs(check(v -> rules.pushToken(v, FIELD, "abc\0")), "nul");
    }

    @Test
    void anInlinePushTokenMustFitTheAddressColumnWithItsPlatformPrefix() {
        // A bare token is stored as "fcm:" + token; a prefixed one as given.
        assertThat(check(v -> rules.pushToken(v, FIELD, "t".repeat(PushAddress.MAX_LENGTH - 4)))).isEmpty();
        assertRefusedAs(check(v -> rules.pushToken(v, FIELD, "t".repeat(PushAddress.MAX_LENGTH - 3))), "max-length");
        assertThat(check(v -> rules.pushToken(v, FIELD, "apns:" + "a".repeat(PushAddress.MAX_LENGTH - 5)))).isEmpty();
        assertRefusedAs(check(v -> rules.pushToken(v, FIELD, "apns:" + "a".repeat(PushAddress.MAX_LENGTH - 4))),
                "max-length");
    }
}
