package dev.ferry.cli.status;

import dev.ferry.cli.text.DataOutput;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Where {@code ferry status --watch} shows each new state of a run. */
abstract sealed class WatchDisplay {

    final PrintWriter out;
    MigrationStatus last;

    WatchDisplay(PrintWriter out) {
        this.out = out;
    }

    static WatchDisplay forTerminal(PrintWriter out) {
        return new Redrawn(out, StatusView.coloured());
    }

    static WatchDisplay forLog(PrintWriter out) {
        return new Appended(out, StatusView.plain());
    }

    static WatchDisplay asData(PrintWriter out, DataOutput format) {
        return new AsData(out, format);
    }

    final void show(MigrationStatus status, Instant now) {
        draw(status, now);
        last = status;
        out.flush();
    }

    abstract void draw(MigrationStatus status, Instant now);

    /** On a terminal: the same screen area redrawn in place, like a progress bar. */
    static final class Redrawn extends WatchDisplay {

        private static final String CLEAR_TO_END = "\u001B[J";

        private final StatusView view;
        private int drawnLines;

        Redrawn(PrintWriter out, StatusView view) {
            super(out);
            this.view = view;
        }

        @Override
        void draw(MigrationStatus status, Instant now) {
            List<String> lines = view.live(status, now);
            if (drawnLines > 0) {
                // Back to the first line of the previous frame, then wipe it: the new frame may be shorter.
                out.print("\u001B[" + drawnLines + "A\r" + CLEAR_TO_END);
            }
            lines.forEach(out::println);
            drawnLines = lines.size();
        }
    }

    /** Into a pipe or file: a line per change, nothing ever rewritten. */
    static final class Appended extends WatchDisplay {

        private final StatusView view;

        Appended(PrintWriter out, StatusView view) {
            super(out);
            this.view = view;
        }

        @Override
        void draw(MigrationStatus status, Instant now) {
            view.changes(last, status).forEach(out::println);
        }
    }

    /** For scripts ({@code -o json|yaml}): every state the planner sends, whole, one document each. */
    static final class AsData extends WatchDisplay {

        private final DataOutput format;

        AsData(PrintWriter out, DataOutput format) {
            super(out);
            this.format = format;
        }

        @Override
        void draw(MigrationStatus status, Instant now) {
            format.print(out, status);
        }
    }
}
