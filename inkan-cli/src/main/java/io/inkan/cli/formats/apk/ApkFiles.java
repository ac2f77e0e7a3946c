package io.inkan.cli.formats.apk;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;

import java.security.KeyStore;

/** Android APKs with v1, v2 and v3 signatures, in place (or in the output directory). */
public final class ApkFiles implements Format {

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        return lowerCaseName.endsWith(".apk");
    }

    /** Each APK gets its own apksig signer; the key is looked up once. */
    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        KeyStore.PrivateKeyEntry key = setup.key();
        return () -> new ApkFormat(key, setup.algorithm(), setup.provider(), setup.profile());
    }

    @Override
    public String help() {
        return "signs .apk (v1/v2/v3) in place (or into --output-dir)";
    }

    @Override
    public String verification() {
        return "apksigner verify FILE.apk";
    }
}
