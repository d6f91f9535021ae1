package dev.ferry.build.domain.job;

/** Port: keeps a job's whole output (as {@link JobLog} bounded it) where people can read it. */
public interface JobLogs {

    /** Keeps {@code text} as the log of job {@code name}; where it can be read. */
    String keep(String name, String text);
}
