package org.coplan.changes;

/**
 * Told about every committed feature change and published {@link AppEvent}, on the change feed's
 * own thread, in commit order.
 */
public interface ChangeListener {

  void changed(FeatureChange change);

  default void event(AppEvent event) {}

  /** A plan's stored analysis results changed (the tiles' conflicts layer). */
  default void conflictsChanged(ConflictChange change) {}

  /**
   * The feed lost its connection and may have missed changes (it is connected again): anything
   * cached may be stale.
   */
  default void missedChanges() {}
}
