package io.inkan.server.requests;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The workflow's periodic work: expire requests nobody decided in time (W3), remind approvers before
 * that, close release windows whose time is over. With several nodes on one database, ShedLock's lock
 * row makes one node at a time do it (O3); each change is also a conditional update in its own
 * transaction, so even a lock that ran out mid-round cannot expire or remind twice.
 */
@Component
class WorkflowJobs {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowJobs.class);
    private static final String LOCK = "inkan-workflow-jobs";
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(5);
    private static final int BATCH = 100;

    private final SigningRequests requests;
    private final RequestRepository repository;
    private final TransactionTemplate transactions;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    WorkflowJobs(SigningRequests requests, RequestRepository repository, TransactionTemplate transactions,
                 DataSource dataSource, Clock clock) {
        this.requests = requests;
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
                .builder().withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
    }

    @Scheduled(fixedDelayString = "${inkan.workflow.job-interval:30s}", initialDelayString = "${inkan.workflow.job-interval:30s}")
    void onTimer() {
        try {
            locks.executeWithLock((Runnable) this::runOnce,
                    new LockConfiguration(clock.instant(), LOCK, LOCK_AT_MOST, Duration.ZERO));
        } catch (RuntimeException e) {
            LOG.error("workflow jobs failed", e);
        }
    }

    /** One round: expiries first, so nobody is reminded of a request that is already over. */
    void runOnce() {
        Instant now = clock.instant();
        each(repository.due(RequestState.REQUESTED, "expires_at", now, BATCH), requests::expire);
        each(repository.reminderDue(now, BATCH), requests::remind);
        each(repository.due(RequestState.APPROVED, "window_closes_at", now, BATCH), requests::close);
    }

    private void each(List<SigningRequest> due, Function<SigningRequest, Boolean> change) {
        for (SigningRequest request : due) {
            try {
                transactions.executeWithoutResult(status -> change.apply(request));
            } catch (RuntimeException e) {
                LOG.error("workflow job failed on request {}", request.id(), e);
            }
        }
    }
}
