package org.lessonloop.accounts;

/** Why a link to set a password was made: a new account, or an admin's reset of one. */
public enum InvitationKind {
    INVITATION("invitation"), RESET("reset");

    private final String code;

    InvitationKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static InvitationKind fromCode(String code) {
        for (InvitationKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(code);
    }
}
