package dev.herald.core.model;

/**
 * What a channel is, written once per channel ({@link Channel#traits()}) and read by every stage instead of
 * switching on the channel: the address it reaches, the parts its message has, whether it carries the request's
 * structured data, whether its providers report receipts after SENT, and whether each message costs money.
 */
public record ChannelTraits(AddressKind address, Subject subject, boolean html, boolean carriesData,
                            boolean receipts, boolean paid) {

    /** Whether a message on the channel has a subject line (a title), and whether it must have one. */
    public enum Subject {
        /** No title: short text channels; a title that must be shown goes into the text. */
        NONE,
        /** A title when there is one (push, inbox, Slack, webhook). */
        OPTIONAL,
        /** Always a subject line, empty when none was given (an email header). */
        REQUIRED;

        /** The subject a message on the channel gets for {@code title}. */
        public String of(String title) {
            return switch (this) {
                case NONE -> null;
                case OPTIONAL -> title;
                case REQUIRED -> title == null ? "" : title;
            };
        }
    }

    public ChannelTraits {
        if (address == null || subject == null) {
            throw new IllegalArgumentException("a channel needs an address kind and a subject rule");
        }
    }

    /** A channel reaching {@code address} with text only (no title, no HTML, no data, no receipts, free). */
    public static ChannelTraits reaching(AddressKind address) {
        return new ChannelTraits(address, Subject.NONE, false, false, false, false);
    }

    public ChannelTraits withSubject(Subject rule) {
        return new ChannelTraits(address, rule, html, carriesData, receipts, paid);
    }

    /** Messages have an HTML part besides the text. */
    public ChannelTraits withHtml() {
        return new ChannelTraits(address, subject, true, carriesData, receipts, paid);
    }

    /** The receiver reads the request's structured data (payload fields, template variables, custom blocks). */
    public ChannelTraits withData() {
        return new ChannelTraits(address, subject, html, true, receipts, paid);
    }

    /** Providers report DELIVERED or READ after SENT, so a sent delivery waits for its receipt. */
    public ChannelTraits withReceipts() {
        return new ChannelTraits(address, subject, html, carriesData, true, paid);
    }

    /** Each message is billed: suppressing a duplicate saves money, and the stats say how much. */
    public ChannelTraits billedPerMessage() {
        return new ChannelTraits(address, subject, html, carriesData, receipts, true);
    }
}
