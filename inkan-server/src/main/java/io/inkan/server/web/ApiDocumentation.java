package io.inkan.server.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the API for the generated OpenAPI document at {@code /v3/api-docs} (C6), so client
 * generators and reviewers work from what the server actually serves.
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Inkan API", version = "v1",
                description = "Hash signing with keys that never leave their token. Errors are RFC 9457 "
                        + "application/problem+json with types urn:inkan:problem:<slug>."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (inkan_...) issued by an administrator")
class ApiDocumentation {
}
