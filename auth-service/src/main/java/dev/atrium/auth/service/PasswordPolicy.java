package dev.atrium.auth.service;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * 8 to 128 characters, at least one letter and one digit, not the username or e-mail, not one of the
 * most common passwords.
 */
public final class PasswordPolicy {

    private static final Set<String> COMMON = Set.of("password1", "passw0rd", "12345678a", "qwerty123", "abc12345",
            "password123", "iloveyou1", "admin123", "welcome1", "letmein1", "1q2w3e4r", "qwertyuiop1", "a1234567");

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> check(String password, String username, String email) {
        if (password == null || password.length() < 8) {
            return Optional.of("password must have at least 8 characters");
        }
        if (password.length() > 128) {
            return Optional.of("password must have at most 128 characters");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            return Optional.of("password must contain letters and digits");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("password is too common");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))
                || email != null && lower.equals(email.toLowerCase(Locale.ROOT))) {
            return Optional.of("password must not contain the username or e-mail");
        }
        return Optional.empty();
    }
}
