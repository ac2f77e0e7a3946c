package io.inkan.client.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proofs against RFC 9162's definitions computed the slow way: every expected root and path here is
 * recomputed from the leaves by the recursive definitions of section 2.1, independently of the
 * incremental and stored-subtree code under test.
 */
class MerkleTreeTest {

    private static final long[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65, 100};

    @Test
    void theRootOfAStreamedRangeIsTheDefinitionsRootForEverySize() {
        List<byte[]> leaves = leaves(130);
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(MerkleTree.EMPTY_ROOT);
        for (int n = 1; n <= leaves.size(); n++) {
            range.append(leaves.get(n - 1));
            assertThat(range.root()).as("size %d", n).isEqualTo(mth(leaves.subList(0, n)));
            CompactRange resumed = new CompactRange(n, range.roots());
            assertThat(resumed.root()).isEqualTo(range.root());
        }
    }

    @Test
    void theSubtreesARangeFinishesAreExactlyTheCompleteAlignedOnes() {
        List<byte[]> leaves = leaves(64);
        CompactRange range = new CompactRange();
        List<CompactRange.Node> finished = new ArrayList<>();
        leaves.forEach(leaf -> finished.addAll(range.append(leaf)));
        assertThat(finished).hasSize(63);
        for (CompactRange.Node node : finished) {
            int start = (int) (node.index() << node.level());
            assertThat(node.hash()).isEqualTo(mth(leaves.subList(start, start + (1 << node.level()))));
        }
    }

    @Test
    void inclusionProofsMatchTheDefinitionAndVerifyForEveryLeaf() {
        for (long size : SIZES) {
            List<byte[]> leaves = leaves((int) size);
            byte[] root = mth(leaves);
            for (int m = 0; m < size; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(m, size, subtrees(leaves));
                assertThat(proof).as("size %d leaf %d", size, m).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(path(m, leaves));
                assertThat(MerkleTree.verifyInclusion(m, size, leaves.get(m), proof, root)).isTrue();
                assertThat(MerkleTree.verifyInclusion(m, size, leaves.get((m + 1) % (int) size), proof, root))
                        .isEqualTo(size == 1);
                if (!proof.isEmpty()) {
                    List<byte[]> damaged = new ArrayList<>(proof);
                    damaged.set(0, leaves.get(0).clone());
                    damaged.get(0)[0] ^= 1;
                    assertThat(MerkleTree.verifyInclusion(m, size, leaves.get(m), damaged, root)).isFalse();
                }
            }
        }
    }

    @Test
    void consistencyProofsMatchTheDefinitionAndVerifyBetweenEveryPairOfSizes() {
        List<byte[]> leaves = leaves(100);
        for (long n : SIZES) {
            for (long m = 1; m <= n; m++) {
                List<byte[]> prefix = leaves.subList(0, (int) m);
                List<byte[]> whole = leaves.subList(0, (int) n);
                List<byte[]> proof = MerkleTree.consistencyProof(m, n, subtrees(whole));
                assertThat(proof).as("%d to %d", m, n).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(m == n ? List.of() : subproof((int) m, whole, true));
                assertThat(MerkleTree.verifyConsistency(m, n, mth(prefix), mth(whole), proof)).isTrue();
                List<byte[]> forged = new ArrayList<>(leaves.subList(0, (int) m));
                forged.set(0, leaf("forged"));
                assertThat(MerkleTree.verifyConsistency(m, n, mth(forged), mth(whole), proof)).isFalse();
            }
        }
    }

    @Test
    void storedSubtreesServeAnyRangeTheWayTheDefinitionComputesIt() {
        List<byte[]> leaves = leaves(77);
        for (int start = 0; start < 77; start += 5) {
            for (int end = start + 1; end <= 77; end += 3) {
                if (Long.bitCount(end - start) == 1 && start % (end - start) != 0) {
                    continue;
                }
                assertThat(MerkleTree.root(start, end, subtrees(leaves)))
                        .isEqualTo(mth(leaves.subList(start, end)));
            }
        }
    }

    /** MTH as RFC 9162 section 2.1.1 defines it. */
    static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return MerkleTree.EMPTY_ROOT;
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleTree.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    /** PATH(m, D[n]) of RFC 9162 section 2.1.3.1. */
    private static List<byte[]> path(int m, List<byte[]> leaves) {
        List<byte[]> result = new ArrayList<>();
        if (leaves.size() <= 1) {
            return result;
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        if (m < k) {
            result.addAll(path(m, leaves.subList(0, k)));
            result.add(mth(leaves.subList(k, leaves.size())));
        } else {
            result.addAll(path(m - k, leaves.subList(k, leaves.size())));
            result.add(mth(leaves.subList(0, k)));
        }
        return result;
    }

    /** SUBPROOF(m, D[n], b) of RFC 9162 section 2.1.4.1. */
    private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean whole) {
        List<byte[]> result = new ArrayList<>();
        int n = leaves.size();
        if (m == n) {
            if (!whole) {
                result.add(mth(leaves));
            }
            return result;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            result.addAll(subproof(m, leaves.subList(0, k), whole));
            result.add(mth(leaves.subList(k, n)));
        } else {
            result.addAll(subproof(m - k, leaves.subList(k, n), false));
            result.add(mth(leaves.subList(0, k)));
        }
        return result;
    }

    /** Complete subtrees served from the leaves by the definition, the way the server serves them from storage. */
    private static MerkleTree.Subtrees subtrees(List<byte[]> leaves) {
        return (start, end) -> {
            assertThat(Long.bitCount(end - start)).isEqualTo(1);
            assertThat(start % (end - start)).isZero();
            return mth(leaves.subList((int) start, (int) end));
        };
    }

    private static List<byte[]> leaves(int count) {
        Random random = new Random(9162);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + random.nextInt(40)];
            random.nextBytes(data);
            leaves.add(MerkleTree.leafHash(data));
        }
        return leaves;
    }

    private static byte[] leaf(String data) {
        return MerkleTree.leafHash(data.getBytes(StandardCharsets.UTF_8));
    }
}
