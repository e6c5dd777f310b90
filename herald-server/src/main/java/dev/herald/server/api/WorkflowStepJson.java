package dev.herald.server.api;

import dev.herald.core.workflow.WorkflowStep;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** A type's workflow step answers as it was written ({@code {"send": "EMAIL", "unless": "READ"}}), so GET reads back into PUT. */
@JacksonComponent
class WorkflowStepJson extends ValueSerializer<WorkflowStep> {
    @Override
    public void serialize(WorkflowStep step, JsonGenerator gen, SerializationContext context) {
        gen.writePOJO(step.written());
    }
}
