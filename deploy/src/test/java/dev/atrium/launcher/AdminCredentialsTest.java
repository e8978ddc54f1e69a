package dev.atrium.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminCredentialsTest {

    @TempDir
    Path root;

    private LaunchConfig.Builder config(Path data) {
        return LaunchConfig.builder().root(root).dataDir(data).java(Path.of("/bin/true"));
    }

    @Test
    void generatesAStrongPasswordOnceAndReusesIt() throws Exception {
        Path data = root.resolve("data");
        AdminCredentials first = AdminCredentials.resolve(config(data).build());
        AdminCredentials second = AdminCredentials.resolve(config(data).build());

        assertTrue(first.generated());
        assertEquals(first.password(), second.password());
        assertEquals("admin", first.username());
        assertEquals("admin@atrium.local", first.email());
        Path file = data.resolve("admin-credentials");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("password=" + first.password()));
        assertFalse(first.toString().contains(first.password()), "toString must not leak the password");
    }

    @Test
    void aGivenPasswordWinsAndIsNotStored() throws Exception {
        Path data = root.resolve("given");
        AdminCredentials given = AdminCredentials.resolve(config(data).adminUsername("root")
                .adminEmail("root@example.com").adminPassword("Given-Passw0rd!").build());
        assertEquals("Given-Passw0rd!", given.password());
        assertEquals("root", given.username());
        assertFalse(given.generated());
        assertFalse(Files.exists(data.resolve("admin-credentials")));
    }

    @Test
    void generatedPasswordsHaveEveryCharacterClass() {
        for (int i = 0; i < 200; i++) {
            String password = AdminCredentials.generatePassword();
            assertEquals(24, password.length());
            assertTrue(password.chars().anyMatch(Character::isUpperCase), password);
            assertTrue(password.chars().anyMatch(Character::isLowerCase), password);
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertTrue(password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)), password);
        }
        assertNotEquals(AdminCredentials.generatePassword(), AdminCredentials.generatePassword());
    }
}
