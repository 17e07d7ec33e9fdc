package io.descent.opencl;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocation of element ranges inside one heap array of a fixed capacity, with
 * neighbouring free ranges merged on release. Host-side bookkeeping only; it never touches the
 * device.
 */
final class HeapAllocator
{
    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private int capacity;

    /** @param capacity number of elements available, all free. */
    HeapAllocator(final int capacity)
    {
        this.capacity = capacity;
        if (capacity > 0)
        {
            free.put(0, capacity);
        }
    }

    int capacity()
    {
        return capacity;
    }

    /** @return the offset of a free range of {@code length >= 1} elements, or -1 if none fits. */
    int allocate(final int length)
    {
        for (final Map.Entry<Integer, Integer> range : free.entrySet())
        {
            final int offset = range.getKey();
            final int size = range.getValue();
            if (size >= length)
            {
                free.remove(offset);
                if (size > length)
                {
                    free.put(offset + length, size - length);
                }
                return offset;
            }
        }
        return -1;
    }

    /** Returns {@code [offset, offset + length)} to the free list. */
    void release(final int offset, final int length)
    {
        int start = offset;
        int size = length;
        final Map.Entry<Integer, Integer> before = free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() == offset)
        {
            start = before.getKey();
            size += before.getValue();
            free.remove(before.getKey());
        }
        final Integer afterSize = free.remove(offset + length);
        if (afterSize != null)
        {
            size += afterSize;
        }
        free.put(start, size);
    }

    /** Extends the capacity to {@code newCapacity}; the added elements are free. */
    void grow(final int newCapacity)
    {
        final int added = newCapacity - capacity;
        final int oldCapacity = capacity;
        capacity = newCapacity;
        if (added > 0)
        {
            release(oldCapacity, added);
        }
    }
}
