package io.coinwatch.core.infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The directory an embedded server keeps its data in, emptied first when a run asks for a clean start (tests). */
final class DataDirectory {

    private DataDirectory() {
    }

    static Path prepare(Path dir, boolean clean) throws IOException {
        if (clean && Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
