import type { FeatureCollection, Geometry as GeoJsonGeometry } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { ApiError, api, fetchPlanAccess, fetchStyle } from '../../api/client';
import { explainProblem } from '../../api/explain';
import type { Geometry, Me, PlanAccess, Role } from '../../api/types';
import { formatDate, formatDateTime, onLocaleChange, t, tn } from '../../i18n/i18n';
import { geometryBounds } from '../../map/bounds';
import { type CoplanMap, createMap, fitSettlement } from '../../map/create-map';
import { byId, el } from '../../ui/element';
import type { StatusLine } from '../../ui/status';
import { includes } from '../auth/permissions';
import type { Session } from '../auth/session';
import { signInDialog } from '../auth/sign-in-dialog';
import { describeFeature, impactLine, proposalTitle } from './describe';
import { type Comment, type Meeting, type Outcome, type Proposal, type Reactions, ReviewApi, STANCES, type Stance } from './review-api';

declare global {
  interface Window {
    coplanMap?: CoplanMap;
  }
}

const TOUCHED = 'review-touched';
const CHANGED = 'review-changed';
const PINS = 'review-pins';
const OUTCOMES: readonly Outcome[] = ['agreed', 'rejected', 'needs_change'];
const FORUMS = ['cell', 'cluster', 'segment', 'ward'] as const;

export interface PresentOptions {
  settlementId: string;
  planId: string;
  /** Opened from a share link: read only, no sign-in offered. */
  shared: boolean;
  /** Show the printable summary at once (`?print=1`). */
  print: boolean;
  session: Session;
  status: StatusLine;
}

/** What the signed-in caller may do here: react and comment (reviewers up), record decisions (planners). */
function abilities(me: Me | null, settlementId: string, shared: boolean): { react: boolean; decide: boolean } {
  if (!me || shared) return { react: false, decide: false };
  const role: Role | undefined = me.memberships.find((m) => m.settlement === settlementId)?.role;
  const admin = me.user.admin;
  return { react: admin || (!!role && includes(role, 'community_reviewer')), decide: admin || role === 'planner' };
}

/**
 * Presentation mode: one proposal at a time for a meeting's shared screen (projector or phone),
 * large type, a simplified legend and no editing tools. Arrow keys and the big buttons step
 * through the proposals; the map highlights the touched structures; reviewers react and comment,
 * facilitators record residents' views, planners record decisions; every screen follows the
 * others live through the plan's event stream.
 */
export async function openPresentation(options: PresentOptions): Promise<void> {
  const { settlementId, planId, session, status } = options;
  const review = new ReviewApi(settlementId, planId);
  status.progress(t('status.loadingSharedPlan'));
  let access: PlanAccess;
  try {
    access = await fetchPlanAccess(settlementId, planId);
  } catch (e) {
    status.clear();
    if (e instanceof ApiError && e.status === 401 && !options.shared) {
      showSignIn(session, t('review.signInToSee'));
      return;
    }
    status.fail(e instanceof ApiError && (e.status === 401 || e.status === 404) && options.shared ? t('share.deadText') : explainProblem(e));
    return;
  }
  if (options.shared && access.via === 'public') {
    status.fail(t('share.deadText'));
    return;
  }

  let proposals: Proposal[] = [];
  let comments: Comment[] = [];
  let reactions: Reactions = { reactions: [], tallies: [] };
  let meetings: Meeting[] = [];
  let index = 0;
  let replyTo: Comment | null = null;
  /** Where the next comment is pinned: a click on the map while commenting. */
  let pinned: [number, number] | null = null;

  const map = createMap(byId('present-map'), await fetchStyle(settlementId, planId), {
    onError: () => status.fail(t('status.mapIncomplete')),
    transformRequest: api.transformRequest,
    preserveDrawingBuffer: true,
  });
  window.coplanMap = map;
  fitSettlement(map, access.bbox, false);
  const mapLoaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  map.once('load', () => {
    map.addSource(TOUCHED, { type: 'geojson', data: empty() });
    map.addSource(CHANGED, { type: 'geojson', data: empty() });
    map.addSource(PINS, { type: 'geojson', data: empty() });
    map.addLayer({ id: 'review-touched-fill', type: 'fill', source: TOUCHED, paint: { 'fill-color': '#d55e00', 'fill-opacity': 0.75 } });
    map.addLayer({ id: 'review-touched-line', type: 'line', source: TOUCHED, paint: { 'line-color': '#000000', 'line-width': 2 } });
    map.addLayer({
      id: 'review-changed-line', type: 'line', source: CHANGED, filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': '#0072b2', 'line-width': 7, 'line-opacity': 0.9 },
    });
    map.addLayer({
      id: 'review-changed-point', type: 'circle', source: CHANGED, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': '#0072b2', 'circle-radius': 11, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    });
    map.addLayer({
      id: 'review-pins', type: 'circle', source: PINS,
      paint: { 'circle-color': '#f0e442', 'circle-radius': 9, 'circle-stroke-color': '#000000', 'circle-stroke-width': 3 },
    });
  });
  map.on('click', (e) => {
    if (!document.getElementById('comment-form')) return;
    pinned = [Number(e.lngLat.lng.toFixed(7)), Number(e.lngLat.lat.toFixed(7))];
    const hint = document.getElementById('comment-pin');
    if (hint) hint.textContent = t('review.pinned');
    showPins();
  });

  function showPins(): void {
    void mapLoaded.then(() => {
      const points: Geometry[] = comments.filter((c) => c.location).map((c) => ({ type: 'Point', coordinates: c.location! }));
      if (pinned) points.push({ type: 'Point', coordinates: pinned });
      (map.getSource(PINS) as GeoJSONSource).setData(collection(points));
    });
  }

  const can = (): { react: boolean; decide: boolean } => abilities(session.current, settlementId, options.shared);

  // ------------------------------------------------------------------ rendering
  const panel = byId('proposal-panel');
  const participate = byId('participate');

  function current(): Proposal | null {
    return proposals[index] ?? null;
  }

  function renderHeader(): void {
    byId('present-title').replaceChildren(
      el('span', { class: 'present-settlement' }, access.settlementName),
      el('span', { class: 'present-plan' }, access.planStatus === 'baseline' ? t('plan.baseline') : access.planName),
    );
    byId('present-plan-status').textContent = t(`review.status.${access.planStatus}`);
    renderStatusActions();
    document.title = `${access.planName} · ${t('review.presentation')} · coplan`;
  }

  /** Planners move the plan along its review: the next statuses the server allows. */
  function renderStatusActions(): void {
    const next: Record<string, string[]> = { draft: ['in_review'], in_review: ['agreed', 'rejected', 'draft'], agreed: ['superseded'], rejected: ['superseded'] };
    const actions = can().decide ? next[access.planStatus] ?? [] : [];
    byId('present-status-actions').replaceChildren(...actions.map((target) => {
      const b = el('button', { type: 'button', class: 'bar-button toolbar-button', id: `status-${target}` }, t('review.moveTo', { status: t(`review.status.${target}`) }));
      b.addEventListener('click', () => {
        api.request('POST', `/api/settlements/${encodeURIComponent(settlementId)}/plans/${encodeURIComponent(planId)}/review-status`, { body: { status: target } })
          .catch((e: unknown) => status.fail(formProblem(e)));
      });
      return b;
    }));
  }

  function renderProposal(): void {
    const p = current();
    byId('present-step').textContent = proposals.length === 0 ? '' : t('review.step', { n: index + 1, of: proposals.length });
    byId<HTMLButtonElement>('present-prev').disabled = index <= 0;
    byId<HTMLButtonElement>('present-next').disabled = index >= proposals.length - 1;
    if (!p) {
      panel.replaceChildren(el('h2', { class: 'proposal-title' }, t('review.noProposals')), el('p', {}, t('review.noProposalsText')));
      return;
    }
    const tally = reactions.tallies.find((x) => x.proposal === p.id)?.total;
    const decisions = meetings.flatMap((m) => m.decisions.filter((d) => d.proposal === p.id).map((d) => ({ m, d })));
    const parts: (HTMLElement | null)[] = [
      el('h2', { class: 'proposal-title', id: 'proposal-title' }, proposalTitle(p)),
      p.description ? el('p', { class: 'proposal-description' }, p.description) : null,
      p.features.length > 1 ? el('ul', { class: 'proposal-features' }, ...p.features.map((f) => el('li', {}, describeFeature(f)))) : null,
      el('p', { class: 'proposal-impact', id: 'proposal-impact' }, impactLine(p)),
      unitList('review.cells', p.cells.map((c) => `${c.name ?? c.id ?? t('review.noCell')} · ${tn('count.households', c.households)}`), 'proposal-cells'),
      unitList('review.clusters', p.clusters.map((c) => `${c.name ?? c.id ?? t('review.noCell')} · ${tn('count.households', c.households)}`), 'proposal-clusters'),
      el('div', { class: 'tally', id: 'proposal-tally', role: 'group', 'aria-label': t('review.tally') },
        ...STANCES.map((s) => el('span', { class: `tally-item tally-${s}`, 'data-stance': s }, el('strong', {}, String(tally?.[s] ?? 0)), ' ', t(`review.stance.${s}`)))),
      byUnit('review.viewsByCell', 'proposal-views-cells', reactionsOf(p.id)?.byCell.map((x) => ({ unit: x.cell, tally: x }))),
      byUnit('review.viewsByCluster', 'proposal-views-clusters', reactionsOf(p.id)?.byCluster.map((x) => ({ unit: x.cluster, tally: x }))),
      decisions.length === 0 ? null : el('div', { class: 'decisions', id: 'proposal-decisions' },
        el('h3', {}, t('review.decisions')),
        ...decisions.map(({ m, d }) => el('p', { class: `decision decision-${d.outcome}` },
          el('strong', {}, t(`review.outcome.${d.outcome}`)), ' — ', d.reason, ' ',
          el('span', { class: 'muted' }, t('review.decidedAt', { forum: t(`review.forum.${m.forumLevel}`), date: formatDate(new Date(m.heldOn)), attendance: m.attendance }))))),
    ];
    panel.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
    highlight(p);
  }

  function reactionsOf(id: string): Reactions['tallies'][number] | undefined {
    return reactions.tallies.find((x) => x.proposal === id);
  }

  /** Views per cell or cluster: "C0012: 3 Agree · 1 Object · 0 Concern". */
  function byUnit(title: string, id: string, rows: { unit: string; tally: Record<Stance, number> }[] | undefined): HTMLElement | null {
    if (!rows || rows.length === 0) return null;
    return el('div', { class: 'units', id }, el('h3', {}, t(title)),
      el('ul', {}, ...rows.map((r) => el('li', { 'data-unit': r.unit }, `${r.unit}: ${STANCES.map((s) => `${r.tally[s]} ${t(`review.stance.${s}`)}`).join(' · ')}`))));
  }

  function unitList(title: string, items: string[], id: string): HTMLElement | null {
    if (items.length === 0) return null;
    return el('div', { class: 'units', id }, el('h3', {}, t(title)), el('ul', {}, ...items.map((i) => el('li', {}, i))));
  }

  function renderParticipation(): void {
    const p = current();
    const parts: (HTMLElement | null)[] = [];
    if (p && can().react) parts.push(reactionForm(p));
    if (p && can().decide) parts.push(decisionForm(p));
    if (p) parts.push(commentThread(p));
    if (!session.current && !options.shared) {
      parts.push(el('p', { class: 'hint' }, t('review.signInToTakePart')));
    }
    participate.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
  }

  function reactionForm(p: Proposal): HTMLElement {
    const reason = el('textarea', { id: 'reaction-reason', rows: 2, maxlength: 5000 });
    const assisted = el('input', { type: 'checkbox', id: 'reaction-assisted' });
    const resident = el('input', { id: 'reaction-resident', maxlength: 200, autocomplete: 'off' });
    const cell = el('input', { id: 'reaction-cell', maxlength: 63, autocomplete: 'off' });
    const behalf = el('fieldset', { class: 'behalf', hidden: true },
      el('legend', {}, t('review.onBehalf')),
      el('label', { for: 'reaction-resident' }, t('review.residentName')), resident,
      el('label', { for: 'reaction-cell' }, t('review.residentCell')), cell);
    assisted.addEventListener('change', () => (behalf.hidden = !assisted.checked));
    const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
    const buttons = STANCES.map((s) => {
      const b = el('button', { type: 'button', class: `big-button stance-${s}`, id: `react-${s}`, 'data-stance': s }, t(`review.stance.${s}`));
      b.addEventListener('click', () => void send(s));
      return b;
    });
    async function send(stance: Stance): Promise<void> {
      error.hidden = true;
      try {
        await review.react({
          proposal: p.id,
          stance,
          reason: reason.value.trim() === '' ? undefined : reason.value,
          onBehalfOf: assisted.checked ? { name: resident.value.trim() || undefined, cell: cell.value.trim() || undefined } : undefined,
        });
        reason.value = '';
        resident.value = '';
        cell.value = '';
        await loadReactions();
      } catch (e) {
        error.textContent = formProblem(e);
        error.hidden = false;
      }
    }
    return el('section', { class: 'reaction-form', 'aria-labelledby': 'reaction-title' },
      el('h3', { id: 'reaction-title' }, t('review.yourView')),
      el('label', { for: 'reaction-reason' }, t('review.reason')), reason,
      el('label', { class: 'check' }, assisted, t('review.recordForResident')),
      behalf,
      el('div', { class: 'stance-buttons' }, ...buttons),
      error);
  }

  function decisionForm(p: Proposal): HTMLElement {
    const outcome = el('select', { id: 'decision-outcome' }, ...OUTCOMES.map((o) => el('option', { value: o }, t(`review.outcome.${o}`))));
    const reason = el('textarea', { id: 'decision-reason', rows: 2, maxlength: 5000, required: true });
    const forum = el('select', { id: 'decision-forum' }, ...FORUMS.map((f) => el('option', { value: f }, t(`review.forum.${f}`))));
    const attendance = el('input', { id: 'decision-attendance', type: 'number', min: 0, value: 0, required: true });
    const facilitator = el('input', { id: 'decision-facilitator', maxlength: 200, required: true, value: session.current?.user.displayName ?? '' });
    const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
    const form = el('form', { class: 'decision-form', id: 'decision-form' },
      el('h3', {}, t('review.recordDecision')),
      el('label', { for: 'decision-outcome' }, t('review.outcome')), outcome,
      el('label', { for: 'decision-reason' }, t('review.reason')), reason,
      el('label', { for: 'decision-forum' }, t('review.forum')), forum,
      el('label', { for: 'decision-attendance' }, t('review.attendance')), attendance,
      el('label', { for: 'decision-facilitator' }, t('review.facilitator')), facilitator,
      el('button', { type: 'submit', class: 'button button-primary', id: 'decision-submit' }, t('review.saveDecision')),
      error);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      error.hidden = true;
      review
        .recordMeeting({
          heldOn: new Date().toISOString().slice(0, 10),
          forumLevel: forum.value as Meeting['forumLevel'],
          attendance: Number(attendance.value),
          facilitator: facilitator.value,
          decisions: [{ proposal: p.id, outcome: outcome.value as Outcome, reason: reason.value }],
        })
        .then(() => loadMeetings())
        .catch((e: unknown) => {
          error.textContent = formProblem(e);
          error.hidden = false;
        });
    });
    return form;
  }

  function commentThread(p: Proposal): HTMLElement {
    const mine = comments.filter((c) => c.proposal === p.id || (c.parentId && comments.some((x) => x.id === c.parentId && x.proposal === p.id)));
    const roots = mine.filter((c) => !c.parentId || !mine.some((x) => x.id === c.parentId));
    const item = (c: Comment): HTMLElement => {
      const replies = mine.filter((x) => x.parentId === c.id);
      const reply = can().react ? el('button', { type: 'button', class: 'link-button reply-button' }, t('review.reply')) : null;
      reply?.addEventListener('click', () => {
        replyTo = c;
        renderParticipation();
        byId('comment-body').focus();
      });
      return el('li', { class: 'comment', 'data-comment': c.id },
        el('p', { class: 'comment-meta' }, el('strong', {}, c.author), ` · ${t(`role.${c.authorRole}`)} · ${formatDateTime(new Date(c.createdAt))}`),
        el('p', { class: 'comment-body' }, c.body),
        reply,
        replies.length ? el('ul', { class: 'replies' }, ...replies.map(item)) : null);
    };
    const list = el('ul', { class: 'comments', id: 'comments' }, ...roots.map(item));
    const parts: (HTMLElement | null)[] = [el('h3', {}, t('review.comments')), mine.length ? list : el('p', { class: 'muted', id: 'comments' }, t('review.noComments'))];
    if (can().react) {
      const body = el('textarea', { id: 'comment-body', rows: 3, maxlength: 5000, required: true });
      const pin = el('p', { class: 'muted', id: 'comment-pin' }, pinned ? t('review.pinned') : t('review.pinHint'));
      const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
      const form = el('form', { id: 'comment-form', class: 'comment-form' },
        el('label', { for: 'comment-body' }, replyTo ? t('review.replyTo', { name: replyTo.author }) : t('review.addComment')), body,
        pin,
        el('button', { type: 'submit', class: 'button button-primary', id: 'comment-submit' }, t('review.send')), error);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        review
          .comment({ body: body.value, proposal: replyTo ? undefined : p.id, parent: replyTo?.id, location: pinned ?? undefined })
          .then(() => {
            replyTo = null;
            pinned = null;
            return loadComments();
          })
          .catch((e: unknown) => {
            error.textContent = formProblem(e);
            error.hidden = false;
          });
      });
      parts.push(form);
    }
    return el('section', { class: 'comment-thread' }, ...parts.filter((x): x is HTMLElement => x !== null));
  }

  // ------------------------------------------------------------------ map
  function highlight(p: Proposal): void {
    void mapLoaded.then(() => {
      (map.getSource(TOUCHED) as GeoJSONSource).setData(collection(p.structures.map((s) => s.geometry)));
      (map.getSource(CHANGED) as GeoJSONSource).setData(collection(p.features.map((f) => f.geometry)));
      const box = geometryBounds([...p.features.map((f) => f.geometry), ...p.structures.map((s) => s.geometry)]);
      if (box) map.fitBounds(box, { padding: 80, maxZoom: 19, duration: 0 });
      map.once('idle', () => (document.body.dataset.presentReady = 'true'));
    });
  }

  // ------------------------------------------------------------------ data
  async function loadProposals(): Promise<void> {
    const keep = current()?.id;
    proposals = await review.proposals();
    const again = keep ? proposals.findIndex((p) => p.id === keep) : -1;
    index = again >= 0 ? again : Math.min(index, Math.max(0, proposals.length - 1));
    renderProposal();
    renderParticipation();
  }
  async function loadComments(): Promise<void> {
    comments = await review.comments();
    renderParticipation();
    showPins();
  }
  async function loadReactions(): Promise<void> {
    reactions = await review.reactions();
    renderProposal();
  }
  async function loadMeetings(): Promise<void> {
    meetings = await review.meetings();
    renderProposal();
  }

  const step = (by: number): void => {
    const next = Math.max(0, Math.min(proposals.length - 1, index + by));
    if (next === index) return;
    index = next;
    replyTo = null;
    document.body.dataset.presentReady = 'false';
    renderProposal();
    renderParticipation();
  };
  byId('present-prev').addEventListener('click', () => step(-1));
  byId('present-next').addEventListener('click', () => step(1));
  document.addEventListener('keydown', (ev) => {
    const target = ev.target as HTMLElement | null;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (ev.key === 'ArrowRight' || ev.key === 'PageDown') step(1);
    if (ev.key === 'ArrowLeft' || ev.key === 'PageUp') step(-1);
  });
  byId('present-print').addEventListener('click', () => void printSummary(true));

  renderHeader();
  await Promise.all([loadProposals(), loadComments(), loadReactions(), loadMeetings()]);
  status.clear();
  onLocaleChange(() => {
    renderHeader();
    renderProposal();
    renderParticipation();
  });
  session.onChange(() => {
    renderParticipation();
    renderStatusActions();
  });

  // live: other screens' comments, reactions, decisions, status changes and feature edits
  const events = review.events();
  events.addEventListener('ready', () => (document.body.dataset.live = 'true'));
  events.addEventListener('comment', () => void loadComments());
  events.addEventListener('reaction', () => void loadReactions());
  events.addEventListener('decision', () => void loadMeetings());
  events.addEventListener('feature', () => void loadProposals());
  events.addEventListener('reload', () => void Promise.all([loadProposals(), loadComments(), loadReactions(), loadMeetings()]));
  events.addEventListener('plan-status', () => {
    void fetchPlanAccess(settlementId, planId).then((a) => {
      access = a;
      renderHeader();
    });
  });

  if (options.print) await printSummary(false);

  // ------------------------------------------------------------------ printable summary
  async function printSummary(andPrint: boolean): Promise<void> {
    await mapLoaded;
    fitSettlement(map, access.bbox, false);
    await new Promise<void>((resolve) => map.once('idle', () => resolve()));
    const image = map.getCanvas().toDataURL('image/png');
    const byCell = new Map<string, { households: number; proposals: number }>();
    for (const p of proposals) {
      for (const c of p.cells) {
        const key = c.name ?? c.id ?? t('review.noCell');
        const v = byCell.get(key) ?? { households: 0, proposals: 0 };
        byCell.set(key, { households: v.households + c.households, proposals: v.proposals + 1 });
      }
    }
    const summary = byId('print-summary');
    summary.replaceChildren(
      el('h1', {}, `${access.settlementName} — ${access.planName}`),
      el('p', {}, t('review.printedOn', { date: formatDate(new Date()) }), ' · ', t(`review.status.${access.planStatus}`)),
      el('img', { src: image, alt: t('review.mapImage'), class: 'summary-map', id: 'summary-map' }),
      el('h2', {}, t('review.proposals')),
      el('table', { class: 'summary-table', id: 'summary-proposals' },
        el('thead', {}, el('tr', {}, el('th', {}, t('review.proposal')), el('th', {}, t('review.households')), el('th', {}, t('review.cells')), el('th', {}, t('review.tally')))),
        el('tbody', {}, ...proposals.map((p) => {
          const tally = reactions.tallies.find((x) => x.proposal === p.id)?.total;
          return el('tr', {}, el('td', {}, proposalTitle(p)), el('td', {}, String(p.households)),
            el('td', {}, p.cells.map((c) => c.name ?? c.id ?? '').join(', ')),
            el('td', {}, STANCES.map((s) => `${t(`review.stance.${s}`)} ${tally?.[s] ?? 0}`).join(' · ')));
        }))),
      el('h2', {}, t('review.impactByCell')),
      el('table', { class: 'summary-table', id: 'summary-cells' },
        el('thead', {}, el('tr', {}, el('th', {}, t('review.cell')), el('th', {}, t('review.households')), el('th', {}, t('review.proposals')))),
        el('tbody', {}, ...[...byCell.entries()].sort().map(([cell, v]) => el('tr', {}, el('td', {}, cell), el('td', {}, String(v.households)), el('td', {}, String(v.proposals)))))),
      el('h2', {}, t('review.decisions')),
      meetings.length === 0 ? el('p', {}, t('review.noDecisions')) : el('ul', { id: 'summary-decisions' }, ...meetings.flatMap((m) => m.decisions.map((d) => {
        const p = proposals.find((x) => x.id === d.proposal);
        return el('li', {}, `${formatDate(new Date(m.heldOn))} · ${t(`review.forum.${m.forumLevel}`)} · ${p ? proposalTitle(p) : t('review.wholePlan')}: `,
          el('strong', {}, t(`review.outcome.${d.outcome}`)), ` — ${d.reason}`);
      }))),
    );
    summary.hidden = false;
    document.body.classList.add('printing');
    document.body.dataset.summaryReady = 'true';
    if (andPrint) {
      window.addEventListener('afterprint', () => document.body.classList.remove('printing'), { once: true });
      window.print();
    }
  }
}

/**
 * A refusal of a form, in words: a missing reason in the reader's language; other faults the
 * server names are added as it words them (they name fields and limits).
 */
function formProblem(e: unknown): string {
  if (e instanceof ApiError && e.status === 422) {
    const faults = (e.problem.errors as { pointer?: string; detail?: string }[] | undefined) ?? [];
    if (faults.some((f) => f.pointer === '/reason')) return t('review.reasonNeeded');
    const details = faults.map((f) => f.detail).filter(Boolean).join('; ');
    return details ? `${explainProblem(e)} ${details}` : explainProblem(e);
  }
  return explainProblem(e);
}

function showSignIn(session: Session, reason: string): void {
  const dialog = signInDialog(session, () => window.location.reload());
  dialog.open(reason);
}

function empty(): FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

function collection(geometries: Geometry[]): FeatureCollection {
  return { type: 'FeatureCollection', features: geometries.map((g) => ({ type: 'Feature', geometry: g as GeoJsonGeometry, properties: {} })) };
}
