package io.inkan.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.AlgorithmParameters;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RSASSA-PSS parameters Inkan announces (in X.509 and CMS AlgorithmIdentifiers, through the JCA
 * provider's {@code getParameters}) against the DER that OpenSSL writes for the same choice
 * ({@code openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_pss_keygen_md:shaN -pkeyopt
 * rsa_pss_keygen_mgf1_md:shaN -pkeyopt rsa_pss_keygen_saltlen:N/8}, parameters of the public key's
 * AlgorithmIdentifier): hash, MGF1 over the same hash, salt as long as the hash, default trailer left out.
 */
class PssParameterEncodingTest {

    @ParameterizedTest
    @CsvSource({
            "RSA_PSS_SHA256, 3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120",
            "RSA_PSS_SHA384, 3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d06096086480165030402020500a203020130",
            "RSA_PSS_SHA512, 3034a00f300d06096086480165030402030500a11c301a06092a864886f70d010108300d06096086480165030402030500a203020140"})
    void encodesAsOpenSslDoes(SignatureAlgorithm algorithm, String openSslDer) throws Exception {
        AlgorithmParameters encoded = AlgorithmParameters.getInstance("RSASSA-PSS");
        encoded.init(algorithm.pssParameters());
        assertThat(HexFormat.of().formatHex(encoded.getEncoded())).isEqualTo(openSslDer);

        AlgorithmParameters decoded = AlgorithmParameters.getInstance("RSASSA-PSS");
        decoded.init(HexFormat.of().parseHex(openSslDer));
        PSSParameterSpec spec = decoded.getParameterSpec(PSSParameterSpec.class);
        assertThat(spec.getDigestAlgorithm()).isEqualTo(algorithm.digest().jcaName());
        assertThat(spec.getMGFAlgorithm()).isEqualTo("MGF1");
        assertThat(((MGF1ParameterSpec) spec.getMGFParameters()).getDigestAlgorithm())
                .isEqualTo(algorithm.digest().jcaName());
        assertThat(spec.getSaltLength()).isEqualTo(algorithm.digest().length());
        assertThat(spec.getTrailerField()).isEqualTo(PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
