package dev.herald.providers.kakao;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

class KakaoAlimTalkProviderTest {
    private static final String MESSAGES = "/alimtalk/v2.3/appkeys/app-key-1/messages";

    @RegisterExtension
    static WireMockExtension gateway = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final KakaoAlimTalkProvider provider = new KakaoAlimTalkProvider(new KakaoAlimTalkSettings("kakao",
            gateway.baseUrl(), "app-key-1", "secret-1", "sender-key-1", Map.of("order.shipped", "ORDER_SHIPPED_V1"),
            new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(1500))), Clock.systemUTC());

    private static OutboundMessage alimTalk() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "김민수");
        data.put("orderNo", 42);
        data.put("express", true);
        data.put("items", List.of("book"));
        data.put("address", Map.of("city", "Seoul"));
        return TestOutbound.to(Channel.KAKAO, "+821012345678", "배송 안내", "김민수님, 주문 42번이 \"발송\"되었습니다.", data);
    }

    private static void answer(int status, String body) {
        gateway.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body)));
    }

    private static String result(boolean successful, int recipientCode, String recipientMessage) {
        return """
                {"header":{"resultCode":0,"resultMessage":"SUCCESS","isSuccessful":%s},
                 "message":{"requestId":"20240101-req-1","senderGroupingKey":null,
                  "sendResults":[{"recipientSeq":1,"recipientNo":"+821012345678","resultCode":%d,
                                  "resultMessage":"%s","recipientGroupingKey":null}]}}"""
                .formatted(successful, recipientCode, recipientMessage);
    }

    @Test
    void sendsTheTemplateForTheTypeWithTheDataAsParameters() {
        answer(200, result(true, 0, "SUCCESS"));

        SendResult result = provider.send(alimTalk());

        assertThat(result).isEqualTo(new SendResult.Sent("kakao", "20240101-req-1"));
        gateway.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("X-Secret-Key", equalTo("secret-1"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("""
                        {"senderKey":"sender-key-1","templateCode":"ORDER_SHIPPED_V1",
                         "recipientList":[{"recipientNo":"+821012345678",
                                           "content":"김민수님, 주문 42번이 \\"발송\\"되었습니다.",
                                           "templateParameter":{"name":"김민수","orderNo":"42","express":"true"}}]}""")));
    }

    @Test
    void aTypeWithoutATemplateIsRefusedWithoutCallingTheGateway() {
        OutboundMessage otherType = new OutboundMessage(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(),
                "password.reset", Channel.KAKAO, "user-1", "+821012345678", new Message(null, "reset", null));

        SendResult result = provider.send(otherType);

        assertThat(result).isEqualTo(
                new SendResult.Rejected("kakao", "no AlimTalk template for type password.reset", false));
        gateway.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anotherTenantsTypeOfTheSameNameHasNoTemplate() {
        OutboundMessage otherTenant = new OutboundMessage(UUID.randomUUID(), new TenantId("acme"), UUID.randomUUID(),
                "order.shipped", Channel.KAKAO, "user-1", "+821012345678", new Message(null, "shipped", null));

        SendResult result = provider.send(otherTenant);

        assertThat(result).isEqualTo(
                new SendResult.Rejected("kakao", "no AlimTalk template for type order.shipped", false));
        gateway.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void kakaoRefusingTheMessageIsRejectedButTheNumberStaysUsableForSms() {
        answer(200, """
                {"header":{"resultCode":-1021,"resultMessage":"Invalid template parameter","isSuccessful":false}}""");

        SendResult result = provider.send(alimTalk());

        assertThat(result).isEqualTo(
                new SendResult.Rejected("kakao", "AlimTalk refused (-1021): Invalid template parameter", false));
    }

    @Test
    void aRecipientKakaoCannotReachIsRejectedButTheNumberStaysUsableForSms() {
        answer(200, result(true, -3020, "Not a KakaoTalk user"));

        SendResult result = provider.send(alimTalk());

        assertThat(result).isEqualTo(
                new SendResult.Rejected("kakao", "AlimTalk refused (-3020): Not a KakaoTalk user", false));
    }

    @Test
    void aClientErrorIsAPermanentRefusal() {
        answer(400, """
                {"header":{"resultCode":-1001,"resultMessage":"Invalid request","isSuccessful":false}}""");

        SendResult result = provider.send(alimTalk());

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).startsWith("HTTP 400");
            assertThat(rejected.invalidAddress()).isFalse();
        });
    }

    @Test
    void refusedCredentialsAreRetriedForAnOperatorToFix() {
        answer(401, """
                {"header":{"resultCode":-1000,"resultMessage":"Invalid secret key","isSuccessful":false}}""");

        SendResult result = provider.send(alimTalk());

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("credentials refused"));
    }

    @Test
    void aServerErrorIsRetried() {
        answer(500, "{\"header\":{\"resultCode\":-9999,\"isSuccessful\":false}}");

        SendResult result = provider.send(alimTalk());

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("HTTP 500"));
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanTheGatewayAsks() {
        gateway.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "5")));

        SendResult result = provider.send(alimTalk());

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(5))));
    }

    @Test
    void aSlowGatewayIsRetriedAfterTheRequestDeadline() {
        gateway.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withBody(result(true, 0, "SUCCESS")).withFixedDelay(3000)));

        SendResult result = provider.send(alimTalk());

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("timed out"));
    }

    @Test
    void anAnswerWithoutAResultHeaderIsRetried() {
        answer(200, "<html>maintenance</html>");

        SendResult result = provider.send(alimTalk());

        assertThat(result).isInstanceOf(SendResult.Retry.class);
    }
}
