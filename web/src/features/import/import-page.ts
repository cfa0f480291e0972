import { explainProblem } from '../../api/explain';
import { formatNumber, onLocaleChange, t, tn } from '../../i18n/i18n';
import { byId, el } from '../../ui/element';
import type { StatusLine } from '../../ui/status';
import {
  type DefaultValue,
  IMPORT_LAYERS,
  type ImportApi,
  type ImportAttribute,
  type ImportLayer,
  type ImportPreview,
  type ImportProgressEvent,
  type RepresentationReport,
  defaultValue,
  importRepresentation,
} from './import-api';

const REPRESENTATION = 'representation';

/** At most this many problems are drawn as table rows; the CSV report has every one. */
const SHOWN_PROBLEMS = 200;

/**
 * The planner's import screen: choose a file and a layer → the preview (counts, CRS, every
 * problem, the report as CSV) → give a CRS, change the mapping and the defaults, check again →
 * commit all or nothing, with a progress bar fed by the plan's `import-progress` events.
 */
export function openImport(imports: ImportApi, status: StatusLine, options: { representation: boolean }): void {
  const form = byId<HTMLFormElement>('import-form');
  const file = byId<HTMLInputElement>('import-file');
  const layer = byId<HTMLSelectElement>('import-layer');
  const crs = byId<HTMLInputElement>('import-crs');
  const out = byId('import-preview');
  let preview: ImportPreview | null = null;
  let committing = false;

  const fillLayers = (): void => {
    const chosen = layer.value;
    const ids: string[] = [...IMPORT_LAYERS];
    // planners also load who is in which cell, cluster and segment
    if (options.representation) ids.push(REPRESENTATION);
    layer.replaceChildren(...ids.map((id) => el('option', { value: id }, t(`import.layer.${id}`))));
    if (chosen) layer.value = chosen;
  };
  fillLayers();
  onLocaleChange(() => {
    fillLayers();
    if (preview) render(preview);
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.progress(t('import.reading', { file: chosen.name }));
    if (layer.value === REPRESENTATION) {
      importRepresentation(imports.settlementId, chosen)
        .then((report) => {
          status.clear();
          showRepresentationReport(report);
        })
        .catch((e: unknown) => status.fail(explainProblem(e)));
      return;
    }
    imports
      .upload(chosen, layer.value as ImportLayer, crs.value)
      .then((p) => {
        status.clear();
        render(p);
      })
      .catch((e: unknown) => status.fail(explainProblem(e)));
  });

  // the commit's progress, as the plan's event stream tells it (from whichever server writes)
  const events = imports.events();
  events.addEventListener('ready', () => (document.body.dataset.live = 'true'));
  events.addEventListener('import-progress', (ev) => {
    const message = JSON.parse((ev as MessageEvent<string>).data) as { data: ImportProgressEvent };
    const p = message.data;
    if (!preview || p.id !== preview.id) return;
    const heard = Number(document.body.dataset.progressEvents ?? '0') + 1;
    document.body.dataset.progressEvents = String(heard);
    // events may arrive after the commit's answer: the result already shows it done
    if (preview.state === 'staged') showProgress(p.phase, p.done, p.total);
  });

  /** The representation's CSV is applied at once, row by row: what was applied and what was not. */
  function showRepresentationReport(report: RepresentationReport): void {
    preview = null;
    out.replaceChildren(el('section', { class: 'import-result', id: 'representation-report', role: 'status' },
      el('h3', {}, t('import.layer.representation')),
      el('p', { id: 'representation-applied' }, t('import.representationApplied', { imported: formatNumber(report.imported), rows: formatNumber(report.rows) })),
      report.errors.length === 0 ? null : el('ul', { id: 'representation-errors' },
        ...report.errors.map((e) => el('li', {}, t('import.representationRow', { line: e.line, detail: e.detail }))))));
    out.hidden = false;
    document.body.dataset.importState = 'representation';
  }

  function showProgress(phase: string, done: number, total: number): void {
    const bar = document.getElementById('import-progress') as HTMLProgressElement | null;
    const text = document.getElementById('import-progress-text');
    if (!bar || !text) return;
    bar.max = Math.max(total, 1);
    bar.value = Math.min(done, bar.max);
    text.textContent = t(`import.phase.${phase}`, { done: formatNumber(done), total: formatNumber(total) });
  }

  function render(p: ImportPreview): void {
    preview = p;
    document.body.dataset.importState = p.state;
    // a committed import keeps no rows: its counts and problems were the preview's
    const parts: (HTMLElement | null)[] = [summary(p), p.state === 'staged' ? problems(p) : null];
    if (p.state === 'staged') parts.push(crsForm(p), mappingForm(p), commitForm(p));
    if (p.result) parts.push(result(p));
    out.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
    out.hidden = false;
    document.body.dataset.importReady = 'true';
  }

  function summary(p: ImportPreview): HTMLElement {
    const types = Object.entries(p.geometryTypes).map(([type, n]) => `${type} ${formatNumber(n)}`).join(' · ');
    const declared = p.crs.given ?? p.crs.declared;
    return el('section', { class: 'import-summary', id: 'import-summary', 'aria-labelledby': 'import-summary-title' },
      el('h2', { id: 'import-summary-title' }, p.source.fileName),
      el('p', { id: 'import-count' }, tn('import.features', p.featureCount), ' · ', t(`import.layer.${p.layer}`), types ? ` · ${types}` : ''),
      el('p', { id: 'import-crs-line' }, declared ? t('import.crsIs', { crs: declared }) : t('import.crsMissing')),
      p.state !== 'staged' ? null : el('p', { id: 'import-counts' }, t('import.counts', {
        errors: formatNumber(p.summary.errors), warnings: formatNumber(p.summary.warnings), toCreate: formatNumber(p.summary.toCreate),
      })));
  }

  function problems(p: ImportPreview): HTMLElement {
    const report = el('a', { href: imports.reportUrl(p.id), id: 'import-report', class: 'button', download: `import-${p.id}.csv` }, t('import.report'));
    if (p.problems.length === 0) {
      return el('section', { class: 'import-problems' }, el('h3', {}, t('import.problems')), el('p', { id: 'import-no-problems' }, t('import.noProblems')), report);
    }
    const rows = p.problems.slice(0, SHOWN_PROBLEMS).map((x) =>
      el('tr', { class: `problem-${x.severity}`, 'data-code': x.code },
        el('td', {}, t(`import.severity.${x.severity}`)), el('td', {}, x.code), el('td', {}, x.row == null ? '' : String(x.row)),
        el('td', {}, x.field ?? ''), el('td', {}, x.detail)));
    const more = p.problemsTotal > rows.length ? el('p', { class: 'muted' }, t('import.moreProblems', { shown: formatNumber(rows.length), total: formatNumber(p.problemsTotal) })) : null;
    return el('section', { class: 'import-problems' },
      el('h3', {}, t('import.problems')),
      el('div', { class: 'table-scroll' },
        el('table', { id: 'import-problems' },
          el('thead', {}, el('tr', {}, ...['severity', 'code', 'row', 'field', 'detail'].map((h) => el('th', { scope: 'col' }, t(`import.column.${h}`))))),
          el('tbody', {}, ...rows))),
      more, report);
  }

  function crsForm(p: ImportPreview): HTMLElement | null {
    if (!p.crs.needed && !p.problems.some((x) => x.code === 'missing-crs' || x.code === 'crs-mismatch')) return null;
    const input = el('input', { id: 'import-crs-given', placeholder: 'EPSG:32737', autocomplete: 'off', value: p.crs.given ?? '' });
    const apply = el('button', { type: 'button', class: 'button', id: 'import-crs-apply' }, t('import.useCrs'));
    apply.addEventListener('click', () => void change(p, { crs: input.value }));
    return el('section', { class: 'import-crs' }, el('h3', {}, t('import.crs')), el('p', {}, t('import.crsHint')),
      el('label', { for: 'import-crs-given' }, t('import.crsLabel')), input, apply);
  }

  function mappingForm(p: ImportPreview): HTMLElement {
    const selects = p.fields.map((field) => {
      const select = el('select', { id: `mapping-${field}`, 'data-field': field },
        el('option', { value: '' }, t('import.notImported')),
        ...p.attributes.map((a) => el('option', { value: a.name }, a.name)));
      select.value = p.mapping[field] ?? '';
      return { field, select };
    });
    const inputs = p.attributes.map((a) => ({ a, input: defaultInput(a, p.defaults[a.name]) }));
    const check = el('button', { type: 'button', class: 'button', id: 'import-apply' }, t('import.checkAgain'));
    check.addEventListener('click', () => {
      const mapping: Record<string, string | null> = {};
      for (const { field, select } of selects) if (select.value) mapping[field] = select.value;
      const defaults: Record<string, DefaultValue> = {};
      for (const { a, input } of inputs) {
        const v = defaultValue(a, input.value);
        if (v !== null) defaults[a.name] = v;
      }
      void change(p, { mapping, defaults });
    });
    return el('section', { class: 'import-mapping', 'aria-labelledby': 'import-mapping-title' },
      el('h3', { id: 'import-mapping-title' }, t('import.mapping')),
      el('p', { class: 'muted' }, t('import.mappingHint')),
      el('table', { id: 'import-mapping' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('import.field')), el('th', { scope: 'col' }, t('import.attribute')))),
        el('tbody', {}, ...selects.map(({ field, select }) => el('tr', {}, el('th', { scope: 'row' }, el('label', { for: select.id }, field)), el('td', {}, select))))),
      el('h3', {}, t('import.defaults')),
      el('p', { class: 'muted' }, t('import.defaultsHint')),
      el('table', { id: 'import-defaults' },
        el('tbody', {}, ...inputs.map(({ a, input }) => el('tr', {},
          el('th', { scope: 'row' }, el('label', { for: input.id }, a.required ? `${a.name} *` : a.name)), el('td', {}, input))))),
      check);
  }

  function defaultInput(a: ImportAttribute, value: DefaultValue | undefined): HTMLInputElement | HTMLSelectElement {
    const id = `default-${a.name}`;
    if (a.allowed.length > 0 || a.type === 'boolean') {
      const values = a.type === 'boolean' ? ['true', 'false'] : a.allowed;
      const select = el('select', { id }, el('option', { value: '' }, '—'), ...values.map((v) => el('option', { value: v }, v)));
      select.value = value === undefined ? '' : String(value);
      return select;
    }
    return el('input', { id, value: value === undefined ? '' : String(value), inputmode: a.type === 'string' ? 'text' : 'decimal', autocomplete: 'off' });
  }

  function commitForm(p: ImportPreview): HTMLElement {
    const repair = el('input', { type: 'checkbox', id: 'import-repair' });
    const skip = el('input', { type: 'checkbox', id: 'import-skip-outside' });
    const commit = el('button', { type: 'button', class: 'button button-primary', id: 'import-commit', disabled: !p.committable }, t('import.commit'));
    const discard = el('button', { type: 'button', class: 'button', id: 'import-discard' }, t('import.discard'));
    const bar = el('progress', { id: 'import-progress', max: 1, value: 0 });
    const text = el('span', { id: 'import-progress-text', class: 'muted', 'aria-live': 'polite' });
    commit.addEventListener('click', () => {
      if (committing) return;
      committing = true;
      commit.disabled = true;
      discard.disabled = true;
      showProgress('checking', 0, p.summary.toCreate);
      imports
        .commit(p.id, { repair: repair.checked, skipOutside: skip.checked })
        .then((done) => render(done))
        .catch((e: unknown) => {
          commit.disabled = !p.committable;
          discard.disabled = false;
          status.fail(explainProblem(e));
        })
        .finally(() => (committing = false));
    });
    discard.addEventListener('click', () => {
      imports
        .discard(p.id)
        .then(() => {
          preview = null;
          out.replaceChildren(el('p', { id: 'import-discarded' }, t('import.discarded')));
          document.body.dataset.importState = 'discarded';
        })
        .catch((e: unknown) => status.fail(explainProblem(e)));
    });
    return el('section', { class: 'import-commit' },
      el('h3', {}, t('import.commitTitle')),
      p.summary.repairable > 0 ? el('label', { class: 'check' }, repair, t('import.repair', { n: formatNumber(p.summary.repairable) })) : null,
      p.summary.outside > 0 ? el('label', { class: 'check' }, skip, t('import.skipOutside', { n: formatNumber(p.summary.outside) })) : null,
      p.committable ? null : el('p', { class: 'form-error', id: 'import-blocked' }, t('import.blocked')),
      el('div', { class: 'import-actions' }, commit, discard),
      el('div', { class: 'import-progress' }, bar, text));
  }

  function result(p: ImportPreview): HTMLElement {
    const r = p.result!;
    return el('section', { class: 'import-result', id: 'import-result', role: 'status' },
      el('h3', {}, t('import.done')),
      // the bar stays, full: events of the commit may still arrive after its answer
      el('div', { class: 'import-progress' },
        el('progress', { id: 'import-progress', max: Math.max(r.created, 1), value: Math.max(r.created, 1) }),
        el('span', { id: 'import-progress-text', class: 'muted' })),
      el('p', { id: 'import-created' }, tn('import.created', r.created)),
      r.skippedRows.length ? el('p', {}, tn('import.skipped', r.skippedRows.length)) : null,
      r.repairs.length ? el('p', {}, tn('import.repaired', r.repairs.length)) : null,
      el('a', { href: `/#${encodeURIComponent(imports.settlementId)}`, class: 'button' }, t('import.backToMap')));
  }

  async function change(p: ImportPreview, body: Parameters<ImportApi['update']>[1]): Promise<void> {
    try {
      status.progress(t('import.checking'));
      render(await imports.update(p.id, body));
      status.clear();
    } catch (e) {
      status.fail(explainProblem(e));
    }
  }
}
