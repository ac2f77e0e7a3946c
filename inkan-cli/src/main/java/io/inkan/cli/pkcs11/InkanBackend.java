package io.inkan.cli.pkcs11;

import io.inkan.client.InkanApiException;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanConnectionException;
import io.inkan.client.InkanException;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeySetView;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.ProjectView;
import io.inkan.core.api.SignHashRequest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The agent's only use of {@link InkanClient}: listing the key sets it shows and signing one digest, with
 * server refusals turned into PKCS#11 return values plus a log line that says what to do.
 *
 * <p>Profiles that need an approved signing request (or a level-2 second factor) are refused with
 * {@code CKR_FUNCTION_REJECTED} rather than waited for: tools calling {@code C_Sign} have no way to show
 * progress and often time out, so such artifacts go through {@code inkan sign --wait} instead.
 */
final class InkanBackend implements SigningBackend {

    /** What the audit trail records as the artifact: the agent never knows the file a tool is signing. */
    static final String ARTIFACT = "pkcs11-agent";

    private final InkanClient client;
    private final Consumer<String> log;

    InkanBackend(InkanClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    @Override
    public List<ProfileKeys> profiles() {
        List<ProfileKeys> profiles = new ArrayList<>();
        for (ProjectView project : client.admin().listProjects()) {
            List<ProfileView> projectProfiles;
            try {
                projectProfiles = client.profiles().list(project.name());
            } catch (InkanApiException e) {
                log.accept("skipping project " + project.name() + ": " + e.getMessage());
                continue;
            }
            projectProfiles.stream().sorted(Comparator.comparing(ProfileView::name)).forEach(profile -> {
                try {
                    profiles.add(keysOf(client.profiles().keySet(project.name(), profile.name())));
                } catch (InkanApiException e) {
                    log.accept("skipping profile " + project.name() + "/" + profile.name() + ": " + e.getMessage());
                }
            });
        }
        return profiles;
    }

    private static ProfileKeys keysOf(KeySetView set) {
        Base64.Decoder base64 = Base64.getDecoder();
        List<KeyEntry> keys = set.keys().stream()
                .sorted(Comparator.comparing((KeySetView.Member m) -> !"CURRENT".equals(m.state())).thenComparing(KeySetView.Member::key))
                .map(m -> new KeyEntry(m.key(), "CURRENT".equals(m.state()), base64.decode(m.publicKey()),
                        m.certificateChain() == null ? List.of() : m.certificateChain().stream().map(base64::decode).toList()))
                .toList();
        return new ProfileKeys(set.project(), set.profile(), keys);
    }

    @Override
    public byte[] sign(String project, String profile, SignatureAlgorithm algorithm, byte[] digest) {
        String where = project + "/" + profile;
        try {
            String value = Base64.getEncoder().encodeToString(digest);
            SignHashRequest.Item item = algorithm.isPrehashed()
                    ? SignHashRequest.Item.ofDigest(value, ARTIFACT) : SignHashRequest.Item.ofData(value, ARTIFACT);
            return Base64.getDecoder().decode(client.signing().sign(project, profile, algorithm, List.of(item)).signatures().get(0));
        } catch (InkanApiException e) {
            if (e.type() != null && e.type().endsWith("approval-required")) {
                throw new Pkcs11Failure(Pkcs11.CKR_FUNCTION_REJECTED, where + " needs an approved signing request, which"
                        + " the PKCS#11 agent does not wait for: sign with 'inkan sign --wait' instead (" + e.getMessage() + ")");
            }
            if (e.status() == 401) {
                throw new Pkcs11Failure(Pkcs11.CKR_FUNCTION_REJECTED, "the server no longer accepts the agent's credential"
                        + " (revoked or expired?): run 'inkan login' and restart the agent (" + e.getMessage() + ")");
            }
            throw new Pkcs11Failure(e.status() >= 500 ? Pkcs11.CKR_DEVICE_ERROR : Pkcs11.CKR_FUNCTION_REJECTED,
                    "the server refused to sign with " + where + ": " + e.getMessage());
        } catch (InkanConnectionException e) {
            throw new Pkcs11Failure(Pkcs11.CKR_DEVICE_ERROR, "cannot reach the server to sign with " + where + ": " + e.getMessage());
        } catch (InkanException e) {
            throw new Pkcs11Failure(Pkcs11.CKR_DEVICE_ERROR, "unexpected reply signing with " + where + ": " + e.getMessage());
        }
    }
}
