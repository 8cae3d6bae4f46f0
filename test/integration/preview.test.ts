// The citation plugin inside VS Code's own Markdown preview, and Export Briefing to HTML.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import { EXTENSION_ID, openFile, waitFor, workspaceRoot } from './helpers';

async function ready(): Promise<BriefingDeskApi> {
  const api = await vscode.extensions.getExtension<BriefingDeskApi>(EXTENSION_ID)!.activate();
  await api.sources.ready;
  return api;
}

describe('Briefing Desk in the Markdown preview', function () {
  this.timeout(30_000);

  it('the built-in preview renders citations as numbered markers with tooltips and a bibliography', async () => {
    await ready();
    // The passage's text comes from the desk: a render before it arrived shows it as loading, and the preview
    // renders again when it has.
    const html = await waitFor('the cited passage in the tooltip', async () => {
      const rendered = await vscode.commands.executeCommand<string>(
        'markdown.api.render',
        'Israel called India an ally [@israel-calls-india, ¶6]; see also [@no-such-key].\n',
      );
      return /data-bd-passage="“India is a key strategic ally of Israel/.test(rendered) ? rendered : undefined;
    });
    assert.match(html, /<a [^>]*class="bd-cite-ref"[^>]*>1, ¶6<\/a>/);
    assert.match(html, /<span class="bd-cite-unknown" title="Unknown source key @no-such-key">@no-such-key<\/span>/);
    assert.match(html, /<li id="bd-ref-1" class="bd-ref">.*Israel Calls India ‘Key Strategic Ally’/s);
  });

  it('the built-in preview lists the grounding problems after the Sources, claims included', async () => {
    const api = await ready();
    await api.sources.entities();
    // The preview renders at once; the desk's check arrives a moment later and the preview renders again.
    const html = await waitFor('the check to reach the preview', async () => {
      const rendered = await vscode.commands.executeCommand<string>(
        'markdown.api.render',
        'Operation Rising Lion was launched against Iraq [@israel-calls-india, ¶8].\n',
      );
      return rendered.includes('claim-not-in-source') ? rendered : undefined;
    });
    assert.match(html, /<section id="bd-grounding" class="bd-summary">\s*<h2[^>]*>Grounding<\/h2>/);
    assert.match(html, /Line 1: Iraq is not in ¶8, which names Iran\. <code>claim-not-in-source<\/code>/);
  });

  it('Export Briefing to HTML writes one standalone page with the grounding summary', async () => {
    await ready();
    const editor = await openFile('briefings/sample.md');
    const target = vscode.Uri.joinPath(workspaceRoot(), 'sample-export.html');
    await vscode.commands.executeCommand('briefingDesk.exportHtml', editor.document.uri, target);
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    // Desktop runs (F5 "Extension Tests") open the fixture folder itself: leave it as it was.
    await vscode.workspace.fs.delete(target);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<section id="bd-refs" class="bd-bibliography">/);
    assert.match(html, /Grounding summary/);
    assert.match(html, /1 problem found/);
    // Every tooltip carries its cited passage (the texts fetched from the desk before the page was written).
    assert.match(html, /data-bd-passage="“India is a key strategic ally of Israel/);
    const passages = [...html.matchAll(/data-bd-passage="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(passages.length >= 4, `${passages.length} tooltips`);
    for (const passage of passages) assert.doesNotMatch(passage, /(^|¶\d+ )…(\n|$)/m, 'no passage left loading');
    assert.doesNotMatch(html, /(src|href)="https?:/);
  });
});
