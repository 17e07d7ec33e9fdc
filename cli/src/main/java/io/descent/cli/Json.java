package io.descent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Builds the {@code --json} output. JSON has no NaN or infinity: such values are written as
 * {@code null} (r² of constant targets, for instance).
 */
final class Json
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json()
    {
    }

    static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array()
    {
        return MAPPER.createArrayNode();
    }

    static void put(final ObjectNode node, final String name, final double value)
    {
        if (Double.isFinite(value))
        {
            node.put(name, value);
        }
        else
        {
            node.putNull(name);
        }
    }

    static void add(final ArrayNode node, final double value)
    {
        if (Double.isFinite(value))
        {
            node.add(value);
        }
        else
        {
            node.addNull();
        }
    }

    static ArrayNode numbers(final double[] values)
    {
        final ArrayNode array = array();
        for (final double v : values)
        {
            add(array, v);
        }
        return array;
    }

    static ArrayNode strings(final List<String> values)
    {
        final ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    static String write(final Object node)
    {
        try
        {
            return MAPPER.writeValueAsString(node);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
