package dev.herald.providers.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpAnswerTest {
    private static HttpAnswer answer(String body) {
        return new HttpAnswer(400, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void aRefusalQuotingTheRecipientKeepsTheReasonButNotTheAddress() {
        assertThat(answer("{\"error\":\"+82 10-1234-5678 is not a valid number\"}").bodySnippet())
                .isEqualTo("{\"error\":\"<number> is not a valid number\"}");
        assertThat(answer("mailbox ann.lee@example.com\nis full").bodySnippet())
                .isEqualTo("mailbox <address> is full");
    }

    @Test
    void shortCodesAndStatusWordsStay() {
        assertThat(answer("{\"code\": 21211, \"message\": \"invalid_payload\"}").bodySnippet())
                .isEqualTo("{\"code\": 21211, \"message\": \"invalid_payload\"}");
    }
}
