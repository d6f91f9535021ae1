package dev.ferry.repo.jgit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.eclipse.jgit.internal.storage.file.BasePackIndexWriter;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackFile;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PackedObjectInfo;
import org.eclipse.jgit.util.NB;

/**
 * Gathers every pack of several repositories into one pack of a work repository by copying their entries byte for
 * byte, so a push of their union looks each object up in one pack instead of once per repository. JGit's pack writer asks
 * every pack of every alternate for each object it sends; with twenty alternates that search, not the transfer, was most
 * of a merge's time.
 *
 * <p>Copying is safe because an entry never names a position outside itself: a delta names its base by id or by the
 * distance back to it in the same pack, and packs are copied whole, in order. No object is inflated or hashed again;
 * only the index is new. An object stored in two of the repositories stays twice in the union (both copies are valid,
 * and a delta may be based on either).
 */
final class PackUnion {

    private static final int HEADER = 12;
    private static final int TRAILER = 20;

    private final List<Pack> packs;

    private PackUnion(List<Pack> packs) {
        this.packs = packs;
    }

    /** The packs of every one of {@code directories}. */
    static PackUnion of(List<ObjectDirectory> directories) {
        var packs = new ArrayList<Pack>();
        directories.forEach(directory -> packs.addAll(directory.getPacks()));
        return new PackUnion(packs);
    }

    /** Writes the union as one pack (and its index) into {@code into} and returns the pack file; none when empty. */
    java.util.Optional<Path> writeInto(ObjectDirectory into) throws IOException {
        var entries = new ArrayList<PackedObjectInfo>();
        var packIndexes = new ArrayList<PackIndex>(packs.size());
        long count = 0;
        for (Pack pack : packs) {
            PackIndex index = pack.getIndex();
            packIndexes.add(index);
            count += index.getObjectCount();
        }
        if (count == 0) {
            return java.util.Optional.empty();
        }
        Path directory = into.getPackDirectory().toPath();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "union-", ".pack");
        byte[] checksum;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
                var out = new DigestOutputStream(file, sha1())) {
            out.write(header(count));
            long position = HEADER;
            for (int i = 0; i < packs.size(); i++) {
                position = copy(packs.get(i).getPackFile().toPath(), packIndexes.get(i), position, out, entries);
            }
            checksum = out.getMessageDigest().digest();
            file.write(checksum);
        }
        ObjectId name = ObjectId.fromRaw(checksum);
        Path pack = new PackFile(directory.toFile(), name, PackExt.PACK).toPath();
        Path index = new PackFile(directory.toFile(), name, PackExt.INDEX).toPath();
        entries.sort(null);
        Path temporaryIndex = Files.createTempFile(directory, "union-", ".idx");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporaryIndex), 1 << 16)) {
            BasePackIndexWriter.createVersion(out, 2).write(entries, checksum);
        }
        Files.move(temporary, pack, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temporaryIndex, index, StandardCopyOption.ATOMIC_MOVE);
        into.openPack(pack.toFile());
        return java.util.Optional.of(pack);
    }

    /**
     * Copies the entries of one pack (everything between its header and its checksum) to {@code out}, which is at
     * {@code position}, and records each object at its new position with the CRC of its entry; returns the position
     * after them.
     */
    private static long copy(
            Path packFile, PackIndex index, long position, OutputStream out, List<PackedObjectInfo> entries)
            throws IOException {
        var here = new ArrayList<PackedObjectInfo>((int) index.getObjectCount());
        for (PackIndex.MutableEntry entry : index) {
            var info = new PackedObjectInfo(entry.toObjectId());
            info.setOffset(entry.getOffset());
            here.add(info);
        }
        here.sort(Comparator.comparingLong(PackedObjectInfo::getOffset));
        long end = Files.size(packFile) - TRAILER;
        var crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(packFile), 1 << 16)) {
            in.skipNBytes(HEADER);
            long at = HEADER;
            for (int i = 0; i < here.size(); i++) {
                PackedObjectInfo info = here.get(i);
                if (info.getOffset() != at) {
                    throw new IOException(packFile + " has bytes no object of its index accounts for at " + at);
                }
                long stop = i + 1 < here.size() ? here.get(i + 1).getOffset() : end;
                crc.reset();
                for (long left = stop - at; left > 0; ) {
                    int n = (int) Math.min(buffer.length, left);
                    in.readNBytes(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    left -= n;
                }
                info.setOffset(position + (at - HEADER));
                info.setCRC((int) crc.getValue());
                entries.add(info);
                at = stop;
            }
            return position + (end - HEADER);
        }
    }

    private static byte[] header(long count) {
        byte[] header = new byte[HEADER];
        header[0] = 'P';
        header[1] = 'A';
        header[2] = 'C';
        header[3] = 'K';
        NB.encodeInt32(header, 4, 2);
        NB.encodeInt32(header, 8, Math.toIntExact(count));
        return header;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1, which every Java platform must have", e);
        }
    }
}
