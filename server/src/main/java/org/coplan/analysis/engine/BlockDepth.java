package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * Check 5, block depth (after Brelsford et al., "Toward cities without slums", Science Advances
 * 2018). A block is a face of the noded footpath network (the pieces of {@link WalkingNetwork},
 * polygonized: dead ends inside a block do not split it); a structure belongs to the block that
 * contains its centroid. Layer 1 is the block's structures with frontage (a path within the
 * frontage distance), layer k+1 the structures not yet layered within the frontage distance of a
 * layer-k structure: they reach a path only through k others. A block deeper than
 * {@code access.max_block_depth} conflicts, filed under the block's id (a name UUID of its
 * normalised polygon, so a block keeps its id while its outline stays the same).
 *
 * <p>After an edit the network is polygonized again (one pass over the noded pieces), and only the
 * blocks that are new, or hold a changed structure (before or after), or a structure within the
 * frontage distance of a changed path, are layered again.
 */
final class BlockDepth {
  private record Block(UUID id, Polygon polygon, PreparedGeometry prepared) {}

  private final PlanModel model;
  private final WalkingNetwork network;
  private final RuleSet rules;
  private Map<UUID, Block> blocks = new HashMap<>();
  private STRtree index = new STRtree();
  /** The block each structure was last layered in: where a moved or removed structure left from. */
  private final Map<UUID, UUID> blockOf = new HashMap<>();

  BlockDepth(PlanModel model, WalkingNetwork network, RuleSet rules) {
    this.model = model;
    this.network = network;
    this.rules = rules;
  }

  /** Every block's conflicts (an empty list for a block within the norm), by block id. */
  Map<UUID, List<Conflict>> run() {
    polygonize();
    Map<UUID, List<Conflict>> out = new HashMap<>();
    blocks.values().forEach(b -> out.put(b.id(), conflicts(b)));
    return out;
  }

  /**
   * The conflicts of every block that may differ after these changes: blocks gone (an empty list),
   * new blocks, and the blocks of the changed structures and of structures near the changed paths.
   */
  Map<UUID, List<Conflict>> update(boolean pathsChanged, Set<UUID> structures, Collection<Envelope> boxes) {
    Set<UUID> redo = new LinkedHashSet<>();
    Map<UUID, List<Conflict>> out = new HashMap<>();
    if (pathsChanged) {
      Map<UUID, Block> old = blocks;
      polygonize();
      old.keySet().stream().filter(id -> !blocks.containsKey(id)).forEach(id -> out.put(id, List.of()));
      blocks.keySet().stream().filter(id -> !old.containsKey(id)).forEach(redo::add);
      double d = rules.access().frontage();
      for (Envelope box : boxes) {
        Envelope e = new Envelope(box);
        e.expandBy(d);
        for (Structure s : model.structures.near(e)) {
          Block b = blockAt(s);
          if (b != null) {
            redo.add(b.id());
          }
        }
      }
    }
    for (UUID id : structures) {
      UUID was = blockOf.remove(id);
      if (was != null && blocks.containsKey(was)) {
        redo.add(was);
      }
      Structure s = model.structures.get(id);
      Block b = s == null ? null : blockAt(s);
      if (b != null) {
        redo.add(b.id());
      }
    }
    for (UUID id : redo) {
      out.put(id, conflicts(blocks.get(id)));
    }
    return out;
  }

  private void polygonize() {
    Map<UUID, Block> now = new HashMap<>();
    STRtree tree = new STRtree();
    if (!model.paths().isEmpty()) {
      var factory = model.paths().iterator().next().geometry().getFactory();
      // overlapping paths give the same piece twice: once is enough for the polygonizer
      Set<LineString> pieces = new LinkedHashSet<>();
      for (LineString piece : network.pieces(factory)) {
        LineString n = (LineString) piece.norm();
        if (n.getLength() > 0) {
          pieces.add(n);
        }
      }
      Polygonizer polygonizer = new Polygonizer();
      polygonizer.add(new ArrayList<Geometry>(pieces));
      WKBWriter wkb = new WKBWriter();
      for (Object o : polygonizer.getPolygons()) {
        Polygon p = (Polygon) ((Polygon) o).norm();
        if (p.getArea() <= 0) {
          continue;
        }
        UUID id = UUID.nameUUIDFromBytes(wkb.write(p));
        Block b = new Block(id, p, PreparedGeometryFactory.prepare(p));
        now.put(id, b);
        tree.insert(p.getEnvelopeInternal(), b);
      }
    }
    tree.build();
    blocks = now;
    index = tree;
  }

  /** The block whose interior holds the structure's centroid, or null (outside every block, or on a path). */
  private Block blockAt(Structure s) {
    Point c = s.geometry().getCentroid();
    for (Object o : index.query(c.getEnvelopeInternal())) {
      Block b = (Block) o;
      if (b.prepared().contains(c)) {
        return b;
      }
    }
    return null;
  }

  private List<Conflict> conflicts(Block b) {
    List<Structure> in = new ArrayList<>();
    for (Structure s : model.structures.near(b.polygon().getEnvelopeInternal())) {
      if (b.prepared().contains(s.geometry().getCentroid())) {
        in.add(s);
      }
    }
    in.sort(Comparator.comparingLong(Structure::fid));
    in.forEach(s -> blockOf.put(s.id(), b.id()));
    double d = rules.access().frontage();
    Map<UUID, Integer> layer = new HashMap<>();
    List<Structure> frontier = new ArrayList<>();
    for (Structure s : in) {
      if (FrontageCheck.hasFrontage(s, model, d)) {
        layer.put(s.id(), 1);
        frontier.add(s);
      }
    }
    Set<UUID> ofBlock = new HashSet<>();
    in.forEach(s -> ofBlock.add(s.id()));
    int depth = frontier.isEmpty() ? 0 : 1;
    while (!frontier.isEmpty()) {
      List<Structure> next = new ArrayList<>();
      for (Structure f : frontier) {
        Envelope e = new Envelope(f.geometry().getEnvelopeInternal());
        e.expandBy(d);
        for (Structure t : model.structures.near(e)) {
          if (ofBlock.contains(t.id()) && !layer.containsKey(t.id()) && t.geometry().isWithinDistance(f.geometry(), d)) {
            layer.put(t.id(), depth + 1);
            next.add(t);
          }
        }
      }
      if (!next.isEmpty()) {
        depth++;
      }
      frontier = next;
    }
    int max = rules.access().maxBlockDepth();
    if (depth <= max) {
      return List.of();
    }
    List<FeatureRef> deepest = new ArrayList<>();
    for (Structure s : in) {
      if (layer.getOrDefault(s.id(), 0) == depth) {
        deepest.add(FeatureRef.of(s));
      }
    }
    return List.of(Conflict.of(ConflictType.BLOCK_DEPTH, b.id(), deepest, b.polygon(), (double) depth, (double) max,
        "layers", Map.of("count", in.size(), "depth", depth, "deepest", deepest.size(), "through", depth - 1,
            "norm", max, "unreachable", in.size() - layer.size())));
  }
}
