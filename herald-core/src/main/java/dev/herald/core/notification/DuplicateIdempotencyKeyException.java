package dev.herald.core.notification;

/** Another request with the same idempotency key won the race to be written first. */
public final class DuplicateIdempotencyKeyException extends RuntimeException {
    public DuplicateIdempotencyKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
