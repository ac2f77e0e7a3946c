package io.inkan.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** Entry point of the Inkan signing service. */
/* No user/password store: callers authenticate with API tokens (and, later, client certificates). */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class InkanServer {

    public static void main(String[] args) {
        SpringApplication.run(InkanServer.class, args);
    }
}
