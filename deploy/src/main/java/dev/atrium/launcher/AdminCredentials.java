package dev.atrium.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The first administrator auth-service creates at start-up. auth-service creates it only once, so a
 * generated password must survive restarts: it is kept in {@code <data>/admin-credentials} (mode 600).
 *
 * @param generated true when this password was generated (shown in the banner), false when given
 */
public record AdminCredentials(String username, String email, String password, boolean generated) {

    static final String FILE_NAME = "admin-credentials";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    // No quotes, backslash, $ or spaces: the password is copied from a terminal into shells and JSON.
    private static final String SYMBOLS = "!#%*+-=?@_";
    private static final int LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "AdminCredentials[username=" + username + ", email=" + email + ", password=***]";
    }

    /** The configured password if any, else the stored one, else a new one that is stored. */
    public static AdminCredentials resolve(LaunchConfig config) throws IOException {
        Path file = config.dataDir().resolve(FILE_NAME);
        if (config.adminPassword().isPresent()) {
            return new AdminCredentials(config.adminUsername(), config.adminEmail(),
                    config.adminPassword().get(), false);
        }
        Optional<String> stored = readPassword(file);
        if (stored.isPresent()) {
            return new AdminCredentials(config.adminUsername(), config.adminEmail(), stored.get(), true);
        }
        AdminCredentials created = new AdminCredentials(config.adminUsername(), config.adminEmail(),
                generatePassword(), true);
        write(file, created);
        return created;
    }

    static Optional<String> readPassword(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            props.load(reader);
        }
        return Optional.ofNullable(props.getProperty("password")).filter(p -> !p.isBlank());
    }

    private static void write(Path file, AdminCredentials credentials) throws IOException {
        Files.createDirectories(file.getParent());
        String content = "# Atrium administrator, created by the launcher on first start. Keep this file private.\n"
                + "username=" + credentials.username() + "\n"
                + "email=" + credentials.email() + "\n"
                + "password=" + credentials.password() + "\n";
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        // Created with mode 600 from the start, so the password is never readable by others, not even briefly.
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", attrs);
        Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (posix) {
            Files.setPosixFilePermissions(file, ownerOnly);
        }
    }

    /** 24 characters, at least one of each class, so any sensible password policy accepts it. */
    static String generatePassword() {
        List<Character> chars = new ArrayList<>(LENGTH);
        String all = UPPER + LOWER + DIGITS + SYMBOLS;
        for (String mandatory : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
            chars.add(mandatory.charAt(RANDOM.nextInt(mandatory.length())));
        }
        while (chars.size() < LENGTH) {
            chars.add(all.charAt(RANDOM.nextInt(all.length())));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder sb = new StringBuilder(LENGTH);
        chars.forEach(sb::append);
        return sb.toString();
    }
}
