package dev.herald.server.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import java.util.Locale;

/**
 * Spring Boot's {@code /error}, where the container forwards failures that happen outside Spring MVC (a filter
 * that threw, a {@code sendError}): always problem+json, never an HTML page or a stack trace. Asked directly, it
 * is a 404 like any other unknown path.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null && c >= 400
                ? HttpStatus.resolve(c) : HttpStatus.NOT_FOUND;
        String instance = uri instanceof String u ? u : request.getRequestURI();
        String detail = code == null ? "no such resource"
                : status.is5xxServerError() ? "Herald could not process the request; see the server log."
                : status.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                status.getReasonPhrase(), detail, instance);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
