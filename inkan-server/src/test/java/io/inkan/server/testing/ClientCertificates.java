package io.inkan.server.testing;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** HTTP clients that present a client certificate from a PKCS#12 file. */
final class ClientCertificates {

    private ClientCertificates() {
    }

    static HttpClient httpClient(Path serverCertificate, Path pkcs12, char[] password, boolean ignoreIssuers) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            KeyManager[] managers = factory.getKeyManagers();
            if (ignoreIssuers) {
                managers = new KeyManager[]{new AnyIssuer((X509KeyManager) managers[0], store.aliases().nextElement())};
            }
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(ApiCaller.tls(serverCertificate, managers))
                    .connectTimeout(Duration.ofSeconds(10)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offers its one certificate whatever CAs the server asks for. */
    private static final class AnyIssuer extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final String alias;

        AnyIssuer(X509KeyManager delegate, String alias) {
            this.delegate = delegate;
            this.alias = alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[]{alias};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return delegate.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return delegate.getPrivateKey(name);
        }
    }
}
