package dev.herald.server.config;

import dev.herald.server.api.SuccessStatus;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

import java.util.Map;

/**
 * Replaces the 2xx answers springdoc guessed from a {@code ResponseEntity} return type (always 200) with the statuses
 * the handler declares with {@link SuccessStatus}, each with the body schema springdoc found (none for 204).
 */
final class SuccessStatusOfOperation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        SuccessStatus declared = handler.getMethodAnnotation(SuccessStatus.class);
        if (declared == null) {
            return operation;
        }
        ApiResponses guessed = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Content body = guessed.entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .map(e -> e.getValue().getContent()).filter(c -> c != null && !c.isEmpty()).findFirst().orElse(null);
        ApiResponses answers = new ApiResponses();
        for (HttpStatus status : declared.value()) {
            ApiResponse answer = new ApiResponse().description(status.getReasonPhrase());
            if (status != HttpStatus.NO_CONTENT && body != null) {
                answer.setContent(copy(body));
            }
            answers.addApiResponse(String.valueOf(status.value()), answer);
        }
        // The success answers first, then whatever else springdoc or annotations described (errors come later).
        guessed.forEach((code, response) -> {
            if (!code.startsWith("2")) {
                answers.addApiResponse(code, response);
            }
        });
        operation.setResponses(answers);
        return operation;
    }

    /** One media object per status: the examples added later belong to one answer, not to every one. */
    private static Content copy(Content content) {
        Content copied = new Content();
        for (Map.Entry<String, MediaType> media : content.entrySet()) {
            copied.addMediaType(media.getKey(), new MediaType().schema(media.getValue().getSchema()));
        }
        return copied;
    }
}
