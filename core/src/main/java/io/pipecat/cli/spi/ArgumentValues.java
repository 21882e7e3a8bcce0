package io.pipecat.cli.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a command's positional argument takes, for help and shell completion: put it beside
 * airline's {@code @Arguments} ({@code @ArgumentValues({"file", "keyring"})}). The command-spec
 * processor writes them into the command's spec, so {@code pipecat completion} offers them and
 * help lists them.
 *
 * <p>It describes; it does not check. The command still validates what it is given (and names the
 * argument when a value is wrong): the values it accepts may depend on what is installed, while
 * these are what a user is offered.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface ArgumentValues {
    /** @return the values, in the order completion and help show them */
    String[] value();
}
