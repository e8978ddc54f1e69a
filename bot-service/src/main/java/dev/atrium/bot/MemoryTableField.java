package dev.atrium.bot;

/** A column of a memory table: {@code type} is one of text, number (integer), float, bool, date. */
public record MemoryTableField(String name, String type, boolean required, String description) {

    public static final String TEXT = "text";
    public static final String NUMBER = "number";
    public static final String FLOAT = "float";
    public static final String BOOL = "bool";
    public static final String DATE = "date";
}
