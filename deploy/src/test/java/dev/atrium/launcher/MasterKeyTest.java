package dev.atrium.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyTest {

    @TempDir
    Path root;

    private LaunchConfig.Builder config(Path data) {
        return LaunchConfig.builder().root(root).dataDir(data).java(Path.of("/bin/true"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static byte[] filled(byte value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, value);
        return key;
    }

    @Test
    void generatesAKeyOnceAndReusesIt() throws Exception {
        Path data = root.resolve("data");
        MasterKey first = MasterKey.resolve(config(data).build());
        MasterKey second = MasterKey.resolve(config(data).build());

        assertEquals(MasterKey.Origin.GENERATED, first.origin());
        assertEquals(MasterKey.Origin.STORED, second.origin());
        assertEquals(first.value(), second.value());
        assertEquals(32, Base64.getDecoder().decode(first.value()).length);
        assertNotEquals(first.value(), MasterKey.resolve(config(root.resolve("other")).build()).value());

        Path file = data.resolve("secrets/master.key");
        assertEquals(file, MasterKey.fileOf(config(data).build()));
        assertEquals(first.value() + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertFalse(first.toString().contains(first.value()), "toString must not leak the key");
    }

    @Test
    void readsAKeyFileWrittenByOpenssl() throws Exception {
        Path data = root.resolve("openssl");
        String key = randomKey();
        Files.createDirectories(data.resolve("secrets"));
        // `openssl rand -base64 32 > master.key`, perhaps copied with surrounding blanks, or without padding
        Files.writeString(data.resolve("secrets/master.key"), "  " + key.replace("=", "") + "\n\n");

        MasterKey stored = MasterKey.resolve(config(data).build());
        assertEquals(key, stored.value());
        assertEquals(MasterKey.Origin.STORED, stored.origin());
    }

    @Test
    void aKeyFromTheEnvironmentWinsAndIsNotStored() throws Exception {
        Path data = root.resolve("given");
        String key = randomKey();
        MasterKey given = MasterKey.resolve(LaunchConfig.fromEnvironment(Map.of(
                        "ATRIUM_SECRETS_KEY", key, "ATRIUM_DATA_DIR", data.toString()))
                .root(root).java(Path.of("/bin/true")).build());

        assertEquals(key, given.value());
        assertEquals(MasterKey.Origin.ENVIRONMENT, given.origin());
        assertFalse(Files.exists(data.resolve("secrets/master.key")));
    }

    @Test
    void aKeyFromTheEnvironmentWinsOverAStoredOne() throws Exception {
        Path data = root.resolve("both");
        String stored = MasterKey.resolve(config(data).build()).value();
        String key = randomKey();

        assertEquals(key, MasterKey.resolve(config(data).secretsKey(key).build()).value());
        assertEquals(stored + "\n", Files.readString(data.resolve("secrets/master.key")), "the stored key is kept");
    }

    @Test
    void refusesACorruptKeyFileAndLeavesItAsItIs() throws Exception {
        Map<String, String> corrupt = Map.of(
                "not base64 (standard alphabet)", "this is not a key!",
                "16 bytes instead of 32", Base64.getEncoder().encodeToString(new byte[16]),
                "url-safe alphabet", Base64.getUrlEncoder().encodeToString(filled((byte) 0xFB)),
                "it is empty", "\n");
        int i = 0;
        for (Map.Entry<String, String> entry : corrupt.entrySet()) {
            Path data = root.resolve("corrupt-" + i++);
            Path file = data.resolve("secrets/master.key");
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());

            LaunchException failure = assertThrows(LaunchException.class,
                    () -> MasterKey.resolve(config(data).build()), entry.getKey());
            assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("is corrupt"), failure.getMessage());
            assertTrue(failure.getMessage().contains("never replaced"), failure.getMessage());
            assertArrayEquals(entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8), Files.readAllBytes(file),
                    "a corrupt key file must stay as it was: " + entry.getKey());
        }
    }

    @Test
    void refusesAMalformedKeyFromTheEnvironmentWithoutShowingIt() {
        String almost = Base64.getEncoder().encodeToString(new byte[31]);
        LaunchException failure = assertThrows(LaunchException.class,
                () -> MasterKey.resolve(config(root.resolve("bad-env")).secretsKey(almost).build()));
        assertTrue(failure.getMessage().startsWith("ATRIUM_SECRETS_KEY is not a usable secrets master key: 31 bytes"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("openssl rand -base64 32"), failure.getMessage());
        assertFalse(failure.getMessage().contains(almost), "the message must not show the value");
        assertFalse(Files.exists(root.resolve("bad-env/secrets/master.key")));
    }
}
