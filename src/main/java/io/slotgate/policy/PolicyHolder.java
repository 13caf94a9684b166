package io.slotgate.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The active policy, swappable at run time: from its file (watched), from the admin endpoint, or by name. A policy
 * that does not parse is refused and the active one stays, so a bad edit cannot take slotgate down.
 */
public final class PolicyHolder implements Supplier<PolicyProfile> {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyHolder.class);

    private final AtomicReference<PolicyProfile> active;
    private final Optional<Path> file;
    private final List<Consumer<PolicyProfile>> listeners = new CopyOnWriteArrayList<>();
    private volatile FileTime lastSeen;

    private PolicyHolder(PolicyProfile initial, Optional<Path> file) {
        this.active = new AtomicReference<>(initial);
        this.file = file;
        this.lastSeen = file.map(PolicyHolder::modified).orElse(null);
    }

    /** A built-in name, or the path of a JSON policy file (which is then watched). */
    public static PolicyHolder from(String nameOrFile) {
        Optional<PolicyProfile> builtIn = PolicyProfiles.named(nameOrFile);
        if (builtIn.isPresent()) {
            return new PolicyHolder(builtIn.get(), Optional.empty());
        }
        Path path = Path.of(nameOrFile);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("policy must be one of " + PolicyProfiles.builtIn().keySet()
                    + " or a JSON policy file; '" + nameOrFile + "' is neither");
        }
        return new PolicyHolder(read(path), Optional.of(path));
    }

    public static PolicyHolder fixed(PolicyProfile profile) {
        return new PolicyHolder(profile, Optional.empty());
    }

    @Override
    public PolicyProfile get() {
        return active.get();
    }

    public void set(PolicyProfile profile) {
        PolicyProfile previous = active.getAndSet(profile);
        if (!previous.equals(profile)) {
            LOG.info("policy is now {} (was {})", profile.name(), previous.name());
            listeners.forEach(l -> l.accept(profile));
        }
    }

    public void onChange(Consumer<PolicyProfile> listener) {
        listeners.add(listener);
    }

    public Optional<Path> file() {
        return file;
    }

    /** Re-reads the policy file. @throws IllegalArgumentException when it does not parse (the active policy stays) */
    public PolicyProfile reload() {
        Path path = file.orElseThrow(() -> new IllegalStateException("the policy was not loaded from a file"));
        lastSeen = modified(path);
        PolicyProfile profile = read(path);
        set(profile);
        return profile;
    }

    /** For the watcher: reloads when the file changed since last seen; a broken file is logged and ignored. */
    public void reloadIfChanged() {
        if (file.isEmpty()) {
            return;
        }
        FileTime now = modified(file.get());
        if (now != null && !now.equals(lastSeen)) {
            try {
                reload();
            } catch (IllegalArgumentException e) {
                LOG.warn("policy file {} changed but is refused, keeping {}: {}", file.get(), get().name(), e.getMessage());
            }
        }
    }

    private static PolicyProfile read(Path path) {
        try {
            return PolicyJson.parse(Files.readString(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read policy file " + path + ": " + e.getMessage());
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return null;
        }
    }
}
