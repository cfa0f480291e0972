import './editor.css';
import { ApiError, api } from '../../api/client';
import { explainProblem } from '../../api/explain';
import type { Geometry, ItemFeature, TileLayer } from '../../api/types';
import { formatDateTime, onLocaleChange, t } from '../../i18n/i18n';
import { DATA_SOURCE, type CoplanMap } from '../../map/create-map';
import { el } from '../../ui/element';
import type { StatusLine } from '../../ui/status';
import { ConsequencesPanel } from './consequences';
import { type DrawTool, DrawController } from './draw';
import { EditApi, type Stored } from './edit-api';
import { type AttributeForm, attributeForm } from './form';
import { EditHistory, type FeatureRef } from './history';
import { type FeatureEvent, followPlan } from './live';
import { Overlays } from './overlays';
import { formFaults, staleEdit, tagOf } from './problems';
import { type FieldSpec, changedValues, defaultsOf, formsOf } from './schema';
import { KeyboardDrawing } from './keyboard-drawing';
import { KeyboardSketch } from './keyboard-sketch';
import { TrueShapes } from './true-shapes';

/**
 * The tools, the layer each draws into, its key, and the shapes it draws, the first by default:
 * the geometry types the server's layer takes (`Layer.java`), so a drain or a pipe is a service
 * line and a power line's servitude a constraint line.
 */
const TOOLS: ReadonlyArray<{ id: string; layer: TileLayer; shapes: readonly DrawTool[]; key: string }> = [
  { id: 'path', layer: 'footpaths', shapes: ['linestring'], key: 'p' },
  { id: 'structure', layer: 'structures', shapes: ['polygon'], key: 's' },
  { id: 'service', layer: 'services', shapes: ['point', 'linestring'], key: 'w' },
  { id: 'constraint', layer: 'constraints', shapes: ['polygon', 'linestring'], key: 'c' },
];
/** The key that switches a tool to its next shape. */
const SHAPE_KEY = 'g';

interface Selected {
  ref: FeatureRef;
  item: ItemFeature;
}

type State =
  | { kind: 'idle' }
  | { kind: 'drawing'; tool: string; layer: TileLayer; shape: DrawTool; sketch: KeyboardSketch }
  | { kind: 'creating'; layer: TileLayer; geometry: Geometry; shape: DrawTool }
  | { kind: 'editing'; selected: Selected; version: number }
  | { kind: 'reshaping'; selected: Selected; version: number; drawId: string };

export interface EditorHooks {
  status: StatusLine;
  /** Closes the read-only feature panel: the editor's takes its place. */
  closeFeaturePanel(): void;
}

/**
 * The planner's editor on the map page: a toolbar (draw a path, a structure, a service, a
 * constraint; undo, redo), attribute forms from the layer schema, reshaping with Terra Draw,
 * deleting, all through the plan's OGC API - Features Part 4 endpoints with `If-Match`; the live
 * consequences panel; and the plan's event stream, so the map follows everyone's edits and an
 * edit that meets someone else's newer version says whose, and asks what to do.
 */
export class Editor {
  private readonly draw: DrawController;
  private readonly overlays: Overlays;
  readonly consequences: ConsequencesPanel;
  private readonly toolbar = el('div', { class: 'editor-toolbar', id: 'editor-toolbar', role: 'toolbar', hidden: true });
  private readonly panel = el('aside', { class: 'panel editor-panel', id: 'editor-panel', hidden: true, 'aria-labelledby': 'editor-panel-title' });
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly keyboard: KeyboardDrawing;
  /** Whether the toolbar button being run was pressed with the keyboard (a click without a pointer). */
  private keyboardClick = false;
  private editApi: EditApi | null = null;
  private history: EditHistory | null = null;
  private state: State = { kind: 'idle' };
  private selected: Selected | null = null;
  private canEdit = false;
  private username: string | null = null;
  private stopLive: (() => void) | null = null;
  private form: AttributeForm | null = null;
  /** Recent changes by others, from the event stream: feature id → who and when. */
  private readonly recent = new Map<string, { author: string; at: Date }>();

  constructor(
    private readonly map: CoplanMap,
    private readonly hooks: EditorHooks,
  ) {
    this.draw = new DrawController(map);
    this.overlays = new Overlays(map);
    this.keyboard = new KeyboardDrawing(map, this.draw, this.overlays);
    this.consequences = new ConsequencesPanel(map, this.overlays);
    const layout = map.getContainer().parentElement!;
    layout.append(this.toolbar, this.panel, this.consequences.root, this.keyboard.announcer);
    map.on('style.load', () => this.restartDraw());
    if (map.isStyleLoaded()) this.restartDraw();
    document.addEventListener('keydown', (e) => this.onKey(e));
    map.on('moveend', () => {
      if (this.state.kind === 'drawing' || this.state.kind === 'reshaping') this.readShapes();
    });
    onLocaleChange(() => this.renderToolbar());
    this.renderToolbar();
  }

  /** Whether clicks on the map belong to the editor (drawing, reshaping) rather than to selection. */
  get busy(): boolean {
    return this.state.kind === 'drawing' || this.state.kind === 'reshaping' || this.state.kind === 'creating';
  }

  /** The plan on the map changed: new endpoints, an empty history, a new event stream. */
  show(settlementId: string, planId: string): void {
    this.cancel();
    this.editApi = new EditApi(settlementId, planId);
    this.draw.shapes = new TrueShapes(settlementId, planId);
    this.history = new EditHistory(this.editApi.versionOps());
    this.history.onChange(() => this.renderToolbar());
    this.recent.clear();
    this.stopLive?.();
    this.stopLive = followPlan(settlementId, planId, {
      feature: (e) => this.onFeatureEvent(e),
      reload: () => void this.consequences.reload(false, true),
      analysis: () => this.consequences.analysed(),
      state: (s) => this.consequences.setLive(s),
    });
    void this.consequences.show(this.editApi);
    this.clearanceRead = false;
    this.readClearance();
    this.renderToolbar();
  }

  private clearanceRead = false;

  /** The rule set's corridor clearance, for drawing a new path's corridor: only for those who draw (share-link visitors may not read the rules). */
  private readClearance(): void {
    if (!this.canEdit || !this.editApi || this.clearanceRead) return;
    // the forms too, so the first one opens at once
    this.schema().catch((e: unknown) => console.warn('layer schemas', e));
    this.clearanceRead = true;
    void this.editApi
      .clearance()
      .then((m) => this.overlays.setClearance(m))
      .catch(() => this.overlays.setClearance(0));
  }

  /** A new style is coming: Terra Draw's layers go with the old one; it starts again on the new. */
  styleChanging(): void {
    this.cancel();
    this.draw.stop();
  }

  /** Who is signed in and whether they may edit (the server decides anyway). */
  setAccess(canEdit: boolean, username: string | null): void {
    this.canEdit = canEdit;
    this.username = username;
    if (!canEdit) this.cancel();
    this.readClearance();
    this.renderToolbar();
  }

  /** The selection panel shows a feature: the editor offers to change it. */
  featureShown(layer: TileLayer, item: ItemFeature): void {
    this.selected = { ref: { layer, id: item.id }, item };
    this.renderToolbar();
  }

  featureCleared(): void {
    if (this.state.kind === 'idle') this.selected = null;
    this.renderToolbar();
  }

  // ------------------------------------------------------------------ toolbar

  private renderToolbar(): void {
    this.toolbar.hidden = !this.canEdit || !this.editApi;
    this.toolbar.setAttribute('aria-label', t('editor.toolbar'));
    const button = (id: string, label: string, key: string, run: () => void, pressed?: boolean, disabled = false): HTMLButtonElement => {
      let b = this.buttons.get(id);
      if (!b) {
        b = el('button', { type: 'button', class: 'editor-tool', id: `editor-${id}` });
        b.addEventListener('click', (e) => {
          this.keyboardClick = e.detail === 0;
          this.runners.get(id)?.();
          this.keyboardClick = false;
        });
        this.buttons.set(id, b);
      }
      this.runners.set(id, run);
      b.textContent = label;
      b.title = `${label} (${key})`;
      b.setAttribute('aria-keyshortcuts', key.replace(/Ctrl\+/g, 'Control+'));
      if (pressed === undefined) b.removeAttribute('aria-pressed');
      else b.setAttribute('aria-pressed', String(pressed));
      b.disabled = disabled;
      return b;
    };
    const drawing = this.state.kind === 'drawing' ? this.state : null;
    const tools = TOOLS.map((tool) => button(tool.id, t(`editor.tool.${tool.id}`), tool.key.toUpperCase(), () => this.startDrawing(tool.id), drawing?.tool === tool.id));
    const shapes = TOOLS.find((x) => x.id === drawing?.tool)?.shapes ?? [];
    const shapeTools = shapes.length < 2 ? [] : shapes.map((shape) => button(`shape-${shape}`, t(`editor.shape.${shape}`), SHAPE_KEY.toUpperCase(), () => this.startDrawing(drawing!.tool, shape), drawing?.shape === shape));
    const sel = this.selected;
    const selectionTools = [
      button('edit', t('editor.editAttributes'), 'E', () => this.editAttributes(), undefined, !sel),
      button('reshape', t('editor.reshape'), 'R', () => this.reshape(), undefined, !sel || !['LineString', 'Polygon', 'Point'].includes(sel.item.geometry?.type ?? '')),
      button('delete', t('editor.delete'), 'Delete', () => void this.deleteSelected(), undefined, !sel),
    ];
    const history = [
      button('undo', t('editor.undo'), 'Ctrl+Z', () => void this.undo(), undefined, !this.history?.canUndo),
      button('redo', t('editor.redo'), 'Ctrl+Shift+Z', () => void this.redo(), undefined, !this.history?.canRedo),
    ];
    const group = (label: string, ...children: HTMLElement[]) => el('div', { class: 'editor-group', role: 'group', 'aria-label': label }, ...children);
    this.toolbar.replaceChildren(
      group(t('editor.group.draw'), ...tools),
      ...(shapeTools.length > 0 ? [group(t('editor.group.shape'), ...shapeTools)] : []),
      group(t('editor.group.selected'), ...selectionTools),
      group(t('editor.group.history'), ...history),
    );
  }

  private readonly runners = new Map<string, () => void>();

  private onKey(e: KeyboardEvent): void {
    if (!this.canEdit || !this.editApi) return;
    const target = e.target as HTMLElement | null;
    const typing = !!target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
    if (document.querySelector('dialog[open]')) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      void (e.shiftKey ? this.redo() : this.undo());
      return;
    }
    if (mod && e.key.toLowerCase() === 'y' && !typing) {
      e.preventDefault();
      void this.redo();
      return;
    }
    if (typing || mod || e.altKey) {
      if (e.key === 'Escape' && this.state.kind !== 'idle') this.cancel();
      return;
    }
    if (e.key === 'Escape' && this.state.kind !== 'idle') {
      e.preventDefault();
      this.cancel();
      this.keyboard.announce(t('editor.kbd.cancelled'));
      return;
    }
    if (this.state.kind === 'drawing' && this.keyboard.key(e, this.state.sketch, (geometry) => void this.drawn(geometry))) {
      e.preventDefault();
      return;
    }
    const tool = TOOLS.find((x) => x.key === e.key.toLowerCase());
    if (tool) {
      e.preventDefault();
      this.startDrawing(tool.id, undefined, true);
    } else if (e.key.toLowerCase() === SHAPE_KEY && this.state.kind === 'drawing') {
      const { tool: id, shape } = this.state;
      const shapes = TOOLS.find((x) => x.id === id)!.shapes;
      if (shapes.length > 1) this.startDrawing(id, shapes[(shapes.indexOf(shape) + 1) % shapes.length], true);
    } else if (e.key.toLowerCase() === 'e' && this.selected) this.editAttributes();
    else if (e.key.toLowerCase() === 'r' && this.selected) this.reshape();
    else if ((e.key === 'Delete' || e.key === 'Backspace') && this.selected && this.state.kind === 'idle') void this.deleteSelected();
  }

  // ------------------------------------------------------------------ drawing and forms

  private restartDraw(): void {
    this.overlays.add();
    this.draw.start((_id, geometry) => this.drawn(geometry));
  }

  /** Starts a tool in its `chosen` shape (else its first); `focusMap` hands the keyboard to the map, where its keys draw. */
  private startDrawing(toolId: string, chosen?: DrawTool, focusMap = this.keyboardClick): void {
    const tool = TOOLS.find((x) => x.id === toolId)!;
    const shape = chosen && tool.shapes.includes(chosen) ? chosen : tool.shapes[0]!;
    this.cancel();
    this.hooks.closeFeaturePanel();
    this.state = { kind: 'drawing', tool: tool.id, layer: tool.layer, shape, sketch: new KeyboardSketch(shape) };
    this.draw.drawNew(shape);
    this.readShapes();
    const hint = `${t(`editor.hint.${shape}`)} ${t('editor.hint.keyboard')}`;
    this.hooks.status.progress(hint);
    this.keyboard.announce(`${t(`editor.tool.${tool.id}`)}: ${t(`editor.shape.${shape}`)}. ${tool.shapes.length > 1 ? t('editor.hint.shapeKey') : ''}`.trim());
    this.renderToolbar();
    if (focusMap) this.map.getCanvas().focus();
  }

  /** Reads the stored shapes in view, for exact snapping; again when the view moves while drawing. */
  private readShapes(): void {
    const b = this.map.getBounds();
    void this.draw.shapes?.read([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], this.map.getZoom());
  }

  private forms: Promise<Record<TileLayer, FieldSpec[]>> | null = null;

  private schema(): Promise<Record<TileLayer, FieldSpec[]>> {
    this.forms ??= api.request<Parameters<typeof formsOf>[0]>('GET', '/api/openapi.json').then(formsOf, (e: unknown) => {
      this.forms = null;
      throw e;
    });
    return this.forms;
  }

  /** A new feature's outline is finished: its form opens. */
  private async drawn(geometry: Geometry): Promise<void> {
    if (this.state.kind !== 'drawing') return;
    const { layer, shape } = this.state;
    this.hooks.status.clear();
    this.draw.hold();
    this.overlays.setSketch(geometry);
    this.state = { kind: 'creating', layer, geometry, shape };
    let fields: FieldSpec[];
    try {
      fields = (await this.schema())[layer];
    } catch (e) {
      this.cancel();
      this.hooks.status.fail(`${t('editor.notSaved')} ${explainProblem(e)}`);
      return;
    }
    const initial = { ...defaultsOf(layer, shape) };
    this.openForm(t(`editor.new.${layer}`), layer, fields, initial, () => void this.saveNew());
    if (layer === 'footpaths') {
      const width = (): number => Number(this.form?.values().width_m ?? 0);
      this.overlays.setDraft(geometry, width());
      this.form!.element.addEventListener('input', () => this.overlays.setDraft(geometry, width()));
    }
    this.renderToolbar();
  }

  private openForm(title: string, layer: TileLayer, fields: FieldSpec[], initial: Record<string, ItemFeature['properties'][string]>, save: () => void, extra: HTMLElement[] = []): void {
    this.form = attributeForm(layer, fields, initial, save);
    const saveButton = el('button', { type: 'submit', class: 'button button-primary', id: 'editor-save', form: 'editor-form' }, t('editor.save'));
    const cancel = el('button', { type: 'button', class: 'button', id: 'editor-cancel' }, t('action.cancel'));
    cancel.addEventListener('click', () => this.cancel());
    this.showPanel(title, t(`layer.${layer}`), [...extra, this.form.element, el('div', { class: 'editor-actions' }, saveButton, cancel)]);
    this.form.focusFirst();
  }

  private showPanel(title: string, kicker: string, body: HTMLElement[]): void {
    this.hooks.closeFeaturePanel();
    const close = el('button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.close'), title: t('panel.close') }, '×');
    close.addEventListener('click', () => this.cancel());
    this.panel.replaceChildren(
      el('header', { class: 'panel-header' }, el('div', {}, el('p', { class: 'panel-kicker' }, kicker), el('h2', { class: 'panel-title', id: 'editor-panel-title' }, title)), close),
      el('div', { class: 'panel-body editor-body' }, ...body),
    );
    this.panel.hidden = false;
    document.body.dataset.panel = 'open';
  }

  private hidePanel(): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.form = null;
    delete document.body.dataset.panel;
  }

  /** Drops whatever is being drawn or edited (nothing was stored). */
  cancel(): void {
    this.draw.idle();
    this.overlays.setSketch(null);
    this.overlays.setDraft(null, 0);
    this.hidePanel();
    if (this.state.kind === 'drawing') this.hooks.status.clear();
    this.state = { kind: 'idle' };
    this.renderToolbar();
  }

  private async saveNew(): Promise<void> {
    if (this.state.kind !== 'creating' || !this.form || !this.editApi || !this.history) return;
    const { layer, geometry } = this.state;
    const form = this.form;
    try {
      const stored = await this.editApi.create(layer, geometry, form.values(), form.reason());
      this.history.record({ layer, id: stored.feature.id }, 'create', 0, stored.version);
      this.afterSave(t('editor.saved.create', { layer: t(`layer.${layer}`) }));
    } catch (e) {
      this.showFailure(e, form);
    }
  }

  private editAttributes(): void {
    const sel = this.selected;
    if (!sel || !this.editApi) return;
    void this.withFresh(sel, async (fresh) => {
      const fields = (await this.schema())[sel.ref.layer]; // a failure is explained by withFresh
      this.state = { kind: 'editing', selected: fresh.selected, version: fresh.version };
      this.openForm(fresh.selected.item.properties.name ? String(fresh.selected.item.properties.name) : t(`editor.edit.${sel.ref.layer}`), sel.ref.layer, fields, fresh.selected.item.properties, () => void this.saveAttributes(), this.changedByOthers(fresh.selected.item));
    });
  }

  private async saveAttributes(ifMatch?: string): Promise<void> {
    if (this.state.kind !== 'editing' || !this.form || !this.editApi || !this.history) return;
    const { selected, version } = this.state;
    const form = this.form;
    const change = changedValues(form.values(), selected.item.properties);
    if (Object.keys(change).length === 0 && !form.reason()) {
      this.cancel();
      return;
    }
    try {
      const stored = await this.editApi.patch(selected.ref, ifMatch ?? tagOf(selected.ref.id, version), { properties: change }, form.reason());
      this.history.record(selected.ref, 'update', version, stored.version);
      this.selected = { ref: selected.ref, item: stored.feature };
      this.afterSave(t('editor.saved.update', { layer: t(`layer.${selected.ref.layer}`) }));
    } catch (e) {
      this.showFailure(e, form, (tag) => void this.saveAttributes(tag), () => this.editAttributes());
    }
  }

  private reshape(): void {
    const sel = this.selected;
    if (!sel) return;
    void this.withFresh(sel, async (fresh) => {
      const geometry = fresh.selected.item.geometry;
      const drawId = geometry ? this.draw.reshape(geometry) : null;
      if (!drawId) {
        this.hooks.status.fail(t('editor.cannotReshape'));
        return;
      }
      this.state = { kind: 'reshaping', selected: fresh.selected, version: fresh.version, drawId };
      this.readShapes();
      const save = el('button', { type: 'button', class: 'button button-primary', id: 'editor-save' }, t('editor.saveShape'));
      save.addEventListener('click', () => void this.saveShape());
      const cancel = el('button', { type: 'button', class: 'button', id: 'editor-cancel' }, t('action.cancel'));
      cancel.addEventListener('click', () => this.cancel());
      this.showPanel(t('editor.reshapeTitle'), t(`layer.${sel.ref.layer}`), [
        ...this.changedByOthers(fresh.selected.item),
        el('p', { class: 'editor-hint' }, t('editor.hint.reshape')),
        el('div', { class: 'form-faults', role: 'alert', id: 'editor-faults' }),
        el('div', { class: 'editor-actions' }, save, cancel),
      ]);
      save.focus();
      this.renderToolbar();
    });
  }

  private async saveShape(ifMatch?: string): Promise<void> {
    if (this.state.kind !== 'reshaping' || !this.editApi || !this.history) return;
    const { selected, version, drawId } = this.state;
    const geometry = this.draw.geometry(drawId);
    if (!geometry) return;
    try {
      const stored = await this.editApi.patch(selected.ref, ifMatch ?? tagOf(selected.ref.id, version), { geometry }, '');
      this.history.record(selected.ref, 'update', version, stored.version);
      this.selected = { ref: selected.ref, item: stored.feature };
      this.afterSave(t('editor.saved.update', { layer: t(`layer.${selected.ref.layer}`) }));
    } catch (e) {
      this.showFailure(e, null, (tag) => void this.saveShape(tag), () => this.reshape());
    }
  }

  private async deleteSelected(ifMatch?: string): Promise<void> {
    const sel = this.selected;
    if (!sel || !this.editApi || !this.history) return;
    const version = Number(sel.item.properties.version ?? 0);
    try {
      const tag = ifMatch ?? tagOf(sel.ref.id, version);
      const now = await this.editApi.remove(sel.ref, tag);
      this.history.record(sel.ref, 'delete', version, now);
      this.selected = null;
      this.hooks.closeFeaturePanel();
      this.afterSave(t('editor.saved.delete', { layer: t(`layer.${sel.ref.layer}`) }));
    } catch (e) {
      this.showFailure(e, null, (tag) => void this.deleteSelected(tag), () => this.reloadSelected());
    }
  }

  /** Reads the feature again (its current version) before changing it. */
  private async withFresh(sel: Selected, then: (fresh: { selected: Selected; version: number }) => Promise<void>): Promise<void> {
    if (!this.editApi) return;
    this.cancel();
    try {
      const stored: Stored = await this.editApi.read(sel.ref);
      this.selected = { ref: sel.ref, item: stored.feature };
      await then({ selected: this.selected, version: stored.version });
    } catch (e) {
      this.hooks.status.fail(explainProblem(e));
    }
  }

  private reloadSelected(): void {
    const sel = this.selected;
    if (!sel || !this.editApi) return;
    this.cancel();
    void this.editApi.read(sel.ref).then(
      (s) => {
        this.selected = { ref: sel.ref, item: s.feature };
        this.hooks.status.progress(t('editor.reloaded'));
        void this.consequences.reload(false);
        this.renderToolbar();
      },
      (e) => this.hooks.status.fail(explainProblem(e)),
    );
  }

  private afterSave(message: string): void {
    this.draw.idle();
    this.overlays.setSketch(null);
    this.overlays.setDraft(null, 0);
    this.hidePanel();
    this.state = { kind: 'idle' };
    this.hooks.status.progress(message);
    this.renderToolbar();
    void this.consequences.reload(true);
  }

  /** Says what went wrong: faults beside their fields, someone else's newer version, or why it was refused. */
  private showFailure(e: unknown, form: AttributeForm | null, reapply?: (etag: string) => void, reload?: () => void): void {
    const stale = staleEdit(e);
    if (stale && reapply && reload) {
      this.showStale(stale, reapply, reload);
      return;
    }
    if (e instanceof ApiError && e.status === 422) {
      const faults = formFaults(e);
      if (form) form.showFaults(faults);
      else {
        const box = this.panel.querySelector('#editor-faults');
        const lines = [...faults.other, ...faults.geometry.map((g) => t('editor.geometryFault', { detail: g.detail })), ...Object.entries(faults.fields).map(([k, v]) => `${k}: ${v.join(' ')}`)];
        if (box) box.replaceChildren(el('p', {}, t('editor.notSaved')), el('ul', {}, ...lines.map((l) => el('li', {}, l))));
        else this.hooks.status.fail(`${t('editor.notSaved')} ${lines.join(' ')}`);
      }
      return;
    }
    this.hooks.status.fail(`${t('editor.notSaved')} ${explainProblem(e)}`);
  }

  /** Someone else changed the feature first: who and when, and the two ways on. Nothing is overwritten without asking. */
  private showStale(stale: ReturnType<typeof staleEdit> & object, reapply: (etag: string) => void, reload: () => void): void {
    const who = stale.updatedBy ?? t('editor.someone');
    const when = stale.updatedAt ? formatDateTime(stale.updatedAt) : '';
    const text = stale.deleted ? t('editor.stale.deleted', { who, when }) : t('editor.stale.changed', { who, when });
    const reloadButton = el('button', { type: 'button', class: 'button', id: 'editor-stale-reload' }, t('editor.stale.reload'));
    reloadButton.addEventListener('click', () => reload());
    const again = el('button', { type: 'button', class: 'button button-primary', id: 'editor-stale-reapply' }, t('editor.stale.reapply'));
    again.addEventListener('click', () => stale.currentETag && reapply(stale.currentETag));
    const box = el('div', { class: 'stale-edit', role: 'alert', id: 'editor-stale' }, el('p', {}, text), el('div', { class: 'editor-actions' }, stale.deleted ? null : again, reloadButton));
    if (this.panel.hidden) this.showPanel(t('editor.stale.title'), t(`layer.${this.selected?.ref.layer ?? 'footpaths'}`), [box]);
    else this.panel.querySelector('.editor-body')?.prepend(box);
    (stale.deleted ? reloadButton : again).focus();
  }

  /** A note that someone else changed this feature lately (from its record and the event stream). */
  private changedByOthers(item: ItemFeature): HTMLElement[] {
    const seen = this.recent.get(item.id);
    const by = seen?.author ?? (typeof item.properties.updated_by === 'string' ? item.properties.updated_by : null);
    const atText = seen?.at.toISOString() ?? (typeof item.properties.updated_at === 'string' ? item.properties.updated_at : null);
    if (!by || by === this.username || !atText) return [];
    const at = new Date(atText);
    if (Date.now() - at.getTime() > 60 * 60 * 1000) return [];
    return [el('p', { class: 'changed-by', id: 'editor-changed-by' }, t('editor.changedBy', { who: by, when: formatDateTime(at) }))];
  }

  // ------------------------------------------------------------------ undo, redo, others' edits

  private async undo(): Promise<void> {
    await this.step(() => this.history!.undo(), 'editor.undone');
  }

  private async redo(): Promise<void> {
    await this.step(() => this.history!.redo(), 'editor.redone');
  }

  private async step(run: () => Promise<FeatureRef | null>, done: string): Promise<void> {
    if (!this.history || this.busy) return;
    try {
      const ref = await run();
      if (!ref) return;
      if (this.selected?.ref.id === ref.id) {
        this.selected = null;
        this.hooks.closeFeaturePanel();
      }
      this.hooks.status.progress(t(done, { layer: t(`layer.${ref.layer}`) }));
      void this.consequences.reload(true);
    } catch (e) {
      const stale = staleEdit(e);
      if (stale) this.hooks.status.fail(t('editor.stale.history', { who: stale.updatedBy ?? t('editor.someone'), when: stale.updatedAt ? formatDateTime(stale.updatedAt) : '' }));
      else this.hooks.status.fail(`${t('editor.notSaved')} ${explainProblem(e)}`);
    }
    this.renderToolbar();
  }

  private readonly planChangeListeners: Array<() => void> = [];

  /** Calls `listener` after every committed change of the plan shown (anyone's), e.g. to re-read its change list. */
  onPlanChange(listener: () => void): void {
    this.planChangeListeners.push(listener);
  }

  private onFeatureEvent(event: FeatureEvent): void {
    this.planChangeListeners.forEach((listener) => listener());
    const now = new Date();
    const editing = this.state.kind === 'editing' || this.state.kind === 'reshaping' ? this.state.selected.ref.id : null;
    for (const f of event.features) {
      if (!f.author || f.author === this.username) continue;
      this.recent.set(f.id, { author: f.author, at: now });
      if (editing === f.id) this.warnChangedWhileEditing(f.author, now);
    }
    // the map shows the change at once (ours and others'); the figures follow when the analysis has it
    if (this.map.getSource(DATA_SOURCE)) this.map.refreshTiles(DATA_SOURCE);
    void this.consequences.reload(true, event.plan === 'baseline' && this.editApi?.planId !== 'baseline');
  }

  private warnChangedWhileEditing(author: string, at: Date): void {
    if (this.panel.querySelector('#editor-changed-now')) return;
    const reload = el('button', { type: 'button', class: 'button', id: 'editor-changed-reload' }, t('editor.stale.reload'));
    reload.addEventListener('click', () => this.reloadSelected());
    this.panel
      .querySelector('.editor-body')
      ?.prepend(el('div', { class: 'stale-edit', role: 'alert', id: 'editor-changed-now' }, el('p', {}, t('editor.changedNow', { who: author, when: formatDateTime(at) })), reload));
  }
}
