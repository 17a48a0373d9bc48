package org.lessonloop.accounts;

import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

@FeatureApi
public record User(UUID id, UUID organizationId, String email, String displayName, UserRole role) {
}
