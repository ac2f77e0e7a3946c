package io.inkan.client.audit;

import java.util.Map;

/**
 * A project's month in numbers, for the monthly audit review: how many signatures (digests signed),
 * by whom, with which key and profile, and how many requests were refused or approved.
 *
 * @param month              {@code yyyy-MM}, in UTC
 * @param signatures         digests signed
 * @param signingRequests    successful signing requests (batches)
 * @param signaturesBySigner signatures per principal
 * @param signaturesByKey    signatures per key name
 * @param signaturesByProfile signatures per profile name
 * @param denials            refusals for missing rights or credentials
 * @param rejections         refusals of invalid requests
 * @param failures           requests the server failed to complete
 * @param approvals          approvals of signing requests
 * @param records            audit records of the project in the month
 */
public record AuditReport(String project, String month, long signatures, long signingRequests,
                          Map<String, Long> signaturesBySigner, Map<String, Long> signaturesByKey,
                          Map<String, Long> signaturesByProfile, long denials, long rejections, long failures,
                          long approvals, long records) {
}
