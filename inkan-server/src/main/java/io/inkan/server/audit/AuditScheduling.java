package io.inkan.server.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the timer that signs checkpoints of a quiet trail ({@link Checkpoints}). */
@Configuration
@EnableScheduling
class AuditScheduling {
}
