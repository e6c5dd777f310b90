package dev.herald.server.api;

import dev.herald.core.request.Violation;
import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Locale;

/**
 * Tomcat's own error answers as problem+json instead of its HTML page: requests it refuses before any servlet runs
 * (request headers over the limit, a NUL or another broken byte in the path) and anything no servlet answered.
 * Never shows a stack trace or the server's version.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
    private final JsonMapper json;
    private final RouteVariables routes;

    public ProblemErrorReportValve(JsonMapper json, RouteVariables routes) {
        this.json = json;
        this.routes = routes;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = problem(request, response, status, throwable);
        try {
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("utf-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over; there is nobody left to answer.
        }
    }

    private ProblemDetail problem(Request request, Response response, int status, Throwable throwable) {
        String uri = request.getRequestURI();
        String instance = uri == null || uri.indexOf('%') >= 0 || uri.indexOf('\0') >= 0 ? null : uri;
        Throwable cause = throwable != null ? throwable
                : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status == 400 && cause instanceof IllegalArgumentException && cause.getMessage() != null
                && cause.getMessage().contains("header is too large")) {
            return Problems.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request-header-fields-too-large",
                    "Request header fields too large", "the request line and headers exceed the server's limit",
                    instance);
        }
        if (status == 400 && uri != null && uri.contains("%00")) {
            String field = routes.holdingNul(uri).orElse("path");
            return Problems.invalid(List.of(new Violation(field, "nul", "must not contain NUL (%00) characters")),
                    instance);
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus answer = known == null ? HttpStatus.BAD_REQUEST : known;
        String detail = answer.is4xxClientError() ? "the request could not be read (malformed request line, path "
                + "or headers)" : "Herald could not process the request; see the server log.";
        return Problems.of(answer, answer.name().toLowerCase(Locale.ROOT).replace('_', '-'), answer.getReasonPhrase(), detail,
                instance);
    }
}
