package dev.herald.server.config;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.InboundSettings;
import dev.herald.server.inbound.SendGridSignature;
import dev.herald.server.inbound.SesNotifications;
import dev.herald.server.inbound.SigningCertificates;
import dev.herald.server.inbound.SnsHosts;
import dev.herald.server.inbound.SnsSignature;
import dev.herald.server.inbound.SubscriptionConfirmations;
import dev.herald.server.inbound.TenantInboundSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/** Provider events in: SNS (SES) and SendGrid signature checks, from {@code herald.inbound}. */
@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    /** The calls SNS makes us make: certificate fetches and subscription confirmations, to allowed hosts only. */
    record SnsCalls(HttpClient http, SnsHosts hosts) {
    }

    @Bean
    SnsCalls snsCalls(InboundProperties properties, SslBundles bundles) {
        InboundProperties.Ses ses = properties.ses();
        SnsHosts hosts;
        try {
            hosts = new SnsHosts(ses.certHostPattern());
        } catch (PatternSyntaxException e) {
            throw new StartupProblem("herald.inbound.ses.cert-host-pattern is not a regular expression",
                    "Fix herald.inbound.ses.cert-host-pattern (AWS's rule is the default; remove it to use that).");
        }
        for (var tenant : properties.tenants().entrySet()) {
            String key = tenant.getValue().sendgridPublicKey();
            if (key != null && SendGridSignature.key(key).isEmpty()) {
                throw new StartupProblem("herald.inbound.tenants." + tenant.getKey()
                        + ".sendgrid-public-key is not a base64 DER EC public key",
                        "Copy the verification key from SendGrid's Event Webhook settings (Signed Event Webhook).");
            }
        }
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(ses.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ses.sslBundle() != null && !ses.sslBundle().isBlank()) {
            http.sslContext(bundles.getBundle(ses.sslBundle()).createSslContext());
        }
        return new SnsCalls(http.build(), hosts);
    }

    @Bean
    SnsSignature snsSignature(SnsCalls calls, InboundProperties properties, Clock clock) {
        InboundProperties.Ses ses = properties.ses();
        return new SnsSignature(new SigningCertificates(calls.http(), calls.hosts(),
                (int) ses.maxCertSize().toBytes(), ses.timeout(), ses.certCacheTtl()), clock, ses.maxAge());
    }

    @Bean
    SubscriptionConfirmations subscriptionConfirmations(SnsCalls calls, InboundProperties properties) {
        return new SubscriptionConfirmations(calls.http(), calls.hosts(), properties.ses().timeout());
    }

    @Bean
    SesNotifications sesNotifications(JsonMapper json) {
        return new SesNotifications(json);
    }

    @Bean
    TenantInboundSettings tenantInboundSettings(InboundSettings stored, CacheInvalidation invalidation,
                                                InboundProperties properties) {
        Map<String, List<String>> topics = new HashMap<>();
        Map<String, List<String>> keys = new HashMap<>();
        properties.tenants().forEach((tenant, inbound) -> {
            topics.put(tenant, inbound.sesTopicArns());
            if (inbound.sendgridPublicKey() != null) {
                keys.put(tenant, List.of(inbound.sendgridPublicKey()));
            }
        });
        return new TenantInboundSettings(stored, invalidation,
                Map.of(InboundProvider.SES, topics, InboundProvider.SENDGRID, keys));
    }

    @Bean
    SendGridSignature sendGridSignature(InboundProperties properties, Clock clock) {
        return new SendGridSignature(clock, properties.sendgrid().maxAge());
    }
}
