package dev.herald.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Herald: API, dispatchers and the embedded default database unless configured otherwise. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HeraldApplication {
    public static void main(String[] args) {
        SpringApplication.run(HeraldApplication.class, args);
    }
}
