package io.inkan.server.signing;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.client.audit.AuditReceipt;
import io.inkan.core.api.ReceiptView;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import io.inkan.server.sam.SigningCapability;
import io.inkan.server.sam.ApprovedWindow;
import io.inkan.server.sam.IssuedSad;
import io.inkan.server.sam.SignatureActivation;
import io.inkan.server.infra.encoding.StrictBase64;
import io.inkan.server.sam.SigningInput;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The hash-signing operation (S1, S2): checks a whole batch before signing any of it, so a bad item
 * refuses the batch and nothing is signed; then signs each digest with the profile's key and returns
 * the signatures in request order with the key's public material.
 *
 * <p>The key is reached only through a {@link SigningCapability} of the Signature Activation Module (M1). The
 * token always works outside any transaction, so no database connection or lock waits for it: without a
 * SAD (level-1 profiles) the key is activated for the checked inputs, they are signed, and the signature
 * is recorded in a transaction of its own; with a SAD in three steps: reserve the digests, sign, consume
 * them and record the signature. Either way a signature whose record fails to commit is never returned.
 */
@Service
public class HashSigning {

    private static final int AUDITED_DIGESTS = 20;

    private final Keys keys;
    private final Projects projects;
    private final Profiles profiles;
    private final SignatureActivation activations;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final BatchSigner batchSigner;
    private final int maxBatchSize;

    HashSigning(Keys keys, Projects projects, Profiles profiles, SignatureActivation activations,
                TransactionTemplate transactions, BatchSigner batchSigner, AuditLog audit, MeterRegistry meters,
                InkanProperties properties) {
        this.keys = keys;
        this.projects = projects;
        this.profiles = profiles;
        this.activations = activations;
        this.transactions = transactions;
        this.batchSigner = batchSigner;
        this.audit = audit;
        this.meters = meters;
        this.maxBatchSize = properties.signing().maxBatchSize();
    }

    /**
     * Signs the batch of {@code profileName} in {@code projectName}, with the request's SAD if it carries
     * one; the caller has checked that the principal is a signer of the project. Call outside a transaction.
     *
     * @param window the approved release window the batch was counted against, {@code null} if none
     */
    public SignHashResponse sign(String projectName, String profileName, SignHashRequest request, ApprovedWindow window) {
        if (request.sad() == null) {
            Project project = projects.get(projectName);
            return signWithoutSad(project, profiles.get(project, profileName), request, window);
        }
        return signWithSad(projectName, profileName, request);
    }

    /**
     * Signs a batch without SAD, which level-1 profiles allow, and level-2 ones inside a window approved
     * at level 2. A key that needs its custodians' activation (M of N) spends one use of it before the
     * token signs, in a statement of its own.
     */
    private SignHashResponse signWithoutSad(Project project, SigningProfile profile, SignHashRequest request,
                                            ApprovedWindow window) {
        if (request.renewRequested()) {
            throw new Refusal(Problem.INVALID_RENEWAL, "'renew' needs a 'sad' to renew");
        }
        SignatureAlgorithm algorithm = profile.allowedAlgorithm(request.algorithm());
        List<byte[]> inputs = decodeItems(algorithm, request.items());
        SigningKey key = keys.byId(profile.keyId());
        SigningCapability activation = activations.implicit(profile.authorizationLevel(), window, key, algorithm, inputs);
        List<String> signatures = signAll(activation);
        AuditReceipt receipt = record(project, profile, key, algorithm, request, inputs, activation, signatures);
        return response(project, profile, key, algorithm, signatures, null, receipt);
    }

    private SignHashResponse signWithSad(String projectName, String profileName, SignHashRequest request) {
        InkanPrincipal principal = Access.current();
        Reserved reserved = transactions.execute(status -> {
            Project project = projects.get(projectName);
            SigningProfile profile = profiles.get(project, profileName);
            SignatureAlgorithm algorithm = profile.allowedAlgorithm(request.algorithm());
            List<byte[]> inputs = decodeItems(algorithm, request.items());
            SigningKey key = keys.byId(profile.keyId());
            return new Reserved(project, profile, key, algorithm, inputs,
                    activations.reserve(principal, request.sad(), profile.authorizationLevel(), key, algorithm, inputs,
                            request.renewRequested()));
        });
        List<String> signatures;
        try {
            signatures = signAll(reserved.activation());
        } catch (RuntimeException e) {
            activations.release(reserved.activation());
            throw e;
        }
        return transactions.execute(status -> {
            Optional<IssuedSad> next = activations.complete(reserved.activation());
            AuditReceipt receipt = record(reserved.project(), reserved.profile(), reserved.key(), reserved.algorithm(),
                    request, reserved.inputs(), reserved.activation(), signatures);
            return response(reserved.project(), reserved.profile(), reserved.key(), reserved.algorithm(), signatures,
                    next.map(sad -> new SadView(sad.sad(), sad.expiresAt(), sad.count())).orElse(null), receipt);
        });
    }

    private List<String> signAll(SigningCapability activation) {
        Base64.Encoder base64 = Base64.getEncoder();
        return batchSigner.signAll(IntStream.range(0, activation.count()).boxed().toList(),
                index -> base64.encodeToString(activation.sign(index)));
    }

    private AuditReceipt record(Project project, SigningProfile profile, SigningKey key, SignatureAlgorithm algorithm,
                                SignHashRequest request, List<byte[]> inputs, SigningCapability activation, List<String> signatures) {
        meters.counter("inkan.signatures", "algorithm", algorithm.name(), "token", key.tokenKind().name())
                .increment(signatures.size());
        Map<String, Object> data = auditData(profile, key, algorithm, request, inputs);
        data.putAll(activation.auditFacts());
        return audit.record(AuditAction.SIGN, Outcome.SUCCESS, project.name(), describe(profile, key, algorithm, request, inputs),
                data);
    }

    private static SignHashResponse response(Project project, SigningProfile profile, SigningKey key,
                                             SignatureAlgorithm algorithm, List<String> signatures, SadView nextSad,
                                             AuditReceipt receipt) {
        return SignHashResponse.builder().project(project.name()).profile(profile.name()).key(key.name())
                .algorithm(algorithm.name()).signatures(signatures)
                .publicKey(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()))
                .certificateChain(Keys.chain(key)).nextSad(nextSad)
                .receipt(new ReceiptView(receipt.origin(), receipt.index(), receipt.recordHash(), receipt.promise(),
                        receipt.receiptKey()))
                .build();
    }

    /** What the reservation step hands to the signing and consuming steps. */
    private record Reserved(Project project, SigningProfile profile, SigningKey key, SignatureAlgorithm algorithm,
                            List<byte[]> inputs, SigningCapability activation) {
    }

    private List<byte[]> decodeItems(SignatureAlgorithm algorithm, List<SignHashRequest.Item> items) {
        if (items == null || items.isEmpty()) {
            throw new Refusal(Problem.EMPTY_BATCH, "items must hold at least one digest");
        }
        if (items.size() > maxBatchSize) {
            throw new Refusal(Problem.BATCH_TOO_LARGE,
                    "A batch holds at most " + maxBatchSize + " items, this one has " + items.size());
        }
        List<byte[]> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            inputs.add(decodeItem(algorithm, items.get(i), i));
        }
        return inputs;
    }

    private static byte[] decodeItem(SignatureAlgorithm algorithm, SignHashRequest.Item item, int index) {
        if (item == null) {
            throw new Refusal(Problem.INVALID_ITEM, "items[" + index + "] is null");
        }
        if (algorithm.isPrehashed()) {
            if (item.digest() == null || item.data() != null) {
                throw new Refusal(Problem.INVALID_ITEM,
                        "items[" + index + "] must carry 'digest' (and no 'data') for " + algorithm);
            }
            return SigningInput.require(algorithm, decode(item.digest(), index, "digest"), "items[" + index + "].digest");
        }
        if (item.data() == null || item.digest() != null) {
            throw new Refusal(Problem.INVALID_ITEM,
                    "items[" + index + "] must carry 'data' (and no 'digest') for pure " + algorithm);
        }
        return SigningInput.require(algorithm, decode(item.data(), index, "data"), "items[" + index + "].data");
    }

    /** Canonical standard base64 only ({@link StrictBase64}), as every Inkan client sends it. */
    private static byte[] decode(String value, int index, String field) {
        try {
            return StrictBase64.decode(value);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Problem.INVALID_BASE64,
                    "items[" + index + "]." + field + " is not base64");
        }
    }

    /** Every digest of the batch (or the SHA-256 of each pure input), which the audit chain covers in full. */
    private static Map<String, Object> auditData(SigningProfile profile, SigningKey key, SignatureAlgorithm algorithm,
                                                 SignHashRequest request, List<byte[]> inputs) {
        HexFormat hex = HexFormat.of();
        List<Map<String, String>> items = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Map<String, String> item = new LinkedHashMap<>();
            String artifact = request.items().get(i).artifact();
            if (artifact != null) {
                item.put("artifact", artifact);
            }
            if (algorithm.isPrehashed()) {
                item.put("digest", hex.formatHex(inputs.get(i)));
            } else {
                item.put("dataSha256", hex.formatHex(DigestAlgorithm.SHA256.newDigest().digest(inputs.get(i))));
            }
            items.add(item);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("algorithm", algorithm.name());
        data.put("profile", profile.name());
        data.put("key", key.name());
        data.put("keyHandle", key.handle());
        data.put("token", key.tokenName());
        data.put("count", inputs.size());
        data.put("items", items);
        return data;
    }

    private static String describe(SigningProfile profile, SigningKey key, SignatureAlgorithm algorithm,
                                   SignHashRequest request, List<byte[]> inputs) {
        StringBuilder detail = new StringBuilder()
                .append(inputs.size()).append(" signature(s), profile '").append(profile.name())
                .append("', key '").append(key.name()).append("' (").append(key.handle()).append("), ")
                .append(algorithm).append(':');
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < Math.min(inputs.size(), AUDITED_DIGESTS); i++) {
            String artifact = request.items().get(i).artifact();
            detail.append(' ').append(artifact == null ? "" : artifact + "=")
                    .append(algorithm.isPrehashed() ? hex.formatHex(inputs.get(i)) : "data[" + inputs.get(i).length + "]");
        }
        if (inputs.size() > AUDITED_DIGESTS) {
            detail.append(" ... and ").append(inputs.size() - AUDITED_DIGESTS).append(" more");
        }
        return detail.toString();
    }
}
