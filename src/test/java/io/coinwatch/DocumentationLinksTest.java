package io.coinwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the documentation leads somewhere: the file (or folder) exists and, when the link names a
 * heading (#anchor), the target has that heading, with GitHub's anchor rules. A moved guide or a renamed heading
 * fails here rather than in a reader's browser. Plain text, no Spring context.
 */
class DocumentationLinksTest {

    /** The documentation: top-level guides, docs/ and the READMEs of folders. */
    private static final List<String> ROOTS = List.of("README.md", "ARCHITECTURE.md", "RELIABILITY.md", "BENCHMARKS.md",
            "routes/README.md", "bench/README.md");

    /** [text](target) and ![alt](target); the target up to a blank or the closing parenthesis. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** [label]: target, a reference definition. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");

    @Test
    void everyRelativeLinkInTheDocsResolves() throws IOException {
        List<Path> docs = documentation(Path.of(""));
        assertThat(docs).hasSizeGreaterThan(ROOTS.size());
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : docs) {
            List<String> found = links(doc);
            links += found.size();
            found.forEach(link -> problem(doc, link).ifPresent(p -> broken.add(doc + ": " + link + ": " + p)));
        }
        System.out.println("DocumentationLinksTest: " + docs.size() + " files, " + links + " relative links, " + broken.size() + " broken");
        assertThat(broken).as("broken links").isEmpty();
        assertThat(links).as("relative links checked").isGreaterThan(50);
    }

    @Test
    void noDocumentCitesTheSharedFolderOutsideTheRepository() throws IOException {
        String outside = ".." + "/shared/";
        List<String> citing = new ArrayList<>();
        for (Path doc : documentation(Path.of(""))) {
            if (Files.readString(doc).contains(outside)) {
                citing.add(doc.toString());
            }
        }
        assertThat(citing).isEmpty();
    }

    @Test
    void theCheckFindsMissingFilesAndAnchors(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/guide.md"), """
                # Guide
                ## Set `coinwatch.roles` (roles)
                ## Set `coinwatch.roles` (roles)
                """);
        Files.writeString(dir.resolve("README.md"), """
                [ok](docs/guide.md) [ok](docs/guide.md#set-coinwatchroles-roles-1) [ok](#intro) [web](https://example.com)
                [gone](docs/missing.md) [no heading](docs/guide.md#nowhere) [no such folder](other/)
                `[in code](nowhere.md)`
                ```
                [in a fence](nowhere.md)
                ```
                [ref]: docs/also-missing.md
                # Intro
                """);
        Path readme = dir.resolve("README.md");
        List<String> problems = links(readme).stream().filter(l -> problem(readme, l).isPresent()).toList();
        assertThat(problems).containsExactly("docs/missing.md", "docs/guide.md#nowhere", "other/", "docs/also-missing.md");
    }

    /** The documentation files under root: the fixed ones (which must exist) and every .md under docs/. */
    private static List<Path> documentation(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        for (String name : ROOTS) {
            Path doc = root.resolve(name);
            assertThat(doc).as("documentation file").isRegularFile();
            docs.add(doc);
        }
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The link targets of a Markdown file that are not absolute URLs, outside code blocks and code spans. */
    private static List<String> links(Path doc) {
        List<String> links = new ArrayList<>();
        for (String line : prose(doc)) {
            String text = CODE_SPAN.matcher(line).replaceAll("");
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                links.add(inline.group(1));
            }
            Matcher reference = REFERENCE_LINK.matcher(text);
            if (reference.matches()) {
                links.add(reference.group(1));
            }
        }
        links.removeIf(link -> SCHEME.matcher(link).find());
        return links;
    }

    /** Why the link leads nowhere, or empty when it resolves. */
    private static Optional<String> problem(Path doc, String link) {
        int hash = link.indexOf('#');
        String file = URLDecoder.decode(hash < 0 ? link : link.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : link.substring(hash + 1);
        Path base = doc.toAbsolutePath().getParent();
        Path target = file.isEmpty() ? doc.toAbsolutePath() : base.resolve(file).normalize();
        if (!Files.exists(target)) {
            return Optional.of("no such file " + target);
        }
        if (anchor != null && !anchor.isEmpty() && target.toString().endsWith(".md") && !anchors(target).contains(anchor)) {
            return Optional.of("no heading with anchor #" + anchor + " in " + target.getFileName());
        }
        return Optional.empty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, blanks to hyphens, -1, -2... for repeats. */
    private static Set<String> anchors(Path doc) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(doc)) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1");
            String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    /** The lines of a Markdown file outside fenced code blocks. */
    private static List<String> prose(Path doc) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        try {
            for (String line : Files.readAllLines(doc)) {
                String trimmed = line.stripLeading();
                if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                    fence = trimmed.substring(0, 3);
                } else if (fence != null && trimmed.startsWith(fence)) {
                    fence = null;
                } else if (fence == null) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
