package dev.herald.providers.slack;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class SlackWebhookProviderTest {
    private static final String HOOK_PATH = "/services/T0001/B0001/abcdefSECRET";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Slack's real host plus the local peer, over plain http, as only a test would configure it. */
    private static SlackWebhookProvider provider(Duration requestTimeout) {
        return new SlackWebhookProvider(new SlackWebhookSettings("slack-webhook",
                List.of("hooks.slack.com", "localhost", "127.0.0.1"), true, true,
                new HttpSettings(Duration.ofSeconds(2), requestTimeout)), CLOCK);
    }

    private static SlackWebhookProvider provider() {
        return provider(Duration.ofSeconds(5));
    }

    private static String hookUrl() {
        return "http://localhost:" + slack.getPort() + HOOK_PATH;
    }

    private static OutboundMessage shipped() {
        return TestOutbound.to(Channel.SLACK, hookUrl(), "Order <42> shipped", "Ships *today* & arrives <soon>");
    }

    private static void slackAnswers(int status, String body) {
        slack.stubFor(post(HOOK_PATH).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void postsFallbackTextAndBlocksEscapedForSlack() {
        slackAnswers(200, "ok");
        OutboundMessage message = shipped();

        SendResult result = provider().send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("slack-webhook", message.deliveryId().toString()));
        slack.verify(1, postRequestedFor(urlEqualTo(HOOK_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"text": "Order &lt;42&gt; shipped\\nShips *today* &amp; arrives &lt;soon&gt;",
                         "blocks": [
                           {"type": "header", "text": {"type": "plain_text", "text": "Order <42> shipped"}},
                           {"type": "section", "text": {"type": "mrkdwn", "text": "Ships *today* &amp; arrives &lt;soon&gt;"}},
                           {"type": "context", "elements": [{"type": "plain_text", "text": "order.shipped"}]}
                         ]}""")));
    }

    @Test
    void noTitleMeansNoHeaderBlock() {
        slackAnswers(200, "ok");

        provider().send(TestOutbound.to(Channel.SLACK, hookUrl(), null, "Build passed"));

        slack.verify(postRequestedFor(urlEqualTo(HOOK_PATH)).withRequestBody(equalToJson("""
                {"text": "Build passed",
                 "blocks": [
                   {"type": "section", "text": {"type": "mrkdwn", "text": "Build passed"}},
                   {"type": "context", "elements": [{"type": "plain_text", "text": "order.shipped"}]}
                 ]}""")));
    }

    @Test
    void aLongTitleIsCutToSlacksHeaderLimit() {
        slackAnswers(200, "ok");

        provider().send(TestOutbound.to(Channel.SLACK, hookUrl(), "x".repeat(200), "body"));

        String header = "x".repeat(149) + "…";
        slack.verify(postRequestedFor(urlEqualTo(HOOK_PATH)).withRequestBody(equalToJson(
                "{\"blocks\": [{\"type\": \"header\", \"text\": {\"type\": \"plain_text\", \"text\": \"" + header
                        + "\"}}]}", true, true)));
    }

    @Test
    void slackBlocksInTheDataReplaceTheBuiltBlocks() {
        slackAnswers(200, "ok");
        List<Map<String, Object>> custom = List.of(Map.of("type", "section",
                "text", Map.of("type", "mrkdwn", "text", "*Deploy* <https://ci.example.com/1|#1> done")));

        SendResult result = provider().send(TestOutbound.to(Channel.SLACK, hookUrl(), "Deploy", "Deploy #1 done",
                Map.of("slackBlocks", custom)));

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        slack.verify(postRequestedFor(urlEqualTo(HOOK_PATH)).withRequestBody(equalToJson("""
                {"text": "Deploy\\nDeploy #1 done",
                 "blocks": [{"type": "section",
                             "text": {"type": "mrkdwn", "text": "*Deploy* <https://ci.example.com/1|#1> done"}}]}""")));
    }

    @Test
    void slackBlocksThatAreNotAListAreRefusedWithoutACall() {
        SendResult result = provider().send(TestOutbound.to(Channel.SLACK, hookUrl(), "Deploy", "done",
                Map.of("slackBlocks", "not blocks")));

        assertThat(result).isInstanceOf(SendResult.Rejected.class);
        assertThat(((SendResult.Rejected) result).invalidAddress()).isFalse();
        slack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aUrlOnAHostOutsideTheAllowListIsRefusedWithoutACall() {
        // Only Slack's own host: the local peer (standing in for an internal service) is not allowed.
        SlackWebhookProvider slackOnly = new SlackWebhookProvider(SlackWebhookSettings.defaults("slack-webhook"), CLOCK);

        SendResult internal = slackOnly.send(TestOutbound.to(Channel.SLACK,
                "https://127.0.0.1:" + slack.getPort() + HOOK_PATH, "t", "x"));
        SendResult metadata = slackOnly.send(TestOutbound.to(Channel.SLACK,
                "https://169.254.169.254/latest/meta-data/", "t", "x"));
        SendResult disguised = slackOnly.send(TestOutbound.to(Channel.SLACK,
                "https://hooks.slack.com@127.0.0.1:" + slack.getPort() + HOOK_PATH, "t", "x"));

        assertThat(List.of(internal, metadata, disguised)).allSatisfy(result -> {
            assertThat(result).isInstanceOf(SendResult.Rejected.class);
            assertThat(((SendResult.Rejected) result).invalidAddress()).isTrue();
        });
        assertThat(((SendResult.Rejected) internal).reason()).contains("127.0.0.1").doesNotContain("SECRET");
        slack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        SlackWebhookProvider httpsOnly = new SlackWebhookProvider(new SlackWebhookSettings("slack-webhook",
                List.of("localhost"), false, false, HttpSettings.defaults()), CLOCK);

        SendResult result = httpsOnly.send(shipped());

        assertThat(result).isEqualTo(new SendResult.Rejected("slack-webhook",
                "Slack webhook URL refused: plain http is not allowed", true));
        slack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void invalidPayloadRefusesTheMessageButNotTheUrl() {
        slackAnswers(400, "invalid_payload");

        SendResult result = provider().send(shipped());

        assertThat(result).isEqualTo(new SendResult.Rejected("slack-webhook", "HTTP 400: invalid_payload", false));
    }

    @ParameterizedTest
    @CsvSource({"410, channel_is_archived", "404, channel_not_found", "404, no_service", "403, invalid_token",
            "403, action_prohibited"})
    void aDeadWebhookMarksTheAddressInvalid(int status, String error) {
        slackAnswers(status, error);

        SendResult result = provider().send(shipped());

        assertThat(result).isEqualTo(new SendResult.Rejected("slack-webhook",
                "Slack refused the webhook URL: HTTP " + status + " " + error, true));
    }

    @Test
    void aServerErrorIsRetried() {
        slackAnswers(503, "service unavailable");

        SendResult result = provider().send(shipped());

        assertThat(result).isEqualTo(new SendResult.Retry("slack-webhook", "HTTP 503: service unavailable",
                Optional.empty()));
    }

    @Test
    void rateLimitingIsRetriedAfterTheTimeSlackAsks() {
        slack.stubFor(post(HOOK_PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("rate_limited")));

        SendResult result = provider().send(shipped());

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        slack.stubFor(post(HOOK_PATH).willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(3000)));

        SendResult result = provider(Duration.ofMillis(300)).send(shipped());

        assertThat(result).isEqualTo(new SendResult.Retry("slack-webhook", "timed out after 300 ms"));
    }

    @Test
    void onlyUrlsAreWebhookAddresses() {
        assertThat(provider().accepts(hookUrl())).isTrue();
        assertThat(provider().accepts("C0123456")).isFalse();
    }
}
