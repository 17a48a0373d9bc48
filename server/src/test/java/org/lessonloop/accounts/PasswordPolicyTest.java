package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lessonloop.problems.ProblemException;

class PasswordPolicyTest {
    private static final PasswordPolicy POLICY = PasswordPolicy.standard();

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "short", "password1234", "PASSWORD1234", "Password2026!", "qwertyuiop123",
        "123456789012", "abcdefghijklm", "zyxwvutsrqpo", "ilovemyself1234", "teacher2025!", "111111111111", "correct horse battery staple"})
    void aWeakPasswordIsRefused(String weak) {
        assertThrows(ProblemException.Invalid.class, () -> POLICY.check("password", weak));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a walk along the river", "Tr0ub4dor&3-but-longer", "  spaces count too  ", "été à la plage 2026"})
    void aPersonsOwnPhraseIsAccepted(String good) {
        assertDoesNotThrow(() -> POLICY.check("password", good));
    }

    @Test
    void theRefusalSaysWhichRuleAndNamesTheField() {
        var refused = assertThrows(ProblemException.Invalid.class, () -> POLICY.check("newPassword", "password2026"));
        assertTrue(refused.detail().contains("'newPassword'") && refused.detail().contains("common"), refused.detail());
    }
}
