package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A certificate authority of the private CA: public material only.
 *
 * @param parent           the issuing authority; {@code null} for a root
 * @param certificateChain the authority's certificate first, up to its root; base64 DER each
 * @param crlUrl           where its CRL is published
 */
public record AuthorityView(String name, String key, String parent, String subject, List<String> certificateChain,
                            String crlUrl, Instant notAfter) {
}
