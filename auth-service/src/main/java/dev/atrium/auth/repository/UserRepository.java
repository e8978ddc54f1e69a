package dev.atrium.auth.repository;

import java.util.Optional;

import dev.atrium.auth.User;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, Long> {

    public Optional<User> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }

    public Optional<User> findByEmail(String email) {
        return find("lower(email) = ?1", email.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }

    public Optional<User> findByLogin(String login) {
        return login.contains("@") ? findByEmail(login) : findByUsername(login);
    }

    public boolean anyAdmin() {
        return count("role", User.ROLE_ADMIN) > 0;
    }
}
