package io.inkan.server.outbound;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one way the server makes HTTP calls for its users: every connection goes only to addresses
 * {@link OutboundAddresses} allows, as resolved for that connection, redirects are never followed (a
 * signed body goes only where it was registered to go, and a redirect cannot lead inside), nothing is
 * retried behind the caller's back, no proxy, cookie or compression is used, and replies are read up to
 * a bound.
 */
@Component
public class OutboundHttp implements DisposableBean {

    private final OutboundAddresses addresses;
    private final List<CloseableHttpClient> clients = new CopyOnWriteArrayList<>();

    public OutboundHttp(OutboundAddresses addresses) {
        this.addresses = addresses;
    }

    /** A client whose connections and replies time out after {@code timeout}. */
    public Client client(Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("inkan")
                .build();
        clients.add(http);
        return new Client(http);
    }

    @Override
    public void destroy() throws IOException {
        for (CloseableHttpClient client : clients) {
            client.close();
        }
    }

    /** Posts bodies; one per calling component. */
    public static final class Client {

        private final CloseableHttpClient http;

        private Client(CloseableHttpClient http) {
            this.http = http;
        }

        /**
         * Posts {@code body} and returns the status and at most {@code maxReplyBytes} of the reply.
         *
         * @throws OutboundAddresses.Refused if the host is or resolves to an address not allowed
         */
        public Reply post(URI url, String contentType, Map<String, String> headers, byte[] body, int maxReplyBytes)
                throws IOException {
            HttpPost post = new HttpPost(url);
            headers.forEach(post::setHeader);
            post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
            return http.execute(post, response -> new Reply(response.getCode(), response.getEntity() == null
                    ? new byte[0] : EntityUtils.toByteArray(response.getEntity(), maxReplyBytes)));
        }
    }

    /** An HTTP status and the (bounded) reply body. */
    public record Reply(int status, byte[] body) {
    }
}
