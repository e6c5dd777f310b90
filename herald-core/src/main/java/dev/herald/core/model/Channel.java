package dev.herald.core.model;

import java.util.Locale;
import java.util.Optional;

/** The ways Herald can reach a person; each is carried by one or more providers. */
public enum Channel {
    EMAIL, SMS, PUSH, IN_APP, SLACK, KAKAO, WEBHOOK;

    /** Reads a channel as people write it: {@code sms}, {@code SMS}, {@code in-app} or {@code IN_APP}. */
    public static Optional<Channel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normal = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Channel channel : values()) {
            if (channel.name().equals(normal)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
