package io.inkan.server.ca;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Parses subjects given through the API and builds the default ones, refusing what is not a DN. */
final class DistinguishedNames {

    private static final int MAX_LENGTH = 512;

    private DistinguishedNames() {
    }

    /** An RFC 4514 name such as {@code CN=App,O=Example}, or a 400 {@code invalid-subject} problem. */
    static X500Name parse(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_LENGTH) {
            throw invalid("subject must be a distinguished name of at most " + MAX_LENGTH + " characters");
        }
        try {
            X500Name name = new X500Name(BCStyle.INSTANCE, subject);
            if (name.getRDNs().length == 0) {
                throw invalid("subject has no attributes");
            }
            return name;
        } catch (IllegalArgumentException e) {
            throw invalid("subject is not a distinguished name such as CN=App,O=Example");
        }
    }

    /** {@code CN=<key>, OU=<project>, O=<organisation>}: who holds a key of a project. */
    static X500Name forKey(String organisation, String project, String key) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.OU, project)
                .addRDN(BCStyle.CN, key)
                .build();
    }

    private static Refusal invalid(String detail) {
        return new Refusal(Problem.INVALID_SUBJECT, detail);
    }
}
