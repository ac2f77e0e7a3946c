package io.inkan.core.api;

import java.util.List;

/**
 * A principal as the server sees it: the caller ({@code GET /api/v1/whoami}) or a managed principal.
 *
 * @param kind         {@code human}, {@code machine}, {@code token} (an API token) or {@code ci} (an OIDC workload)
 * @param roles        {@code admin} and {@code <project>:<role>} entries, one per role binding
 * @param certificates the client certificates identifying it, as {@code <issuer> #<serial hex>}
 */
public record PrincipalView(String name, String kind, List<String> roles, List<String> certificates) {
}
