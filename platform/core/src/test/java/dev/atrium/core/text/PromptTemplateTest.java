package dev.atrium.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void fillsKnownNamesAndEmptiesUnknownOnes() {
        assertEquals("Hi Ann, you are . $1 stays",
                PromptTemplate.fill("Hi {{ name }}, you are {{role}}. {{x}} stays", Map.of("name", "Ann", "x", "$1")));
    }
}
