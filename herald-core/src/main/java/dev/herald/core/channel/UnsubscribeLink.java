package dev.herald.core.channel;

import java.util.Objects;

/**
 * Where the recipient of an email stops getting its type by email (RFC 8058 one-click): the signed https link, and
 * a mailto address if the installation has one. An email provider that builds MIME writes both headers from it.
 */
public record UnsubscribeLink(String url, String mailto) {
    /** The value RFC 8058 asks for alongside the link: a POST of exactly this, form-encoded, unsubscribes. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    public UnsubscribeLink {
        Objects.requireNonNull(url, "url");
    }

    /** The {@code List-Unsubscribe} header value (RFC 2369): the https link first, then the mailto if any. */
    public String listUnsubscribe() {
        return mailto == null ? "<" + url + ">" : "<" + url + ">, <" + mailto + ">";
    }
}
