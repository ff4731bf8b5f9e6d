package io.cistern.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the pre-boot and post-boot asadmin templates of the distribution ({@code config/}) into
 * {@code <data>/run/} (mode 0600). Templates name settings as {@code @TOKEN@}; a token the launcher does not
 * know is an error, so that a template and the launcher cannot drift apart silently. No secret is ever a
 * token: the database password reaches Payara through its environment only.
 */
final class CommandFiles {
    static final String PREBOOT_TEMPLATE = "preboot.asadmin";
    static final String POSTBOOT_TEMPLATE = "postboot.asadmin";
    /** Appended to the pre-boot file when HTTPS is on. */
    static final String HTTPS_TEMPLATE = "preboot-https.asadmin";
    /** Appended to the pre-boot file when plain HTTP is off. */
    static final String HTTP_OFF_TEMPLATE = "preboot-http-off.asadmin";
    private static final Pattern TOKEN = Pattern.compile("@([A-Z][A-Z0-9_]*)@");

    /** The rendered files. */
    record Rendered(Path preBoot, Path postBoot) {
    }

    private CommandFiles() {
    }

    /**
     * Renders both files; {@code keyAlias} is the HTTPS keystore's key (null without HTTPS), whose listener
     * configuration and, with plain HTTP off, the switch that disables HTTP are appended to the pre-boot file.
     */
    static Rendered write(Distribution distribution, DataDirectory data, Settings settings, String keyAlias) {
        Map<String, String> tokens = tokens(settings);
        List<Path> preBoot = new ArrayList<>(List.of(distribution.config(PREBOOT_TEMPLATE)));
        settings.https.ifPresent(https -> {
            tokens.put("HTTPS_PORT", Integer.toString(https.endpoint().port()));
            tokens.put("TLS_KEYSTORE", https.keystore().toString());
            tokens.put("TLS_ALIAS", keyAlias);
            preBoot.add(distribution.config(HTTPS_TEMPLATE));
        });
        if (!settings.httpOn) {
            preBoot.add(distribution.config(HTTP_OFF_TEMPLATE));
        }
        return new Rendered(renderFile(preBoot, data.run().resolve(PREBOOT_TEMPLATE), tokens),
                renderFile(List.of(distribution.config(POSTBOOT_TEMPLATE)), data.run().resolve(POSTBOOT_TEMPLATE),
                        tokens));
    }

    /** Token values; those used inside an asadmin {@code --property} list are escaped for it. */
    static Map<String, String> tokens(Settings settings) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("HTTP_BIND", settings.http.bindAddress());
        tokens.put("NFS_POOL_SIZE", Integer.toString(settings.nfsThreads.poolSize()));
        tokens.put("NFS_PORT", Integer.toString(settings.nfs.port()));
        tokens.put("NFS_BIND", escapePropertyValue(settings.nfs.bindAddress()));
        tokens.put("NFS_IO_THREADS", Integer.toString(settings.nfsThreads.ioThreads()));
        tokens.put("NFS_WORKERS", Integer.toString(settings.nfsThreads.workers()));
        tokens.put("PORTMAPPER_PORT", Integer.toString(settings.portmapperPort));
        tokens.put("NLM_CLIENT_PORTMAPPER_PORT", Integer.toString(settings.nlmClientPortmapperPort));
        tokens.put("SMB_POOL_SIZE", Integer.toString(settings.smbThreads.poolSize()));
        tokens.put("SMB_PORT", Integer.toString(settings.smb.port()));
        tokens.put("SMB_BIND", escapePropertyValue(settings.smb.bindAddress()));
        tokens.put("SMB_IO_THREADS", Integer.toString(settings.smbThreads.ioThreads()));
        tokens.put("SMB_WORKERS", Integer.toString(settings.smbThreads.workers()));
        return tokens;
    }

    static String render(String template, Map<String, String> tokens, String templateName) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = tokens.get(matcher.group(1));
            if (value == null) {
                throw new LauncherException("command template " + templateName + " uses unknown token " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * asadmin splits {@code --property a=1:b=2} at colons and treats a backslash as escape, so an IPv6 address
     * such as {@code ::} must be written {@code \:\:}.
     */
    static String escapePropertyValue(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** The templates rendered one after the other into {@code target}. */
    private static Path renderFile(List<Path> templates, Path target, Map<String, String> tokens) {
        StringBuilder rendered = new StringBuilder();
        for (Path template : templates) {
            try {
                rendered.append(render(Files.readString(template, StandardCharsets.UTF_8), tokens,
                        template.getFileName().toString())).append('\n');
            } catch (IOException e) {
                throw new LauncherException("cannot read " + template + ": " + DataDirectory.reason(e));
            }
        }
        try {
            PrivateFiles.write(target, rendered.toString());
            return target;
        } catch (IOException e) {
            throw new LauncherException("cannot write " + target + ": " + DataDirectory.reason(e));
        }
    }
}
