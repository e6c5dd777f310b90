package dev.herald.server.config;

import dev.herald.server.api.RequiresScope;
import dev.herald.server.security.ApiKeyFilter;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.util.Locale;

/** Shows the scope a handler declares with {@link RequiresScope}: as {@code x-scope}, in the text and as security. */
final class ScopeOfOperation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequiresScope required = handler.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            return operation;
        }
        String scope = required.value().name().toLowerCase(Locale.ROOT);
        operation.addExtension("x-scope", scope);
        String said = "Scope `" + scope + "`.";
        if (required.operator()) {
            operation.addExtension("x-operator", true);
            said += " Only the operator's key (an admin key of the default tenant).";
        }
        operation.setDescription(operation.getDescription() == null ? said : operation.getDescription() + "\n\n" + said);
        operation.addSecurityItem(new SecurityRequirement().addList(ApiDescriptionConfiguration.API_KEY));
        operation.addParametersItem(new HeaderParameter().name(ApiKeyFilter.ACTING_FOR).required(false)
                .schema(new StringSchema()).description("The operator's key only: act for this tenant (an unknown "
                        + "tenant is 404; any other key sending it gets 403)."));
        return operation;
    }
}
