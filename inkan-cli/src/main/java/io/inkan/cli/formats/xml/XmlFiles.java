package io.inkan.cli.formats.xml;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;

import java.security.KeyStore;

/** XML documents, given an enveloped signature over the whole document in place (or in the output directory). */
public final class XmlFiles implements Format {

    @Override
    public String name() {
        return "xml";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        return lowerCaseName.endsWith(".xml");
    }

    /** Each document gets its own XML signer; the key is looked up once. */
    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        KeyStore.PrivateKeyEntry key = setup.key();
        return () -> new XmlDsigFormat(key, setup.algorithm(), setup.provider());
    }

    @Override
    public String help() {
        return "adds an enveloped XML signature to .xml in place (or into --output-dir)";
    }

    @Override
    public String verification() {
        return null;
    }
}
