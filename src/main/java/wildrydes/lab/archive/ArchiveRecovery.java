package wildrydes.lab.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Brings an archive back to a consistent state after it stopped at any point, crash included.
 * A delivery renames staged files into place only after its intent (the files, their keys and
 * the checkpoint after them) is durable, and records the new checkpoint only after the renames
 * are durable. So at a restart with an intent: if any of its objects is in place, the renames
 * had begun, every staged file was complete, and the delivery is finished (the remaining files
 * renamed) and its checkpoint taken; if none is, the delivery is discarded (its staged files
 * deleted) and its records are read again from the old checkpoint. Either way each record ends
 * up in exactly one object. Staged files of deliveries that never got as far as an intent are
 * deleted.
 */
final class ArchiveRecovery {
    /** The state to continue from, and what was done, for a line on stderr (null when nothing was). */
    record Outcome(ArchiveState state, String notice) {
    }

    private ArchiveRecovery() {
    }

    static Outcome recover(Path lake, String name, ArchiveStateStore store, ArchiveState loaded) throws IOException {
        String notice = null;
        ArchiveState state = loaded;
        if (loaded.intent() != null) {
            boolean begun = loaded.intent().moves().stream().anyMatch(move -> Files.exists(lake.resolve(move.target())));
            if (begun) {
                Set<Path> folders = new LinkedHashSet<>();
                int finished = 0;
                for (ArchiveState.Move move : loaded.intent().moves()) {
                    Path target = lake.resolve(move.target());
                    if (!Files.exists(target)) {
                        Path staged = lake.resolve(move.staged());
                        if (!Files.exists(staged)) {
                            throw new IOException("the archive state " + store.file() + " names " + move.staged() + " for "
                                    + move.target() + ", but neither exists: the lake was changed by hand; restore it");
                        }
                        DurableFiles.createDirectories(target.getParent());
                        DurableFiles.moveAtomically(staged, target);
                        finished++;
                    }
                    folders.add(target.getParent());
                }
                for (Path folder : folders) {
                    DurableFiles.forceDirectory(folder);
                }
                state = loaded.completed();
                notice = "completed a delivery a stop had interrupted (" + loaded.intent().moves().size() + " object(s), "
                        + finished + " renamed now)";
            } else {
                state = loaded.discarded();
                notice = "discarded a delivery a stop had interrupted before its objects were in place; its records are "
                        + "read again";
            }
            store.save(state);
        }
        clearStaging(LakeLayout.stagingDirectory(lake, name));
        return new Outcome(state, notice);
    }

    /** Deletes staged files: none is named by the (now settled) state any more. */
    static void clearStaging(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return;
        }
        boolean deleted = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                deleted = true;
            }
        }
        if (deleted) {
            DurableFiles.forceDirectory(staging);
        }
    }
}
