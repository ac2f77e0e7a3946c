package io.inkan.server.keys;

import io.inkan.client.keys.KeyImportScheme;
import io.inkan.core.api.ImportKeyView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.identity.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;

/**
 * Publishes each token's import public key to any authenticated principal: it is public material, and
 * a client needs it to wrap a key before {@code POST /projects/{project}/keys/import}.
 */
@RestController
class ImportKeyController {

    private final ImportWrappingKeys importKeys;

    ImportKeyController(ImportWrappingKeys importKeys) {
        this.importKeys = importKeys;
    }

    @GetMapping("/api/v1/import-key")
    @Audited(AuditAction.KEY_READ)
    ImportKeyView importKey(@RequestParam(name = "token", required = false) String token) {
        Access.current(); // anyone authenticated: the key is public material
        ImportWrappingKeys.ImportKey key = importKeys.forToken(token);
        return new ImportKeyView(key.tokenName(), KeyImportScheme.NAME,
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
    }
}
