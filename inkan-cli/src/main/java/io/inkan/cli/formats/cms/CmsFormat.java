package io.inkan.cli.formats.cms;

import io.inkan.cli.formats.tsa.TimestampClient;
import io.inkan.client.FileDigests;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SignHashRequest;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Detached CMS (PKCS#7) signatures, {@code FILE.p7s} in DER, as {@code openssl cms -verify} and other
 * S/MIME-style verifiers read them, for many files with as few requests as possible. Bouncy Castle
 * builds each {@code SignerInfo} twice: first to learn the DER of its signed attributes (content type,
 * message digest, one signing time for the whole batch, algorithm protection), then — after one request
 * has signed the digests of all of them — with the server's signatures, checking that the attributes
 * came out byte for byte the same. Each file is read once. The certificate chain is embedded, and
 * with a time-stamping authority each signature value gets an RFC 3161 time-stamp.
 */
public final class CmsFormat {

    private final InkanClient client;
    private final String project;
    private final String profile;
    private final Certificate[] chain;
    private final SignatureAlgorithm algorithm;
    private final AlgorithmIdentifier signatureIdentifier;
    private final TimestampClient timestamps;
    private final int batchSize;
    private final FileDigests digests;

    /**
     * @param timestamps adds an RFC 3161 signature time-stamp to each signature; {@code null} for none
     * @param batchSize  digests per request
     * @param digests    where the files' own digests come from (started ahead by the caller)
     */
    public CmsFormat(InkanClient client, String project, String profile, Certificate[] chain,
                     SignatureAlgorithm algorithm, TimestampClient timestamps, int batchSize, FileDigests digests) {
        if (algorithm.encoding() == SignatureAlgorithm.Encoding.P1363) {
            throw new IllegalArgumentException("CMS signatures use DER ECDSA, not " + algorithm);
        }
        this.client = client;
        this.project = project;
        this.profile = profile;
        this.chain = chain.clone();
        this.algorithm = algorithm;
        this.signatureIdentifier = new DefaultSignatureAlgorithmIdentifierFinder().find(bouncyCastleName(algorithm));
        this.timestamps = timestamps;
        this.batchSize = batchSize;
        this.digests = digests;
    }

    /** The DER {@code SignedData} (content not included) of each file, in order. */
    public List<byte[]> signAll(List<Path> files) throws IOException {
        Date signingTime = new Date();
        Map<Path, byte[]> contentDigests = new HashMap<>();
        List<byte[]> toBeSigned = new ArrayList<>();
        for (Path file : files) {
            Capture capture = new Capture(null);
            generate(file, capture, signingTime, contentDigests);
            toBeSigned.add(capture.written());
        }
        List<byte[]> signatures = signBatches(files, toBeSigned);
        List<byte[]> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Capture replay = new Capture(signatures.get(i));
            CMSSignedData signed = generate(files.get(i), replay, signingTime, contentDigests);
            if (!Arrays.equals(replay.written(), toBeSigned.get(i))) {
                throw new IllegalStateException("signed attributes of " + files.get(i) + " changed between passes");
            }
            results.add((timestamps == null ? signed : timestamped(signed)).getEncoded("DER"));
        }
        return results;
    }

    /** The name Bouncy Castle knows the algorithm by, e.g. {@code SHA256withRSAandMGF1}. */
    static String bouncyCastleName(SignatureAlgorithm algorithm) {
        return algorithm.encoding() == SignatureAlgorithm.Encoding.PSS
                ? algorithm.digest().jcaName().replace("-", "") + "withRSAandMGF1"
                : algorithm.jcaName();
    }

    private CMSSignedData generate(Path file, Capture signer, Date signingTime, Map<Path, byte[]> contentDigests)
            throws IOException {
        try {
            AttributeTable fixedTime = new AttributeTable(new Attribute(CMSAttributes.signingTime,
                    new DERSet(new Time(signingTime))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(precomputed(file, contentDigests))
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(fixedTime))
                    .build(signer, (X509Certificate) chain[0]));
            generator.addCertificates(new JcaCertStore(Arrays.asList(chain)));
            return generator.generate(new CMSProcessableByteArray(new byte[0]), false);
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up CMS signing for " + algorithm + ": " + e.getMessage(), e);
        } catch (CMSException e) {
            throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Signs the to-be-signed bytes of every file, {@code batchSize} per request. */
    private List<byte[]> signBatches(List<Path> files, List<byte[]> toBeSigned) {
        List<byte[]> signatures = new ArrayList<>();
        for (int start = 0; start < files.size(); start += batchSize) {
            List<SignHashRequest.Item> items = new ArrayList<>();
            for (int i = start; i < Math.min(files.size(), start + batchSize); i++) {
                String artifact = files.get(i).getFileName().toString();
                items.add(algorithm.isPrehashed()
                        ? SignHashRequest.Item.ofDigest(base64(algorithm.digest().newDigest().digest(toBeSigned.get(i))), artifact)
                        : SignHashRequest.Item.ofData(base64(toBeSigned.get(i)), artifact));
            }
            for (String signature : client.signing().sign(project, profile, algorithm, items).signatures()) {
                try {
                    signatures.add(Base64.getDecoder().decode(String.valueOf(signature)));
                } catch (IllegalArgumentException e) {
                    throw new InkanException("server sent a signature that is not base64");
                }
            }
        }
        return signatures;
    }

    /** Adds a time-stamp over each signature value as the unsigned attribute RFC 3161 appendix A defines. */
    private CMSSignedData timestamped(CMSSignedData signed) throws IOException {
        List<SignerInformation> signers = new ArrayList<>();
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            byte[] token = timestamps.timestamp(signer.getSignature()).getEncoded();
            Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token)));
            signers.add(SignerInformation.replaceUnsignedAttributes(signer,
                    new AttributeTable(new DERSet(attribute))));
        }
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(signers));
    }

    /** Digests of the file itself, computed once by streaming it and reused by both passes. */
    private DigestCalculatorProvider precomputed(Path file, Map<Path, byte[]> contentDigests) {
        return identifier -> new DigestCalculator() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return identifier;
            }

            @Override
            public OutputStream getOutputStream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public byte[] getDigest() {
                return contentDigests.computeIfAbsent(file, f -> {
                    try {
                        return digests.digest(f, digestAlgorithm(identifier));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).clone();
            }
        };
    }

    private static DigestAlgorithm digestAlgorithm(AlgorithmIdentifier identifier) {
        String oid = identifier.getAlgorithm().getId();
        for (DigestAlgorithm candidate : DigestAlgorithm.values()) {
            if (candidate.oid().equals(oid)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unexpected CMS digest algorithm " + oid);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Collects what Bouncy Castle hands the signer (the DER of the signed attributes) and answers with a
     * known signature: none yet in the first pass, the server's in the second.
     */
    private final class Capture implements ContentSigner {

        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final byte[] signature;

        Capture(byte[] signature) {
            this.signature = signature;
        }

        byte[] written() {
            return written.toByteArray();
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return signatureIdentifier;
        }

        @Override
        public OutputStream getOutputStream() {
            return written;
        }

        @Override
        public byte[] getSignature() {
            return signature == null ? new byte[0] : signature.clone();
        }
    }
}
