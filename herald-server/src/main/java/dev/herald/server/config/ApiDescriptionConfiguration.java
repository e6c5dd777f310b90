package dev.herald.server.config;

import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.UserToken;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (springdoc): security schemes, scopes, problem answers and examples. */
@Configuration(proxyBeanMethods = false)
class ApiDescriptionConfiguration {
    static final String API_KEY = "apiKey";
    static final String USER_TOKEN = "userToken";
    static final String TWILIO_SIGNATURE = "twilioSignature";
    static final String SNS_SIGNATURE = "snsSignature";
    static final String SENDGRID_SIGNATURE = "sendgridSignature";

    @Bean
    OpenAPI heraldOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Herald API").version("v1")
                        .description("Self-hosted multi-channel notifications. Every operation names the API-key "
                                + "scope it needs (`x-scope`: read, send or admin); errors are RFC 9457 "
                                + "`application/problem+json` naming the field and the rule.")
                        .license(new License().name("see the repository")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key: `Authorization: Bearer hk_…`. The key "
                                        + "decides the tenant; its scopes decide what it may call."))
                        .addSecuritySchemes(USER_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A user token for the inbox, from "
                                        + "`POST /api/v1/users/{userId}/inbox-token` (the stream also takes "
                                        + "`?token=`)."))
                        .addSecuritySchemes(TWILIO_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Twilio-Signature")
                                .description("Twilio's signature over the callback URL and form; no API key."))
                        .addSecuritySchemes(SNS_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("x-amz-sns-message-type")
                                .description("Amazon SNS's signature inside the message (SignatureVersion 1 or 2, "
                                        + "checked with the certificate at SigningCertURL on an SNS host), for a "
                                        + "topic the tenant configured; no API key."))
                        .addSecuritySchemes(SENDGRID_SIGNATURE, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-Twilio-Email-Event-Webhook-Signature")
                                .description("SendGrid's ECDSA signature over the timestamp header and the body, "
                                        + "checked with the tenant's verification key; no API key.")));
    }

    @Bean
    OperationCustomizer scopeOfOperation() {
        return new ScopeOfOperation();
    }

    @Bean
    OperationCustomizer successStatusOfOperation() {
        return new SuccessStatusOfOperation();
    }

    @Bean
    OpenApiCustomizer apiAreas() {
        return new ApiAreas();
    }

    @Bean
    OpenApiCustomizer problemAnswers() {
        return new ProblemAnswers();
    }

    @Bean
    OpenApiCustomizer recipientSchema() {
        return new RecipientSchema();
    }

    @Bean
    OpenApiCustomizer notificationSearchDescription() {
        return new NotificationSearchDescription();
    }

    @Bean
    OpenApiCustomizer apiExamples() {
        return new ApiExamples();
    }

    /** The caller and the inbox user come from the authentication filters, not from the request's parameters. */
    @Bean
    ParameterCustomizer hideAuthenticatedPrincipal() {
        return (parameter, methodParameter) -> {
            Class<?> type = methodParameter.getParameterType();
            return type == Caller.class || type == UserToken.class ? null : parameter;
        };
    }
}
