import type { Bbox } from '../../api/types';
import { explainProblem } from '../../api/explain';
import { formatNumber, onLocaleChange, t, tn } from '../../i18n/i18n';
import { DATA_SOURCE, type CoplanMap } from '../../map/create-map';
import { el } from '../../ui/element';
import type { Conflict, EditApi, Impact } from './edit-api';
import { planEffect, outcomes, sortConflicts } from './effect';
import { bboxOf } from './geometry';
import type { Overlays } from './overlays';

/** How long to wait for the analysis to take in an edit before showing what there is. */
const WAIT_MS = 5000;
const POLL_MS = 150;
/** The list reads this many of the conflicts in view (the server's order), and shows the most serious. */
const READ_LIMIT = 1000;
const LIST_LIMIT = 100;


/**
 * The live consequences of the plan shown: the number of conflicts, the structures the plan
 * relocates and trims beyond the baseline, and the conflicts in view with their plain-language
 * sentences (click to zoom). After an edit (ours or anyone's) it waits for the incremental
 * analysis to take it in (the analysis sequence grows), then reloads the tiles and the figures.
 */
export class ConsequencesPanel {
  readonly root: HTMLElement;
  private readonly figures = el('dl', { class: 'consequences-figures' });
  private readonly list = el('ol', { class: 'conflict-list', id: 'conflict-list' });
  private readonly listNote = el('p', { class: 'consequences-note' });
  private readonly live = el('span', { class: 'live-state', id: 'live-state', role: 'status' });
  private readonly title = el('h2', { id: 'consequences-title' });
  private readonly summary = el('summary', {}, this.title, this.live);
  private readonly keyList = el('ul', { class: 'outcome-key' });
  private readonly listTitle = el('h3', {});
  private editApi: EditApi | null = null;
  private baseline: Impact | null = null;
  private impact: Impact | null = null;
  private total: number | null = null;
  private conflicts: Conflict[] = [];
  private matched = 0;
  private sequence = 0;
  private generation = 0;
  private liveState: 'connecting' | 'live' | 'offline' = 'connecting';
  private viewTimer: number | undefined;
  /** Ends the current wait between polls of the analysis state early: see {@link analysed}. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly map: CoplanMap,
    private readonly overlays: Overlays,
  ) {
    this.root = el(
      'details',
      // open on wide screens; on a phone it would cover the map, so it starts folded there
      { id: 'consequences', class: 'consequences', open: !window.matchMedia('(max-width: 640px)').matches, 'aria-labelledby': 'consequences-title' },
      this.summary,
      el('div', { class: 'consequences-body', 'aria-live': 'polite' }, this.figures, this.keyList, this.listTitle, this.listNote, this.list),
    );
    map.on('moveend', () => {
      window.clearTimeout(this.viewTimer);
      this.viewTimer = window.setTimeout(() => void this.loadView(this.generation), 250);
    });
    // the sentences come from the server in the reader's language: read again in the new one
    onLocaleChange(() => {
      this.render();
      void this.loadView(this.generation);
    });
    this.render();
  }

  /** Another plan is shown. */
  async show(editApi: EditApi): Promise<void> {
    this.editApi = editApi;
    this.baseline = null;
    this.impact = null;
    this.total = null;
    this.conflicts = [];
    this.sequence = 0;
    this.render();
    // the map's own tiles first
    if (!this.map.loaded()) await new Promise((resolve) => this.map.once('idle', resolve));
    if (this.editApi === editApi) await this.reload(false);
  }

  /**
   * The event stream says the plan's conflicts were rewritten: the poll waiting for the analysis
   * asks again now rather than at its next tick (the poll stays, for an edit that changes no
   * conflict and so sends no event).
   */
  analysed(): void {
    this.wake?.();
  }

  /** Waits `ms`, or less when {@link analysed} is called meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        window.clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = window.setTimeout(done, ms);
      this.wake = done;
    });
  }

  setLive(state: 'connecting' | 'live' | 'offline'): void {
    this.liveState = state;
    this.renderLive();
  }

  /**
   * Something changed: waits until the analysis has moved past what is shown (or a few seconds),
   * then reloads the tiles, the figures and the list. `baselineChanged` re-reads the baseline's
   * impact too.
   */
  async reload(waitForAnalysis = true, baselineChanged = false): Promise<void> {
    const editApi = this.editApi;
    if (!editApi) return;
    const generation = ++this.generation;
    if (baselineChanged) this.baseline = null;
    try {
      let state = await editApi.analysis();
      const deadline = Date.now() + WAIT_MS;
      while (waitForAnalysis && state.sequence <= this.sequence && Date.now() < deadline) {
        await this.pause(POLL_MS);
        if (generation !== this.generation) return;
        state = await editApi.analysis();
      }
      if (generation !== this.generation) return;
      // the figures and the conflicts in view together, once the analysis has the edit (two
      // requests: the page's tiles still have the browser's other connections); the baseline's
      // figures once per plan, before: a plan's first analysis takes a while
      const baseline = this.baseline || editApi.planId === 'baseline' ? this.baseline : await editApi.impact('baseline');
      if (generation !== this.generation) return;
      if (this.map.getSource(DATA_SOURCE)) this.map.refreshTiles(DATA_SOURCE);
      const [impact] = await Promise.all([editApi.impact(), this.loadView(generation, false)]);
      if (generation !== this.generation) return;
      this.sequence = state.sequence;
      this.total = state.conflicts;
      this.impact = impact;
      this.baseline = baseline;
      this.render();
      this.root.dataset.sequence = String(state.sequence);
    } catch (e) {
      if (generation === this.generation) this.listNote.textContent = t('consequences.failed', { reason: explainProblem(e) });
    }
  }

  private async loadView(generation: number, render = true): Promise<void> {
    const editApi = this.editApi;
    if (!editApi || generation !== this.generation) return;
    const b = this.map.getBounds();
    const bbox: Bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    try {
      const page = await editApi.conflictsIn(bbox, READ_LIMIT);
      if (generation !== this.generation) return;
      this.conflicts = sortConflicts(page.conflicts).slice(0, LIST_LIMIT);
      this.matched = page.matched;
      const { relocate, trim } = outcomes(page.conflicts);
      this.overlays.setOutcomes(relocate, trim);
      if (render) this.render();
    } catch (e) {
      if (generation === this.generation) this.listNote.textContent = t('consequences.failed', { reason: explainProblem(e) });
    }
  }

  private renderLive(): void {
    this.live.textContent = t(`consequences.live.${this.liveState}`);
    this.live.dataset.state = this.liveState;
  }

  private render(): void {
    this.title.textContent = t('consequences.title');
    this.renderLive();
    const effect = this.impact ? planEffect(this.impact, this.baseline) : null;
    const baseline = this.editApi?.planId === 'baseline';
    const figure = (id: string, label: string, value: string, hint?: string) => [
      el('dt', {}, label),
      el('dd', { id, 'data-value': value === '–' ? null : value.replace(/\D/g, '') }, value, hint ? el('span', { class: 'figure-hint' }, hint) : null),
    ];
    this.figures.replaceChildren(
      ...figure('conflict-count', t(baseline ? 'consequences.conflictsBaseline' : 'consequences.conflicts'), this.total === null ? '–' : formatNumber(this.total, 0)),
      ...figure(
        'relocation-count',
        t(baseline ? 'consequences.relocationsBaseline' : 'consequences.relocations'),
        effect ? formatNumber(effect.relocated.structures, 0) : '–',
        effect ? tn('consequences.households', effect.relocated.households) : undefined,
      ),
      ...figure(
        'trim-count',
        t(baseline ? 'consequences.trimsBaseline' : 'consequences.trims'),
        effect ? formatNumber(effect.trimmed.structures, 0) : '–',
        effect ? tn('consequences.households', effect.trimmed.households) : undefined,
      ),
    );
    // the figures are signed against the baseline in a proposal; data-value keeps the sign for tests and tools
    if (effect) {
      this.figures.querySelector('#relocation-count')!.setAttribute('data-value', String(effect.relocated.structures));
      this.figures.querySelector('#trim-count')!.setAttribute('data-value', String(effect.trimmed.structures));
    }
    if (this.total !== null) this.figures.querySelector('#conflict-count')!.setAttribute('data-value', String(this.total));
    this.keyList.replaceChildren(
      el('li', {}, el('span', { class: 'swatch swatch-relocate' }), t('consequences.key.relocate')),
      el('li', {}, el('span', { class: 'swatch swatch-trim' }), t('consequences.key.trim')),
    );
    this.listTitle.textContent = t('consequences.inView');
    this.listNote.textContent =
      this.matched > this.conflicts.length ? t('consequences.more', { shown: this.conflicts.length, count: this.matched }) : this.conflicts.length === 0 ? t('consequences.none') : '';
    this.list.replaceChildren(...this.conflicts.map((c) => this.item(c)));
  }

  private item(c: Conflict): HTMLElement {
    const p = c.properties;
    const label = t(`conflict.type.${p.type}`);
    const button = el(
      'button',
      { type: 'button', class: 'conflict', 'data-type': p.type, 'data-severity': p.severity },
      el('span', { class: 'severity-mark', 'aria-hidden': 'true' }),
      el('span', { class: 'conflict-text' }, el('strong', {}, `${label} · ${t(`conflict.severity.${p.severity}`)}`), el('span', {}, p.sentence)),
    );
    button.setAttribute('aria-label', `${label}, ${t(`conflict.severity.${p.severity}`)}: ${p.sentence}. ${t('consequences.zoom')}`);
    button.addEventListener('click', () => {
      if (!c.geometry) return;
      const [w, s, e, n] = bboxOf(c.geometry);
      this.map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 20, duration: 500 });
    });
    return el('li', {}, button);
  }
}
