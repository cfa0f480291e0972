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
   * A settlement's visibility, existence or plans changed (created, archived, deleted): answers
   * about who may see it and which plans it has are stale.
   */
  default void accessChanged(String settlementId) {}

  /**
   * The feed is listening: called when it starts and after each reconnection (before {@link
   * #missedChanges()}), on the thread that connected.
   */
  default void listening() {}

  /**
   * The feed has just lost its connection: until {@link #missedChanges()} follows, changes may go
   * unheard, so nothing cached should be trusted.
   */
  default void feedLost() {}

  /**
   * The feed lost its connection and may have missed changes (it is connected again): anything
   * cached may be stale.
   */
  default void missedChanges() {}
}
