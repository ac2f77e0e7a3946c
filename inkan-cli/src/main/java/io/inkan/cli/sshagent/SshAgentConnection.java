package io.inkan.cli.sshagent;

import io.inkan.cli.pkcs11.AgentServer;
import io.inkan.cli.pkcs11.Pkcs11Failure;
import io.inkan.cli.pkcs11.SigningBackend;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One client of the OpenSSH agent protocol (draft-miller-ssh-agent): it lists the profiles' current keys
 * ({@code REQUEST_IDENTITIES}) and signs with them ({@code SIGN_REQUEST}); every other request, such as
 * adding or removing keys, locking or extensions, is answered {@code SSH_AGENT_FAILURE}.
 */
final class SshAgentConnection implements AgentServer.Connection {

    static final int FAILURE = 5;
    static final int REQUEST_IDENTITIES = 11;
    static final int IDENTITIES_ANSWER = 12;
    static final int SIGN_REQUEST = 13;
    static final int SIGN_RESPONSE = 14;
    private static final int MAX_MESSAGE = 256 * 1024;

    private final SigningBackend backend;
    private final Consumer<String> log;
    private List<SshKey> keys = List.of();

    SshAgentConnection(SigningBackend backend, Consumer<String> log) {
        this.backend = backend;
        this.log = log;
    }

    @Override
    public void serve(InputStream in, OutputStream out) throws IOException {
        DataInputStream data = new DataInputStream(in);
        while (true) {
            int length;
            try {
                length = data.readInt();
            } catch (EOFException closed) {
                return;
            }
            if (length <= 0 || length > MAX_MESSAGE) {
                log.accept("dropping an ssh-agent client that sent a message of " + length + " bytes");
                return;
            }
            byte[] message = new byte[length];
            data.readFully(message);
            byte[] reply = answer(message);
            out.write(ByteBuffer.allocate(4).putInt(reply.length).array());
            out.write(reply);
            out.flush();
        }
    }

    /** The reply to one request (type byte and contents). */
    byte[] answer(byte[] message) {
        ByteBuffer request = ByteBuffer.wrap(message);
        try {
            int type = Byte.toUnsignedInt(request.get());
            if (type == REQUEST_IDENTITIES) {
                return identities();
            }
            if (type == SIGN_REQUEST) {
                return sign(request);
            }
        } catch (IllegalArgumentException e) {
            log.accept("malformed ssh-agent request: " + e.getMessage());
        } catch (Pkcs11Failure e) {
            log.accept(e.getMessage());
        } catch (RuntimeException e) {
            log.accept("ssh-agent request failed: " + e.getMessage());
        }
        return new byte[] {FAILURE};
    }

    private byte[] identities() {
        List<SshKey> current = new ArrayList<>();
        for (SigningBackend.ProfileKeys profile : backend.profiles()) {
            profile.keys().stream().filter(SigningBackend.KeyEntry::current).findFirst()
                    .map(key -> SshKey.of(profile.project(), profile.profile(), key.publicKey()))
                    .ifPresent(current::add);
        }
        keys = current;
        SshWire reply = new SshWire().byteValue(IDENTITIES_ANSWER).uint32(current.size());
        current.forEach(key -> reply.string(key.blob()).string(key.comment()));
        return reply.toByteArray();
    }

    private byte[] sign(ByteBuffer request) {
        byte[] blob = SshWire.readString(request);
        byte[] data = SshWire.readString(request);
        int flags = request.remaining() >= 4 ? request.getInt() : 0;
        if (keys.isEmpty()) {
            identities();
        }
        SshKey key = keys.stream().filter(k -> Arrays.equals(k.blob(), blob)).findFirst().orElse(null);
        if (key == null) {
            log.accept("ssh-agent: asked to sign with a key this agent does not hold");
            return new byte[] {FAILURE};
        }
        byte[] signature = key.sign(backend, data, flags);
        if (signature == null) {
            log.accept("ssh-agent: " + key.comment() + " refuses SHA-1 RSA signatures (ssh-rsa); use rsa-sha2-256/512");
            return new byte[] {FAILURE};
        }
        log.accept("ssh-agent: signed " + data.length + " bytes with " + key.comment() + " (" + key.type() + ")");
        return new SshWire().byteValue(SIGN_RESPONSE).string(signature).toByteArray();
    }
}
