package io.inkan.cli.sshagent;

import io.inkan.cli.pkcs11.SigningBackend;
import io.inkan.core.SignatureAlgorithm;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent protocol's answers that the OpenSSH tools do not exercise: refusals. */
class SshAgentConnectionTest {

    private final List<String> log = new ArrayList<>();
    private final List<SignatureAlgorithm> signed = new ArrayList<>();
    private final SigningBackend backend = new SigningBackend() {
        private final byte[] rsa = generate("RSA");

        @Override
        public List<ProfileKeys> profiles() {
            return List.of(new ProfileKeys("app", "rsa", List.of(new KeyEntry("k", true, rsa, List.of()))));
        }

        @Override
        public byte[] sign(String project, String profile, SignatureAlgorithm algorithm, byte[] digest) {
            signed.add(algorithm);
            return new byte[256];
        }
    };
    private final SshAgentConnection connection = new SshAgentConnection(backend, log::add);

    @Test
    void listsKeysAndRefusesSha1RsaAddingKeysAndUnknownKeys() {
        byte[] identities = connection.answer(new byte[] {SshAgentConnection.REQUEST_IDENTITIES});
        ByteBuffer answer = ByteBuffer.wrap(identities);
        assertThat(answer.get()).isEqualTo((byte) SshAgentConnection.IDENTITIES_ANSWER);
        assertThat(answer.getInt()).isEqualTo(1);
        byte[] blob = SshWire.readString(answer);
        assertThat(new String(SshWire.readString(answer))).isEqualTo("app/rsa");

        assertThat(connection.answer(signRequest(blob, 0))).containsExactly(SshAgentConnection.FAILURE);
        assertThat(log).anyMatch(line -> line.contains("SHA-1"));
        assertThat(connection.answer(signRequest(blob, SshKey.RSA_SHA2_512))[0]).isEqualTo((byte) SshAgentConnection.SIGN_RESPONSE);
        assertThat(signed).containsExactly(SignatureAlgorithm.RSA_PKCS1_SHA512);

        assertThat(connection.answer(signRequest(new byte[] {1, 2, 3}, SshKey.RSA_SHA2_256))).containsExactly(SshAgentConnection.FAILURE);
        assertThat(connection.answer(new byte[] {17, 0, 0})).as("SSH2_AGENTC_ADD_IDENTITY").containsExactly(SshAgentConnection.FAILURE);
        assertThat(connection.answer(new byte[] {SshAgentConnection.SIGN_REQUEST, 0, 0, 0, 9})).containsExactly(SshAgentConnection.FAILURE);
    }

    private static byte[] signRequest(byte[] blob, int flags) {
        return new SshWire().byteValue(SshAgentConnection.SIGN_REQUEST).string(blob).string("data".getBytes()).uint32(flags).toByteArray();
    }

    private static byte[] generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
