package dev.herald.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static dev.herald.core.model.ChannelTraits.Subject.NONE;
import static dev.herald.core.model.ChannelTraits.Subject.OPTIONAL;
import static dev.herald.core.model.ChannelTraits.Subject.REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelTraitsTest {

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyChannelDescribesWhatItIs(Channel channel) {
        ChannelTraits traits = channel.traits();

        assertThat(traits).as(channel + " has a descriptor").isNotNull();
        assertThat(traits.address()).as(channel + " reaches some kind of address").isNotNull();
        assertThat(traits.subject()).as(channel + " says whether it has a subject").isNotNull();
        assertThat(Channel.parse(channel.key())).as(channel + "'s configuration key reads back").contains(channel);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void aChannelWithHtmlAlsoHasASubjectLine(Channel channel) {
        if (channel.traits().html()) {
            assertThat(channel.traits().subject()).isEqualTo(REQUIRED);
        }
    }

    @Test
    void theDescriptorsSayWhatEachChannelIs() {
        assertThat(Channel.EMAIL.traits()).isEqualTo(new ChannelTraits(AddressKind.EMAIL, REQUIRED, true, false,
                false, false));
        assertThat(Channel.SMS.traits()).isEqualTo(new ChannelTraits(AddressKind.PHONE, NONE, false, false,
                true, true));
        assertThat(Channel.PUSH.traits()).isEqualTo(new ChannelTraits(AddressKind.PUSH_TOKEN, OPTIONAL, false, true,
                false, false));
        assertThat(Channel.IN_APP.traits()).isEqualTo(new ChannelTraits(AddressKind.USER_INBOX, OPTIONAL, false,
                false, true, false));
        assertThat(Channel.SLACK.traits()).isEqualTo(new ChannelTraits(AddressKind.SLACK_URL, OPTIONAL, false, true,
                false, false));
        assertThat(Channel.KAKAO.traits()).isEqualTo(new ChannelTraits(AddressKind.PHONE, NONE, false, true,
                true, true));
        assertThat(Channel.WEBHOOK.traits()).isEqualTo(new ChannelTraits(AddressKind.WEBHOOK_URL, OPTIONAL, false,
                true, false, false));
    }

    @Test
    void onlyPushIsAddressedPerDevice() {
        assertThat(Arrays.stream(AddressKind.values()).filter(AddressKind::perDevice))
                .containsExactly(AddressKind.PUSH_TOKEN);
    }

    @Test
    void theSubjectRuleShapesATitle() {
        assertThat(NONE.of("Hi")).isNull();
        assertThat(OPTIONAL.of(null)).isNull();
        assertThat(OPTIONAL.of("Hi")).isEqualTo("Hi");
        assertThat(REQUIRED.of(null)).isEmpty();
    }

    @Test
    void aDescriptorWithoutAnAddressKindIsRefused() {
        assertThatThrownBy(() -> ChannelTraits.reaching(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersListEveryChannelByName() {
        assertThat(Channel.allNames()).isEqualTo("EMAIL, SMS, PUSH, IN_APP, SLACK, KAKAO, WEBHOOK");
        assertThat(Channel.allKeys()).isEqualTo("email, sms, push, in-app, slack, kakao, webhook");
    }
}
