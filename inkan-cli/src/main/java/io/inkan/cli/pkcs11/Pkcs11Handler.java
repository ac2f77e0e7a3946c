package io.inkan.cli.pkcs11;

import io.inkan.core.KeyFamily;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers the PKCS#11 calls of one client connection (one process using p11-kit-client): the 22 calls a
 * signing-only token needs, everything else {@code CKR_FUNCTION_NOT_SUPPORTED}. It holds what PKCS#11 keeps
 * per application: the sessions, their searches and signing operations, and the snapshot of the tokens taken
 * when the connection first asked, so object handles stay valid for the whole connection.
 *
 * <p>There is no PIN: {@code CKF_LOGIN_REQUIRED} is not set and {@code C_Login} accepts any PIN, since the
 * agent's socket (0600, owner only) is the access control and the server credential never reaches the tool.
 */
final class Pkcs11Handler {

    /** The request signature p11-kit sends for each call this handler implements, checked before parsing. */
    private static final Map<Integer, String> REQUESTS = Map.ofEntries(
            Map.entry(1, "ayyay"), Map.entry(2, ""), Map.entry(3, ""), Map.entry(4, "yfu"), Map.entry(5, "u"),
            Map.entry(6, "u"), Map.entry(7, "ufu"), Map.entry(8, "uu"), Map.entry(10, "uu"), Map.entry(11, "u"),
            Map.entry(12, "u"), Map.entry(13, "u"), Map.entry(18, "uuay"), Map.entry(19, "u"),
            Map.entry(24, "uufA"), Map.entry(26, "uaA"), Map.entry(27, "ufu"), Map.entry(28, "u"),
            Map.entry(42, "uMu"), Map.entry(43, "uayfy"), Map.entry(44, "uay"), Map.entry(45, "ufy"));

    private static final class Session {
        final long slot;
        Deque<Long> found;
        SignOperation signing;

        Session(long slot) {
            this.slot = slot;
        }
    }

    private final Supplier<TokenModel> tokens;
    private final SigningBackend backend;
    private final Consumer<String> log;
    private final Map<Long, Session> sessions = new HashMap<>();
    private TokenModel model;
    private long nextSession = 1;
    private boolean loggedIn;

    Pkcs11Handler(Supplier<TokenModel> tokens, SigningBackend backend, Consumer<String> log) {
        this.tokens = tokens;
        this.backend = backend;
        this.log = log;
    }

    /** The reply body for one request body; a {@link RpcFormatException} means the connection must close. */
    byte[] handle(byte[] request) {
        RpcReader in = new RpcReader(request);
        String expected = REQUESTS.get(in.callId());
        if (expected == null) {
            return RpcWriter.error(Pkcs11.CKR_FUNCTION_NOT_SUPPORTED);
        }
        if (!expected.equals(in.signature())) {
            throw new RpcFormatException("call " + in.callId() + " with signature '" + in.signature() + "'");
        }
        try {
            return call(in.callId(), in);
        } catch (Pkcs11Failure failure) {
            if (failure.getMessage() != null) {
                log.accept(failure.getMessage());
            }
            return RpcWriter.error(failure.rv());
        }
    }

    private byte[] call(int id, RpcReader in) {
        return switch (id) {
            case 1 -> initialize(in);
            case 2 -> done(in, reply(2, ""));
            case 3 -> done(in, reply(3, "vsusv").version(2, 40).spaceString("Inkan", 32).ulong(0)
                    .spaceString("Inkan remote signing", 32).version(1, 0));
            case 4 -> slotList(in);
            case 5 -> slotInfo(in);
            case 6 -> tokenInfo(in);
            case 7 -> mechanismList(in);
            case 8 -> mechanismInfo(in);
            case 10 -> openSession(in);
            case 11 -> closeSession(in);
            case 12 -> closeAllSessions(in);
            case 13 -> sessionInfo(in);
            case 18 -> login(in);
            case 19 -> logout(in);
            case 24 -> attributeValues(in);
            case 26 -> findInit(in);
            case 27 -> find(in);
            case 28 -> findFinal(in);
            case 42 -> signInit(in);
            case 43 -> sign(in);
            case 44 -> signUpdate(in);
            default -> signFinal(in);
        };
    }

    private byte[] initialize(RpcReader in) {
        in.bytes();
        in.byteValue();
        in.bytes();
        return done(in, reply(1, ""));
    }

    private byte[] slotList(RpcReader in) {
        in.byteValue();
        long capacity = in.capacity();
        in.end();
        long[] slots = model().tokens().stream().mapToLong(Token::slot).toArray();
        RpcWriter out = reply(4, "au");
        return (capacity < slots.length || capacity == 0 ? out.ulongsCount(slots.length) : out.ulongs(slots)).toByteArray();
    }

    private byte[] slotInfo(RpcReader in) {
        Token token = token(in.ulong());
        return done(in, reply(5, "ssuvv").spaceString("Inkan project " + token.project(), 64).spaceString("Inkan", 32)
                .ulong(Pkcs11.CKF_TOKEN_PRESENT | Pkcs11.CKF_REMOTE_DEVICE).version(1, 0).version(1, 0));
    }

    private byte[] tokenInfo(RpcReader in) {
        Token token = token(in.ulong());
        String serial = java.util.HexFormat.of().formatHex(TokenModel.sha1(token.project().getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).substring(0, 16);
        return done(in, reply(6, "ssssuuuuuuuuuuuvvs").spaceString(token.project(), 32).spaceString("Inkan", 32)
                .spaceString("remote signing", 16).spaceString(serial, 16)
                .ulong(Pkcs11.CKF_TOKEN_INITIALIZED)
                .ulong(0).ulong(Pkcs11.UNAVAILABLE).ulong(0).ulong(Pkcs11.UNAVAILABLE)
                .ulong(0).ulong(0)
                .ulong(Pkcs11.UNAVAILABLE).ulong(Pkcs11.UNAVAILABLE).ulong(Pkcs11.UNAVAILABLE).ulong(Pkcs11.UNAVAILABLE)
                .version(1, 0).version(1, 0).spaceString("", 16));
    }

    private byte[] mechanismList(RpcReader in) {
        token(in.ulong());
        long capacity = in.capacity();
        in.end();
        long[] mechanisms = SigningMechanisms.SUPPORTED.stream().mapToLong(Long::longValue).toArray();
        RpcWriter out = reply(7, "au");
        return (capacity < mechanisms.length ? out.ulongsCount(mechanisms.length) : out.ulongs(mechanisms)).toByteArray();
    }

    private byte[] mechanismInfo(RpcReader in) {
        token(in.ulong());
        long mechanism = in.ulong();
        in.end();
        if (!SigningMechanisms.isSupported(mechanism)) {
            throw new Pkcs11Failure(Pkcs11.CKR_MECHANISM_INVALID, null);
        }
        boolean ec = SigningMechanisms.family(mechanism) == KeyFamily.EC;
        return reply(8, "uuu").ulong(ec ? 256 : 2048).ulong(ec ? 521 : 4096)
                .ulong(Pkcs11.CKF_SIGN | (ec ? Pkcs11.CKF_EC_F_P | Pkcs11.CKF_EC_NAMEDCURVE | Pkcs11.CKF_EC_UNCOMPRESS : 0))
                .toByteArray();
    }

    private byte[] openSession(RpcReader in) {
        Token token = token(in.ulong());
        long flags = in.ulong();
        in.end();
        if ((flags & Pkcs11.CKF_SERIAL_SESSION) == 0) {
            throw new Pkcs11Failure(Pkcs11.CKR_SESSION_PARALLEL_NOT_SUPPORTED, null);
        }
        long handle = nextSession++;
        sessions.put(handle, new Session(token.slot()));
        return reply(10, "u").ulong(handle).toByteArray();
    }

    private byte[] closeSession(RpcReader in) {
        long handle = in.ulong();
        in.end();
        if (sessions.remove(handle) == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_SESSION_HANDLE_INVALID, null);
        }
        return reply(11, "").toByteArray();
    }

    private byte[] closeAllSessions(RpcReader in) {
        long slot = token(in.ulong()).slot();
        in.end();
        sessions.values().removeIf(session -> session.slot == slot);
        return reply(12, "").toByteArray();
    }

    private byte[] sessionInfo(RpcReader in) {
        Session session = session(in.ulong());
        in.end();
        return reply(13, "uuuu").ulong(session.slot)
                .ulong(loggedIn ? Pkcs11.CKS_RW_USER_FUNCTIONS : Pkcs11.CKS_RW_PUBLIC_SESSION)
                .ulong(Pkcs11.CKF_SERIAL_SESSION | Pkcs11.CKF_RW_SESSION).ulong(0).toByteArray();
    }

    private byte[] login(RpcReader in) {
        session(in.ulong());
        in.ulong();
        in.bytes();
        in.end();
        loggedIn = true;
        return reply(18, "").toByteArray();
    }

    private byte[] logout(RpcReader in) {
        session(in.ulong());
        in.end();
        loggedIn = false;
        return reply(19, "").toByteArray();
    }

    private byte[] attributeValues(RpcReader in) {
        Session session = session(in.ulong());
        TokenObject object = object(session, in.ulong(), Pkcs11.CKR_OBJECT_HANDLE_INVALID);
        List<RpcReader.Requested> requested = in.attributeTemplate();
        in.end();
        RpcWriter out = reply(24, "aAu").attributeCount(requested.size());
        long rv = Pkcs11.CKR_OK;
        for (RpcReader.Requested attribute : requested) {
            AttributeValue value = object.attributes().get(attribute.type());
            if (value == null || !AttributeKind.of(attribute.type()).carries(value)) {
                out.attributeUnavailable(attribute.type());
                rv = Pkcs11.CKR_ATTRIBUTE_TYPE_INVALID;
            } else if (attribute.capacity() == 0) {
                out.attributeLength(attribute.type(), value);
            } else if (attribute.capacity() < value.nativeLength()) {
                out.attributeUnavailable(attribute.type());
                rv = Pkcs11.CKR_BUFFER_TOO_SMALL;
            } else {
                out.attribute(attribute.type(), value);
            }
        }
        return out.ulong(rv).toByteArray();
    }

    private byte[] findInit(RpcReader in) {
        Session session = session(in.ulong());
        Map<Long, AttributeValue> template = in.attributes();
        in.end();
        if (session.found != null) {
            throw new Pkcs11Failure(Pkcs11.CKR_OPERATION_ACTIVE, null);
        }
        session.found = new ArrayDeque<>();
        model().token(session.slot).objects().stream().filter(o -> o.matches(template))
                .forEach(o -> session.found.add(o.handle()));
        return reply(26, "").toByteArray();
    }

    private byte[] find(RpcReader in) {
        Session session = session(in.ulong());
        long capacity = in.capacity();
        in.end();
        if (session.found == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_OPERATION_NOT_INITIALIZED, null);
        }
        long[] handles = new long[(int) Math.min(capacity, session.found.size())];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = session.found.poll();
        }
        return reply(27, "au").ulongs(handles).toByteArray();
    }

    private byte[] findFinal(RpcReader in) {
        Session session = session(in.ulong());
        in.end();
        if (session.found == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_OPERATION_NOT_INITIALIZED, null);
        }
        session.found = null;
        return reply(28, "").toByteArray();
    }

    private byte[] signInit(RpcReader in) {
        Session session = session(in.ulong());
        Mechanism mechanism = Mechanism.read(in, Long.BYTES);
        long keyHandle = in.ulong();
        in.end();
        if (mechanism == null) {
            session.signing = null;
            return reply(42, "").toByteArray();
        }
        if (session.signing != null) {
            throw new Pkcs11Failure(Pkcs11.CKR_OPERATION_ACTIVE, null);
        }
        TokenObject key = object(session, keyHandle, Pkcs11.CKR_KEY_HANDLE_INVALID);
        if (key.signer() == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_KEY_FUNCTION_NOT_PERMITTED, null);
        }
        SigningMechanisms.check(mechanism, key.signer().family());
        session.signing = new SignOperation(mechanism, key.signer());
        return reply(42, "").toByteArray();
    }

    private byte[] sign(RpcReader in) {
        Session session = session(in.ulong());
        byte[] data = in.bytes();
        long capacity = in.capacity();
        in.end();
        SignOperation operation = operation(session);
        int length = operation.key().signatureLength();
        if (capacity < length) {
            return reply(43, "ay").bytesLength(length).toByteArray();
        }
        session.signing = null;
        if (data == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_ARGUMENTS_BAD, null);
        }
        return reply(43, "ay").bytes(signRemotely(operation, operation.digestOf(data))).toByteArray();
    }

    private byte[] signUpdate(RpcReader in) {
        Session session = session(in.ulong());
        byte[] data = in.bytes();
        in.end();
        SignOperation operation = operation(session);
        try {
            operation.update(data == null ? new byte[0] : data);
        } catch (Pkcs11Failure failure) {
            session.signing = null;
            throw failure;
        }
        return reply(44, "").toByteArray();
    }

    private byte[] signFinal(RpcReader in) {
        Session session = session(in.ulong());
        long capacity = in.capacity();
        in.end();
        SignOperation operation = operation(session);
        int length = operation.key().signatureLength();
        if (capacity < length) {
            return reply(45, "ay").bytesLength(length).toByteArray();
        }
        session.signing = null;
        return reply(45, "ay").bytes(signRemotely(operation, operation.finish())).toByteArray();
    }

    private byte[] signRemotely(SignOperation operation, byte[] input) {
        SigningMechanisms.RemoteSignature remote = SigningMechanisms.remote(operation.mechanism(), input);
        TokenObject.SigningKey key = operation.key();
        byte[] signature = backend.sign(key.project(), key.profile(), remote.algorithm(), remote.digest());
        if (signature.length != key.signatureLength()) {
            throw new Pkcs11Failure(Pkcs11.CKR_DEVICE_ERROR, "the server returned a " + signature.length
                    + "-byte signature for " + key.project() + "/" + key.profile() + ", expected " + key.signatureLength());
        }
        log.accept("signed " + remote.digest().length + "-byte digest with " + key.project() + "/" + key.profile()
                + " (" + remote.algorithm() + ")");
        return signature;
    }

    private SignOperation operation(Session session) {
        if (session.signing == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_OPERATION_NOT_INITIALIZED, null);
        }
        return session.signing;
    }

    private TokenModel model() {
        if (model == null) {
            model = tokens.get();
        }
        return model;
    }

    private Token token(long slot) {
        Token token = model().token(slot);
        if (token == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_SLOT_ID_INVALID, null);
        }
        return token;
    }

    private Session session(long handle) {
        Session session = sessions.get(handle);
        if (session == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_SESSION_HANDLE_INVALID, null);
        }
        return session;
    }

    private TokenObject object(Session session, long handle, long invalid) {
        TokenObject object = model().token(session.slot).object(handle);
        if (object == null) {
            throw new Pkcs11Failure(invalid, null);
        }
        return object;
    }

    private static RpcWriter reply(int callId, String signature) {
        return new RpcWriter(callId, signature);
    }

    private static byte[] done(RpcReader in, RpcWriter out) {
        in.end();
        return out.toByteArray();
    }
}
