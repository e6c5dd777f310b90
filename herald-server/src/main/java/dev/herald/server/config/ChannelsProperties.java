package dev.herald.server.config;

import dev.herald.core.model.Channel;
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

    /**
     * The providers listed for {@code channel}. Configuration stays typed, one key per channel, so a channel's own
     * settings (Slack's fixed webhooks, Kakao's SMS fallback) sit beside its list; a new channel adds its key here.
     */
    public List<String> providers(Channel channel) {
        return switch (channel) {
            case EMAIL -> email.providers();
            case SMS -> sms.providers();
            case PUSH -> push.providers();
            case IN_APP -> inApp.providers();
            case SLACK -> slack.providers();
            case KAKAO -> kakao.providers();
            case WEBHOOK -> webhook.providers();
        };
    }

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
