package dev.herald.server.console;

import dev.herald.core.model.FailureKind;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.server.api.NotFoundException;
import dev.herald.server.security.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on console pages answer an HTML page in the console's layout, with the status kept and a message from the
 * bundle: never the exception's text or a stack trace, and never the API's problem+json, which stays the answer for
 * everything outside the console (this advice is ordered before {@code ProblemHandler} and applies to console
 * controllers only).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrorPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrorPages.class);
    private final ConsolePageModel pageModel;

    ConsoleErrorPages(ConsolePageModel pageModel) {
        this.pageModel = pageModel;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e, HttpServletRequest request) {
        return page(HttpStatus.FORBIDDEN, request);
    }

    @ExceptionHandler({InvalidRequestException.class, TypeMismatchException.class, InvalidParameterException.class,
            HttpMessageNotReadableException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        // Spring's own refusals (a missing parameter, a method not allowed) carry their status; they are the caller's.
        if (e instanceof ErrorResponse refusal && !refusal.getStatusCode().is5xxServerError()) {
            HttpStatus status = HttpStatus.resolve(refusal.getStatusCode().value());
            return page(status == null ? HttpStatus.BAD_REQUEST : status, request);
        }
        // As ProblemHandler logs it: the route's pattern and the failure's kind, never the URI or the message.
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        LOG.error("unexpected failure on console {} {}: {}", request.getMethod(),
                route == null ? "(no route)" : route, FailureKind.withOrigin(e, 5));
        LOG.debug("unexpected console failure, in full", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    private ModelAndView page(HttpStatus status, HttpServletRequest request) {
        // An exception handler's model starts empty: the layout's common parts are added here.
        ExtendedModelMap model = new ExtendedModelMap();
        pageModel.common(request, model);
        ModelAndView page = new ModelAndView("console/error", model);
        page.addObject("status", status.value());
        page.addObject("message", switch (status) {
            case NOT_FOUND -> "error.notFound";
            case FORBIDDEN -> "error.forbidden";
            case INTERNAL_SERVER_ERROR -> "error.internal";
            default -> status.is5xxServerError() ? "error.internal" : "error.badRequest";
        });
        page.setStatus(status);
        return page;
    }
}
