package dev.herald.server.config;

import dev.herald.providers.http.HttpSettings;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real providers Herald may use, by kind ({@code herald.providers.<kind>[i]}), each with a unique name.
 * Which of them carry a channel, and in what order, is {@link ChannelsProperties}. Nothing here is required:
 * without providers every channel goes to the sandbox.
 */
public record ProvidersProperties(@DefaultValue Sandbox sandbox,
                                  List<Smtp> smtp,
                                  List<Twilio> twilio,
                                  List<HttpSms> httpSms,
                                  List<Kakao> kakao,
                                  List<Fcm> fcm,
                                  List<Apns> apns,
                                  List<Slack> slack,
                                  List<Webhook> webhook) {

    public ProvidersProperties {
        smtp = orEmpty(smtp);
        twilio = orEmpty(twilio);
        httpSms = orEmpty(httpSms);
        kakao = orEmpty(kakao);
        fcm = orEmpty(fcm);
        apns = orEmpty(apns);
        slack = orEmpty(slack);
        webhook = orEmpty(webhook);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The capture-only provider used for every channel that has no real provider configured. */
    public record Sandbox(@DefaultValue("0ms") Duration latency) {
    }

    /** Connect timeout, and the total deadline of one call (keep it well under the worker lease). */
    public record Http(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout) {
        HttpSettings settings() {
            return new HttpSettings(connectTimeout, requestTimeout);
        }
    }

    /**
     * Circuit breaker and throughput limit of one provider: the breaker opens when {@code failureRatePercent} of
     * the last {@code window} calls failed (once {@code minimumCalls} were made), stays open {@code openFor}, then
     * lets {@code trialCalls} through. {@code ratePerSecond} 0 means no limit; a send waits at most
     * {@code rateMaxWait} for a permit before the next provider is tried.
     */
    public record Guards(@DefaultValue("20") int window,
                         @DefaultValue("5") int minimumCalls,
                         @DefaultValue("50") float failureRatePercent,
                         @DefaultValue("30s") Duration openFor,
                         @DefaultValue("2") int trialCalls,
                         @DefaultValue("0") double ratePerSecond,
                         @DefaultValue("2s") Duration rateMaxWait) {
    }

    /**
     * {@code connectTimeout} and {@code readTimeout} (also for writes) bound each step; {@code sendTimeout} bounds
     * one whole send and must stay within half of {@code herald.worker.lease}.
     */
    // The records holding credentials print their names and endpoints only: a record's own toString prints every
    // component, and a start-up failure or a debugger could put a password in a log.
    public record Smtp(String name, String host, @DefaultValue("25") int port, String username, String password,
                       @DefaultValue("herald@localhost") String from, @DefaultValue("false") boolean startTls,
                       @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
                       @DefaultValue("12s") Duration sendTimeout, @DefaultValue SmtpPool pool,
                       @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "Smtp[name=" + name + ", host=" + host + ", port=" + port + ", credentials hidden]";
        }
    }

    /** The sessions kept open to one SMTP relay; see {@code SmtpSettings.Pool}. */
    public record SmtpPool(@DefaultValue("8") int maxConnections, @DefaultValue("30s") Duration idleTimeout,
                           @DefaultValue("2s") Duration checkAfterIdle,
                           @DefaultValue("100") int maxMessagesPerConnection) {
    }

    public record Twilio(String name, String baseUrl, String accountSid, String authToken, String fromNumber,
                         String messagingServiceSid, @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "Twilio[name=" + name + ", baseUrl=" + baseUrl + ", credentials hidden]";
        }
    }

    public record HttpSms(String name, String url, String authHeaderName, String authHeaderValue,
                          Map<String, Object> bodyTemplate, String from, String messageIdPointer,
                          @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "HttpSms[name=" + name + ", url=" + url + ", credentials hidden]";
        }
    }

    public record Kakao(String name, String baseUrl, String appKey, String secretKey, String senderKey,
                        Map<String, String> templateCodes, @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "Kakao[name=" + name + ", baseUrl=" + baseUrl + ", credentials hidden]";
        }
    }

    /**
     * {@code serviceAccountFile} (the installation's way) or {@code serviceAccountJson}, the key's JSON itself (a
     * tenant's integration gives it so, sealed at rest; a tenant may not name a file).
     */
    public record Fcm(String name, String baseUrl, String projectId, Path serviceAccountFile, String serviceAccountJson,
                      String tokenUri, @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "Fcm[name=" + name + ", projectId=" + projectId + ", credentials hidden]";
        }
    }

    /**
     * {@code signingKeyFile} (the installation's way) or {@code signingKey}, the {@code .p8} key's PEM text (a
     * tenant's integration gives it so, sealed at rest). {@code trustedServerCertificates} (a PEM file) or
     * {@code trustedServerCertificatesPem} (its text) replace the system trust store, for a local mock server only.
     */
    public record Apns(String name, String host, @DefaultValue("443") int port, String topic, Path signingKeyFile,
                       String signingKey, String teamId, String keyId, Path trustedServerCertificates,
                       String trustedServerCertificatesPem, @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "Apns[name=" + name + ", host=" + host + ", topic=" + topic + ", credentials hidden]";
        }
    }

    /** {@code allowInternalAddresses}: let webhook URLs resolve to loopback or private addresses (test peers). */
    public record Slack(String name, List<String> allowedHosts, @DefaultValue("false") boolean allowHttp,
                        @DefaultValue("false") boolean allowInternalAddresses,
                        @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
    }

    /**
     * {@code secret} signs what goes to {@code url}; {@code inlineSecret} (a different one) signs what goes to
     * callers' inline URLs. {@code allowInternalAddresses}: let inline URLs resolve to loopback or private addresses.
     */
    public record Webhook(String name, String url, String secret, String inlineSecret,
                          @DefaultValue("false") boolean allowInlineUrls,
                          List<String> allowedHosts, @DefaultValue("false") boolean allowHttp,
                          @DefaultValue("false") boolean allowInternalAddresses,
                          @DefaultValue Http http, @DefaultValue Guards guards)
            implements ProviderSettings {
        @Override
        public String toString() {
            return "Webhook[name=" + name + ", url=" + url + ", secrets hidden]";
        }
    }
}
