package io.inkan.server.web;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Replaces Tomcat's HTML error page for the requests Tomcat refuses before any application code runs
 * (an unparsable request line, path or header, a line or header block over the limits, an unsupported
 * protocol version): the answer is problem+json of the same types {@link ErrorEndpoint} uses, and the
 * refusal is recorded like every other. Nothing of the request is echoed.
 */
class ProblemReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemReportValve.class);
    private static final int AUDITED_PATH = 200;

    private final ObjectProvider<AuditLog> audit;

    ProblemReportValve(ObjectProvider<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemDetail problem = ErrorEndpoint.problem(status);
        record(request, status, problem);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                // Every value is a constant of ErrorEndpoint: nothing here needs JSON escaping.
                writer.write("{\"type\":\"" + problem.getType() + "\",\"title\":\"" + problem.getTitle()
                        + "\",\"status\":" + status + ",\"detail\":\"" + problem.getDetail() + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("could not write the problem for a refused request", e);
        }
    }

    private void record(Request request, int status, ProblemDetail problem) {
        try {
            String path = String.valueOf(request.getRequestURI());
            if (path.length() > AUDITED_PATH) {
                path = path.substring(0, AUDITED_PATH) + "...";
            }
            audit.getObject().record(AuditAction.REQUEST, status >= 500 ? Outcome.FAILED : Outcome.REJECTED, null,
                    request.getMethod() + " " + path + " -> " + status + " " + problem.getType() + ": "
                            + problem.getDetail() + " (refused by the HTTP server)");
        } catch (RuntimeException e) {
            LOG.error("could not record a refused request", e);
        }
    }
}
