// Drives a real VS Code workbench (code-server in headless Chromium) with the packaged extension
// installed, as a user would get it. Scenarios call these helpers and never sleep.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import {
  REPO_ROOT,
  copyWorkspace,
  ensureCodeServer,
  installVsix,
  makeRunDir,
  startCodeServer,
  type CodeServer,
} from '../support/codeServer';

/** Where screenshots go (kept out of git except the folder). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** Options for {@link openWorkbench}. */
export interface WorkbenchOptions {
  /** The folder copied and opened; default test/fixtures/workspace. */
  fixture?: string;
  /** The packaged extension; default BRIEFING_VSIX or briefing-desk.vsix at the repo root. */
  vsix?: string;
  /** User settings on top of the test defaults. */
  settings?: Record<string, unknown>;
  /** Browser viewport; default 1280×800. */
  viewport?: { width: number; height: number };
}

/**
 * How long a scenario waits for a visible result (a squiggle, a hover, a panel row) before failing. Generous on
 * purpose: the suite must pass on a loaded 2-core machine (`npm run test:e2e:load`), where one step can take tens
 * of seconds; an idle machine never waits that long, because every wait ends as soon as the result shows.
 * BRIEFING_E2E_WAIT_MS overrides it.
 */
export const WAIT = Number(process.env.BRIEFING_E2E_WAIT_MS) || 120_000;

/** Settings that make typing and hovering predictable; scenarios may override them. */
const E2E_SETTINGS: Record<string, unknown> = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'workbench.editor.enablePreview': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
};

/** One running workbench: its server, browser page and the copied workspace. */
export class Workbench {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** The copied workspace folder on disk (tests may read files the UI wrote). */
  readonly workspace: string;
  readonly #runDir: string;

  private constructor(server: CodeServer, browser: Browser, page: Page, runDir: string) {
    this.server = server;
    this.browser = browser;
    this.page = page;
    this.workspace = server.workspace;
    this.#runDir = runDir;
  }

  /** Starts a server with the .vsix installed, opens the workspace and waits for the workbench. */
  static async open(opts: WorkbenchOptions = {}): Promise<Workbench> {
    const vsix = path.resolve(opts.vsix ?? process.env.BRIEFING_VSIX ?? path.join(REPO_ROOT, 'briefing-desk.vsix'));
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` (npm run test:e2e does)`);
    const pkg = ensureCodeServer({ withChromium: true });
    const runDir = makeRunDir({ settings: { ...E2E_SETTINGS, ...opts.settings } });
    installVsix(pkg, runDir, vsix);
    const workspace = copyWorkspace(
      opts.fixture ?? path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
      path.join(runDir, 'workspace'),
    );
    const server = await startCodeServer({ pkg, runDir, workspace });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
      page.setDefaultTimeout(WAIT);
      await page.goto(server.url(), { timeout: WAIT });
      await page.locator('.monaco-workbench').waitFor();
      // The explorer shows the folder once the remote connection and file service are up.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      return new Workbench(server, browser, page, runDir);
    } catch (err) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(runDir, { recursive: true, force: true });
      throw err;
    }
  }

  /** The quick input box (quick open, command palette, extension quick picks). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  /** A visible row of the quick input list whose text contains `text`. */
  quickPickRow(text: string): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  }

  /** The editor in the active group. */
  get activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Opens a workspace file by name or relative path through quick open (Ctrl+P). */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.quickInput.fill(name);
    await this.quickPickRow(path.basename(name)).click();
    await this.parkMouse();
    await this.page.locator('.tab.active', { hasText: path.basename(name) }).waitFor();
    await this.activeEditor.locator('.view-line').first().waitFor();
  }

  /** Runs a command by its palette title (`Briefing Desk: Insert Citation`) via F1. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    // fill() keeps the '>' prefix that selects commands; clicking the row is more reliable than Enter.
    await this.quickInput.fill(`>${title}`);
    const label = title.includes(': ') ? title.slice(title.indexOf(': ') + 2) : title;
    await this.quickPickRow(label).click();
    await this.parkMouse();
  }

  /** Moves the mouse onto the title bar, where it shows no tooltip over what a test looks at. */
  async parkMouse(): Promise<void> {
    const size = this.page.viewportSize();
    await this.page.mouse.move((size?.width ?? 1280) / 2, 10);
  }

  /**
   * Waits until the status bar's "Activating Extensions…" (shown a moment after a file opens) has
   * come and gone. A scenario should still wait for its own visible result.
   */
  async waitForActivation(): Promise<void> {
    const busy = this.page.locator('.statusbar-item', { hasText: 'Activating Extensions' });
    await busy.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    await busy.waitFor({ state: 'hidden' });
  }

  /** Focuses the active editor (caret where it was) and types `text` key by key. */
  async typeInEditor(text: string, opts: { delay?: number } = {}): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.type(text, { delay: opts.delay ?? 10 });
  }

  /** Moves the caret to the end of the active document. */
  async goToEnd(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+End');
  }

  /**
   * Puts the caret `offset` characters into the first occurrence of `text` in the active editor and
   * shows the hover there (Ctrl+K Ctrl+I, deterministic unlike the mouse). Resolves with the visible
   * hover, waiting until it contains `expect` when given.
   */
  async hoverAt(text: string, opts: { offset?: number; expect?: string } = {}): Promise<Locator> {
    await this.placeCaret(text, opts.offset ?? 1);
    const hover = this.page
      .locator('.monaco-hover:not(.hidden) .hover-contents', opts.expect ? { hasText: opts.expect } : {})
      .first();
    // A hover asked for while the extension is still busy (a loaded machine) can show without the expected
    // text and is not refreshed: ask again until it shows, within WAIT.
    const deadline = Date.now() + WAIT;
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      const left = deadline - Date.now();
      try {
        await hover.waitFor({ state: 'visible', timeout: Math.max(1_000, Math.min(left, 10_000 * (attempt + 1))) });
        return hover;
      } catch (e) {
        if (Date.now() >= deadline) throw e;
        await this.page.keyboard.press('Escape');
        await this.focusEditor();
      }
    }
  }

  /** Puts the caret `offset` characters after the start of the first occurrence of `text`. */
  async placeCaret(text: string, offset = 0): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.press('Control+F');
    const find = this.page.locator('.editor-group-container.active .find-widget textarea').first();
    await find.fill(text);
    await this.page
      .locator('.editor-group-container.active .find-widget .matchesCount', { hasText: /^1 of|^\d+ of/ })
      .waitFor();
    // Escape closes the widget and leaves the match selected; Left collapses to its start.
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('ArrowLeft');
    for (let i = 0; i < offset; i++) await this.page.keyboard.press('ArrowRight');
  }

  /** Selects the first occurrence of `text` in the active editor. */
  async selectText(text: string): Promise<void> {
    await this.placeCaret(text);
    for (let i = 0; i < text.length; i++) await this.page.keyboard.press('Shift+ArrowRight');
  }

  /** The scriptable inner frame of a webview view or panel contributed by `extensionId`. */
  webviewFrame(extensionId: string): FrameLocator {
    return this.page
      .frameLocator(`iframe.webview[src*="extensionId=${extensionId}"]`)
      .frameLocator('iframe#active-frame');
  }

  /** Saves a PNG of the page as test/e2e/screenshots/NAME.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Leaves the page (so the server drops the extension host now), closes Chromium, stops the server. */
  async close(): Promise<void> {
    await this.page.goto('about:blank').catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    if (!process.env.BRIEFING_KEEP_RUN) fs.rmSync(this.#runDir, { recursive: true, force: true });
  }

  async focusEditor(): Promise<void> {
    // Ctrl+1 focuses the first editor group and its active editor without moving the caret.
    await this.page.keyboard.press('Control+1');
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
  }
}

/** Shorthand for {@link Workbench.open}. */
export function openWorkbench(opts?: WorkbenchOptions): Promise<Workbench> {
  return Workbench.open(opts);
}

/** The text an editor shows, with Monaco's non-breaking spaces turned back into spaces. */
export async function visibleText(editor: Locator): Promise<string> {
  const lines = await editor.locator('.view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/**
 * Mocha hooks for a suite on one workbench with `file` open: opened before the suite, a screenshot of each
 * failed test (`failed-PREFIX-TITLE`), closed after. Returns a getter for the workbench.
 */
export function useWorkbench(prefix: string, file = 'briefings/sample.md'): () => Workbench {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await openWorkbench();
    await wb.openFile(file);
    await wb.waitForActivation();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-${prefix}-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });
  return () => wb!;
}
