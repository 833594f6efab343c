// A person in a Teams-like client: the Microsoft 365 Agents Playground (with the repository's
// .m365agentsplayground.yml), in Debian's chromium driven by playwright-core, asks Meldwijzer questions,
// presses its buttons, and sees the cards — on a 1366×768 laptop screen, as staff really use it. One
// chat for the whole file, as one person's session: opening the Playground (a 9 MB script) takes seconds
// of CPU, so the stories follow each other in it, each looking at what arrived after it began.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotHarness } from '../helpers/bot-harness';
import { REPO_ROOT } from '../helpers/paths';
import { freePort } from '../helpers/free-port';
import { coordinatorsWithPlaygroundUser } from '../../tools/playground-config';
import { waitForUrl } from '../../tools/wait-for-url';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test/artifacts');
const LAPTOP = { width: 1366, height: 768 };

let bot: BotHarness;
let playground: ChildProcess;
let browser: Browser | undefined;
/** The browser's start, begun while the bot and the Playground start. */
let launching: Promise<Browser> | undefined;
let playgroundUrl: string;
let page: Page;
/** The page's script errors, from opening it on. */
const errors: string[] = [];

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // The browser starts while the bot and the Playground do.
  launching = chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  }).then((started) => (browser = started));
  launching.catch(() => undefined); // awaited below (and in afterAll): a bot that fails to start must not leave it unhandled
  // As npm run playground starts it: the Playground's user is a coordinator.
  bot = await startBot({ env: { COORDINATORS: coordinatorsWithPlaygroundUser(undefined) } });
  const port = await freePort();
  playgroundUrl = `http://127.0.0.1:${port}`;
  playground = spawn(
    path.join(REPO_ROOT, 'node_modules/.bin/agentsplayground'),
    ['start', '-e', `${bot.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: path.join(ARTIFACTS, 'm365agentsplayground.log') },
      stdio: 'ignore',
    },
  );
  await launching;
  await waitForUrl(playgroundUrl, 60_000);
  page = await openChat();
}, 120_000);

afterAll(async () => {
  await page?.close();
  await launching?.catch(() => undefined);
  await browser?.close();
  playground?.kill('SIGTERM');
  await bot?.destroy();
});

/** The Playground page (a new personal chat with its welcome card); collects the page's script errors. */
async function openChat(): Promise<Page> {
  const page = await browser!.newPage({ viewport: LAPTOP });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(playgroundUrl);
  await page.locator('[data-lexical-editor="true"][role="textbox"]').waitFor({ timeout: 60_000 });
  await page.getByText('Welkom bij Meldwijzer').first().waitFor({ timeout: 30_000 });
  return page;
}

async function type(page: Page, question: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await box.click();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
}

/**
 * Where a button is against the chat's visible area, once the chat has stopped scrolling to the new
 * message: the rect of its nearest scrolling ancestor (the message list), not the page.
 */
async function placeInChat(button: Locator): Promise<{ button: DOMRect; chat: DOMRect; inView: boolean }> {
  let last = '';
  for (let stable = 0, tries = 0; stable < 3 && tries < 40; tries++) {
    const now = JSON.stringify(await button.boundingBox());
    stable = now === last ? stable + 1 : 0;
    last = now;
    await button.page().waitForTimeout(150);
  }
  return button.evaluate((element) => {
    let chat = element.parentElement;
    while (chat && !/(auto|scroll)/.test(getComputedStyle(chat).overflowY)) chat = chat.parentElement;
    if (!chat) throw new Error('no scrolling chat area around the button');
    const b = element.getBoundingClientRect();
    const c = chat.getBoundingClientRect();
    const visible = { top: Math.max(c.top, 0), bottom: Math.min(c.bottom, window.innerHeight) };
    return { button: b.toJSON(), chat: c.toJSON(), inView: b.height > 0 && b.top >= visible.top && b.bottom <= visible.bottom };
  });
}

describe('Meldwijzer in the Agents Playground', () => {
  it('answers a question typed in the chat with the route card', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await type(page, 'waar meld ik een vermoeden van huiselijk geweld?');

    const title = page.getByText('Vermoeden van huiselijk geweld of kindermishandeling melden').first();
    await title.waitFor({ timeout: 30_000 });
    // Call buttons open a tel: link; the Playground gives them the role link.
    await page.getByRole('link', { name: '0800-2000 — Veilig Thuis' }).first().waitFor({ timeout: 10_000 });

    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-answer.png'), fullPage: true });

    // .m365agentsplayground.yml: Meldwijzer talks to Anne de Wit, beside the werkgroep's team, and
    // Anne is a coordinator of the bot started beside the Playground.
    await expect(page.getByText('Meldwijzer', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Werkgroep Zorg & Veiligheid - Werkgroep').isVisible()).resolves.toBe(true);
    await type(page, 'onbeantwoord');
    await page.getByText('Onbeantwoorde vragen').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('Alleen coördinatoren').count()).toBe(0);
    await page.setViewportSize(LAPTOP);
  }, 120_000);

  it('shows the 112 button inside the visible chat on a 1366×768 laptop right when an urgent answer arrives', async () => {
    const calls = page.getByRole('link', { name: '112 — Alarmnummer' });
    const before = await calls.count();
    await type(page, 'iemand bedreigt mijn collega nu met een mes');
    const call = calls.nth(before);
    await call.waitFor({ timeout: 30_000 });
    expect(await calls.count()).toBe(before + 1); // one 112 button in the card, not two
    const place = await placeInChat(call);
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-urgent-112.png') });
    expect(place.inView, JSON.stringify(place)).toBe(true);

    // The steps are one press away, in the same card.
    await page.getByRole('button', { name: 'Alle stappen' }).last().click();
    await page.getByText('Vertel waar je bent, wat er gebeurt').last().waitFor({ state: 'visible', timeout: 10_000 });
  }, 120_000);

  it('shows the 113 and the 112 button inside the visible chat when a suicide question is answered', async () => {
    const calls112 = page.getByRole('link', { name: '112 — Alarmnummer' });
    const before112 = await calls112.count();
    await type(page, 'mijn cliënt zegt dat hij vanavond zelfmoord wil plegen');
    const call113 = page.getByRole('link', { name: '113 — Zelfmoordpreventie' });
    await call113.waitFor({ timeout: 30_000 });
    const place113 = await placeInChat(call113);
    const place112 = await placeInChat(calls112.nth(before112));
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-urgent-113.png') });
    expect(place113.inView, JSON.stringify(place113)).toBe(true);
    expect(place112.inView, JSON.stringify(place112)).toBe(true);
  }, 120_000);

  it('answers a welcome example and a "Bedoelde je …?" button with a new card, the earlier ones staying', async () => {
    const answers = page.getByRole('button', { name: 'Nuttig', exact: true });
    const route = page.getByText('Vermoeden van huiselijk geweld of kindermishandeling melden');
    const [answersBefore, routesBefore] = [await answers.count(), await route.count()];

    // The welcome card's example, at the top of the chat.
    await page.getByRole('button', { name: 'Huiselijk geweld', exact: true }).click();
    await expect.poll(() => route.count(), { timeout: 30_000 }).toBeGreaterThan(routesBefore);
    await expect.poll(() => answers.count(), { timeout: 10_000 }).toBe(answersBefore + 1);

    const meldcode = 'Meldcode huiselijk geweld en kindermishandeling (stappen en afwegingskader)';
    const meldcodeTexts = page.getByText(meldcode, { exact: true });
    const meldcodeBefore = await meldcodeTexts.count();
    // The button under the answer that just came.
    await page.getByRole('button', { name: meldcode }).last().click();
    // The new card's heading.
    await expect.poll(() => meldcodeTexts.count(), { timeout: 30_000 }).toBeGreaterThan(meldcodeBefore);
    await expect.poll(() => answers.count(), { timeout: 10_000 }).toBe(answersBefore + 2);
    expect(await page.getByText('Welkom bij Meldwijzer').count()).toBe(1);
    expect(await route.count()).toBeGreaterThan(routesBefore);
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-buttons.png'), fullPage: true });

    // What the Playground threw on the old msteams submit data.
    expect(errors.filter((e) => /msteams|not extensible/i.test(e))).toEqual([]);
  }, 120_000);
  it('lets a coordinator fix a gemeente meldpunt in the card form, and the answers show it', async () => {
    await type(page, 'meldpunten Baarn');
    await page.getByText('Meldpunten Baarn', { exact: true }).first().waitFor({ timeout: 30_000 });

    // The slot's own container: the innermost one with its label and a Wijzigen button.
    const slot = page
      .locator('.ac-container')
      .filter({ has: page.getByText('Meldpunt woonoverlast', { exact: true }) })
      .filter({ has: page.getByRole('button', { name: 'Wijzigen' }) })
      .last();
    await slot.getByRole('button', { name: 'Wijzigen' }).click();
    const naam = page.getByRole('textbox', { name: /^Naam/ });
    await naam.waitFor({ timeout: 30_000 });
    await naam.fill('Meldpunt woonoverlast Baarn');
    const telefoon = page.getByRole('textbox', { name: /^Telefoon/ });
    await telefoon.fill('12345');
    await page.getByRole('textbox', { name: /^Bron/ }).fill('https://www.baarn.nl/contact');
    await page.getByRole('button', { name: 'Opslaan' }).click();

    // The server's reason, or the client's own check of the field's pattern.
    const refused = page.getByText(/Geen geldig Nederlands telefoonnummer|Geen geldig telefoonnummer\./).first();
    await refused.waitFor({ timeout: 30_000 });
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-meldpunten-refused.png') });

    // What was typed is still there; fix the number and save.
    await expect(page.getByRole('textbox', { name: /^Naam/ }).inputValue()).resolves.toBe('Meldpunt woonoverlast Baarn');
    await page.getByRole('textbox', { name: /^Telefoon/ }).fill('035-1234567');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const saved = page.getByText(/Opgeslagen: meldpunt woonoverlast van Baarn/).first();
    await saved.waitFor({ timeout: 30_000 });
    await saved.scrollIntoViewIfNeeded();
    // The slot now shows what was saved, and who saved it.
    await page.getByText('Meldpunt woonoverlast Baarn · 035-1234567', { exact: true }).first().waitFor({ timeout: 10_000 });
    await expect(page.getByText(/ingevuld door Anne de Wit op .* · bron: https:\/\/www\.baarn\.nl\/contact/).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-meldpunten.png') });

    await type(page, 'gemeente Baarn');
    await page.getByText(/Je gemeente is nu Baarn/).first().waitFor({ timeout: 30_000 });
    await type(page, 'de buren veroorzaken al weken overlast');
    const call = page.getByRole('link', { name: '035-1234567 — Meldpunt woonoverlast Baarn' });
    await call.first().waitFor({ timeout: 30_000 });
    await call.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-meldpunten-answer.png') });
  }, 180_000);
});
