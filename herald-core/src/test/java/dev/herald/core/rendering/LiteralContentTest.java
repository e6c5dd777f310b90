package dev.herald.core.rendering;

import dev.herald.core.request.ContentSpec;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralContentTest {
    private final LiteralContent literal = new LiteralContent();

    @Test
    void anEmailGetsTheTitleAsSubjectAndTheBodyAsText() {
        // given
        ContentSpec content = new ContentSpec("Your order shipped", "It is on its way.", null);

        // when
        Message email = literal.render(content, Channel.EMAIL);

        // then
        assertThat(email.subject()).isEqualTo("Your order shipped");
        assertThat(email.text()).isEqualTo("It is on its way.");
    }

    @Test
    void anEmailsHtmlPartEscapesMarkupAndKeepsLineBreaks() {
        // given
        ContentSpec content = new ContentSpec("Hi", "Hello <script>alert('x')</script> & bye\nSee you", null);

        // when
        Message email = literal.render(content, Channel.EMAIL);

        // then
        assertThat(email.html())
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&amp; bye<br>See you");
    }

    @Test
    void anEmailUsesTheCallersOwnHtmlAsIs() {
        // given
        String html = "<h1>Shipped</h1><p>On its way</p>";
        ContentSpec content = new ContentSpec("Shipped", "On its way", html);

        // when
        Message email = literal.render(content, Channel.EMAIL);

        // then
        assertThat(email.html()).isEqualTo(html);
    }

    @Test
    void anEmailWithoutATitleHasAnEmptySubject() {
        // given
        ContentSpec content = new ContentSpec(null, "On its way", null);

        // when
        Message email = literal.render(content, Channel.EMAIL);

        // then
        assertThat(email.subject()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"SMS", "KAKAO"})
    void shortMessageChannelsGetTheBodyAlone(Channel channel) {
        // given
        ContentSpec content = new ContentSpec("Shipped", "Your order is on its way", "<p>ignored</p>");

        // when
        Message message = literal.render(content, channel);

        // then
        assertThat(message).isEqualTo(new Message(null, "Your order is on its way", null));
    }
}
