package dev.herald.server.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The rules every JSON request body obeys before any controller sees it: a string field takes a JSON string only
 * ({@code "type": true} is not the type "true"), and no string holds a NUL, which PostgreSQL cannot store.
 */
public final class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        // allow-coercion-of-scalars=false does not cover strings: Jackson still turns true or 0 into "true" or "0".
        builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        builder.addModule(new SimpleModule("herald-strict-json").addDeserializer(String.class, new TextWithoutNul()));
    }

    /** A string that fails, at its own path, when it holds a NUL; ProblemHandler names that path. */
    static final class TextWithoutNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulInText(p, value);
            }
            return value;
        }
    }

    /** A string refused for holding a NUL. */
    static final class NulInText extends InvalidFormatException {
        NulInText(JsonParser p, String value) {
            super(p, "string contains a NUL character", value, String.class);
        }
    }
}
