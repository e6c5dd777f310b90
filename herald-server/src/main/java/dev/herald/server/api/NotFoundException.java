package dev.herald.server.api;

/** The addressed resource does not exist for the caller's tenant. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
