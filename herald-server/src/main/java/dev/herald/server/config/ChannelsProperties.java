package dev.herald.server.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * Which providers carry each channel, in failover order, by provider name ({@code herald.channels.<channel>}).
 * An empty list means every configured provider of that channel in the order configured, or the sandbox when
 * there is none; in-app defaults to Herald's own inbox, which needs no credentials either.
 */
public record ChannelsProperties(@DefaultValue Route email,
                                 @DefaultValue Route sms,
                                 @DefaultValue Route push,
                                 @DefaultValue Route inApp,
                                 @DefaultValue SlackRoute slack,
                                 @DefaultValue KakaoRoute kakao,
                                 @DefaultValue Route webhook) {

    public record Route(List<String> providers) {
        public Route {
            providers = providers == null ? List.of() : providers;
        }
    }

    /** {@code webhooksByType}: notification types that post to one Slack channel (e.g. operations) per notification. */
    public record SlackRoute(List<String> providers, Map<String, String> webhooksByType) {
        public SlackRoute {
            providers = providers == null ? List.of() : providers;
            webhooksByType = webhooksByType == null ? Map.of() : webhooksByType;
        }
    }

    /** {@code fallbackToSms}: a message Kakao refuses goes out as an SMS with the same text. */
    public record KakaoRoute(List<String> providers, @DefaultValue("true") boolean fallbackToSms) {
        public KakaoRoute {
            providers = providers == null ? List.of() : providers;
        }
    }
}
