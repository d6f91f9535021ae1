package dev.ferry.data.domain;

/**
 * A place in a MariaDB/MySQL binlog: the file ({@code binlog.000003}, with or without its folder) and the byte
 * offset in it. Files are numbered in the order the server wrote them, so {@link #ordinal} orders positions across
 * files as one number, the way a PostgreSQL LSN does.
 */
public record BinlogPosition(String file, long offset) {

    public BinlogPosition {
        if (file == null || !file.matches(".*\\.[0-9]+")) {
            throw new IllegalArgumentException("not a binlog file name: " + file);
        }
        if (offset < 0 || offset >= 1L << 40) {
            throw new IllegalArgumentException("not a binlog offset: " + offset);
        }
    }

    /** The file's number in its upper bits and the offset in the lower 40. */
    public long ordinal() {
        long number = Long.parseLong(file.substring(file.lastIndexOf('.') + 1));
        return (number << 40) | offset;
    }

    /** As Ferry reports a source position: {@code binlog.000003:1234}. */
    @Override
    public String toString() {
        return file.substring(file.lastIndexOf('/') + 1) + ":" + offset;
    }
}
