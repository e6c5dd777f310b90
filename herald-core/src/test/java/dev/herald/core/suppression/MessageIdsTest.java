package dev.herald.core.suppression;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void aBracketedIdIsTriedAsGivenThenBare() {
        assertThat(MessageIds.forms("<1.2@herald.example>")).containsExactly("<1.2@herald.example>", "1.2@herald.example");
    }

    @Test
    void aBareIdIsTriedAsGivenThenBracketed() {
        assertThat(MessageIds.forms(" custom-message-ID ")).containsExactly("custom-message-ID", "<custom-message-ID>");
    }

    @Test
    void nothingEmptyOrLongerThanTheColumnIsLookedUp() {
        assertThat(MessageIds.forms(null)).isEmpty();
        assertThat(MessageIds.forms("  ")).isEmpty();
        assertThat(MessageIds.forms("<>")).containsExactly("<>", "<<>>");
        assertThat(MessageIds.forms("x".repeat(256))).isEmpty();
        assertThat(MessageIds.forms("x".repeat(255))).containsExactly("x".repeat(255));
    }
}
