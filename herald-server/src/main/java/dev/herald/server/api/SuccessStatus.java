package dev.herald.server.api;

import org.springframework.http.HttpStatus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every success status a handler answering {@code ResponseEntity} can choose at run time, as the API description
 * lists them (first the usual one). springdoc only sees the return type and would document 200; the body's schema
 * still comes from that type, and {@link HttpStatus#NO_CONTENT} is listed without one.
 * ApiSuccessCodesTest makes real calls and checks the list against the statuses answered.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SuccessStatus {
    HttpStatus[] value();
}
