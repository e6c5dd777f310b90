package dev.herald.server.api;

import dev.herald.core.request.Violation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem details the same way for controllers and for servlet filters. */
public final class Problems {
    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:herald:problem:" + slug));
        problem.setTitle(title);
        // An unsubscribe link's path is its bearer token: never echoed back in an error answer.
        if (instance != null && !instance.startsWith("/u/")) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }

    public static ProblemDetail invalid(List<Violation> violations, String instance) {
        String detail = violations.size() == 1
                ? violations.getFirst().field() + ": " + violations.getFirst().message()
                : violations.size() + " fields are invalid; see errors";
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, instance);
        return withErrors(problem, violations);
    }

    /** Well-formed, but not possible now (an idempotency key already used for another request): 422. */
    public static ProblemDetail conflict(List<Violation> violations, String instance) {
        ProblemDetail problem = of(HttpStatus.UNPROCESSABLE_CONTENT, "conflict", "Cannot be done",
                violations.getFirst().field() + ": " + violations.getFirst().message(), instance);
        return withErrors(problem, violations);
    }

    /** The resource's state refuses the request (an id already taken, a tenant that is not empty): 409. */
    public static ProblemDetail stateConflict(Violation violation, String instance) {
        ProblemDetail problem = of(HttpStatus.CONFLICT, "state-conflict", "Conflict",
                violation.field() + ": " + violation.message(), instance);
        return withErrors(problem, List.of(violation));
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<Violation> violations) {
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "rule", v.rule(), "message", v.message())).toList());
        return problem;
    }

    /** For filters, which answer before Spring MVC gets the request. */
    public void write(HttpServletResponse response, HttpStatus status, String slug, String title, String detail,
                      String instance) throws IOException {
        write(response, of(status, slug, title, detail, instance));
    }

    /** Writes a problem built here ({@link #invalid}, …) where no MVC answer is made. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
