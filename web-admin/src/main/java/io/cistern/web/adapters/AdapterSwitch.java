package io.cistern.web.adapters;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT adapters/{protocol}}, for the OpenAPI document (the resource reads it as a map, so that a
 * value of the wrong type is a 400 naming the field rather than a body that does not parse). */
@Schema(name = "AdapterSwitch")
public class AdapterSwitch {
    @Schema(required = true, example = "false", description = "false: close the listener and its connections; true:"
            + " listen again")
    public Boolean enabled;
}
