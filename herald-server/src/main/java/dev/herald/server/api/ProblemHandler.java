package dev.herald.server.api;

import dev.herald.core.model.FailureKind;
import org.springframework.web.servlet.HandlerMapping;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.server.integrations.CredentialSeal;
import dev.herald.server.security.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.net.URI;
import java.util.UUID;

/**
 * Turns every failure into an RFC 9457 problem: bad input names the field and the rule; anything unexpected
 * is a plain 500 without internals (the stack trace goes to the log, never to the client).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        return respond(e.isConflict() ? Problems.conflict(e.violations(), request.getRequestURI())
                : Problems.invalid(e.violations(), request.getRequestURI()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e, HttpServletRequest request) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage(),
                request.getRequestURI()));
    }

    @ExceptionHandler(CredentialSeal.IntegrationsOffException.class)
    ResponseEntity<ProblemDetail> integrationsOff(CredentialSeal.IntegrationsOffException e,
                                                  HttpServletRequest request) {
        return respond(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "integrations-off", "Integrations are off",
                e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return respond(Problems.stateConflict(new Violation(e.field(), e.rule(), e.getMessage()),
                request.getRequestURI()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(),
                request.getRequestURI()));
    }

    @ExceptionHandler(SignatureRefusedException.class)
    ResponseEntity<ProblemDetail> signatureRefused(SignatureRefusedException e, HttpServletRequest request) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "bad-signature", "Forbidden", e.getMessage(),
                request.getRequestURI()));
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e, HttpServletRequest request) {
        return respond(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many streams",
                e.getMessage(), request.getRequestURI()));
    }

    /** Tomcat could not decode the query string (broken percent-encoding): name the parameters that hold it. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> badQuery(InvalidParameterException e, HttpServletRequest request) {
        List<Violation> violations = QueryParams.badlyEncoded(request.getQueryString()).stream()
                .map(name -> new Violation(name, "encoding", "is not valid percent-encoding (use %25 for a literal %)"))
                .toList();
        return respond(Problems.invalid(violations.isEmpty()
                ? List.of(new Violation("query", "format", "could not be read (broken encoding or too many parameters)"))
                : violations,
                request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        // The route's pattern, not the URI (user ids and tokens travel in paths), and the failure's kind and origin,
        // not its message (database messages quote the row); the whole exception only at DEBUG.
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        LOG.error("unexpected failure on {} {}: {}", request.getMethod(), route == null ? "(no route)" : route,
                FailureKind.withOrigin(e, 5));
        LOG.debug("unexpected failure, in full", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Herald could not process the request; nothing about it is the caller's fault. See the server log.",
                request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String instance = ((ServletWebRequest) request).getRequest().getRequestURI();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "request body exceeds the limit of " + tooLarge.limit() + " bytes", instance));
            }
        }
        return body(Problems.invalid(List.of(violation(e.getCause())), instance));
    }

    /** A query parameter or path variable of the wrong type ({@code limit=abc}, an id that is no UUID), by name. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String instance = ((ServletWebRequest) request).getRequest().getRequestURI();
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String message = type == UUID.class ? "must be an id this API returned"
                : type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive()) ? "must be a whole number"
                : "has the wrong type";
        return body(Problems.invalid(List.of(new Violation(field, "type", message)), instance));
    }

    /** Names the JSON field that could not be read, and why. */
    private static Violation violation(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new Violation(path(unknown), "unknown-field", "is not a field of this request");
        }
        if (cause instanceof StrictJson.NulInText nul) {
            return new Violation(path(nul), "nul", "must not contain NUL (\\u0000) characters");
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return new Violation(path(mismatch), "type", "must be " + expected);
        }
        if (cause instanceof StreamReadException syntax) {
            String where = syntax.getLocation() == null ? ""
                    : " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
            return new Violation("body", "json", "is not valid JSON" + where);
        }
        if (cause instanceof JacksonException other && !other.getPath().isEmpty()) {
            return new Violation(path(other), "type", "has the wrong type");
        }
        return new Violation("body", "required", "must be a JSON object");
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        // Spring's own errors (415, 405, 404, ...) come as ProblemDetail too; give them our type and media type.
        if (body instanceof ProblemDetail problem) {
            problem.setType(URI.create("urn:herald:problem:" + slug(status)));
            HttpHeaders merged = new HttpHeaders();
            merged.putAll(headers);
            merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(problem, merged, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
