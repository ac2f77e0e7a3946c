package io.inkan.client.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing RFC 9162 tree: the roots of the complete subtrees the leaves so far
 * decompose into (at most one per bit of the size). Appending a leaf merges equal-sized neighbours, so a
 * verifier streaming a million records keeps only ~20 hashes, and the server learns each complete
 * subtree exactly when it comes into being, to store it for proofs.
 */
public final class CompactRange {

    /** A complete subtree that an append just finished: {@code 2^level} leaves starting at {@code index << level}. */
    public record Node(int level, long index, byte[] hash) {
    }

    private final List<byte[]> roots = new ArrayList<>();
    private long size;

    /** An empty range. */
    public CompactRange() {
    }

    /**
     * The range of the first {@code size} leaves given the roots of its complete subtrees, largest first
     * (one per set bit of {@code size}, as {@link #roots} answers them).
     */
    public CompactRange(long size, List<byte[]> roots) {
        if (Long.bitCount(size) != roots.size()) {
            throw new IllegalArgumentException("a range of " + size + " leaves has " + Long.bitCount(size) + " subtrees");
        }
        this.size = size;
        this.roots.addAll(roots);
    }

    public long size() {
        return size;
    }

    /** The roots of the complete subtrees, largest (leftmost) first. */
    public List<byte[]> roots() {
        return List.copyOf(roots);
    }

    /** Appends a leaf given its leaf hash and answers the complete subtrees of two or more leaves it finished. */
    public List<Node> append(byte[] leafHash) {
        List<Node> finished = new ArrayList<>(2);
        byte[] hash = leafHash;
        int level = 0;
        long index = size;
        while (((size >> level) & 1) == 1) {
            hash = MerkleTree.nodeHash(roots.remove(roots.size() - 1), hash);
            level++;
            index >>= 1;
            finished.add(new Node(level, index, hash));
        }
        roots.add(hash);
        size++;
        return finished;
    }

    /** {@code MTH} of every leaf appended so far. */
    public byte[] root() {
        if (roots.isEmpty()) {
            return MerkleTree.EMPTY_ROOT.clone();
        }
        byte[] hash = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            hash = MerkleTree.nodeHash(roots.get(i), hash);
        }
        return hash;
    }
}
