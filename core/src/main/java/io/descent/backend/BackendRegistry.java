package io.descent.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backend providers with {@link ServiceLoader}, probes each once, lists them, and opens
 * the one asked for or the best that can run.
 *
 * <p>Selection: a name given to {@link #open(String)}, or else the system property
 * {@value #BACKEND_PROPERTY}, or else the environment variable {@value #BACKEND_ENV}, wins and
 * fails with {@link BackendUnavailableException} (listing every backend and its reason) if that
 * backend cannot run. With no name, the available backend of highest priority is opened. A
 * backend that was asked for is never silently replaced by another.
 *
 * <p>Logs one line through {@link System.Logger} for the backend chosen and one for each
 * backend skipped, with the reason.
 */
public final class BackendRegistry
{
    public static final String BACKEND_PROPERTY = "descent.backend";
    public static final String BACKEND_ENV = "DESCENT_BACKEND";

    private static final System.Logger LOG = System.getLogger(BackendRegistry.class.getName());

    private final List<BackendProvider> providers;
    private final Map<String, Availability> probed = new LinkedHashMap<>();

    /** Uses the given providers, e.g. in tests; names must be unique. */
    public BackendRegistry(final List<BackendProvider> providers)
    {
        final List<BackendProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
            .thenComparing(BackendProvider::name));
        for (int i = 1; i < sorted.size(); i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (sorted.get(i).name().equals(sorted.get(j).name()))
                {
                    throw new IllegalArgumentException(
                        "backend names must be unique: " + sorted.get(i).name());
                }
            }
        }
        this.providers = List.copyOf(sorted);
    }

    /** @return a registry of every provider on the class path. */
    public static BackendRegistry load()
    {
        final List<BackendProvider> found = new ArrayList<>();
        final ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class);
        final var it = loader.iterator();
        while (true)
        {
            try
            {
                if (!it.hasNext())
                {
                    break;
                }
                found.add(it.next());
            }
            catch (final java.util.ServiceConfigurationError | LinkageError e)
            {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "skipping a backend provider that failed to load: " + Availability.describe(e));
            }
        }
        return new BackendRegistry(found);
    }

    /** @return the name requested by system property or environment variable, or null. */
    public static String requestedName()
    {
        final String property = System.getProperty(BACKEND_PROPERTY);
        if (property != null && !property.isBlank())
        {
            return property.trim().toLowerCase(Locale.ROOT);
        }
        final String env = System.getenv(BACKEND_ENV);
        return env == null || env.isBlank() ? null : env.trim().toLowerCase(Locale.ROOT);
    }

    /** @return every backend, highest priority first, with its probe result. Probes once. */
    public synchronized List<BackendStatus> statuses()
    {
        final List<BackendStatus> out = new ArrayList<>();
        for (final BackendProvider p : providers)
        {
            final Availability a = probe(p);
            out.add(new BackendStatus(p.name(), p.priority(), a.available(), a.detail()));
        }
        return out;
    }

    /** @return the status of one backend. */
    public BackendStatus status(final String name)
    {
        final BackendProvider p = provider(name);
        final Availability a = probe(p);
        return new BackendStatus(p.name(), p.priority(), a.available(), a.detail());
    }

    /** @return the provider names, highest priority first. */
    public List<String> names()
    {
        return providers.stream().map(BackendProvider::name).collect(Collectors.toList());
    }

    /**
     * Opens the named backend, or the requested one ({@link #requestedName()}) or the best
     * available when {@code name} is null.
     *
     * @throws IllegalArgumentException     if no backend has that name.
     * @throws BackendUnavailableException if the named backend cannot run here, or none can.
     */
    public Backend open(final String name)
    {
        final String wanted = name != null ? name.trim().toLowerCase(Locale.ROOT) : requestedName();
        if (wanted != null)
        {
            return openNamed(wanted);
        }

        for (final BackendProvider p : providers)
        {
            final Availability a = probe(p);
            if (a.available())
            {
                final Backend b = openProvider(p);
                LOG.log(
                    System.Logger.Level.INFO,
                    "descent: using backend " + p.name() + " (" + a.detail() + ")");
                return b;
            }
            LOG.log(
                System.Logger.Level.INFO,
                "descent: skipping backend " + p.name() + ": " + a.detail());
        }
        throw new BackendUnavailableException("no backend can run on this machine: " + listing());
    }

    /** Opens the best available backend, honouring the property and environment variable. */
    public Backend open()
    {
        return open(null);
    }

    private Backend openNamed(final String wanted)
    {
        final BackendProvider p = provider(wanted);
        final Availability a = probe(p);
        if (!a.available())
        {
            throw new BackendUnavailableException(
                "backend '" + wanted + "' is unavailable: " + a.detail()
                + "; all backends: " + listing());
        }
        final Backend b = openProvider(p);
        LOG.log(
            System.Logger.Level.INFO,
            "descent: using backend " + p.name() + " (" + a.detail() + "), as requested");
        return b;
    }

    private BackendProvider provider(final String name)
    {
        for (final BackendProvider p : providers)
        {
            if (p.name().equals(name))
            {
                return p;
            }
        }
        throw new IllegalArgumentException(
            "unknown backend '" + name + "'; known backends: " + names());
    }

    private static Backend openProvider(final BackendProvider p)
    {
        try
        {
            return new Backend(p.open());
        }
        catch (final BackendUnavailableException e)
        {
            throw e;
        }
        catch (final RuntimeException | LinkageError e)
        {
            throw new BackendUnavailableException(
                "backend '" + p.name() + "' failed to open: " + Availability.describe(e), e);
        }
    }

    private synchronized Availability probe(final BackendProvider p)
    {
        return probed.computeIfAbsent(p.name(), n ->
        {
            try
            {
                final Availability a = p.probe();
                return a != null ? a : Availability.unavailable("probe returned no answer");
            }
            catch (final Throwable t)
            {
                return Availability.unavailable("probe failed", t);
            }
        });
    }

    private String listing()
    {
        return statuses().stream()
            .map(s -> s.name() + " (" + (s.available() ? "available: " : "unavailable: ")
                + s.detail() + ")")
            .collect(Collectors.joining("; "));
    }
}
