package dev.herald.server.api;

import java.io.IOException;

/** A request body grew past its limit while being read (chunked bodies have no Content-Length to check). */
public final class PayloadTooLargeException extends IOException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
