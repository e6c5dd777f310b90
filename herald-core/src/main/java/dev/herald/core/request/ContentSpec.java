package dev.herald.core.request;

/** Literal content given with a request, used when no template exists for the type and channel. */
public record ContentSpec(String title, String body, String html) {
}
