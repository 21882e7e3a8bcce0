package io.pipecat.cli.installer;

import io.pipecat.cli.launcher.install.MavenResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.graph.selector.AndDependencySelector;
import org.eclipse.aether.util.graph.selector.ExclusionDependencySelector;
import org.eclipse.aether.version.Version;

/**
 * {@link MavenResolver} with Maven Resolver, the library Maven itself uses: the plugin's jar and
 * its transitive runtime dependencies, from the given repositories only (repositories named in
 * downloaded poms are ignored), into a fresh local repository. Checksums are required: every
 * file must come with a {@code .sha256} or {@code .sha1} from the repository that matches it; a
 * missing or wrong one fails the whole resolution (MD5 alone is not accepted).
 */
public final class ResolverMavenResolver implements MavenResolver {
    /** Pre-releases are not "the newest release". */
    private static final Pattern PRE_RELEASE =
            Pattern.compile("(?i).*[.-](alpha|beta|rc|cr|m|milestone|preview|pre|ea)[.-]?\\d*([.-].*)?$");

    @Override
    public Resolved resolve(Request request) throws ResolutionFailure {
        RepositorySystem system = new RepositorySystemSupplier().get();
        // Maven 3's own session set-up: scopes (test and provided are not transitive), optional
        // dependencies, exclusions, nearest-wins conflict resolution.
        SessionBuilderSupplier maven = new SessionBuilderSupplier(system);
        List<Exclusion> exclusions = request.excludedGroups().stream()
                .map(g -> new Exclusion(g, "*", "*", "*"))
                .toList();
        try (RepositorySystemSession.CloseableSession session = maven.get()
                // What the CLI provides is never downloaded, at any depth.
                .setDependencySelector(new AndDependencySelector(
                        maven.getDependencySelector(), new ExclusionDependencySelector(exclusions)))
                .withLocalRepositoryBaseDirectories(request.localRepository())
                .setSystemProperties(System.getProperties())
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_ALWAYS)
                .setIgnoreArtifactDescriptorRepositories(true)
                // Only strong checksums, and one is required (resolver 2 and 1.x property names).
                .setConfigProperty("aether.layout.maven2.checksumAlgorithms", "SHA-256,SHA-1")
                .setConfigProperty("aether.checksums.algorithms", "SHA-256,SHA-1")
                // Checksums from HTTP headers would replace the .sha files: fetch and check those.
                .setConfigProperty("aether.connector.basic.smartChecksums", false)
                .setTransferListener(new Listener(request.progress()))
                .build()) {
            List<RemoteRepository> repositories = repositories(request);
            String version = request.version().orElse(null);
            if (version == null) {
                version = newestRelease(system, session, request, repositories);
            }
            Artifact root = new DefaultArtifact(request.groupId(), request.artifactId(), "jar", version);
            CollectRequest collect =
                    new CollectRequest(new Dependency(root, JavaScopes.RUNTIME, false, exclusions), repositories);
            DependencyResult result = system.resolveDependencies(
                    session, new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)));
            Path artifact = null;
            List<Path> dependencies = new ArrayList<>();
            for (ArtifactResult resolved : result.getArtifactResults()) {
                Artifact a = resolved.getArtifact();
                if (a.getGroupId().equals(root.getGroupId())
                        && a.getArtifactId().equals(root.getArtifactId())) {
                    artifact = a.getPath();
                } else if ("jar".equals(a.getExtension())) {
                    dependencies.add(a.getPath());
                }
            }
            if (artifact == null) {
                throw new ResolutionFailure("the repository gave no jar for " + root, null);
            }
            return new Resolved(version, artifact, dependencies);
        } catch (ResolutionFailure e) {
            throw e;
        } catch (Exception e) {
            throw new ResolutionFailure(describe(e), e);
        }
    }

    private static List<RemoteRepository> repositories(Request request) {
        List<RemoteRepository> repositories = new ArrayList<>();
        RepositoryPolicy releases = new RepositoryPolicy(
                true, RepositoryPolicy.UPDATE_POLICY_ALWAYS, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        RepositoryPolicy snapshots = new RepositoryPolicy(
                false, RepositoryPolicy.UPDATE_POLICY_ALWAYS, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        int i = 0;
        for (var uri : request.repositories()) {
            repositories.add(new RemoteRepository.Builder("repository-" + (++i), "default", uri.toString())
                    .setReleasePolicy(releases)
                    .setSnapshotPolicy(snapshots)
                    .build());
        }
        return repositories;
    }

    private static String newestRelease(
            RepositorySystem system,
            RepositorySystemSession session,
            Request request,
            List<RemoteRepository> repositories)
            throws Exception {
        Artifact any = new DefaultArtifact(request.groupId(), request.artifactId(), "jar", "[0,)");
        VersionRangeResult range =
                system.resolveVersionRange(session, new VersionRangeRequest(any, repositories, null));
        if (range.getVersions().isEmpty() && !range.getExceptions().isEmpty()) {
            // The local repository's "not found" comes first and says nothing: the last is the remote's.
            throw range.getExceptions().get(range.getExceptions().size() - 1);
        }
        Optional<Version> newest = range.getVersions().stream()
                .filter(v -> !v.toString().toUpperCase(Locale.ROOT).endsWith("SNAPSHOT"))
                .filter(v -> !PRE_RELEASE.matcher(v.toString()).matches())
                .reduce((a, b) -> b);
        return newest.map(Version::toString)
                .orElseThrow(() -> new ResolutionFailure(
                        "no release of " + request.groupId() + ":" + request.artifactId() + " found in "
                                + request.repositories(),
                        null));
    }

    /** The innermost message that says something, on one line. */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && cause instanceof org.eclipse.aether.transfer.ChecksumFailureException) {
                message = message + ": " + cause.getMessage();
                break;
            }
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static final class Listener extends AbstractTransferListener {
        private final Progress progress;

        Listener(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void transferProgressed(TransferEvent event) {
            progress.transferred(
                    event.getResource().getResourceName(),
                    event.getTransferredBytes(),
                    event.getResource().getContentLength());
        }

        @Override
        public void transferSucceeded(TransferEvent event) {
            progress.done(event.getResource().getResourceName(), event.getTransferredBytes());
        }
    }
}
