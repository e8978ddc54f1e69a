package dev.atrium.bot.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NoStoredValues implements VariableValues {
    @Override
    public Map<String, String> of(long botId, String connectorId, String userId) {
        return Map.of();
    }
}
