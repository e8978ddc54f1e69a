package dev.atrium.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pid files under {@code <data>/run}: {@code launcher.pid} (the {@code up} JVM) and {@code pids}
 * ({@code <service> <pid>} per line), so {@code down} can find what a lost launcher left behind.
 */
final class Pids {

    static final String LAUNCHER = "launcher.pid";
    static final String CHILDREN = "pids";

    private Pids() {
    }

    static void writeChildren(Path runDir, Map<Service, Long> pids) throws IOException {
        Files.createDirectories(runDir);
        StringBuilder sb = new StringBuilder();
        pids.forEach((service, pid) -> sb.append(service.module()).append(' ').append(pid).append('\n'));
        Path tmp = runDir.resolve(CHILDREN + ".tmp");
        Files.writeString(tmp, sb);
        Files.move(tmp, runDir.resolve(CHILDREN), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<Service, Long> readChildren(Path runDir) {
        Map<Service, Long> pids = new LinkedHashMap<>();
        Path file = runDir.resolve(CHILDREN);
        if (!Files.isRegularFile(file)) {
            return pids;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    Service.find(parts[0]).ifPresent(s -> pids.put(s, Long.parseLong(parts[1])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // A torn file only means fewer leftovers can be found; down still stops the launcher itself.
        }
        return pids;
    }

    static Optional<Long> readLauncher(Path runDir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(runDir.resolve(LAUNCHER)).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live process with that pid, but only when its command line contains {@code marker}. */
    static Optional<ProcessHandle> alive(long pid, String marker) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(marker));
    }

    static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("");
    }

    /** SIGTERM, wait, then SIGKILL. Returns true when the process is gone. */
    static boolean terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                return true;
            } catch (Exception again) {
                return !process.isAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }
}
