package io.pipecat.cli.core.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes, at compile time, what the launcher needs to know about each command class — its name,
 * description, flags and arguments — so that help, completion and command paths never load
 * airline's model or read annotations at run time. The launcher builds airline only for the one
 * command it runs; this file is the single source of everything else.
 *
 * <p>For every concrete class that carries airline's {@code @Command} and extends
 * {@code io.pipecat.cli.spi.CliCommand}, the processor writes the resource
 * {@value #RESOURCE_FOLDER}{@code <binary class name>.spec} into the class output. It reads the
 * annotations the way airline's {@code MetadataLoader} does: {@code @Option} and
 * {@code @Arguments} on the fields of the class and of its superclasses (so {@code --help} and
 * {@code --verbose} from {@code CliCommand} are included) and of {@code @AirlineModule} fields; a
 * subclass's option with the same names hides the inherited one; a boolean flag takes 0 values,
 * others 1 unless {@code arity} says otherwise; an empty title means the field's name.
 *
 * <p>One file per class, not one per module, so an incremental compile (an IDE recompiling one
 * class) can never drop the specs of the classes it did not touch.
 *
 * <p>The format is UTF-8 text, one record per line, fields separated by tabs, with {@code \\},
 * tab, line feed and carriage return escaped as {@code \\\\}, {@code \\t}, {@code \\n},
 * {@code \\r}:
 * <pre>
 * pipecat-command-spec	1
 * class	&lt;binary name&gt;
 * command	&lt;name&gt;	&lt;hidden: true|false&gt;	&lt;description&gt;
 * option	&lt;arity&gt;	&lt;hidden&gt;	&lt;title&gt;	&lt;description&gt;	&lt;name&gt;…        (one line per option)
 * arguments	&lt;required&gt;	&lt;description&gt;	&lt;title&gt;…                       (at most one line)
 * values	&lt;value&gt;…                                                        (the arguments' values, if given)
 * </pre>
 * A {@code values} line comes only from {@code io.pipecat.cli.spi.ArgumentValues} on the arguments'
 * field, so a spec without one reads the same in a launcher that predates the record.
 * The launcher's reader ({@code io.pipecat.cli.launcher.tree.CommandSpec}) rejects any other
 * version. Shipped inside {@code pipecat-core} and registered both in
 * {@code META-INF/services} (for {@code -processorpath}, which is what Maven's
 * {@code annotationProcessorPaths} passes) and in the module descriptor (for
 * {@code --processor-module-path}).
 */
public final class CommandSpecProcessor extends AbstractProcessor {
    /** Where the specs go, relative to the class output. */
    public static final String RESOURCE_FOLDER = "META-INF/pipecat/commands/";
    /** The first line of every spec: the format and its version. */
    public static final String HEADER = "pipecat-command-spec\t1";
    /**
     * The first line of a command's flags resource ({@code <class>.flags} beside its spec), written
     * only for a plain command: no airline annotation but {@code @Command} (without group names),
     * {@code @Option} (of the command type) and {@code @Arguments} on the class and the fields of
     * its hierarchy. Then one line per name of each on/off flag: name, declaring class and field, separated by tabs.
     * The launcher parses an invocation made only of such flags without building airline's model;
     * without the resource (an older plugin, a command with restrictions) airline parses it.
     */
    public static final String FLAGS_HEADER = "pipecat-command-flags\t1";

    private static final String AIRLINE = "com.github.rvesse.airline.annotations.";
    private static final String COMMAND = AIRLINE + "Command";
    private static final String OPTION = AIRLINE + "Option";
    private static final String ARGUMENTS = AIRLINE + "Arguments";
    private static final String MODULE = AIRLINE + "AirlineModule";
    private static final String REQUIRED = AIRLINE + "restrictions.Required";
    private static final String VALUES = "io.pipecat.cli.spi.ArgumentValues";
    private static final String CLI_COMMAND = "io.pipecat.cli.spi.CliCommand";

    /**
     * Airline's annotations are all claimed (nothing else processes them), so that a plugin
     * build with {@code -Xlint:all} gets no "no processor claimed" warning for them.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AIRLINE + "*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Elements elements = processingEnv.getElementUtils();
        TypeElement command = elements.getTypeElement(COMMAND);
        TypeElement cliCommand = elements.getTypeElement(CLI_COMMAND);
        if (command == null || cliCommand == null) {
            return false;
        }
        for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(command))) {
            if (type.getKind() != ElementKind.CLASS
                    || type.getModifiers().contains(Modifier.ABSTRACT)
                    || !processingEnv.getTypeUtils().isSubtype(type.asType(), cliCommand.asType())) {
                continue; // not something the launcher can run: nothing to describe
            }
            write(type, ".spec", spec(type));
            String flags = flags(type);
            if (flags != null) {
                write(type, ".flags", flags);
            }
        }
        return true;
    }

    /** @return the spec text of one command class */
    String spec(TypeElement type) {
        Elements elements = processingEnv.getElementUtils();
        AnnotationMirror command = annotation(type, COMMAND).orElseThrow();
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        line(out, "class", elements.getBinaryName(type).toString());
        line(
                out,
                "command",
                string(command, "name"),
                String.valueOf(bool(command, "hidden")),
                string(command, "description"));
        List<List<String>> optionNames = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        List<String> values = new ArrayList<>();
        fields(type, out, optionNames, arguments, values, new HashSet<>());
        if (!arguments.isEmpty()) {
            line(out, arguments.toArray(String[]::new));
        }
        if (!values.isEmpty()) {
            line(out, values.toArray(String[]::new));
        }
        return out.toString();
    }

    private void fields(
            TypeElement type,
            StringBuilder out,
            List<List<String>> optionNames,
            List<String> arguments,
            List<String> values,
            Set<String> seen) {
        if (!seen.add(type.getQualifiedName().toString())) {
            return;
        }
        for (TypeElement c = type; c != null; c = superclass(c)) {
            for (VariableElement field : ElementFilter.fieldsIn(c.getEnclosedElements())) {
                Optional<AnnotationMirror> option = annotation(field, OPTION);
                if (option.isPresent()) {
                    List<String> names = strings(option.get(), "name");
                    if (!optionNames.contains(names)) {
                        optionNames.add(names);
                        int arity = (Integer) value(option.get(), "arity");
                        if (arity == Integer.MIN_VALUE) {
                            arity = isBoolean(field.asType()) ? 0 : 1;
                        }
                        List<String> row = new ArrayList<>(List.of(
                                "option",
                                String.valueOf(arity),
                                String.valueOf(bool(option.get(), "hidden")),
                                titles(strings(option.get(), "title"), field).get(0),
                                string(option.get(), "description")));
                        row.addAll(names);
                        line(out, row.toArray(String[]::new));
                    }
                }
                Optional<AnnotationMirror> args = annotation(field, ARGUMENTS);
                if (args.isPresent() && arguments.isEmpty()) {
                    arguments.add("arguments");
                    arguments.add(String.valueOf(annotation(field, REQUIRED).isPresent()));
                    arguments.add(string(args.get(), "description"));
                    arguments.addAll(titles(strings(args.get(), "title"), field));
                    Optional<AnnotationMirror> allowed = annotation(field, VALUES);
                    if (allowed.isPresent() && !strings(allowed.get(), "value").isEmpty()) {
                        values.add("values");
                        values.addAll(strings(allowed.get(), "value"));
                    }
                }
                if (annotation(field, MODULE).isPresent() && field.asType() instanceof DeclaredType declared) {
                    fields((TypeElement) declared.asElement(), out, optionNames, arguments, values, seen);
                }
            }
        }
    }

    /** @return the flags resource of a plain command (see {@link #FLAGS_HEADER}), or null */
    String flags(TypeElement type) {
        Elements elements = processingEnv.getElementUtils();
        if (!strings(annotation(type, COMMAND).orElseThrow(), "groupNames").isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(FLAGS_HEADER).append('\n');
        Set<String> names = new HashSet<>();
        for (TypeElement c = type; c != null; c = superclass(c)) {
            for (AnnotationMirror mirror : c.getAnnotationMirrors()) {
                if (isAirline(mirror) && !(c == type && is(mirror, COMMAND))) {
                    return null;
                }
            }
            for (VariableElement field : ElementFilter.fieldsIn(c.getEnclosedElements())) {
                for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
                    if (isAirline(mirror) && !is(mirror, OPTION) && !is(mirror, ARGUMENTS)) {
                        return null;
                    }
                }
                Optional<AnnotationMirror> option = annotation(field, OPTION);
                if (option.isEmpty()) {
                    continue;
                }
                if (!value(option.get(), "type").toString().equals("COMMAND")) {
                    return null;
                }
                int arity = (Integer) value(option.get(), "arity");
                boolean flag = isBoolean(field.asType())
                        && (arity == Integer.MIN_VALUE || arity == 0)
                        && !field.getModifiers().contains(Modifier.STATIC)
                        && !field.getModifiers().contains(Modifier.FINAL);
                for (String name : strings(option.get(), "name")) {
                    if (!names.add(name)) {
                        return null; // declared twice: how airline resolves that is its business
                    }
                    if (flag) {
                        line(
                                out,
                                name,
                                elements.getBinaryName(c).toString(),
                                field.getSimpleName().toString());
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isAirline(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .toString()
                .startsWith("com.github.rvesse.airline.");
    }

    private static boolean is(AnnotationMirror mirror, String type) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .contentEquals(type);
    }

    private void write(TypeElement type, String suffix, String spec) {
        String name = RESOURCE_FOLDER + processingEnv.getElementUtils().getBinaryName(type) + suffix;
        Filer filer = processingEnv.getFiler();
        ModuleElement module = processingEnv.getElementUtils().getModuleOf(type);
        try {
            FileObject file;
            try {
                file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", name, type);
            } catch (FilerException | IllegalArgumentException e) {
                // Compiling several modules at once (--module-source-path): name the module.
                if (module == null || module.isUnnamed()) {
                    throw e;
                }
                file = filer.createResource(StandardLocation.CLASS_OUTPUT, module.getQualifiedName() + "/", name, type);
            }
            try (Writer writer = file.openWriter()) {
                writer.write(spec);
            }
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            "cannot write the pipecat command spec " + name + ": " + e.getMessage(),
                            type);
        }
    }

    private static TypeElement superclass(TypeElement type) {
        TypeMirror parent = type.getSuperclass();
        if (parent.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) parent).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }

    private static boolean isBoolean(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN
                || (type instanceof DeclaredType declared
                        && ((TypeElement) declared.asElement())
                                .getQualifiedName()
                                .contentEquals("java.lang.Boolean"));
    }

    /** Airline's default title ({@code {""}}) means: the field's name. */
    private static List<String> titles(List<String> declared, VariableElement field) {
        if (declared.isEmpty() || (declared.size() == 1 && declared.get(0).isEmpty())) {
            return List.of(field.getSimpleName().toString());
        }
        return declared;
    }

    private static Optional<AnnotationMirror> annotation(Element element, String type) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(type)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** @return the value of {@code name}, the annotation's default when it was not given */
    private Object value(AnnotationMirror mirror, String name) {
        Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                processingEnv.getElementUtils().getElementValuesWithDefaults(mirror);
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        throw new IllegalStateException(mirror.getAnnotationType() + " has no element " + name);
    }

    private String string(AnnotationMirror mirror, String name) {
        return (String) value(mirror, name);
    }

    private boolean bool(AnnotationMirror mirror, String name) {
        return (Boolean) value(mirror, name);
    }

    /** @return an array element's strings (a single value counts as an array of one) */
    private List<String> strings(AnnotationMirror mirror, String name) {
        Object value = value(mirror, name);
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(v -> (String) ((AnnotationValue) v).getValue())
                    .toList();
        }
        return List.of((String) value);
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(escape(fields[i]));
        }
        out.append('\n');
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
