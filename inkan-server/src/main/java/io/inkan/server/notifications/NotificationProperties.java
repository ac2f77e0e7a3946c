package io.inkan.server.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of workflow notifications under {@code inkan.notifications.*}. The SMTP server itself is
 * configured as {@code spring.mail.*}; without {@code spring.mail.host} no email is queued (webhooks
 * still are).
 *
 * @param publicUrl        the server's address as people reach it, for links in notifications
 * @param mailFrom         sender address of notification emails
 * @param deliveryInterval how often pending notifications are looked for (new ones are sent at once)
 * @param deliveryAttempts attempts per notification before it is recorded as failed
 * @param retryDelay       delay before the second attempt; doubled for each further one
 * @param webhookTimeout   how long one webhook call may take
 */
@ConfigurationProperties(prefix = "inkan.notifications")
public record NotificationProperties(URI publicUrl, String mailFrom, Duration deliveryInterval, int deliveryAttempts,
                                     Duration retryDelay, Duration webhookTimeout) {

    public NotificationProperties {
        publicUrl = publicUrl == null ? URI.create("https://localhost:8443") : publicUrl;
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "inkan@localhost" : mailFrom;
        deliveryInterval = deliveryInterval == null ? Duration.ofSeconds(5) : deliveryInterval;
        deliveryAttempts = deliveryAttempts <= 0 ? 5 : deliveryAttempts;
        retryDelay = retryDelay == null ? Duration.ofSeconds(10) : retryDelay;
        webhookTimeout = webhookTimeout == null ? Duration.ofSeconds(10) : webhookTimeout;
    }
}
