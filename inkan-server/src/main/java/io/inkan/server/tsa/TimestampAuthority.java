package io.inkan.server.tsa;

import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The built-in RFC 3161 time-stamping authority: turns a DER {@code TimeStampReq} into a DER
 * {@code TimeStampResp}, built by Bouncy Castle's generators and signed by the {@link TsaKey} in its
 * token. It never throws for bad input: anything that is not an acceptable query gets a rejection reply
 * (PKIStatus rejection with the RFC's failure reason), which is what RFC 3161 clients understand.
 */
@Service
public class TimestampAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampAuthority.class);

    /** Message imprints accepted; SHA-1 is refused (badAlg) as too weak to time-stamp against. */
    static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS = Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384,
            TSPAlgorithms.SHA512);

    private final TsaKey key;
    private final SerialNumbers serials;
    private final ASN1ObjectIdentifier policy;
    private final Duration accuracy;
    private final MeterRegistry meters;
    private final DigestCalculatorProvider digests;
    private final Clock clock;

    TimestampAuthority(TsaKey key, SerialNumbers serials, TsaSettings settings, MeterRegistry meters, Clock clock) {
        this.key = key;
        this.serials = serials;
        this.policy = new ASN1ObjectIdentifier(settings.policyOid());
        this.accuracy = settings.accuracy();
        this.meters = meters;
        this.clock = clock;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("JDK lacks the digests Bouncy Castle needs", e);
        }
    }

    /** What the authority answered: the DER reply, and whether it granted a token. */
    public record Reply(byte[] der, boolean granted, boolean systemFailure) {
    }

    /** Answers one DER-encoded time-stamp query. */
    public Reply answer(byte[] query) {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(query);
        } catch (IOException | RuntimeException e) {
            return rejection(PKIFailureInfo.badDataFormat, "the query is not a DER TimeStampReq");
        }
        try {
            TimeStampResponse response = generator().generate(request, serials.next(), Date.from(clock.instant()));
            boolean granted = response.getTimeStampToken() != null;
            count(granted ? "granted" : "rejected");
            return new Reply(response.getEncoded(), granted, false);
        } catch (TSPException | OperatorCreationException | CertificateEncodingException | IOException
                 | RuntimeException e) {
            LOG.error("time-stamp could not be issued", e);
            count("failed");
            return new Reply(encode(PKIFailureInfo.systemFailure, "the time-stamping authority failed"), false, true);
        }
    }

    /** A rejection with the given RFC 3161 failure reason, e.g. for an over-long query. */
    public Reply rejection(int failInfo, String reason) {
        count("rejected");
        return new Reply(encode(failInfo, reason), false, false);
    }

    /** The TSA certificate, for verifiers to trust. */
    public X509Certificate certificate() {
        return key.certificate();
    }

    private TimeStampResponseGenerator generator() throws TSPException, OperatorCreationException,
            CertificateEncodingException {
        X509Certificate certificate = key.certificate();
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSignerInfoGeneratorBuilder(digests).build(key.contentSigner(), certificate),
                digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), policy);
        tokens.setAccuracySeconds((int) accuracy.toSeconds());
        tokens.setAccuracyMillis(accuracy.toMillisPart());
        tokens.setTSA(new GeneralName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())));
        tokens.addCertificates(new JcaCertStore(List.of(certificate)));
        return new TimeStampResponseGenerator(tokens, ACCEPTED_DIGESTS, Set.of(policy), Set.of());
    }

    private void count(String outcome) {
        meters.counter("inkan.tsa.replies", "outcome", outcome).increment();
    }

    private static byte[] encode(int failInfo, String reason) {
        try {
            return new TimeStampResp(new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(reason),
                    new PKIFailureInfo(failInfo)), null).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a rejection", e);
        }
    }
}
