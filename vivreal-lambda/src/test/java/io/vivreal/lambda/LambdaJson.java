package io.vivreal.lambda;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads events and writes responses with the serializers the Lambda Java runtime itself uses
 * ({@code aws-lambda-java-serialization}): the events library's own mapping for the event types it
 * knows, its Jackson factory for everything else.
 */
final class LambdaJson {

    private LambdaJson() {}

    static <T> T readEvent(String resource, Class<T> type) {
        try (InputStream in = LambdaJson.class.getResourceAsStream("/events/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded event " + resource);
            }
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> String write(T response, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static JsonNode tree(String json) {
        try {
            return JacksonFactory.getInstance().getMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, LambdaJson.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
