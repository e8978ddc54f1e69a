package dev.atrium.auth.service;

import org.jboss.logging.Logger;

import dev.atrium.auth.User;
import dev.atrium.auth.config.AdminConfig;
import dev.atrium.auth.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Creates the first administrator from ATRIUM_ADMIN_* once; later starts find it and do nothing. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final long BOOTSTRAP_LOCK = 0x41444d494eL;

    void onStart(@Observes StartupEvent ignored, AdminConfig admin, UserRepository users, AccountService accounts) {
        if (admin.username().isEmpty() || admin.password().isEmpty()) {
            return;
        }
        String username = admin.username().get();
        QuarkusTransaction.requiringNew().run(() -> {
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                    .createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, BOOTSTRAP_LOCK).getSingleResult();
            if (users.findByUsername(username).isPresent()) {
                return;
            }
            accounts.createUser(username, admin.email(), admin.password().get(), "Administrator", User.ROLE_ADMIN);
            LOG.infof("created administrator '%s'", username);
        });
    }
}
