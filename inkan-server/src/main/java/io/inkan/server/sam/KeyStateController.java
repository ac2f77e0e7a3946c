package io.inkan.server.sam;

import io.inkan.core.api.KeyStateRequest;
import io.inkan.core.api.KeyView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stop-use, revocation and destruction of a key by the project's key custodians (K6, M6). */
@RestController
@RequestMapping("/api/v1/projects/{project}/keys/{key}")
class KeyStateController {

    private final KeyStateRequests requests;

    KeyStateController(KeyStateRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/disable")
    @Audited(AuditAction.KEY_DISABLE)
    @Transactional
    KeyView disable(@PathVariable String project, @PathVariable String key, @RequestBody KeyStateRequest request) {
        return Keys.view(requests.apply(project, key, KeyState.DISABLED, AuditAction.KEY_DISABLE, request));
    }

    @PostMapping("/revoke")
    @Audited(AuditAction.KEY_REVOKE)
    @Transactional
    KeyView revoke(@PathVariable String project, @PathVariable String key, @RequestBody KeyStateRequest request) {
        return Keys.view(requests.apply(project, key, KeyState.REVOKED, AuditAction.KEY_REVOKE, request));
    }

    @PostMapping("/destroy")
    @Audited(AuditAction.KEY_DESTROY)
    @Transactional
    KeyView destroy(@PathVariable String project, @PathVariable String key, @RequestBody KeyStateRequest request) {
        return Keys.view(requests.apply(project, key, KeyState.DESTROYED, AuditAction.KEY_DESTROY, request));
    }
}
