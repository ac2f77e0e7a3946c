package io.inkan.client.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1) over the audit trail: leaf
 * {@code H(0x00 || data)}, node {@code H(0x01 || left || right)}, SHA-256. It makes "record N is in the
 * log" and "the log of size M is a prefix of the log of size N" provable with O(log N) hashes, which is
 * what a reviewer who knows Certificate Transparency or Rekor expects to check. Proof generation takes any
 * {@link Subtrees} source (the server's stored nodes, or a list in tests); verification needs only the
 * proof, so the CLI checks it offline.
 */
public final class MerkleTree {

    /** One digest per thread: a verifier hashes two or three times per record, a provider look-up each time would cost more. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleTree::sha256);

    /** The hash of the empty tree, {@code SHA-256("")}. */
    public static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleTree() {
    }

    /** Supplies {@code MTH(D[start:end])}, the root of the leaves {@code start} (inclusive) to {@code end}. */
    @FunctionalInterface
    public interface Subtrees {
        byte[] root(long start, long end);
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.update((byte) 0x00);
        return digest.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = SHA256.get();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }

    /** The largest power of two smaller than {@code n}, for {@code n > 1}. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * {@code MTH(D[start:end])} from the roots of complete subtrees only: a range of a power-of-two size
     * aligned on its size is asked of {@code complete}, any other range is split as RFC 9162 splits it.
     */
    public static byte[] root(long start, long end, Subtrees complete) {
        long size = end - start;
        if (size == 0) {
            return EMPTY_ROOT.clone();
        }
        if (Long.bitCount(size) == 1 && start % size == 0) {
            return complete.root(start, end);
        }
        long k = split(size);
        return nodeHash(root(start, start + k, complete), root(start + k, end, complete));
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves, leaf side first. */
    public static List<byte[]> inclusionProof(long index, long size, Subtrees subtrees) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, subtrees, path);
        return path;
    }

    private static void path(long index, long start, long end, Subtrees subtrees, List<byte[]> path) {
        long size = end - start;
        if (size == 1) {
            return;
        }
        long k = split(size);
        if (index < k) {
            path(index, start, start + k, subtrees, path);
            path.add(root(start + k, end, subtrees));
        } else {
            path(index - k, start + k, end, subtrees, path);
            path.add(root(start, start + k, subtrees));
        }
    }

    /** The proof that the tree of the first {@code oldSize} leaves is a prefix of the one of {@code newSize}. */
    public static List<byte[]> consistencyProof(long oldSize, long newSize, Subtrees subtrees) {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, subtrees, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean whole, Subtrees subtrees, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                proof.add(root(start, end, subtrees));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, subtrees, proof);
            proof.add(root(start + k, end, subtrees));
        } else {
            subproof(m - k, start + k, end, false, subtrees, proof);
            proof.add(root(start, start + k, subtrees));
        }
    }

    /** RFC 9162 section 2.1.3.2: whether {@code path} proves leaf {@code index} with {@code leafHash} under {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 section 2.1.4.2: whether {@code proof} shows the tree {@code oldRoot} of {@code oldSize} is a prefix of {@code newRoot}. */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize <= 0 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    static boolean equal(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
