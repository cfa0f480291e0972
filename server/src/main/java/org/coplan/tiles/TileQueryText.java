package org.coplan.tiles;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.coplan.db.Jdbc;

/**
 * The exact SQL the server runs for a tile at one zoom, with its bound values written as text:
 * the benchmark's floor ({@code pgbench} on the same database) must run the same query as the
 * server, not a copy that could drift from it. The text is captured by letting {@link
 * TileRepository} cut a tile against a recording stand-in for the database (no connection is
 * opened), so whatever that class binds is what the floor runs. Settlement, plan, z, x and y become
 * the given variables (e.g. pgbench's {@code :z}); every other value becomes a quoted literal.
 */
public final class TileQueryText {
  private static final String SID = "\u0001settlement";
  private static final String PID = "\u0001plan";

  private TileQueryText() {}

  /** The names the text uses for the tile's own values. */
  public record Variables(String settlement, String plan, String z, String x, String y) {}

  /** @param zoom at least 5, so that z, x and y can be told apart by value while recording */
  public static String sql(int zoom, Variables names) {
    if (zoom < 5) {
      throw new IllegalArgumentException("zoom " + zoom + " below 5");
    }
    int x = (int) TileKey.lastIndex(zoom);
    int y = x - 1;
    Recording rec = new Recording();
    new TileRepository(new Jdbc(rec.dataSource())).tile(new TileKey(SID, PID, zoom, x, y));
    if (rec.sql.size() != 1) {
      throw new IllegalStateException("a tile took " + rec.sql.size() + " statements; the floor expects one");
    }
    String sql = rec.sql.get(0);
    StringBuilder out = new StringBuilder();
    int param = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch != '?') {
        out.append(ch);
        continue;
      }
      Object v = rec.values.get(++param);
      if (SID.equals(v)) {
        out.append(names.settlement());
      } else if (PID.equals(v)) {
        out.append(names.plan());
      } else if (v instanceof Integer n && n == zoom) {
        out.append(names.z());
      } else if (v instanceof Integer n && n == x) {
        out.append(names.x());
      } else if (v instanceof Integer n && n == y) {
        out.append(names.y());
      } else if (v instanceof Number n) {
        out.append(n);
      } else {
        out.append('\'').append(String.valueOf(v).replace("'", "''")).append('\'');
      }
    }
    return out.toString();
  }

  /** A DataSource whose statements remember their SQL and bound values and answer an empty tile. */
  private static final class Recording {
    final List<String> sql = new ArrayList<>();
    final TreeMap<Integer, Object> values = new TreeMap<>();

    DataSource dataSource() {
      ResultSet rs = proxy(ResultSet.class, (p, m, a) -> m.getName().equals("next") ? true : defaultOf(m.getReturnType()));
      PreparedStatement ps = proxy(PreparedStatement.class, (p, m, a) -> {
        if (m.getName().startsWith("set") && a != null && a.length == 2 && a[0] instanceof Integer i) {
          values.put(i, a[1]);
        }
        return m.getName().equals("executeQuery") ? rs : defaultOf(m.getReturnType());
      });
      Connection c = proxy(Connection.class, (p, m, a) -> {
        if (m.getName().equals("prepareStatement")) {
          sql.add((String) a[0]);
          return ps;
        }
        return defaultOf(m.getReturnType());
      });
      return proxy(DataSource.class, (p, m, a) -> m.getName().equals("getConnection") ? c : defaultOf(m.getReturnType()));
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(TileQueryText.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object defaultOf(Class<?> type) {
    if (!type.isPrimitive() || type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0f;
    }
    return type == int.class ? 0 : (Object) (byte) 0;
  }
}
