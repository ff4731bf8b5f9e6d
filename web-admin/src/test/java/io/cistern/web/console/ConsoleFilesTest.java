package io.cistern.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files as they are shipped (there is no build step to catch anything): nothing the
 * Content-Security-Policy would block (inline script, inline handlers, style attributes), nothing that turns API text
 * into markup, nothing loaded from elsewhere, and every module and file they name present.
 */
class ConsoleFilesTest {
    private static final Path CONSOLE = Path.of("src/main/webapp/console");
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=|<style", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSAFE_SCRIPT = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write"
            + "|\\beval\\(|new Function|\\.style\\b|setAttribute\\(\\s*'style'|cssText");
    private static final Pattern RELATIVE_IMPORT = Pattern.compile("(?:from|import)\\s+'(\\.{1,2}/[^']+)'");
    private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"(?!#)([^\":]+)\"");

    @Test
    void htmlHasNoInlineScriptHandlerOrStyle() throws IOException {
        List<Path> pages = files(".html");
        assertFalse(pages.isEmpty());
        for (Path page : pages) {
            String html = Files.readString(page);
            assertFalse(INLINE_SCRIPT.matcher(html).find(), page + ": inline <script>");
            assertFalse(INLINE_HANDLER.matcher(html).find(), page + ": inline event handler");
            assertFalse(STYLE_ATTRIBUTE.matcher(html).find(), page + ": style attribute or element");
            assertFalse(html.toLowerCase().contains("javascript:"), page + ": javascript: URL");
        }
    }

    @Test
    void scriptsNeverWriteMarkupOrStyles() throws IOException {
        for (Path script : files(".js")) {
            Matcher unsafe = UNSAFE_SCRIPT.matcher(Files.readString(script));
            assertFalse(unsafe.find(), () -> script + ": " + unsafe.group());
        }
    }

    @Test
    void nothingIsLoadedFromAnotherServer() throws IOException {
        try (Stream<Path> all = Files.walk(CONSOLE)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file).replace(SVG_NAMESPACE, "");
                assertFalse(text.matches("(?s).*https?://.*"), file + " names another server");
                assertFalse(text.contains("//cdn"), file + " names a CDN");
            }
        }
    }

    @Test
    void everyModuleAndFileNamedExists() throws IOException {
        int imports = 0;
        for (Path script : files(".js")) {
            Matcher named = RELATIVE_IMPORT.matcher(Files.readString(script));
            while (named.find()) {
                imports++;
                Path target = script.getParent().resolve(named.group(1)).normalize();
                assertTrue(Files.isRegularFile(target), script + " imports " + named.group(1) + ", which is missing");
            }
        }
        assertTrue(imports > 10, "imports found: " + imports);
        Path index = CONSOLE.resolve("index.html");
        Matcher referenced = HTML_REFERENCE.matcher(Files.readString(index));
        int references = 0;
        while (referenced.find()) {
            references++;
            assertTrue(Files.isRegularFile(CONSOLE.resolve(referenced.group(1))), "index.html names "
                    + referenced.group(1) + ", which is missing");
        }
        assertEquals(3, references, "favicon, stylesheet and the app module");
    }

    @Test
    void noFileIsOverFiveHundredLines() throws IOException {
        try (Stream<Path> all = Files.walk(CONSOLE)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                assertTrue(Files.readAllLines(file).size() <= 500, file + " is over 500 lines");
            }
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(CONSOLE)) {
            return all.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
