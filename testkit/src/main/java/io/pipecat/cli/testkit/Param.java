package io.pipecat.cli.testkit;

/** One decoded query or form parameter, in wire order. {@code value} is "" for a bare {@code name}. */
public record Param(String name, String value) {
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
