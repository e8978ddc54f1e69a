package dev.atrium.core.identity;

/** Implemented by the process that holds the signing keys (auth-service), so it verifies without HTTP. */
public interface LocalJwks {

    String jwksJson();
}
