package dev.atrium.gateway.routing;

/** A matched request: which service, its base URL, and the prefix that selected it. */
public record Route(String service, String baseUrl, String prefix) {
}
