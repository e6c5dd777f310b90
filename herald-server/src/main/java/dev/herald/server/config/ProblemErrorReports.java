package dev.herald.server.config;

import dev.herald.server.api.ProblemErrorReportValve;
import dev.herald.server.api.RouteVariables;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report valve (and the one Spring Boot adds
 * to hide stack traces). Runs after Boot's own customizer so that its valve is there to be replaced.
 */
final class ProblemErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
    private final JsonMapper json;
    private final RouteVariables routes;

    ProblemErrorReports(JsonMapper json, RouteVariables routes) {
        this.json = json;
        this.routes = routes;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.removeValve(valve);
                }
            }
            host.addValve(new ProblemErrorReportValve(json, routes));
            // The host adds a valve of this class when it starts unless it finds one: let it find ours.
            if (context.getParent() instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
