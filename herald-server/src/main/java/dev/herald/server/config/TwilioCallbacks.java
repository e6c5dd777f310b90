package dev.herald.server.config;

import dev.herald.providers.twilio.TwilioSignature;

import java.util.Map;
import java.util.Optional;

/**
 * The Twilio accounts whose status callbacks Herald accepts, by provider name: the signature check keyed with each
 * account's auth token, and the exact callback URL Herald gave Twilio (the signature covers it).
 */
public record TwilioCallbacks(Map<String, Account> byProvider) {
    public static final String PATH = "/api/v1/callbacks/twilio";

    public record Account(TwilioSignature signature, String callbackUrl) {
    }

    public Optional<Account> account(String providerName) {
        return providerName == null ? Optional.empty() : Optional.ofNullable(byProvider.get(providerName));
    }
}
