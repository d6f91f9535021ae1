package dev.ferry.repo.jgit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.eclipse.jgit.internal.storage.file.BasePackIndexWriter;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackFile;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.transport.PackedObjectInfo;
import org.eclipse.jgit.util.NB;

/**
 * Gathers every pack of several repositories into one pack of a work repository by copying their entries, so a push of
 * their union looks each object up in one pack instead of once per repository. JGit's pack writer asks every pack of
 * every alternate for each object it sends; with twenty alternates that search, not the transfer, was most of a merge's
 * time.
 *
 * <p>No object is inflated or hashed again: an entry's compressed bytes are copied as they are, and only the index is
 * new. An object two repositories both hold is copied once (git refuses a pack that holds one twice); the deltas of the
 * later pack then find their base by id, or, based on an entry still there, by its new distance.
 */
final class PackUnion {

    private static final int HEADER = 12;
    private static final int TRAILER = 20;
    private static final int OFS_DELTA = 6;
    private static final int REF_DELTA = 7;

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
    Optional<Path> writeInto(ObjectDirectory into) throws IOException {
        var contents = new ArrayList<Entries>(packs.size());
        var kept = new ObjectIdOwnerMap<PackedObjectInfo>();
        for (Pack pack : packs) {
            contents.add(Entries.of(pack, kept));
        }
        if (kept.size() == 0) {
            return Optional.empty();
        }
        Path directory = into.getPackDirectory().toPath();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "union-", ".pack");
        byte[] checksum;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
                var out = new DigestOutputStream(file, sha1())) {
            out.write(header(kept.size()));
            long position = HEADER;
            for (Entries entries : contents) {
                position = entries.copy(position, out);
            }
            checksum = out.getMessageDigest().digest();
            file.write(checksum);
        }
        var index = new ArrayList<PackedObjectInfo>(kept.size());
        kept.forEach(index::add);
        index.sort(null);
        ObjectId name = ObjectId.fromRaw(checksum);
        Path temporaryIndex = Files.createTempFile(directory, "union-", ".idx");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporaryIndex), 1 << 16)) {
            BasePackIndexWriter.createVersion(out, 2).write(index, checksum);
        }
        Path pack = new PackFile(directory.toFile(), name, PackExt.PACK).toPath();
        Files.move(temporary, pack, StandardCopyOption.ATOMIC_MOVE);
        Files.move(
                temporaryIndex,
                new PackFile(directory.toFile(), name, PackExt.INDEX).toPath(),
                StandardCopyOption.ATOMIC_MOVE);
        into.openPack(pack.toFile());
        return Optional.of(pack);
    }

    /**
     * One source pack's entries in the order they are stored, each either kept (the first copy of its object in the
     * union) or dropped.
     */
    private record Entries(Path file, long end, long[] offsets, ObjectId[] ids, PackedObjectInfo[] kept) {

        static Entries of(Pack pack, ObjectIdOwnerMap<PackedObjectInfo> union) throws IOException {
            PackIndex index = pack.getIndex();
            var byOffset = new ArrayList<PackedObjectInfo>((int) index.getObjectCount());
            for (PackIndex.MutableEntry entry : index) {
                var info = new PackedObjectInfo(entry.toObjectId());
                info.setOffset(entry.getOffset());
                byOffset.add(info);
            }
            byOffset.sort(Comparator.comparingLong(PackedObjectInfo::getOffset));
            int n = byOffset.size();
            var offsets = new long[n];
            var ids = new ObjectId[n];
            var kept = new PackedObjectInfo[n];
            for (int i = 0; i < n; i++) {
                PackedObjectInfo info = byOffset.get(i);
                offsets[i] = info.getOffset();
                ids[i] = info.toObjectId();
                kept[i] = union.addIfAbsent(info) == info ? info : null;
            }
            Path file = pack.getPackFile().toPath();
            return new Entries(file, Files.size(file) - TRAILER, offsets, ids, kept);
        }

        /**
         * Writes the kept entries to {@code out}, which is at {@code position}, recording each at its new position with
         * the CRC of its entry as written; returns the position after them.
         */
        long copy(long position, OutputStream out) throws IOException {
            var newOffsets = new long[offsets.length];
            var crc = new CRC32();
            var checked = new CheckedOutputStream(out, crc);
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                in.skipNBytes(HEADER);
                long at = HEADER;
                for (int i = 0; i < offsets.length; i++) {
                    if (offsets[i] != at) {
                        throw new IOException(file + " has bytes no object of its index accounts for at " + at);
                    }
                    long stop = i + 1 < offsets.length ? offsets[i + 1] : end;
                    if (kept[i] == null) {
                        in.skipNBytes(stop - at);
                    } else {
                        crc.reset();
                        newOffsets[i] = position;
                        long read = writeHeader(in, i, newOffsets, checked);
                        transfer(in, stop - at - read, checked, buffer);
                        kept[i].setOffset(position);
                        kept[i].setCRC((int) crc.getValue());
                        position += checked.written;
                        checked.written = 0;
                    }
                    at = stop;
                }
            }
            return position;
        }

        /**
         * Reads entry {@code i}'s header and writes it again: as it was, except that a delta naming its base by
         * distance names it by the new distance, or by id when its base was dropped. Returns the bytes read.
         */
        private long writeHeader(InputStream in, int i, long[] newOffsets, OutputStream out) throws IOException {
            var header = new ByteArrayOutputStream(16);
            int c = readByte(in);
            header.write(c);
            int type = (c >> 4) & 7;
            while ((c & 0x80) != 0) {
                c = readByte(in);
                header.write(c);
            }
            if (type != OFS_DELTA) {
                header.writeTo(out);
                return header.size();
            }
            int read = header.size();
            c = readByte(in);
            read++;
            long distance = c & 127;
            while ((c & 0x80) != 0) {
                c = readByte(in);
                read++;
                distance = ((distance + 1) << 7) + (c & 127);
            }
            int base = Arrays.binarySearch(offsets, offsets[i] - distance);
            if (base < 0) {
                throw new IOException(file + ": the delta at " + offsets[i] + " names no object as its base");
            }
            byte[] typeAndSize = header.toByteArray();
            if (kept[base] == null) {
                typeAndSize[0] = (byte) ((typeAndSize[0] & 0x8F) | (REF_DELTA << 4));
                out.write(typeAndSize);
                ids[base].copyRawTo(out);
            } else {
                out.write(typeAndSize);
                out.write(encodeDistance(newOffsets[i] - newOffsets[base]));
            }
            return read;
        }

        private static int readByte(InputStream in) throws IOException {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("a pack ended inside an object's header");
            }
            return c;
        }

        private static void transfer(InputStream in, long length, OutputStream out, byte[] buffer) throws IOException {
            for (long left = length; left > 0; ) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
                if (n == 0) {
                    throw new java.io.EOFException("a pack ended inside an object");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** git's encoding of a delta's distance back to its base (the inverse of what {@link Entries} reads). */
    static byte[] encodeDistance(long distance) {
        byte[] buffer = new byte[10];
        int at = buffer.length - 1;
        buffer[at] = (byte) (distance & 127);
        for (long rest = distance >>> 7; rest > 0; rest >>>= 7) {
            buffer[--at] = (byte) (0x80 | (--rest & 127));
        }
        return Arrays.copyOfRange(buffer, at, buffer.length);
    }

    /** Counts what it writes and keeps the CRC of it, so each entry's CRC is of its bytes as written. */
    private static final class CheckedOutputStream extends java.io.FilterOutputStream {

        private final CRC32 crc;
        private long written;

        CheckedOutputStream(OutputStream out, CRC32 crc) {
            super(out);
            this.crc = crc;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            written += len;
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
