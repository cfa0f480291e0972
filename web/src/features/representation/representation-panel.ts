import './representation.css';
import { formatNumber, onLocaleChange, t, tn } from '../../i18n/i18n';
import type { CoplanMap } from '../../map/create-map';
import { confirmButton } from '../../ui/confirm-button';
import { el } from '../../ui/element';
import { CellHighlight } from './cell-highlight';
import { MapPicking } from './map-picking';
import { type Level, type Representation, type Unit, representationApi } from './representation-api';
import { type UnitNode, buildTree, clickEffect, parentLevel, suggestId } from './tree';
import { problemText, unitDialog } from './unit-dialog';

export interface RepresentationHooks {
  settlementId(): string;
  /** The feature panel shares the side of the page: it closes when this one opens. */
  closeFeaturePanel(): void;
  /** True while the editor draws: its clicks are not picks. */
  editorBusy(): boolean;
}

export interface RepresentationPanel {
  /** While open, clicks on the map belong to the panel (feature selection waits). */
  readonly isOpen: boolean;
  /** Who may change units and assign structures (planners); readers see the list and the highlight. */
  setAccess(canRead: boolean, canEdit: boolean): void;
  /** Another settlement is on the map: the panel reads its units again when open. */
  settlementChanged(): void;
}

const EMPTY: Representation = { segments: [], clusters: [], cells: [] };

/**
 * The settlement's representation beside the map: segments → clusters → cells with their
 * households, for everyone who reads the settlement; for planners also creating, renaming and
 * deleting units and assigning structures to a cell on the map (pick a cell, then click
 * footprints, Shift-drag a box, or press Enter on the map for the one under its centre). The
 * picked cell's structures are highlighted. Everything is saved at once through the API; a
 * refusal is shown with the server's reasons.
 */
export function representationPanel(root: HTMLElement, button: HTMLButtonElement, map: CoplanMap, hooks: RepresentationHooks): RepresentationPanel {
  const title = el('h2', { class: 'panel-title', id: 'representation-title', tabindex: '-1' });
  const kicker = el('p', { class: 'panel-kicker' });
  const closeButton = el('button', { type: 'button', class: 'icon-button', id: 'representation-close' }, '×');
  const intro = el('p', { class: 'representation-intro', id: 'representation-intro' });
  const newSegment = el('button', { type: 'button', class: 'button', id: 'representation-new-segment' });
  const status = el('p', { class: 'representation-status', id: 'representation-status', role: 'status', 'aria-live': 'polite' });
  const pickedTitle = el('h3', { class: 'representation-picked-title', id: 'representation-picked-title' });
  const pickedFigures = el('p', { class: 'representation-picked-figures', id: 'representation-picked-figures' });
  const assignToggle = el('button', { type: 'button', class: 'button button-primary', id: 'representation-assign', 'aria-pressed': 'false' });
  const assignHint = el('p', { class: 'representation-hint', id: 'representation-assign-hint' });
  const assignView = el('button', { type: 'button', class: 'button', id: 'representation-assign-view' });
  const picked = el(
    'section',
    { class: 'representation-picked', id: 'representation-picked', 'aria-labelledby': pickedTitle.id, hidden: true },
    pickedTitle,
    pickedFigures,
    el('div', { class: 'representation-actions' }, assignToggle, assignView),
    assignHint,
  );
  const treeHeading = el('h3', { class: 'representation-heading', id: 'representation-tree-heading' });
  const tree = el('div', { class: 'representation-tree', id: 'representation-tree', role: 'region', 'aria-labelledby': treeHeading.id });
  root.replaceChildren(
    el('header', { class: 'panel-header' }, el('div', {}, kicker, title), closeButton),
    el('div', { class: 'panel-body' }, intro, newSegment, status, picked, treeHeading, tree),
  );
  root.setAttribute('aria-labelledby', title.id);
  button.setAttribute('aria-controls', root.id);

  const dialog = unitDialog();
  const highlight = new CellHighlight(map);
  let rep: Representation = EMPTY;
  let canRead = false;
  let canEdit = false;
  let loadedFor: string | null = null;
  let pickedCell: string | null = null;
  let members = new Set<string>();
  /** Segments and clusters open in the list, kept when it is drawn again. */
  const expanded = new Set<string>();
  let viewConfirm: { count: number; ids: string[]; timer: number } | null = null;

  const say = (text: string): void => {
    status.textContent = text;
  };
  const sid = (): string => hooks.settlementId();
  const unitById = (id: string | null): Unit | undefined => (id ? [...rep.segments, ...rep.clusters, ...rep.cells].find((u) => u.id === id) : undefined);
  const households = (u: Unit): string => tn('count.households', u.households);
  const levelName = (level: Level): string => t(`representation.level.${level}`);

  const picking = new MapPicking(map, {
    picked: (ids, toggle) => void assignPicked(ids, toggle),
    missed: () => say(map.getZoom() < 15 ? t('representation.zoomIn') : t('representation.nothingThere')),
    paused: () => hooks.editorBusy(),
  });

  const render = (): void => {
    kicker.textContent = t('representation.kicker');
    title.textContent = t('representation.title');
    closeButton.setAttribute('aria-label', t('representation.close'));
    closeButton.title = t('representation.close');
    button.textContent = t('representation.button');
    intro.textContent = canEdit ? t('representation.introPlanner') : t('representation.introReader');
    newSegment.textContent = t('representation.newSegment');
    newSegment.hidden = !canEdit;
    treeHeading.textContent = t('representation.listHeading', {
      segments: formatNumber(rep.segments.length),
      clusters: formatNumber(rep.clusters.length),
      cells: formatNumber(rep.cells.length),
    });
    renderPicked();
    renderTree();
  };

  const renderPicked = (): void => {
    const cell = unitById(pickedCell);
    picked.hidden = !cell;
    if (!cell) return;
    pickedTitle.textContent = t('representation.picked', { cell: cell.id, name: cell.name });
    pickedFigures.textContent = t('representation.figures', { households: households(cell), structures: tn('representation.structures', cell.structures) });
    assignToggle.hidden = !canEdit;
    assignView.hidden = !canEdit || !picking.isActive;
    assignToggle.setAttribute('aria-pressed', String(picking.isActive));
    assignToggle.textContent = picking.isActive ? t('representation.assignStop') : t('representation.assignStart');
    assignHint.hidden = !canEdit;
    assignHint.textContent = picking.isActive ? t('representation.assignHintActive', { cell: cell.id }) : t('representation.assignHint');
    if (!viewConfirm) assignView.textContent = t('representation.assignView');
  };

  const actions = (unit: Unit): HTMLElement | null => {
    if (!canEdit) return null;
    const action = (kind: string, label: string, run: () => void): HTMLButtonElement => {
      const b = el('button', { type: 'button', class: 'link-button', 'data-action': kind, 'data-unit': unit.id, 'aria-label': `${label}: ${unit.id}` }, label);
      b.addEventListener('click', run);
      return b;
    };
    const child = unit.level === 'segment' ? 'cluster' : unit.level === 'cluster' ? 'cell' : null;
    return el(
      'span',
      { class: 'representation-unit-actions' },
      action('rename', t('representation.rename'), () => openEdit(unit)),
      child && action('add', t(`representation.new.${child}`), () => openCreate(child, unit.id)),
      confirmButton(t('representation.delete'), t('representation.deleteConfirm', { unit: unit.id }), () => remove(unit), {
        'data-action': 'delete',
        'data-unit': unit.id,
        title: `${t('representation.delete')}: ${unit.id}`,
      }),
    );
  };

  const cellItem = (node: UnitNode): HTMLElement => {
    const cell = node.unit;
    const pick = el(
      'button',
      { type: 'button', class: 'representation-cell', 'data-unit': cell.id, 'aria-pressed': String(cell.id === pickedCell) },
      el('span', { class: 'representation-unit-name' }, `${cell.id} · ${cell.name}`),
      el('span', { class: 'representation-unit-figures' }, households(cell)),
    );
    pick.addEventListener('click', () => void pickCell(cell.id === pickedCell ? null : cell.id));
    return el('li', {}, pick, actions(cell));
  };

  /** A segment or cluster as a disclosure; its members are drawn when it is first opened. */
  const group = (node: UnitNode): HTMLElement => {
    const unit = node.unit;
    const details = el('details', { class: `representation-${unit.level}`, 'data-unit': unit.id, open: expanded.has(unit.id) });
    const summary = el(
      'summary',
      {},
      el('span', { class: 'representation-unit-name' }, `${unit.id} · ${unit.name}`),
      el('span', { class: 'representation-unit-figures' }, households(unit)),
    );
    const fill = (): void => {
      if (details.childElementCount > 1) return;
      const body = el('div', { class: 'representation-group-body' }, actions(unit));
      if (unit.representative) body.prepend(el('p', { class: 'representation-representative' }, t('representation.representativeIs', { name: unit.representative })));
      if (unit.level === 'segment') body.append(...node.children.map(group));
      else body.append(el('ul', { class: 'representation-cells' }, ...node.children.map(cellItem)));
      if (node.children.length === 0) body.append(el('p', { class: 'representation-empty' }, t(`representation.empty.${unit.level}`)));
      details.append(body);
    };
    details.append(summary);
    if (details.open) fill();
    details.addEventListener('toggle', () => {
      if (details.open) {
        expanded.add(unit.id);
        fill();
      } else expanded.delete(unit.id);
    });
    return details;
  };

  const renderTree = (): void => {
    const built = buildTree(rep);
    const parts: HTMLElement[] = built.segments.map(group);
    const orphans = (label: string, nodes: HTMLElement[]): HTMLElement | null =>
      nodes.length === 0 ? null : el('section', { class: 'representation-orphans' }, el('h4', {}, label), ...nodes);
    const orphanClusters = orphans(t('representation.orphanClusters'), built.orphanClusters.map(group));
    const orphanCells = orphans(t('representation.orphanCells'), [el('ul', { class: 'representation-cells' }, ...built.orphanCells.map(cellItem))]);
    if (orphanClusters) parts.push(orphanClusters);
    if (built.orphanCells.length > 0 && orphanCells) parts.push(orphanCells);
    if (parts.length === 0) parts.push(el('p', { class: 'representation-empty' }, t('representation.none')));
    tree.replaceChildren(...parts);
  };

  const load = async (): Promise<void> => {
    const id = sid();
    try {
      const next = await representationApi.units(id);
      if (id !== sid()) return;
      rep = next;
      loadedFor = id;
      if (pickedCell && !unitById(pickedCell)) await pickCell(null);
      render();
    } catch (e) {
      say(problemText(e));
    }
  };

  const showMembers = async (): Promise<void> => {
    const cell = pickedCell;
    const ids = cell ? await representationApi.members(sid(), cell) : [];
    if (cell !== pickedCell) return;
    members = new Set(ids);
    highlight.show(ids);
  };

  const pickCell = async (id: string | null): Promise<void> => {
    pickedCell = id;
    if (!id) picking.setActive(false);
    cancelViewConfirm();
    render();
    try {
      await showMembers();
      if (id) say(t('representation.pickedSay', { cell: id, structures: tn('representation.structures', members.size) }));
    } catch (e) {
      say(problemText(e));
    }
  };

  async function assignPicked(ids: string[], toggle: boolean): Promise<void> {
    const cell = pickedCell;
    if (!cell) return;
    const { add, remove: out } = clickEffect(ids, members, toggle);
    const said: string[] = [];
    try {
      if (add.length > 0) {
        const done = await representationApi.assign(sid(), cell, add);
        said.push(done.moved > 0 ? tn('representation.assignedMoved', done.structures, { cell, moved: done.moved }) : tn('representation.assigned', done.structures, { cell }));
      }
      if (out.length > 0) {
        await representationApi.assign(sid(), null, out);
        said.push(tn('representation.unassigned', out.length, { cell }));
      }
      if (said.length === 0) said.push(t('representation.alreadyIn', { cell }));
      // said once the map and the figures show it
      await Promise.all([showMembers(), load()]);
      say(said.join(' '));
    } catch (e) {
      say(problemText(e));
    }
  }

  const cancelViewConfirm = (): void => {
    if (viewConfirm) window.clearTimeout(viewConfirm.timer);
    viewConfirm = null;
    assignView.textContent = t('representation.assignView');
  };
  assignView.addEventListener('click', () => {
    if (!pickedCell) return;
    if (viewConfirm) {
      const { ids } = viewConfirm;
      cancelViewConfirm();
      void assignPicked(ids, false);
      return;
    }
    const ids = picking.inView();
    if (ids.length === 0) {
      say(map.getZoom() < 15 ? t('representation.zoomIn') : t('representation.nothingThere'));
      return;
    }
    // a second press within five seconds confirms: a whole view is many structures
    viewConfirm = { count: ids.length, ids, timer: window.setTimeout(cancelViewConfirm, 5000) };
    assignView.textContent = tn('representation.assignViewConfirm', ids.length, { cell: pickedCell });
  });

  assignToggle.addEventListener('click', () => {
    picking.setActive(!picking.isActive);
    cancelViewConfirm();
    renderPicked();
    say(picking.isActive ? t('representation.assignHintActive', { cell: pickedCell ?? '' }) : t('representation.assignStopped'));
  });

  const parentsFor = (level: Level): Unit[] => {
    const up = parentLevel(level);
    return up === 'segment' ? rep.segments : up === 'cluster' ? rep.clusters : [];
  };
  const store = async (id: string, input: Parameters<typeof representationApi.put>[2], message: string): Promise<void> => {
    await representationApi.put(sid(), id, input);
    if (input.parent) expanded.add(input.parent);
    const grand = unitById(input.parent ?? null)?.parentId;
    if (grand) expanded.add(grand);
    await load();
    say(message);
  };
  const openCreate = (level: Level, parent: string | null): void =>
    dialog.open({ kind: 'create', level, parent, id: suggestId(level, rep) }, parentsFor(level), (id, input) =>
      store(id, input, t('representation.created', { level: levelName(level), unit: id })),
    );
  const openEdit = (unit: Unit): void =>
    dialog.open({ kind: 'edit', unit }, parentsFor(unit.level), (id, input) => store(id, input, t('representation.saved', { unit: id })));
  async function remove(unit: Unit): Promise<void> {
    try {
      await representationApi.remove(sid(), unit.id);
      if (unit.id === pickedCell) await pickCell(null);
      await load();
      say(t('representation.deleted', { unit: unit.id }));
    } catch (e) {
      say(problemText(e));
    }
  }
  newSegment.addEventListener('click', () => openCreate('segment', null));

  const open = (): void => {
    hooks.closeFeaturePanel();
    root.hidden = false;
    document.body.dataset.panel = 'open';
    button.setAttribute('aria-expanded', 'true');
    if (loadedFor !== sid()) void load();
    render();
    title.focus();
  };
  const close = (): void => {
    if (root.hidden) return;
    picking.setActive(false);
    cancelViewConfirm();
    root.hidden = true;
    delete document.body.dataset.panel;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  button.addEventListener('click', () => (root.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || root.hidden || (e.target instanceof Element && e.target.closest('dialog'))) return;
    if (picking.isActive) {
      picking.setActive(false);
      renderPicked();
      say(t('representation.assignStopped'));
    } else close();
  });
  onLocaleChange(render);
  button.setAttribute('aria-expanded', 'false');
  render();

  return {
    get isOpen() {
      return !root.hidden;
    },
    setAccess(read, edit) {
      canRead = read;
      canEdit = edit && read;
      button.hidden = !canRead;
      if (!canRead) close();
      if (!canEdit) picking.setActive(false);
      render();
    },
    settlementChanged() {
      rep = EMPTY;
      loadedFor = null;
      expanded.clear();
      void pickCell(null);
      if (!root.hidden) void load();
    },
  };
}
