package io.inkan.cli.formats.pgp;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;

/** An ASCII-armored OpenPGP detached signature ({@code FILE.asc}) for any file; only when asked for. */
public final class PgpFiles implements Format {

    @Override
    public String name() {
        return "pgp";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        return false;
    }

    @Override
    public String outputName(String fileName) {
        return fileName + ".asc";
    }

    /** The OpenPGP key is built once from the profile's key; each file gets its own signature generator. */
    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        PgpKey key = PgpKey.of(setup.client(), setup.project(), setup.profile(), setup.algorithm());
        return key::detachedSigner;
    }

    @Override
    public String help() {
        return "(only with --format) writes FILE.asc, an armored OpenPGP detached signature";
    }

    @Override
    public String verification() {
        return "gpg --verify FILE.asc FILE";
    }
}
