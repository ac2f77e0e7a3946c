package io.inkan.client.jca;

import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.ProjectView;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * The signing keys one caller may use, as the server describes them: one per signing profile of the
 * caller's project, each with the certificate chain the server keeps for the profile's key. The client
 * is created on first use so that an unconfigured provider can still be installed and listed.
 */
final class RemoteKeys {

    /** A profile's key as a key store entry, with the key's creation time. */
    record Entry(KeyStore.PrivateKeyEntry entry, Date created) {
    }

    private final Supplier<InkanClient> clientFactory;
    private final String configuredProject;
    private InkanClient client;
    private String project;

    RemoteKeys(Supplier<InkanClient> clientFactory, String project) {
        this.clientFactory = clientFactory;
        this.configuredProject = project;
    }

    synchronized InkanClient client() {
        if (client == null) {
            client = clientFactory.get();
        }
        return client;
    }

    /**
     * The configured project, or else the only project the credential can see (a signer sees the
     * projects it signs for). Asking for the visible projects rather than parsing the caller's roles keeps
     * this independent of how the server models roles.
     */
    synchronized String project() {
        if (project == null) {
            if (configuredProject != null) {
                project = configuredProject;
            } else {
                List<String> visible = client().admin().listProjects().stream().map(ProjectView::name).toList();
                if (visible.size() != 1) {
                    throw new InkanException("the credential sees " + (visible.isEmpty() ? "no project" : visible)
                            + "; set project=... in the Inkan provider configuration");
                }
                project = visible.get(0);
            }
        }
        return project;
    }

    List<String> profiles() {
        List<String> names = new ArrayList<>();
        for (ProfileView profile : client().profiles().list(project())) {
            names.add(profile.name());
        }
        return names;
    }

    /** The key and chain behind {@code profile}. */
    Entry entry(String profile) {
        InkanClient c = client();
        String p = project();
        KeyView key = c.keys().get(p, c.profiles().get(p, profile).key());
        X509Certificate[] chain = chain(key);
        KeyAlgorithm algorithm = KeyAlgorithm.parse(key.algorithm());
        InkanPrivateKey privateKey = InkanPrivateKey.of(new RemoteSigner(c, p, profile), algorithm);
        return new Entry(new KeyStore.PrivateKeyEntry(privateKey, chain),
                key.createdAt() == null ? null : Date.from(key.createdAt()));
    }

    private static X509Certificate[] chain(KeyView key) {
        if (key.certificateChain() == null || key.certificateChain().isEmpty()) {
            throw new InkanException("key " + key.name() + " has no certificate chain");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate[] chain = new X509Certificate[key.certificateChain().size()];
            for (int i = 0; i < chain.length; i++) {
                byte[] der = Base64.getDecoder().decode(key.certificateChain().get(i));
                chain[i] = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            }
            return chain;
        } catch (CertificateException | IllegalArgumentException e) {
            throw new InkanException("server sent an unreadable certificate for key " + key.name(), e);
        }
    }
}
