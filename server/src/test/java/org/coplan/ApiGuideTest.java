package org.coplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.api.OpenApiResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document has a curl example in the API guide ({@code docs/api.md})
 * or in the feature guide it links for the details (imports, review, analysis, security): the
 * guides' shell snippets are read as a shell would (variables such as {@code $ITEMS} expanded,
 * {@code -X}, {@code -d} and {@code -F} giving the method), and each call is matched against the
 * documented path templates. A new endpoint without an example fails the build, as one without an
 * OpenAPI entry does ({@link OpenApiDocumentTest}).
 */
class ApiGuideTest {
  static final Path DOCS = Path.of("..", "docs");
  static final List<String> GUIDES = List.of("api.md", "import-export.md", "review.md", "analysis.md", "security.md");
  private static final Pattern FENCE = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z][A-Z_]*)=(\\S+)$", Pattern.MULTILINE);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z_]*)}?");
  private static final Pattern URL = Pattern.compile("(?:http://localhost:8080|\\$\\{?[A-Z][A-Z_]*}?)\\S*");

  /** A curl call in a guide: its method and path (variables expanded, no query string). */
  record Call(String guide, String method, String path) {}

  static List<Call> calls;

  @BeforeAll
  static void read() throws IOException {
    calls = new ArrayList<>();
    for (String guide : GUIDES) {
      calls.addAll(calls(guide, Files.readString(DOCS.resolve(guide))));
    }
  }

  static List<Call> calls(String guide, String markdown) {
    List<Call> out = new ArrayList<>();
    Map<String, String> variables = new HashMap<>();
    Matcher fence = FENCE.matcher(markdown);
    while (fence.find()) {
      String block = fence.group(1).replace("\\\n", " ");
      Matcher assignment = ASSIGNMENT.matcher(block);
      while (assignment.find()) {
        variables.put(assignment.group(1), expand(assignment.group(2), variables));
      }
      for (String line : block.split("\n")) {
        int curl = line.indexOf("curl ");
        if (curl < 0 || line.trim().startsWith("#")) {
          continue;
        }
        String command = line.substring(curl);
        String url = url(words(command.substring(5)));
        if (url != null) {
          String path = expand(url, variables).replaceFirst("^http://localhost:8080", "").replaceFirst("[?#].*$", "");
          out.add(new Call(guide, method(command), path));
        }
      }
    }
    return out;
  }

  /** Shell words: blanks separate, quotes group (and are dropped); the rest of a comment is ignored. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** The first word that is an address, skipping the values of options that take one (-H, -d, ...). */
  static String url(List<String> words) {
    Set<String> takeValue = Set.of("-H", "--header", "-d", "--data", "--data-binary", "--data-raw", "-F", "--form", "-b", "--cookie",
        "-c", "--cookie-jar", "-o", "--output", "-X", "--request", "-T", "--upload-file", "-u", "--user");
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (takeValue.contains(w)) {
        i++;
      } else if (URL.matcher(w).matches()) {
        return w;
      }
    }
    return null;
  }

  static String method(String command) {
    Matcher x = Pattern.compile("(?:-X|--request)\\s+([A-Z]+)").matcher(command);
    if (x.find()) {
      return x.group(1);
    }
    return Pattern.compile("\\s(-d|--data[a-z-]*|-F|--form|-T)\\s").matcher(command).find() ? "POST" : "GET";
  }

  static String expand(String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code /api/settlements/{sid}} → a pattern where each parameter is one path segment. */
  static Pattern template(String path) {
    StringBuilder rx = new StringBuilder("^");
    for (String part : path.split("(?=\\{)|(?<=})")) {
      rx.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(rx.append("/?$").toString());
  }

  @Test
  void everyDocumentedOperationHasACurlExample() {
    JsonNode paths = OpenApiResource.document().get("paths");
    Set<String> missing = new TreeSet<>();
    int operations = 0;
    for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
      Pattern template = template(path.getKey());
      for (var method : (Iterable<String>) path.getValue()::fieldNames) {
        if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
          continue;
        }
        operations++;
        String verb = method.toUpperCase();
        boolean shown = calls.stream().anyMatch(c -> c.method().equals(verb) && template.matcher(c.path()).matches());
        if (!shown) {
          missing.add(verb + " " + path.getKey());
        }
      }
    }
    assertThat(operations).isGreaterThan(50);
    assertThat(missing).as("operations without a curl example in docs/" + GUIDES).isEmpty();
  }

  @Test
  void theGuidesShellIsReadAsAShellWouldReadIt() {
    List<Call> read =
        calls("t.md", """
            ```
            API=http://localhost:8080/api/settlements/tandale
            ITEMS=$API/plans/baseline/collections/footpaths/items
            curl -s "$ITEMS?limit=1"
            curl -X PATCH "$ITEMS/$ID" -H 'If-Match: x' \\
              -d '{}'
            curl -F file=@a.zip -H "Authorization: Bearer $TOKEN" ${API}/imports   # $API/not-this
            # curl -X DELETE $API is a comment
            ```
            """);
    assertThat(read).containsExactly(
        new Call("t.md", "GET", "/api/settlements/tandale/plans/baseline/collections/footpaths/items"),
        new Call("t.md", "PATCH", "/api/settlements/tandale/plans/baseline/collections/footpaths/items/$ID"),
        new Call("t.md", "POST", "/api/settlements/tandale/imports"));
    assertThat(template("/a/{x}/b").matcher("/a/$ID/b").matches()).isTrue();
    assertThat(template("/a/{x}/b").matcher("/a/1/2/b").matches()).isFalse();
  }
}
