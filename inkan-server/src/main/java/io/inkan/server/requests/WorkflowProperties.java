package io.inkan.server.requests;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the approval workflow under {@code inkan.workflow.*}.
 *
 * @param jobInterval how often one node (of all sharing the database) expires overdue requests and sends reminders
 * @param maxWait     longest a client may wait for a decision in one call ({@code ?wait=SECONDS})
 */
@ConfigurationProperties(prefix = "inkan.workflow")
public record WorkflowProperties(Duration jobInterval, Duration maxWait) {

    public WorkflowProperties {
        jobInterval = jobInterval == null ? Duration.ofSeconds(30) : jobInterval;
        maxWait = maxWait == null ? Duration.ofSeconds(60) : maxWait;
    }
}
