// Briefing Desk side panel (webview). DOM only; every text from a source goes through textContent.
// @ts-check
(function () {
  // A global the webview host defines before this script runs.
  const vscode = acquireVsCodeApi();
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const query = /** @type {HTMLInputElement} */ ($('query'));
  const sourceFilter = /** @type {HTMLSelectElement} */ ($('source-filter'));
  const typeFilter = /** @type {HTMLSelectElement} */ ($('type-filter'));
  const results = $('results');
  const status = $('status');
  const empty = $('empty');
  const entitiesList = $('entities');
  const card = $('card');

  const state = Object.assign({ query: '', source: '', type: '', tab: 'search' }, vscode.getState() || {});
  let data = { sources: [], entities: [], entityTypes: [] };
  let lastId = 0;
  let active = -1;
  let timer;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function icon(name) {
    const i = el('span', 'codicon codicon-' + name);
    i.setAttribute('aria-hidden', 'true');
    return i;
  }

  function button(iconName, label, onClick) {
    const b = el('button', 'action');
    b.type = 'button';
    b.title = label;
    b.setAttribute('aria-label', label);
    b.appendChild(icon(iconName));
    b.addEventListener('click', (ev) => {
      ev.stopPropagation();
      onClick();
    });
    return b;
  }

  function save() {
    vscode.setState(state);
  }

  function search() {
    state.query = query.value;
    save();
    const id = ++lastId;
    const keys = sourceFilter.value ? [sourceFilter.value] : [];
    if (!query.value.trim()) {
      results.replaceChildren();
      status.textContent = '';
      showEmpty();
      return;
    }
    status.textContent = 'Searching…';
    vscode.postMessage({ type: 'didChangeQuery', id, query: query.value, keys });
  }

  function showEmpty() {
    empty.replaceChildren();
    empty.hidden = false;
    empty.appendChild(el('p', 'hint', 'Type to search the sources. Typos are fine.'));
    empty.appendChild(el('h3', '', `Sources (${data.sources.length})`));
    const ul = el('ul', 'source-list');
    for (const s of data.sources) {
      const li = el('li');
      li.appendChild(el('span', 'key', '@' + s.key));
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
        c.title = `${e.type}, ${e.mentions} mentions`;
        c.addEventListener('click', () => {
          query.value = e.name;
          search();
        });
        chips.appendChild(c);
      }
      empty.appendChild(chips);
    }
  }

  function selectionIn(node) {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return '';
    const r = sel.getRangeAt(0);
    return node.contains(r.commonAncestorContainer) ? sel.toString().trim() : '';
  }

  function renderResults(msg) {
    results.replaceChildren();
    active = -1;
    empty.hidden = true;
    status.textContent = msg.results.length ? `${msg.results.length} passage${msg.results.length === 1 ? '' : 's'}` : `No passages match “${msg.query}”.`;
    msg.results.forEach((r, i) => {
      const li = el('li', 'result');
      li.id = 'result-' + i;
      li.tabIndex = -1;
      li.setAttribute('role', 'option');
      li.dataset.key = r.key;
      li.dataset.paragraph = String(r.paragraph);
      const head = el('div', 'head');
      head.appendChild(el('span', 'title', r.title));
      head.appendChild(el('span', 'meta', `${r.date || 'undated'} · ¶${r.paragraph}`));
      li.appendChild(head);
      const passage = el('p', 'passage');
      for (const seg of r.segments) passage.appendChild(seg.match ? el('mark', '', seg.text) : document.createTextNode(seg.text));
      li.appendChild(passage);
      const text = r.segments.map((s) => s.text).join('');
      const actions = el('div', 'actions');
      actions.appendChild(el('span', 'key', `@${r.key}, ¶${r.paragraph}`));
      actions.appendChild(button('quote', 'Insert citation', () => vscode.postMessage({ type: 'insertCitation', key: r.key, paragraph: r.paragraph })));
      actions.appendChild(button('whole-word', 'Insert quote with citation (the selected part, if any)', () =>
        vscode.postMessage({ type: 'insertQuote', key: r.key, paragraph: r.paragraph, selection: selectionIn(passage) })));
      actions.appendChild(button('go-to-file', 'Open source at this paragraph', () => vscode.postMessage({ type: 'openSource', key: r.key, paragraph: r.paragraph })));
      actions.appendChild(button('copy', 'Copy passage with citation', () => vscode.postMessage({ type: 'copy', key: r.key, paragraph: r.paragraph, text })));
      li.appendChild(actions);
      li.addEventListener('click', () => setActive(i));
      li.addEventListener('dblclick', () => vscode.postMessage({ type: 'insertCitation', key: r.key, paragraph: r.paragraph }));
      results.appendChild(li);
    });
  }

  function setActive(i) {
    const items = results.children;
    if (!items.length) return;
    active = Math.max(0, Math.min(items.length - 1, i));
    for (let j = 0; j < items.length; j++) items[j].setAttribute('aria-selected', String(j === active));
    const item = /** @type {HTMLElement} */ (items[active]);
    item.focus();
    results.setAttribute('aria-activedescendant', item.id);
  }

  function renderEntities() {
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
      b.addEventListener('click', () => vscode.postMessage({ type: 'showEntity', name: e.name }));
      li.appendChild(b);
      entitiesList.appendChild(li);
    }
  }

  function renderCard(c) {
    card.replaceChildren();
    card.hidden = false;
    const close = button('close', 'Close card', () => (card.hidden = true));
    close.classList.add('close');
    card.appendChild(close);
    card.appendChild(el('h3', '', c.name));
    card.appendChild(el('div', 'badge', c.type.replace('_', ' ')));
    if (c.aliases.length) card.appendChild(el('p', 'meta', 'Also: ' + c.aliases.join(', ')));
    if (c.description) card.appendChild(el('p', 'description', c.description));
    if (c.ambiguity) card.appendChild(el('p', 'warning', c.ambiguity));
    const ul = el('ul', 'mentions');
    for (const m of c.mentionsBySource) {
      const li = el('li');
      const link = el('a', '', '@' + m.key);
      link.href = '#';
      link.addEventListener('click', (ev) => {
        ev.preventDefault();
        vscode.postMessage({ type: 'openSource', key: m.key, paragraph: m.paragraphs[0] });
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
    if (c.related.length) card.appendChild(el('p', 'meta', 'Related: ' + c.related.slice(0, 6).map((r) => r.name).join(', ')));
  }

  function showTab(tab) {
    state.tab = tab;
    save();
    $('tab-search').setAttribute('aria-selected', String(tab === 'search'));
    $('tab-entities').setAttribute('aria-selected', String(tab === 'entities'));
    $('search-pane').hidden = tab !== 'search';
    $('entities-pane').hidden = tab !== 'entities';
  }

  function fillSelect(select, values, labels, current) {
    const first = select.options[0];
    select.replaceChildren(first);
    values.forEach((v, i) => {
      const o = el('option', '', labels[i]);
      o.value = v;
      select.appendChild(o);
    });
    select.value = values.includes(current) ? current : '';
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    switch (msg.type) {
      case 'didLoad':
        data = msg;
        fillSelect(sourceFilter, msg.sources.map((s) => s.key), msg.sources.map((s) => '@' + s.key), state.source);
        fillSelect(typeFilter, msg.entityTypes, msg.entityTypes.map((t) => t.replace('_', ' ')), state.type);
        renderEntities();
        if (!query.value.trim()) showEmpty();
        else search();
        break;
      case 'didSearch':
        if (msg.id === lastId) renderResults(msg);
        break;
      case 'setQuery':
        showTab('search');
        query.value = msg.query;
        query.focus();
        search();
        break;
      case 'didShowEntity':
        showTab('entities');
        renderCard(msg.card);
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
      clearTimeout(timer);
      search();
    }
  });
  results.addEventListener('keydown', (ev) => {
    const item = /** @type {HTMLElement} */ (results.children[active]);
    if (ev.key === 'ArrowDown') setActive(active + 1);
    else if (ev.key === 'ArrowUp') active <= 0 ? query.focus() : setActive(active - 1);
    else if (ev.key === 'Enter' && item) vscode.postMessage({ type: ev.altKey ? 'insertQuote' : 'insertCitation', key: item.dataset.key, paragraph: Number(item.dataset.paragraph) });
    else return;
    ev.preventDefault();
  });
  sourceFilter.addEventListener('change', () => {
    state.source = sourceFilter.value;
    search();
  });
  typeFilter.addEventListener('change', () => {
    state.type = typeFilter.value;
    save();
    renderEntities();
  });
  $('tab-search').addEventListener('click', () => showTab('search'));
  $('tab-entities').addEventListener('click', () => showTab('entities'));

  query.value = state.query;
  showTab(state.tab);
  vscode.postMessage({ type: 'ready' });
})();
