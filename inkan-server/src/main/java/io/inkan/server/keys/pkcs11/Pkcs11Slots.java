package io.inkan.server.keys.pkcs11;

import io.inkan.server.keys.TokenException;
import io.inkan.server.keys.TokenSettingException;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot that holds a token. Slot ids can change when tokens are added or an HSM is
 * reconfigured (SoftHSM2 even derives them from a random serial), while the label is the operator's
 * choice; but SunPKCS11 selects slots only by id or list index, so the label is matched here through the
 * JDK's PKCS#11 wrapper and the resulting id is handed to SunPKCS11.
 */
final class Pkcs11Slots {

    private Pkcs11Slots() {
    }

    static long resolve(PKCS11 module, Pkcs11TokenSettings settings) {
        String label = settings.tokenLabel();
        if (label == null) {
            if (settings.slot() == null) {
                throw new TokenSettingException("inkan.tokens.pkcs11[].token-label", "token '" + settings.name()
                        + "' needs a tokenLabel or a slot", "Set inkan.tokens.pkcs11[].token-label to the label "
                        + "given at softhsm2-util --init-token (or the HSM's own), or inkan.tokens.pkcs11[].slot.");
            }
            return settings.slot();
        }
        List<Long> matches = new ArrayList<>();
        try {
            for (long slot : module.C_GetSlotList(true)) {
                if (new String(module.C_GetTokenInfo(slot).label).trim().equals(label.trim())) {
                    matches.add(slot);
                }
            }
        } catch (PKCS11Exception e) {
            throw new TokenException("cannot list the slots of " + settings.library() + " for token '"
                    + settings.name() + "': " + e.getMessage(), e);
        }
        if (matches.size() != 1) {
            throw new TokenSettingException("inkan.tokens.pkcs11[].token-label", (matches.isEmpty() ? "no"
                    : matches.size()) + " tokens labelled '" + label + "' in " + settings.library() + " for token '"
                    + settings.name() + "'", "Initialise a token with that label (softhsm2-util --init-token --free "
                    + "--label " + label + "), or set inkan.tokens.pkcs11[].token-label to the label of exactly one "
                    + "token (pkcs11-tool --module " + settings.library() + " --list-slots shows them).");
        }
        return matches.get(0);
    }
}
