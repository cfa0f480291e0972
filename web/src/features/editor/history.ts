import type { TileLayer } from '../../api/types';
import { tagOf } from './problems';

/**
 * Undo and redo of the editor, backed by the server's versions: nothing is kept in the browser
 * but which feature changed from which version to which. Undoing a creation deletes the feature;
 * undoing a change restores the version before it (a new version, the history grows); undoing a
 * deletion undeletes. Redo does the opposite through the same endpoints. Every step quotes the
 * version it left the feature at in `If-Match`, so when someone else changed the feature since,
 * the server answers 412 and nothing is overwritten; the step stays where it was.
 */

export interface FeatureRef {
  layer: TileLayer;
  id: string;
}

export type StepKind = 'create' | 'update' | 'delete';

export interface Step {
  ref: FeatureRef;
  kind: StepKind;
  /** The version before the edit (0 for a creation). */
  before: number;
  /** The version the feature is at now, as far as this editor knows. */
  at: number;
}

/** The server operations undo and redo need; each answers the feature's new version. */
export interface VersionOps {
  remove(ref: FeatureRef, ifMatch: string): Promise<number>;
  undelete(ref: FeatureRef, ifMatch: string): Promise<number>;
  restore(ref: FeatureRef, ifMatch: string, version: number): Promise<number>;
}

export class EditHistory {
  private readonly done: Step[] = [];
  private readonly undone: Array<Step & { after: number }> = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly ops: VersionOps) {}

  /** Records an edit that has been stored: `before` → `after`. Clears what could be redone. */
  record(ref: FeatureRef, kind: StepKind, before: number, after: number): void {
    this.done.push({ ref, kind, before, at: after });
    this.undone.length = 0;
    this.changed();
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The step the next undo reverts. */
  peekUndo(): Step | undefined {
    return this.done.at(-1);
  }

  peekRedo(): Step | undefined {
    return this.undone.at(-1);
  }

  /** Reverts the last edit on the server; answers the feature it changed. Throws (step kept) when the server refuses. */
  async undo(): Promise<FeatureRef | null> {
    const step = this.done.at(-1);
    if (!step) return null;
    const tag = tagOf(step.ref.id, step.at);
    let now: number;
    if (step.kind === 'create') now = await this.ops.remove(step.ref, tag);
    else if (step.kind === 'delete') now = await this.ops.undelete(step.ref, tag);
    else now = await this.ops.restore(step.ref, tag, step.before);
    this.done.pop();
    // the redo restores what the edit made: the version it was at before this undo
    this.undone.push({ ...step, after: step.at, at: now });
    this.changed();
    return step.ref;
  }

  /** Makes the last undone edit again. */
  async redo(): Promise<FeatureRef | null> {
    const step = this.undone.at(-1);
    if (!step) return null;
    const tag = tagOf(step.ref.id, step.at);
    let now: number;
    if (step.kind === 'create') now = await this.ops.undelete(step.ref, tag);
    else if (step.kind === 'delete') now = await this.ops.remove(step.ref, tag);
    else now = await this.ops.restore(step.ref, tag, step.after);
    this.undone.pop();
    this.done.push({ ref: step.ref, kind: step.kind, before: step.before, at: now });
    this.changed();
    return step.ref;
  }

  /** Another plan is shown: its history starts empty. */
  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.changed();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
