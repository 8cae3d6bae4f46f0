// The panel's HTML shell: a strict CSP with a nonce, scripts and styles only from media/.
import * as vscode from 'vscode';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

/** The webview document for the panel. */
export function panelHtml(webview: vscode.Webview, media: vscode.Uri): string {
  const n = nonce();
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${uri('codicons', 'codicon.css')}" rel="stylesheet">
<link href="${uri('panel.css')}" rel="stylesheet">
<title>Briefing Desk</title>
</head>
<body>
<div class="tabs" role="tablist">
  <button role="tab" id="tab-search" aria-selected="true" aria-controls="search-pane">Search</button>
  <button role="tab" id="tab-entities" aria-selected="false" aria-controls="entities-pane">Entities</button>
</div>
<div id="indexing" class="indexing" role="status" aria-live="polite" hidden></div>
<section id="search-pane" role="tabpanel" aria-labelledby="tab-search">
  <div class="search-row">
    <span class="codicon codicon-search" aria-hidden="true"></span>
    <input id="query" type="search" placeholder="Search sources (typos are fine)" aria-label="Search sources" autocomplete="off" spellcheck="false">
  </div>
  <div class="filters">
    <select id="source-filter" aria-label="Filter by source"><option value="">All sources</option></select>
    <div class="dates">
      <label>From <input id="from-filter" type="date"></label>
      <label>To <input id="to-filter" type="date"></label>
    </div>
    <div id="entity-filter" class="entity-filter" hidden></div>
  </div>
  <div id="status" class="status" role="status" aria-live="polite"></div>
  <div id="results" class="results" role="listbox" aria-label="Passages"></div>
  <div id="result-actions" class="actions" role="toolbar" aria-label="Selected passage" hidden></div>
  <div id="empty" class="empty"></div>
</section>
<section id="entities-pane" role="tabpanel" aria-labelledby="tab-entities" hidden>
  <div class="filters">
    <select id="type-filter" aria-label="Filter by entity type"><option value="">All types</option></select>
  </div>
  <ul id="entities" class="entities"></ul>
  <div id="card" class="card" hidden></div>
</section>
<script nonce="${n}" src="${uri('panel.js')}"></script>
</body>
</html>`;
}
