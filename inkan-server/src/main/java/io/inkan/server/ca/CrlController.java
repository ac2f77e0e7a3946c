package io.inkan.server.ca;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * Publishes the private CA's CRLs where issued certificates point (their CRL distribution point):
 * unauthenticated, DER, {@code application/pkix-crl} (RFC 5280 section 4.2.1.13, RFC 2585).
 */
@RestController
class CrlController {

    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    private static final String SUFFIX = ".crl";

    private final Crls crls;

    CrlController(Crls crls) {
        this.crls = crls;
    }

    @GetMapping("/crl/{file}")
    @Audited(AuditAction.CA_AUTHORITY_READ)
    ResponseEntity<byte[]> crl(@PathVariable String file) {
        if (!file.endsWith(SUFFIX)) {
            throw Refusal.notFound("CRL", file);
        }
        byte[] der = crls.current(file.substring(0, file.length() - SUFFIX.length()));
        return ResponseEntity.ok().contentType(PKIX_CRL).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(der);
    }
}
