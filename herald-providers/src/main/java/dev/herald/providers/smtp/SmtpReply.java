package dev.herald.providers.smtp;

import java.util.regex.Pattern;

/**
 * A relay's answer cut down to one line that is safe to keep on a delivery: its code and text without the
 * addresses it quotes (a delivery's last error is shown by the API and must not repeat who the mail was for).
 */
record SmtpReply(int code, String text) {
    private static final Pattern BRACKETED = Pattern.compile("<[^>]*>");
    private static final Pattern ADDRESS = Pattern.compile("\\S+@\\S+");
    private static final Pattern LEADING_CODE = Pattern.compile("^\\d{3}[ -]?");
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.\\d{1,3}");
    private static final int MAX_TEXT = 160;

    /** {@code line} is the relay's reply as Angus Mail keeps it, usually starting with the code itself. */
    static SmtpReply of(int code, String line) {
        String text = line == null ? "" : line.strip().lines().findFirst().orElse("");
        text = LEADING_CODE.matcher(text).replaceFirst("");
        text = ADDRESS.matcher(BRACKETED.matcher(text).replaceAll("")).replaceAll("");
        // "4.2.0 <ann@x>: mailbox busy" leaves "4.2.0 : mailbox busy" behind; tidy the gap the address left.
        text = text.replaceAll("\\s+:", ":").replaceAll("^(\\d\\.\\d{1,3}\\.\\d{1,3}):", "$1")
                .replaceAll("\\s{2,}", " ").strip();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "…";
        }
        return new SmtpReply(code, text);
    }

    /**
     * A 4xx to RCPT TO that speaks about the mailbox (greylisting, a full or busy mailbox, a per-recipient policy),
     * not about the relay: 421 closes the whole session, and enhanced codes 4.3.x (mail system) and 4.4.x (network)
     * say the relay itself is in trouble.
     */
    boolean isRecipientsPassingTrouble() {
        if (code != 450 && code != 451 && code != 452) {
            return false;
        }
        var enhanced = ENHANCED.matcher(text);
        return !enhanced.find() || !(enhanced.group(2).equals("3") || enhanced.group(2).equals("4"));
    }

    /** {@code SMTP 450 4.2.0 mailbox busy (RCPT)}. */
    String describe(String step) {
        return "SMTP " + code + (text.isEmpty() ? "" : " " + text) + " (" + step + ")";
    }
}
