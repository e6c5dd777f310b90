package dev.herald.core.templates;

import dev.herald.core.model.Channel;

import java.util.List;
import java.util.Arrays;

/**
 * Default templates of the seed types, in English (the default locale) and Korean. Variables are the data an event
 * of the type is expected to carry; the tenant edits them like any other template (a new version).
 */
public final class SeedTemplates {
    private SeedTemplates() {
    }

    /** One template to install. */
    public record Seed(TemplateKey key, String subject, String text, String html) {
    }

    public static List<Seed> all() {
        return List.of(
                both("order.shipped", Channel.PUSH, "Your order has shipped", "Order {{orderId}} is on its way.",
                        "주문하신 상품이 발송되었습니다", "주문 {{orderId}}이(가) 발송되었습니다."),
                both("order.payment_reminder", Channel.PUSH, "Payment pending",
                        "Order {{orderId}} is waiting for your payment.", "결제 대기 중",
                        "주문 {{orderId}}의 결제를 기다리고 있습니다."),
                both("order.purchased", Channel.EMAIL, "New order {{orderId}}", "You have a new order: {{orderId}}.",
                        "새 주문 {{orderId}}", "새 주문이 들어왔습니다: {{orderId}}."),
                both("order.purchased", Channel.PUSH, "New order", "Order {{orderId}} was placed.", "새 주문",
                        "주문 {{orderId}}이(가) 접수되었습니다."),
                both("chat.message", Channel.EMAIL, "New message from {{senderName}}", "{{senderName}}: {{preview}}",
                        "{{senderName}}님의 새 메시지", "{{senderName}}: {{preview}}"),
                both("chat.message", Channel.PUSH, "{{senderName}}", "{{preview}}", "{{senderName}}", "{{preview}}"),
                both("payment.completed", Channel.EMAIL, "Payment received",
                        "We received your payment of {{amount}}.", "결제 완료", "{{amount}} 결제가 완료되었습니다."),
                both("payment.completed", Channel.IN_APP, "Payment received", "Payment of {{amount}} completed.",
                        "결제 완료", "{{amount}} 결제가 완료되었습니다."),
                both("payment.failed", Channel.EMAIL, "Payment failed",
                        "Your payment of {{amount}} failed. Please update your payment method.", "결제 실패",
                        "{{amount}} 결제에 실패했습니다. 결제 수단을 확인해 주세요."),
                both("payment.failed", Channel.IN_APP, "Payment failed", "Payment of {{amount}} failed.", "결제 실패",
                        "{{amount}} 결제에 실패했습니다."),
                both("payment.failed", Channel.SLACK, "Payment failed", "Payment of {{amount}} by {{payerId}} failed.",
                        "결제 실패", "{{payerId}}의 {{amount}} 결제 실패"),
                both("subscription.renewed", Channel.EMAIL, "Subscription renewed",
                        "Your {{plan}} subscription was renewed.", "구독 갱신",
                        "{{plan}} 구독이 갱신되었습니다."),
                both("subscription.expiring", Channel.EMAIL, "Subscription expiring",
                        "Your {{plan}} subscription ends on {{endsOn}}.", "구독 만료 예정",
                        "{{plan}} 구독이 {{endsOn}}에 만료됩니다."),
                both("subscription.expiring", Channel.IN_APP, "Subscription expiring",
                        "{{plan}} ends on {{endsOn}}.", "구독 만료 예정", "{{plan}} 구독이 {{endsOn}}에 만료됩니다."),
                everyChannel("security.alert", "Security alert", "{{message}}", "보안 알림", "{{message}}"))
                .stream().flatMap(List::stream).toList();
    }

    private static List<Seed> both(String type, Channel channel, String subject, String text, String koSubject,
                                   String koText) {
        String html = channel.traits().html() ? "<p>" + text + "</p>" : null;
        String koHtml = channel.traits().html() ? "<p>" + koText + "</p>" : null;
        return List.of(new Seed(new TemplateKey(type, channel, TemplateKey.DEFAULT_LOCALE), subject, text, html),
                new Seed(new TemplateKey(type, channel, "ko"), koSubject, koText, koHtml));
    }

    private static List<Seed> everyChannel(String type, String subject, String text, String koSubject,
                                           String koText) {
        return Arrays.stream(Channel.values())
                .flatMap(c -> both(type, c, subject, text, koSubject, koText).stream()).toList();
    }
}
