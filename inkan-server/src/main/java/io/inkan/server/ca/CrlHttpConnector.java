package io.inkan.server.ca;

import io.inkan.server.InkanProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * An optional plain-HTTP port ({@code inkan.ca.crl-http-port}) that serves the private CA's CRLs and
 * nothing else. Verifiers commonly fetch CRL distribution points over plain HTTP only (Windows does not
 * follow HTTPS ones), and a CRL is signed, so it needs no transport security. Every other request on
 * that port is answered 404 before authentication runs, so no credential is ever accepted in clear text.
 */
@Configuration
class CrlHttpConnector {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> crlHttpPort(InkanProperties properties) {
        return factory -> {
            int port = properties.ca().crlHttpPort();
            if (port > 0) {
                Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
                connector.setPort(port);
                factory.addAdditionalConnectors(connector);
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> onlyCrlsInClearText() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                boolean crl = "GET".equals(request.getMethod()) && request.getRequestURI().startsWith("/crl/");
                if (!request.isSecure() && !crl) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
