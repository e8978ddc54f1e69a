package dev.atrium.bot;

import java.util.List;

/**
 * A validated row filter: every field is known to the table and every value already converted to the
 * canonical text of its type, so the repository only has to pick fixed SQL fragments and bind values.
 * {@code any} joins the conditions with OR instead of AND.
 */
public record TableRowCriteria(boolean any, List<Condition> conditions) {

    /** How a column is read and compared: the JSON fields by their type, then the system columns. */
    public enum Column { TEXT, NUMBER, BOOL, DATE, ID, USER_ID, CREATED_AT, UPDATED_AT }

    public enum Op { EQ, NE, GT, GTE, LT, LTE, IN, NOT_IN, IS_NULL, IS_NOT_NULL, LIKE, NOT_LIKE }

    /** A column to read; {@code field} is the JSON key for the data columns and null for system columns. */
    public record Target(Column column, String field) {
    }

    /** {@code values} holds one value, several (in, not_in) or none (is_null, is_not_null). */
    public record Condition(Target target, Op op, List<String> values) {
    }

    public record Order(Target target, boolean descending) {
    }

    public static final TableRowCriteria ALL = new TableRowCriteria(false, List.of());

    public boolean isEmpty() {
        return conditions.isEmpty();
    }
}
