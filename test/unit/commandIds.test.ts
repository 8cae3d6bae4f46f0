// The command ids the extension registers are the ones package.json declares, and card links name them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CARD_COMMANDS, COMMANDS, commandTarget, PANEL_VIEW_ID } from '../../src/vscode/commandIds';
import { ROOT } from './helpers/corpus';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('command ids', () => {
  it('are exactly the commands package.json contributes, and the panel view is declared', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(Object.values(COMMANDS).sort(), declared);
    assert.ok(manifest.contributes.views.briefingDesk.some((v: { id: string }) => v.id === PANEL_VIEW_ID));
  });

  it('a card link runs an enabled command with its arguments, parentheses encoded so the link stays whole', () => {
    const target = commandTarget({ command: 'searchSources', query: 'India (and Israel)' });
    const [, id, query] = /^command:([^?]+)\?(.*)$/.exec(target)!;
    assert.ok(CARD_COMMANDS.includes(id));
    assert.ok(!/[()\s]/.test(query));
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(query)), ['India (and Israel)']);
  });
});
