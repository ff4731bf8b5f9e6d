package io.cistern.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * At the first start without CISTERN_ADMIN_PASSWORD the application generates the admin password and leaves
 * it in {@code <data>/initial-admin-password} (mode 0600). The launcher deletes the file and then shows the
 * password once, on the terminal only.
 */
final class AdminPasswordNotice {
    private AdminPasswordNotice() {
    }

    static void showOnce(Path file) {
        String password;
        try {
            password = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            Console.error("cannot read the initial admin password from " + file + ": " + DataDirectory.reason(e));
            return;
        }
        // gone before it is shown: once the line is on the terminal, no copy is left behind on disk
        IOException notDeleted = null;
        try {
            Files.delete(file);
        } catch (IOException e) {
            notDeleted = e;
        }
        if (!password.isEmpty()) {
            Console.info("Admin user 'admin' created with password: " + password + " (shown once; change it)");
        }
        if (notDeleted != null) {
            Console.error("cannot delete " + file + " (it holds the initial admin password): "
                    + DataDirectory.reason(notDeleted));
        }
    }
}
