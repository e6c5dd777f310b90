package dev.herald.providers.twilio;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class TwilioSmsProviderTest {
    private static final String MESSAGES = "/2010-04-01/Accounts/AC123/Messages.json";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private TwilioSmsProvider provider(String from, String messagingServiceSid, String callbackBase) {
        return new TwilioSmsProvider(new TwilioSettings("twilio", twilio.baseUrl(), "AC123", "secret-token", from,
                messagingServiceSid, callbackBase, new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(1500))),
                Clock.systemUTC());
    }

    private TwilioSmsProvider provider() {
        return provider("+15005550006", null, null);
    }

    private static OutboundMessage sms(String to, String text) {
        return TestOutbound.to(Channel.SMS, to, null, text);
    }

    private static void answer(int status, String body) {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void postsTheMessageFormWithBasicAuthAndReturnsTwiliosSid() {
        answer(201, """
                {"sid":"SM0123456789abcdef","status":"queued","to":"+821012345678"}""");

        SendResult result = provider().send(sms("+821012345678", "주문 #42 발송 & \"곧\" 도착"));

        assertThat(result).isEqualTo(new SendResult.Sent("twilio", "SM0123456789abcdef"));
        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials("AC123", "secret-token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withFormParam("To", equalTo("+821012345678"))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo("주문 #42 발송 & \"곧\" 도착"))
                .withFormParam("MessagingServiceSid", absent())
                .withFormParam("StatusCallback", absent()));
    }

    @Test
    void sendsThroughTheMessagingServiceWhenOneIsConfigured() {
        answer(201, """
                {"sid":"SMservice"}""");

        provider(null, "MG999", null).send(sms("+821012345678", "hi"));

        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withFormParam("MessagingServiceSid", equalTo("MG999"))
                .withFormParam("From", absent()));
    }

    @Test
    void asksTwilioToReportDeliveryToOurCallbackForThisDelivery() {
        answer(201, """
                {"sid":"SMcb"}""");
        OutboundMessage message = sms("+821012345678", "hi");

        provider("+15005550006", null, "https://herald.example.com/").send(message);

        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("StatusCallback",
                equalTo("https://herald.example.com/api/v1/callbacks/twilio?deliveryId=" + message.deliveryId()
                        + "&provider=twilio")));
    }

    @Test
    void anInvalidToNumberIsRefusedAsABadAddress() {
        answer(400, """
                {"code":21211,"message":"The 'To' number +1555 is not a valid phone number.","status":400}""");

        SendResult result = provider().send(sms("+1555", "hi"));

        assertThat(result).isInstanceOf(SendResult.Rejected.class);
        SendResult.Rejected rejected = (SendResult.Rejected) result;
        assertThat(rejected.invalidAddress()).isTrue();
        assertThat(rejected.reason()).contains("21211").doesNotContain("+1555");
    }

    @Test
    void aLandlineIsRefusedAsABadAddress() {
        answer(400, """
                {"code":21614,"message":"'To' number is not a valid mobile number","status":400}""");

        SendResult result = provider().send(sms("+15005550009", "hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class,
                rejected -> assertThat(rejected.invalidAddress()).isTrue());
    }

    @Test
    void anUnsubscribedRecipientIsRefusedButTheNumberIsNotBad() {
        answer(400, """
                {"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400}""");

        SendResult result = provider().send(sms("+821012345678", "hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, rejected -> {
            assertThat(rejected.invalidAddress()).isFalse();
            assertThat(rejected.reason()).contains("21610");
        });
    }

    @Test
    void anyOtherClientErrorIsAPermanentRefusal() {
        answer(400, """
                {"code":21602,"message":"Message body is required.","status":400}""");

        SendResult result = provider().send(sms("+821012345678", ""));

        assertThat(result).isEqualTo(new SendResult.Rejected("twilio", "HTTP 400, Twilio error 21602", false));
    }

    @Test
    void aServerErrorIsRetried() {
        answer(503, """
                {"code":20500,"message":"Internal Server Error","status":503}""");

        SendResult result = provider().send(sms("+821012345678", "hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("HTTP 503"));
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanTwilioAsks() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "17").withBody("""
                        {"code":20429,"message":"Too Many Requests","status":429}""")));

        SendResult result = provider().send(sms("+821012345678", "hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(17))));
    }

    @Test
    void aSlowTwilioIsRetriedAfterTheRequestDeadline() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withBody("{\"sid\":\"SMlate\"}").withFixedDelay(3000)));

        SendResult result = provider().send(sms("+821012345678", "hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("timed out"));
    }
}
