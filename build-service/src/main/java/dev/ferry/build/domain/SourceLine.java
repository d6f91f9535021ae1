package dev.ferry.build.domain;

/** Where an instruction was written, for messages: {@code services/user/Dockerfile:12}. */
public record SourceLine(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
