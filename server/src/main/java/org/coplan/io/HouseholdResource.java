package org.coplan.io;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import org.coplan.auth.Requires;
import org.coplan.auth.Role;
import org.coplan.http.Change;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * {@code POST /api/settlements/{sid}/households}: a household enumeration CSV onto the baseline's
 * structures ({@link HouseholdService}); {@code dryRun=true} in the form only reports.
 */
@Path("/api/settlements/{sid}/households")
@Produces(MediaType.APPLICATION_JSON)
public final class HouseholdResource {
  private final HouseholdService households;

  public HouseholdResource(HouseholdService households) {
    this.households = households;
  }

  @POST
  @Requires(Role.ENGINEER)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public ObjectNode upload(
      @PathParam("sid") String sid, @Context SecurityContext security, @Context HttpHeaders headers, FormDataMultiPart form) {
    FormDataBodyPart file = form == null ? null : form.getField("file");
    if (file == null) {
      throw HouseholdService.noFile();
    }
    FormDataBodyPart dry = form.getField("dryRun");
    String name = file.getContentDisposition() == null ? null : file.getContentDisposition().getFileName();
    return households.apply(
        sid, file.getValueAs(InputStream.class), name, dry != null && "true".equals(dry.getValue()), Change.of(security, headers, null));
  }
}
