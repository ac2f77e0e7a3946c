package io.inkan.cli.formats.cms;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;
import io.inkan.cli.formats.tsa.TimestampClient;

import java.util.List;

/** A detached CMS/PKCS#7 signature ({@code FILE.p7s}, DER) for any file; only when asked for. */
public final class CmsFiles implements Format {

    @Override
    public String name() {
        return "cms";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        return false;
    }

    @Override
    public String outputName(String fileName) {
        return fileName + ".p7s";
    }

    @Override
    public boolean timestamped() {
        return true;
    }

    @Override
    public boolean hashedLocally() {
        return true;
    }

    /** One CMS signer for all files, so their digests travel in batches; each file is one call of it. */
    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        CmsFormat cms = new CmsFormat(setup.client(), setup.project(), setup.profile(),
                setup.key().getCertificateChain(), setup.algorithm(), setup.tsa() == null ? null : new TimestampClient(setup.tsa()), setup.maxBatch(),
                setup.digests());
        return () -> (file, out) -> out.write(cms.signAll(List.of(file)).get(0));
    }

    @Override
    public String help() {
        return "(only with --format) writes FILE.p7s, a detached DER CMS signature";
    }

    @Override
    public String verification() {
        return "openssl cms -verify -binary -inform DER -in FILE.p7s -content FILE -purpose any -CAfile CERT";
    }
}
