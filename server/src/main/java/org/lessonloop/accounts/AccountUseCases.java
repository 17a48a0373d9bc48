package org.lessonloop.accounts;

import java.net.URI;
import java.util.Optional;
import org.lessonloop.http.ClientAddress;

/**
 * What the accounts routes serve, as {@link AccountsFeature} built it: the routes get the parts,
 * not the wiring that made them.
 */
record AccountUseCases(UserRepository users, Sessions sessions, SessionAuthHandler auth, SignIn signIn, ManageAccounts manage,
        AcceptInvitation acceptInvitation, ChangePassword changePassword, AccountEventRepository events, ClientAddress clients,
        Optional<URI> publicUrl, Optional<OidcSignIn> oidc, Optional<URI> oidcRedirect) {
}
