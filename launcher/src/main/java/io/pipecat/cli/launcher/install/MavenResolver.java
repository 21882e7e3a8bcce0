package io.pipecat.cli.launcher.install;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a plugin's Maven coordinates to jars. Implemented by the {@code io.pipecat.cli.installer}
 * module with Maven Resolver, which is loaded only when {@code plugins install} or {@code upgrade}
 * needs it (see {@link MavenResolvers}): no other command pays for the resolver's classes.
 */
public interface MavenResolver {

    /**
     * What to resolve.
     *
     * @param groupId         the plugin's group
     * @param artifactId      the plugin's artifact
     * @param version         the version; empty for the newest release
     * @param repositories    the remote repositories, in order ({@code file:}, {@code https:}, loopback {@code http:})
     * @param localRepository an empty folder the downloads go to (the caller deletes it)
     * @param excludedGroups  groups never downloaded (the CLI's own artifacts: it provides them)
     * @param progress        told about every download
     */
    record Request(
            String groupId,
            String artifactId,
            Optional<String> version,
            List<URI> repositories,
            Path localRepository,
            List<String> excludedGroups,
            Progress progress) {
        public Request {
            repositories = List.copyOf(repositories);
            excludedGroups = List.copyOf(excludedGroups);
        }
    }

    /**
     * What was resolved: every file was downloaded and its checksum matched the repository's.
     *
     * @param version      the version resolved
     * @param artifact     the plugin's own jar
     * @param dependencies its runtime dependencies' jars, transitively
     */
    record Resolved(String version, Path artifact, List<Path> dependencies) {
        public Resolved {
            dependencies = List.copyOf(dependencies);
        }
    }

    /** Told about downloads as they happen. */
    interface Progress {
        /** Some bytes of {@code resource} arrived; {@code total} is -1 when unknown. */
        void transferred(String resource, long bytes, long total);

        /** {@code resource} is complete. */
        void done(String resource, long bytes);
    }

    /**
     * @return the resolved jars
     * @throws ResolutionFailure when the artifact or a dependency cannot be had, or a checksum is
     *                           missing or does not match
     */
    Resolved resolve(Request request) throws ResolutionFailure;

    /** Why coordinates could not be resolved, in one line meant for the user. */
    final class ResolutionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ResolutionFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
