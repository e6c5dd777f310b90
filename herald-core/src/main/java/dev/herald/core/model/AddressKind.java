package dev.herald.core.model;

/**
 * The kind of address a channel reaches, which says how it is validated and where a recipient's address for it is
 * found. Several channels may share a kind (SMS and Kakao both reach a phone number).
 */
public enum AddressKind {
    /** A mailbox, {@code ann@example.com}: the recipient's email. */
    EMAIL,
    /** A phone number in E.164 form: the recipient's phone. */
    PHONE,
    /** A device, {@code platform:token}: one address per registered device of the user, or the inline token. */
    PUSH_TOKEN,
    /** A Slack incoming-webhook URL: the recipient's Slack address, or a type's fixed channel. */
    SLACK_URL,
    /** An HTTPS endpoint: the inline URL if given, else the configured endpoint on behalf of the user. */
    WEBHOOK_URL,
    /** Herald's own inbox of the user: the user id. */
    USER_INBOX;

    /** Whether a recipient has one address per registered device (looked up in the device registry). */
    public boolean perDevice() {
        return this == PUSH_TOKEN;
    }
}
