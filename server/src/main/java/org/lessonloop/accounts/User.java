package org.lessonloop.accounts;

import java.util.UUID;

public record User(UUID id, UUID organizationId, String email, String displayName, UserRole role) {
}
