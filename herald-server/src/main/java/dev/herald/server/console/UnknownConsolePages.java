package dev.herald.server.console;

import dev.herald.server.api.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Any console address no page answers: the console's own 404 page ({@link ConsoleErrorPages}) rather than the API's
 * problem+json. Every more specific mapping wins over this one.
 */
@Controller
class UnknownConsolePages {
    @RequestMapping("/console/**")
    String unknown() {
        throw new NotFoundException("no such console page");
    }
}
