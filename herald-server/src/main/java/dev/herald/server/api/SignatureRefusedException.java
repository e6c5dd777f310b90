package dev.herald.server.api;

/** A provider callback whose signature does not check out (or that names nothing we sent). */
final class SignatureRefusedException extends RuntimeException {
    SignatureRefusedException() {
        super("signature missing or not valid for this callback");
    }
}
