package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provider events in ({@code herald.inbound}): Amazon SES notifications through SNS and SendGrid's Event Webhook,
 * each posted to {@code /api/v1/callbacks/{ses|sendgrid}/{tenant}} and believed only when signed as the provider
 * documents and configured for that tenant under {@code tenants} (unless the tenant's admin set its own for that
 * provider through {@code /api/v1/inbound}, which then wins).
 *
 * @param ses      how SNS signing certificates are fetched and which hosts may serve them
 * @param sendgrid how fresh a SendGrid signature's timestamp must be
 * @param tenants  per tenant id: the SNS topics it takes SES events from and its SendGrid verification key
 */
@ConfigurationProperties("herald.inbound")
public record InboundProperties(@DefaultValue Ses ses, @DefaultValue SendGrid sendgrid,
                                Map<String, TenantInbound> tenants) {
    /** AWS's rule for where SNS certificates and subscription URLs live: SNS in a region, China's included. */
    public static final String AWS_SNS_HOSTS = "^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$";

    public InboundProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * @param certHostPattern the hosts SigningCertURL and SubscribeURL may name (AWS's rule by default: SNS in a
     *                        region, {@code sns.<region>.amazonaws.com}, or {@code .amazonaws.com.cn} in China)
     * @param maxCertSize     the largest certificate fetched (SNS's are about 2 KB)
     * @param certCacheTtl    how long a fetched certificate is kept (SNS rotates them rarely; URLs name them)
     * @param maxAge          an SNS message whose Timestamp is older is refused (SNS keeps the Timestamp across
     *                        its retries, which its delivery policy spreads over up to about an hour by default)
     * @param sslBundle       an SSL bundle ({@code spring.ssl.bundle.*}) to trust when fetching certificates and
     *                        confirming subscriptions; unset means the JDK's trust store (for tests serving the
     *                        certificate from a local peer)
     * @param timeout         the connect and request timeout of those calls
     */
    public record Ses(@DefaultValue(AWS_SNS_HOSTS) String certHostPattern,
                      @DefaultValue("16KB") DataSize maxCertSize,
                      @DefaultValue("12h") Duration certCacheTtl,
                      @DefaultValue("24h") Duration maxAge,
                      String sslBundle,
                      @DefaultValue("5s") Duration timeout) {
    }

    /** @param maxAge a signature whose timestamp header is older (or further ahead) is refused as a replay */
    public record SendGrid(@DefaultValue("10m") Duration maxAge) {
    }

    /**
     * @param sesTopicArns      the SNS topics whose SES notifications this tenant takes (SNS signs for every AWS
     *                          account's topics: the topic is what proves the events are this tenant's)
     * @param sendgridPublicKey the Event Webhook's verification key as SendGrid shows it (base64 of the DER
     *                          public key, ECDSA P-256)
     */
    public record TenantInbound(List<String> sesTopicArns, String sendgridPublicKey) {
        public TenantInbound {
            sesTopicArns = sesTopicArns == null ? List.of() : List.copyOf(sesTopicArns);
        }
    }

    public Optional<TenantInbound> tenant(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }
}
