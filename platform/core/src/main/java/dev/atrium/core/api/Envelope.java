package dev.atrium.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Every Atrium response: {@code {code, msg, data, detail:{logid}}}; code 0 means success, data is null on errors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope<T>(int code, String msg, @JsonInclude(JsonInclude.Include.ALWAYS) T data, Detail detail) {

    public record Detail(@JsonProperty("logid") String logid) {
    }

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>(0, "", data, new Detail(RequestIds.current()));
    }

    public static Envelope<Void> error(int code, String msg) {
        return new Envelope<>(code, msg, null, new Detail(RequestIds.current()));
    }
}
