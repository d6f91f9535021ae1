package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.JibEvent;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.events.TimerEvent;
import dev.ferry.build.domain.UploadProgress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, from Jib's events, which blobs a push sent and which the registry already had. Jib announces every blob it
 * pushes ("pushing blob DIGEST", with its size) and, only when it really sends bytes, laps a timer named
 * "pushBlob PATCH DIGEST"; a blob that exists, or that the registry mounted from another repository, never gets that
 * lap. A base layer the target already holds is only mentioned in a log line. Events arrive on Jib's worker threads, hence the concurrent maps.
 */
final class BlobAccounting {

    private static final String PUSHING = "pushing blob ";
    private static final String PATCH = "pushBlob PATCH ";
    private static final String ALREADY_IN_TARGET = "Skipping pull; BLOB already exists on target registry";
    private static final Pattern BLOB_DESCRIPTOR = Pattern.compile("digest: (\\S+), size: (\\d+)");

    /** What the push cost; the configuration blob counts in bytes but not in layers. */
    record Counts(long sizeBytes, int layersUploaded, int layersReused, long bytesUploaded) {}

    private final Map<String, Long> blobSizes = new ConcurrentHashMap<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesHandled = new AtomicLong();
    private final DoubleAdder fraction = new DoubleAdder();
    private final UploadProgress progress;

    BlobAccounting(UploadProgress progress) {
        this.progress = progress;
    }

    void on(JibEvent event) {
        switch (event) {
            case ProgressEvent p -> onProgress(p);
            case TimerEvent t
            when t.getDescription().startsWith(PATCH) ->
                sent.add(t.getDescription().substring(PATCH.length()).strip());
            case LogEvent l when l.getMessage().startsWith(ALREADY_IN_TARGET) -> onBaseLayerInTarget(l.getMessage());
            default -> {}
        }
    }

    private void onProgress(ProgressEvent event) {
        var allocation = event.getAllocation();
        if (allocation.getAllocationUnits() > 0) {
            fraction.add(event.getUnits() * allocation.getFractionOfRoot() / allocation.getAllocationUnits());
        }
        String description = allocation.getDescription();
        long handled = bytesHandled.get();
        if (description.startsWith(PUSHING)) {
            blobSizes.putIfAbsent(description.substring(PUSHING.length()), allocation.getAllocationUnits());
            handled = bytesHandled.addAndGet(event.getUnits());
        }
        progress.advanced(handled, Math.min(1.0, fraction.sum()));
    }

    /** A base layer the target already holds is neither pulled nor pushed: Jib only logs it, with its size. */
    private void onBaseLayerInTarget(String message) {
        Matcher blob = BLOB_DESCRIPTOR.matcher(message);
        if (blob.find()) {
            blobSizes.putIfAbsent(blob.group(1), Long.parseLong(blob.group(2)));
        }
    }

    /** The totals once the push is done; {@code configDigest} is the image id, which is a blob but not a layer. */
    Counts counts(String configDigest) {
        long size = 0;
        long uploadedBytes = 0;
        int uploaded = 0;
        int reused = 0;
        for (var blob : blobSizes.entrySet()) {
            boolean wasSent = sent.contains(blob.getKey());
            uploadedBytes += wasSent ? blob.getValue() : 0;
            if (blob.getKey().equals(configDigest)) {
                continue;
            }
            size += blob.getValue();
            uploaded += wasSent ? 1 : 0;
            reused += wasSent ? 0 : 1;
        }
        return new Counts(size, uploaded, reused, uploadedBytes);
    }
}
