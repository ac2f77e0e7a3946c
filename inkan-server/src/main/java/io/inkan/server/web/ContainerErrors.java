package io.inkan.server.web;

import io.inkan.server.audit.AuditLog;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Installs {@link ProblemReportValve} as the host's error report valve, so that requests Tomcat refuses
 * on its own are answered in problem+json too. Tomcat adds its own HTML valve at start unless one of the
 * configured class is already in the host's pipeline.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ObjectProvider<AuditLog> audit;

    /** The audit log is looked up per refusal: the web server starts before the database is ready. */
    ContainerErrors(ObjectProvider<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve(audit));
        });
    }
}
