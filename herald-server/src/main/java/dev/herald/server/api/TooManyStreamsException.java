package dev.herald.server.api;

/** A user already has as many live inbox streams open as one user may (one per open tab, within reason). */
final class TooManyStreamsException extends RuntimeException {
    TooManyStreamsException() {
        super("too many open inbox streams for this user; close another tab or wait for idle streams to time out");
    }
}
