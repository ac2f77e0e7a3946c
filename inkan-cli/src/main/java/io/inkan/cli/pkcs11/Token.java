package io.inkan.cli.pkcs11;

import java.util.List;

/**
 * One PKCS#11 token: an Inkan project, in its own slot. Its label is the project's name, so a PKCS#11 URI
 * reads {@code pkcs11:token=<project>;object=<profile>;type=private}.
 */
record Token(long slot, String project, List<TokenObject> objects) {

    Token {
        objects = List.copyOf(objects);
    }

    TokenObject object(long handle) {
        return objects.stream().filter(o -> o.handle() == handle).findFirst().orElse(null);
    }
}
