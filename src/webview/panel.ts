// Briefing Desk side panel (webview front end), bundled by esbuild into media/panel.js. DOM only; every text
// from a source goes through textContent. Messages are typed by src/protocol/panel.ts.
import type { EntityCard } from '../core/entities/types';
import type {
  EntityView,
  HostMessage,
  PassageView,
  SearchRequest,
  SourceView,
  WebviewMessage,
} from '../protocol/panel';

/** What the webview API gives the page. */
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): Partial<PanelState> | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What the panel keeps across reloads of the webview. */
interface PanelState {
  query: string;
  source: string;
  from: string;
  to: string;
  entity: string;
  type: string;
  tab: 'search' | 'entities';
}

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const query = $<HTMLInputElement>('query');
const sourceFilter = $<HTMLSelectElement>('source-filter');
const fromFilter = $<HTMLInputElement>('from-filter');
const toFilter = $<HTMLInputElement>('to-filter');
const entityFilter = $('entity-filter');
const typeFilter = $<HTMLSelectElement>('type-filter');
const results = $('results');
const actions = $('result-actions');
const status = $('status');
const empty = $('empty');
const entitiesList = $('entities');
const card = $('card');
const indexing = $('indexing');

const state: PanelState = {
  query: '',
  source: '',
  from: '',
  to: '',
  entity: '',
  type: '',
  tab: 'search',
  ...(vscode.getState() ?? {}),
};
let data: { sources: SourceView[]; entities: EntityView[]; entityTypes: string[] } = {
  sources: [],
  entities: [],
  entityTypes: [],
};
let shown: PassageView[] = [];
let lastId = 0;
let active = -1;
let timer: ReturnType<typeof setTimeout> | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function icon(name: string): HTMLElement {
  const i = el('span', `codicon codicon-${name}`);
  i.setAttribute('aria-hidden', 'true');
  return i;
}

function button(iconName: string, label: string, onClick: () => void, keys?: string): HTMLButtonElement {
  const b = el('button', 'action');
  b.type = 'button';
  b.title = keys ? `${label} (${keys})` : label;
  b.setAttribute('aria-label', label);
  b.appendChild(icon(iconName));
  b.addEventListener('click', (ev) => {
    ev.stopPropagation();
    onClick();
  });
  return b;
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function save(): void {
  vscode.setState(state);
}

function search(): void {
  state.query = query.value;
  save();
  const request: SearchRequest = {
    id: ++lastId,
    query: query.value,
    keys: sourceFilter.value ? [sourceFilter.value] : [],
    from: fromFilter.value,
    to: toFilter.value,
    entity: state.entity,
  };
  if (!query.value.trim() && !state.entity) {
    renderResults({ type: 'didSearch', id: request.id, query: '', results: [] });
    status.textContent = '';
    showEmpty();
    return;
  }
  status.textContent = 'Searching…';
  post({ type: 'search', ...request });
}

/** Filters results to passages that mention `name` (an entity chip), or clears that filter. */
function filterByEntity(name: string): void {
  state.entity = name;
  renderEntityFilter();
  search();
}

function renderEntityFilter(): void {
  entityFilter.replaceChildren();
  entityFilter.hidden = !state.entity;
  if (!state.entity) return;
  entityFilter.appendChild(el('span', 'chip-label', `Mentions ${state.entity}`));
  entityFilter.appendChild(button('close', `Clear the filter: mentions ${state.entity}`, () => filterByEntity('')));
}

function showEmpty(): void {
  empty.replaceChildren();
  empty.hidden = false;
  empty.appendChild(el('p', 'hint', 'Type to search the sources. Typos are fine; "quotes" match a phrase exactly.'));
  empty.appendChild(el('h3', '', `Sources (${data.sources.length})`));
  const ul = el('ul', 'source-list');
  for (const s of data.sources) {
    const li = el('li');
    li.appendChild(el('span', 'key', `@${s.key}`));
    li.appendChild(el('span', 'title', s.title));
    li.appendChild(el('span', 'meta', `${s.date || 'undated'} · ${s.paragraphs} ¶`));
    ul.appendChild(li);
  }
  empty.appendChild(ul);
  if (data.entities.length) {
    empty.appendChild(el('h3', '', 'Most mentioned'));
    const chips = el('div', 'chips');
    for (const e of data.entities.slice(0, 12)) {
      const c = el('button', 'chip', e.name);
      c.type = 'button';
      c.title = `Passages that mention ${e.name} (${e.type.replace('_', ' ')}, ${e.mentions} mentions)`;
      c.addEventListener('click', () => filterByEntity(e.name));
      chips.appendChild(c);
    }
    empty.appendChild(chips);
  }
}

function selectionIn(node: Node): string {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return '';
  return node.contains(sel.getRangeAt(0).commonAncestorContainer) ? sel.toString().trim() : '';
}

/** The label a screen reader reads for a result: "India and Israel Strengthen Defense Ties, paragraph 4". */
function labelOf(r: PassageView): string {
  return `${r.title}, paragraph ${r.paragraph}`;
}

function renderResults(msg: Extract<HostMessage, { type: 'didSearch' }>): void {
  results.replaceChildren();
  // Which query the list answers (tests wait for it while the box is still being typed in).
  results.dataset.query = msg.query;
  shown = msg.results;
  active = -1;
  empty.hidden = msg.results.length > 0 || !!msg.query.trim() || !!state.entity;
  const filtered = state.entity ? ` mentioning ${state.entity}` : '';
  status.textContent = msg.results.length
    ? `${msg.results.length} passage${msg.results.length === 1 ? '' : 's'}${filtered}`
    : msg.query || state.entity
      ? `No passages match “${msg.query}”${filtered}.`
      : '';
  msg.results.forEach((r, i) => {
    const item = el('div', 'result');
    item.id = `result-${i}`;
    item.tabIndex = -1;
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', 'false');
    // Named from its content, "Title, paragraph 4"; the passage is its description, read after the name.
    const head = el('div', 'head');
    head.appendChild(el('span', 'title', r.title));
    head.appendChild(el('span', 'visually-hidden', labelOf(r).slice(r.title.length)));
    const meta = el('span', 'meta', `${r.date || 'undated'} · ¶${r.paragraph}`);
    meta.setAttribute('aria-hidden', 'true');
    head.appendChild(meta);
    item.appendChild(head);
    const passage = el('p', 'passage');
    passage.id = `passage-${i}`;
    passage.setAttribute('aria-hidden', 'true');
    item.setAttribute('aria-describedby', passage.id);
    for (const seg of r.segments)
      passage.appendChild(seg.match ? el('mark', '', seg.text) : document.createTextNode(seg.text));
    item.appendChild(passage);
    for (const note of r.notes) {
      const p = el('p', 'note', note);
      p.setAttribute('aria-hidden', 'true');
      item.appendChild(p);
    }
    item.addEventListener('click', () => setActive(i, false));
    item.addEventListener('dblclick', () => insert(r, false));
    results.appendChild(item);
  });
  renderActions();
}

function insert(r: PassageView, quote: boolean): void {
  if (!quote) return post({ type: 'insertCitation', key: r.key, paragraph: r.paragraph });
  const node = document.getElementById(`result-${shown.indexOf(r)}`);
  post({ type: 'insertQuote', key: r.key, paragraph: r.paragraph, selection: node ? selectionIn(node) : '' });
}

/** The toolbar under the list acts on the selected result (or the first one). */
function renderActions(): void {
  actions.replaceChildren();
  const r = shown[Math.max(0, active)];
  actions.hidden = !r;
  if (!r) return;
  const text = r.segments.map((s) => s.text).join('');
  actions.appendChild(el('span', 'key', `@${r.key}, ¶${r.paragraph}`));
  actions.appendChild(button('quote', 'Insert citation', () => insert(r, false), 'Enter'));
  actions.appendChild(
    button('whole-word', 'Insert quote with citation', () => insert(r, true), 'Alt+Enter; the selected part, if any'),
  );
  actions.appendChild(
    button('go-to-file', 'Open source at this paragraph', () =>
      post({ type: 'openSource', key: r.key, paragraph: r.paragraph }),
    ),
  );
  actions.appendChild(
    button('copy', 'Copy passage with citation', () =>
      post({ type: 'copy', key: r.key, paragraph: r.paragraph, text }),
    ),
  );
}

function setActive(i: number, focus = true): void {
  const items = results.children;
  if (!items.length) return;
  active = Math.max(0, Math.min(items.length - 1, i));
  for (let j = 0; j < items.length; j++) items[j].setAttribute('aria-selected', String(j === active));
  const item = items[active] as HTMLElement;
  if (focus) item.focus();
  item.scrollIntoView({ block: 'nearest' });
  renderActions();
}

function renderEntities(): void {
  entitiesList.replaceChildren();
  for (const e of data.entities) {
    if (state.type && e.type !== state.type) continue;
    const li = el('li', 'entity');
    const b = el('button', 'entity-button');
    b.type = 'button';
    b.appendChild(el('span', 'name', e.name));
    b.appendChild(el('span', 'type badge', e.type.replace('_', ' ')));
    b.appendChild(el('span', 'count', String(e.mentions)));
    b.title = e.description || `${e.mentions} mentions in ${e.sources} sources`;
    b.addEventListener('click', () => post({ type: 'showEntity', name: e.name }));
    li.appendChild(b);
    entitiesList.appendChild(li);
  }
}

function renderCard(c: EntityCard): void {
  card.replaceChildren();
  card.hidden = false;
  const close = button('close', 'Close card', () => (card.hidden = true));
  close.classList.add('close');
  card.appendChild(close);
  card.appendChild(el('h3', '', c.name));
  card.appendChild(el('div', 'badge', c.type.replace('_', ' ')));
  if (c.aliases.length) card.appendChild(el('p', 'meta', `Also: ${c.aliases.join(', ')}`));
  if (c.description) card.appendChild(el('p', 'description', c.description));
  if (c.ambiguity) card.appendChild(el('p', 'warning', c.ambiguity));
  const filter = el('button', 'chip', `Search passages that mention ${c.name}`);
  filter.type = 'button';
  filter.addEventListener('click', () => {
    showTab('search');
    filterByEntity(c.name);
  });
  card.appendChild(filter);
  const ul = el('ul', 'mentions');
  for (const m of c.mentionsBySource) {
    const li = el('li');
    const link = el('a', '', `@${m.key}`);
    link.href = '#';
    link.addEventListener('click', (ev) => {
      ev.preventDefault();
      post({ type: 'openSource', key: m.key, paragraph: m.paragraphs[0] });
    });
    li.appendChild(link);
    li.appendChild(document.createTextNode(` ¶${m.paragraphs.join(', ¶')} — ${m.title}`));
    ul.appendChild(li);
  }
  card.appendChild(ul);
  for (const p of c.passages.slice(0, 2)) {
    const q = el('blockquote', '', p.text);
    q.appendChild(el('div', 'meta', `@${p.key}, ¶${p.paragraph}`));
    card.appendChild(q);
  }
  if (c.related.length)
    card.appendChild(
      el(
        'p',
        'meta',
        `Related: ${c.related
          .slice(0, 6)
          .map((r) => r.name)
          .join(', ')}`,
      ),
    );
}

function showTab(tab: PanelState['tab']): void {
  state.tab = tab;
  save();
  $('tab-search').setAttribute('aria-selected', String(tab === 'search'));
  $('tab-entities').setAttribute('aria-selected', String(tab === 'entities'));
  $('search-pane').hidden = tab !== 'search';
  $('entities-pane').hidden = tab !== 'entities';
}

function fillSelect(select: HTMLSelectElement, values: string[], labels: string[], current: string): void {
  const first = select.options[0];
  select.replaceChildren(first);
  values.forEach((v, i) => {
    const o = el('option', '', labels[i]);
    o.value = v;
    select.appendChild(o);
  });
  select.value = values.includes(current) ? current : '';
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'didLoad':
      data = msg;
      fillSelect(
        sourceFilter,
        msg.sources.map((s) => s.key),
        msg.sources.map((s) => `@${s.key}`),
        state.source,
      );
      fillSelect(
        typeFilter,
        msg.entityTypes,
        msg.entityTypes.map((t) => t.replace('_', ' ')),
        state.type,
      );
      renderEntities();
      if (!query.value.trim() && !state.entity) showEmpty();
      else search();
      break;
    case 'didSearch':
      if (msg.id === lastId) renderResults(msg);
      break;
    case 'didFocusSearch':
      showTab('search');
      if (msg.query !== undefined) {
        query.value = msg.query;
        search();
      }
      query.focus();
      query.select();
      break;
    case 'didShowEntity':
      showTab('entities');
      renderCard(msg.card);
      break;
    case 'didProgress':
      indexing.textContent = msg.text ? `${msg.text}…` : '';
      indexing.hidden = !msg.text;
      break;
  }
});

query.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(search, 120);
});
query.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown') {
    ev.preventDefault();
    setActive(0);
  } else if (ev.key === 'Enter') {
    ev.preventDefault();
    clearTimeout(timer);
    // Enter on a query already answered inserts the selected (or first) result; otherwise it searches now.
    const r = shown[Math.max(0, active)];
    if (r && query.value === state.query && status.textContent !== 'Searching…') insert(r, ev.altKey);
    else search();
  } else if (ev.key === 'Escape') {
    ev.preventDefault();
    post({ type: 'focusEditor' });
  }
});
results.addEventListener('keydown', (ev) => {
  const r = shown[active];
  if (ev.key === 'ArrowDown') setActive(active + 1);
  else if (ev.key === 'ArrowUp') active <= 0 ? query.focus() : setActive(active - 1);
  else if (ev.key === 'Home') setActive(0);
  else if (ev.key === 'End') setActive(shown.length - 1);
  else if (ev.key === 'Enter' && r) insert(r, ev.altKey);
  else if (ev.key === 'Escape') post({ type: 'focusEditor' });
  else return;
  ev.preventDefault();
});
sourceFilter.addEventListener('change', () => {
  state.source = sourceFilter.value;
  search();
});
for (const input of [fromFilter, toFilter]) {
  input.addEventListener('change', () => {
    state.from = fromFilter.value;
    state.to = toFilter.value;
    search();
  });
}
typeFilter.addEventListener('change', () => {
  state.type = typeFilter.value;
  save();
  renderEntities();
});
$('tab-search').addEventListener('click', () => showTab('search'));
$('tab-entities').addEventListener('click', () => showTab('entities'));

query.value = state.query;
fromFilter.value = state.from;
toFilter.value = state.to;
renderEntityFilter();
showTab(state.tab);
post({ type: 'load' });
