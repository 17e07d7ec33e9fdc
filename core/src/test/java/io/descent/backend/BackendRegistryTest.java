package io.descent.backend;

import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendRegistryTest
{
    @AfterEach
    void clearProperty()
    {
        System.clearProperty(BackendRegistry.BACKEND_PROPERTY);
    }

    @Test
    void probeThatThrowsBecomesUnavailableWithOneLineReason()
    {
        final BackendRegistry registry = new BackendRegistry(List.of(
            new Fake("cuda", 20, () ->
            {
                throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file");
            }),
            new Fake("opencl", 10, () ->
            {
                throw new NoClassDefFoundError("Could not initialize class com.example.Native");
            })));

        final List<BackendStatus> statuses = registry.statuses();

        assertEquals(2, statuses.size());
        assertFalse(statuses.get(0).available());
        assertEquals(
            "probe failed: UnsatisfiedLinkError: libcuda.so.1: cannot open shared object file",
            statuses.get(0).detail());
        assertEquals(
            "probe failed: NoClassDefFoundError: Could not initialize class com.example.Native",
            statuses.get(1).detail());
    }

    @Test
    void highestPriorityAvailableBackendIsChosenWhenNoneIsNamed()
    {
        final BackendRegistry registry = new BackendRegistry(List.of(
            new Fake("java", 0, () -> Availability.available("cpu")),
            new Fake("cuda", 20, () -> Availability.unavailable("no device")),
            new Fake("opencl", 10, () -> Availability.available("pocl"))));

        try (Backend b = registry.open())
        {
            assertEquals("opencl", b.name());
        }
    }

    @Test
    void namedBackendThatCannotRunIsAnErrorNotAFallback()
    {
        final BackendRegistry registry = new BackendRegistry(List.of(
            new Fake("java", 0, () -> Availability.available("cpu")),
            new Fake(
                "cuda",
                20,
                () -> Availability.unavailable("no CUDA driver (libcuda.so.1 not found)"))));

        final BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
            () -> registry.open("cuda"));

        assertEquals(
            "backend 'cuda' is unavailable: no CUDA driver (libcuda.so.1 not found); all backends: "
            + "cuda (unavailable: no CUDA driver (libcuda.so.1 not found)); java (available: cpu)",
            e.getMessage());
    }

    @Test
    void systemPropertyNamesTheBackend()
    {
        final BackendRegistry registry = new BackendRegistry(List.of(
            new Fake("java", 0, () -> Availability.available("cpu")),
            new Fake("opencl", 10, () -> Availability.available("pocl"))));
        System.setProperty(BackendRegistry.BACKEND_PROPERTY, "JAVA");

        try (Backend b = registry.open())
        {
            assertEquals("java", b.name());
        }
    }

    @Test
    void unknownNameListsTheKnownOnes()
    {
        final BackendRegistry registry = new BackendRegistry(
            List.of(new Fake("java", 0, () -> Availability.available("cpu"))));

        final IllegalArgumentException e = assertThrows(
            IllegalArgumentException.class, () -> registry.open("metal"));

        assertEquals("unknown backend 'metal'; known backends: [java]", e.getMessage());
    }

    @Test
    void probesRunOnce()
    {
        final int[] calls = new int[1];
        final BackendRegistry registry = new BackendRegistry(List.of(new Fake("java", 0, () ->
        {
            calls[0]++;
            return Availability.available("cpu");
        })));

        registry.statuses();
        registry.statuses();
        registry.status("java");

        assertEquals(1, calls[0]);
    }

    @Test
    void noAvailableBackendIsAnErrorListingReasons()
    {
        final BackendRegistry registry = new BackendRegistry(
            List.of(new Fake("cuda", 20, () -> Availability.unavailable("no device"))));

        final BackendUnavailableException e = assertThrows(
            BackendUnavailableException.class, registry::open);

        assertTrue(e.getMessage().contains("cuda (unavailable: no device)"), e.getMessage());
    }

    @Test
    void duplicateNamesAreRejected()
    {
        final Supplier<Availability> ok = () -> Availability.available("x");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new BackendRegistry(List.of(new Fake("java", 0, ok), new Fake("java", 1, ok))));
        assertEquals("backend names must be unique: java", e.getMessage());
    }

    /** A provider whose probe is scripted; its engine only answers its name. */
    private record Fake(String name, int priority, Supplier<Availability> probeResult)
        implements BackendProvider
    {
        @Override
        public Availability probe()
        {
            return probeResult.get();
        }

        @Override
        public BackendEngine open()
        {
            return new NamedEngine(name);
        }
    }

    /** Just enough of an engine to be selected and closed; registry tests call no kernel. */
    private record NamedEngine(String name) implements BackendEngine
    {
        @Override
        public String device()
        {
            return "test";
        }

        @Override
        public Optional<String> precisionRefusal(final Precision precision)
        {
            return Optional.of("registry test engine holds no data");
        }

        @Override
        public long maxLength()
        {
            return 0;
        }

        @Override
        public DeviceVector allocate(final Precision precision, final long length)
        {
            throw new UnsupportedOperationException("registry test engine holds no data");
        }

        @Override
        public IndexVector allocateIndices(final int length)
        {
            throw new UnsupportedOperationException("registry test engine holds no data");
        }

        @Override
        public void update(
            final UpdateRule r,
            final DeviceVector t,
            final DeviceVector g,
            final DeviceVector s,
            final boolean f)
        {
            throw new UnsupportedOperationException("registry test engine runs no kernel");
        }

        @Override
        public double lossAndGradient(
            final LossFunction l,
            final DeviceMatrix x,
            final DeviceVector y,
            final DeviceVector p,
            final DeviceVector g,
            final Rows rows)
        {
            throw new UnsupportedOperationException("registry test engine runs no kernel");
        }

        @Override
        public void predict(
            final LossFunction l, final DeviceMatrix x, final DeviceVector p, final DeviceVector o)
        {
            throw new UnsupportedOperationException("registry test engine runs no kernel");
        }

        @Override
        public double dot(final DeviceVector a, final DeviceVector b)
        {
            throw new UnsupportedOperationException("registry test engine runs no kernel");
        }

        @Override
        public double squaredNorm(final DeviceVector a)
        {
            throw new UnsupportedOperationException("registry test engine runs no kernel");
        }

        @Override
        public boolean allFinite(final DeviceVector a)
        {
            throw new UnsupportedOperationException("registry test engine runs no kernel");
        }

        @Override
        public void close()
        {
        }
    }
}
