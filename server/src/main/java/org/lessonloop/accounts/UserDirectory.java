package org.lessonloop.accounts;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lessonloop.architecture.FeatureApi;

/** Who is who, for other features: users looked up by id. */
@FeatureApi
public final class UserDirectory {
    private final UserRepository users;

    public UserDirectory(UserRepository users) {
        this.users = users;
    }

    public Optional<User> find(UUID id) {
        return users.find(id);
    }

    /** The users of these ids that exist, by id. */
    public Map<UUID, User> findAll(Collection<UUID> ids) {
        return users.findAll(ids).stream().collect(Collectors.toMap(User::id, Function.identity()));
    }
}
