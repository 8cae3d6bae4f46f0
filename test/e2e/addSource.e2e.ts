// Adding a source from a link, as an analyst does: a page served on 127.0.0.1 is added with "Add Source from URL…",
// found in the side panel, cited into the briefing, and the citation hovers with the saved paragraph.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { newsPage, type SeedText } from '../support/sourceFixtures';
import { useWorkbench, type Workbench } from './workbench';

const EXTENSION_ID = 'briefing-desk.briefing-desk';

const ARTICLE: SeedText = {
  title: 'Port Ellis opens deep-water ferry terminal',
  date: '2025-11-12',
  paragraphs: [
    {
      text: 'PORT ELLIS: The regional harbour authority opened a deep-water ferry terminal on Wednesday, ending two years of construction on the northern quay.',
    },
    {
      text: 'Mayor Lina Okafor said the terminal would double passenger capacity and bring the island ferries back to a daily timetable by spring.',
    },
    {
      text: 'Engineers from the port authority said the new breakwater was designed for storms of the kind that closed the old pier in 2023.',
    },
  ],
};

describe('Briefing Desk: adding a source from a URL', function () {
  const bench = useWorkbench('add-source');
  let wb: Workbench;
  let server: http.Server;
  let url: string;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/ferry')
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(newsPage(ARTICLE, { outlet: 'Harbour Times' }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ferry`;
  });
  beforeEach(() => (wb = bench()));

  after(async () => {
    await new Promise((r) => server?.close(r));
  });

  it('adds the page, cites it from the panel and hovers the citation', async () => {
    await wb.runCommand('Briefing Desk: Add Source from URL…');
    await wb.quickInput.fill(url);
    await wb.page.keyboard.press('Enter');
    // The saved Markdown opens.
    await wb.page.locator('.tab.active', { hasText: 'port-ellis-opens-2025.md' }).waitFor({ timeout: 60_000 });
    const saved = fs.readFileSync(path.join(wb.workspace, 'sources', 'port-ellis-opens-2025.md'), 'utf8');
    assert.match(saved, /^---\nkey: port-ellis-opens-2025\ntitle: Port Ellis opens deep-water ferry terminal\n/);
    assert.match(saved, /\noutlet: Harbour Times\n/);
    await wb.screenshot('08-added-from-url');

    await wb.openFile('briefings/sample.md');
    await wb.goToEnd();
    await wb.typeInEditor('\n\nThe island ferries return to a daily timetable ');
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    const query = panel.locator('#query');
    await query.waitFor();
    await query.fill('');
    await query.pressSequentially('Okafor ferry timetable', { delay: 30 });
    const hit = panel.locator('.result', { hasText: 'Lina Okafor' }).first();
    await hit.waitFor({ timeout: 30_000 });
    // The panel's actions act on the chosen passage (one toolbar under the list, since the panel became TypeScript).
    await hit.click();
    await panel.locator('#result-actions button[aria-label="Insert citation"]').click();
    await wb.activeEditor.locator('.view-line', { hasText: '[@port-ellis-opens-2025, ¶2]' }).waitFor();

    const hover = await wb.hoverAt('@port-ellis-opens-2025', { offset: 3, expect: 'Port Ellis opens' });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Harbour Times/);
    assert.match(text, /Mayor Lina Okafor said the terminal would double passenger capacity/);
    await wb.screenshot('09-added-source-hover');
  });
});
