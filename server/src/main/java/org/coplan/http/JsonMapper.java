package org.coplan.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;

/** The one Jackson configuration: ISO-8601 times, strict about unknown input fields. */
public final class JsonMapper implements ContextResolver<ObjectMapper> {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(GeometryJson.module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // coordinates are BigDecimals: 40 rather than 4E+1
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return MAPPER;
  }
}
