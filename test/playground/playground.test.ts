// A person in a Teams-like client: the Microsoft 365 Agents Playground, in Debian's chromium driven by
// playwright-core, asks Meldwijzer a question and sees the route card.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotHarness } from '../helpers/bot-harness';
import { REPO_ROOT } from '../helpers/paths';
import { freePort } from '../helpers/free-port';
import { waitForUrl } from '../../tools/wait-for-url';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test/artifacts');

let bot: BotHarness;
let playground: ChildProcess;
let browser: Browser;
let playgroundUrl: string;

beforeAll(async () => {
  bot = await startBot();
  const port = await freePort();
  playgroundUrl = `http://127.0.0.1:${port}`;
  playground = spawn(
    path.join(REPO_ROOT, 'node_modules/.bin/agentsplayground'),
    ['start', '-e', `${bot.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    { cwd: REPO_ROOT, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: 'ignore' },
  );
  await waitForUrl(playgroundUrl, 60_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  playground?.kill('SIGTERM');
  await bot?.destroy();
});

describe('Meldwijzer in the Agents Playground', () => {
  it('answers a question typed in the chat with the route card', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playgroundUrl);
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
    await box.waitFor({ timeout: 60_000 });
    await box.click();
    await page.keyboard.type('waar meld ik een vermoeden van huiselijk geweld?');
    await page.keyboard.press('Enter');

    const title = page.getByText('Vermoeden van huiselijk geweld of kindermishandeling melden').first();
    await title.waitFor({ timeout: 30_000 });
    await expect(page.getByText('Bel Veilig Thuis (0800-2000)').first().isVisible()).resolves.toBe(true);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-answer.png'), fullPage: true });
  }, 120_000);
});
