package dev.herald.core.request;

/**
 * A recipient as the caller named it: a user of the directory, raw addresses, or both
 * (inline addresses win over the directory's for that one notification).
 */
public record RecipientSpec(String userId, String email, String phone, String pushToken, String slack,
                            String webhookUrl) {
    public static RecipientSpec user(String userId) {
        return new RecipientSpec(userId, null, null, null, null, null);
    }

    public static RecipientSpec email(String email) {
        return new RecipientSpec(null, email, null, null, null, null);
    }

    public static RecipientSpec phone(String phone) {
        return new RecipientSpec(null, null, phone, null, null, null);
    }

    public boolean hasInlineAddress() {
        return email != null || phone != null || pushToken != null || slack != null || webhookUrl != null;
    }
}
