// The HTTP edge in production terms: local mode is for this computer only, serviceUrl must be https
// (or http to this computer in local mode), and a failure never shows internals to the client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedServiceUrl, isLoopbackAddress } from '../../bot/server';
import { listenHost, loadConfig } from '../../bot/config';
import { message } from '../helpers/activities';
import { startBot, type BotHarness } from '../helpers/bot-harness';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('local mode', () => {
  let bot: BotHarness;
  afterAll(async () => {
    await bot?.destroy();
  });

  it('listens on loopback by default, on every interface only with an app id or an explicit HOST', () => {
    expect(listenHost(loadConfig({}))).toBe('127.0.0.1');
    expect(listenHost(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }))).toBe('0.0.0.0');
    expect(listenHost(loadConfig({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
  });

  it('answers 403 to another computer, and nothing reaches the bot', async () => {
    bot = await startBot({ peerAddress: '192.168.1.20' });
    const activity = message(bot.connector.serviceUrl, 'waar meld ik huiselijk geweld');
    const response = await bot.post(activity);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: 'LOCAL_MODE_REMOTE_PEER', message: 'Lokale modus: Meldwijzer accepteert alleen verzoeken van deze computer.' });
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(403);
    expect(bot.connector.calls).toEqual([]);
  });

  it('accepts another computer only when LOCAL_MODE_ALLOW_REMOTE=true says so', async () => {
    const open = await startBot({ peerAddress: '192.168.1.20', env: { LOCAL_MODE_ALLOW_REMOTE: 'true' } });
    try {
      const activity = message(open.connector.serviceUrl, 'waar meld ik huiselijk geweld');
      expect((await open.post(activity)).status).toBe(200);
      await open.connector.waitFor(activity.conversation.id, 1);
    } finally {
      await open.destroy();
    }
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', undefined].some(isLoopbackAddress)).toBe(false);
  });
});

describe('serviceUrl', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.destroy();
  });

  it.each(['ftp://127.0.0.1/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://example.org/', 'http://10.0.0.5:8080/', 'gopher://127.0.0.1/'])(
    'refuses %s with 400 before the adapter, sending nothing',
    async (serviceUrl) => {
      const activity = { ...message(bot.connector.serviceUrl, 'hallo'), serviceUrl };
      const response = await bot.post(activity);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).not.toContain('at ');
      expect(bot.connector.calls).toEqual([]);
    },
  );

  it('allows https always and http only to this computer in local mode', () => {
    expect(isAllowedServiceUrl('https://smba.trafficmanager.net/emea/', false)).toBe(true);
    expect(isAllowedServiceUrl('http://127.0.0.1:3000/', true)).toBe(true);
    expect(isAllowedServiceUrl('http://localhost:3000/', true)).toBe(true);
    expect(isAllowedServiceUrl('http://127.0.0.1:3000/', false)).toBe(false);
    expect(isAllowedServiceUrl('http://[::1]:3000/', true)).toBe(true);
  });
});

describe('with Bot Framework authentication', () => {
  let bot: BotHarness;
  const logLines: string[] = [];
  beforeAll(async () => {
    bot = await startBot({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'geheim' }, logLines });
  });
  afterAll(async () => {
    await bot.destroy();
  });

  it('refuses http serviceUrls even to this computer', async () => {
    expect((await bot.post(message(bot.connector.serviceUrl, 'hallo'))).status).toBe(400);
  });

  it('fails closed with a fixed body when a token cannot be checked (no network), the detail only in the log', async () => {
    // A well-formed token from the Bot Framework issuer: checking it needs the issuer's signing keys.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'sleutel-1' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600, nbf: Math.floor(Date.now() / 1000) - 60 })}.c2lnbmF0dXVy`;
    const activity = { ...message('https://smba.trafficmanager.net/emea/', 'hallo') };
    const response = await bot.post(activity, { authorization: `Bearer ${token}` });
    expect([401, 503]).toContain(response.status);
    expect(['UNAUTHORIZED', 'TEMPORARILY_UNAVAILABLE']).toContain((response.body as { error: string }).error);
    expect(response.text).not.toMatch(/botframework|login|https?:|Error|at /);
    expect(logLines.join('\n')).not.toContain(token);
  }, 60_000);

  it('refuses a forged token with 401 and a fixed body, and logs why without the token', async () => {
    const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    const response = await bot.post(message('https://smba.trafficmanager.net/emea/', 'hallo'), { authorization: `Bearer ${forged}` });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'UNAUTHORIZED', message: 'Niet geautoriseerd: een geldig Bot Framework-token is nodig.' });
    expect(logLines.some((l) => l.includes('"event":"auth-refused"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(forged);
  });
});

describe('health and readiness', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot({ persistent: true }); // a DATA_DIR on disk for /readyz to check
  });
  afterAll(async () => {
    await bot.destroy();
  });

  it('says live on /healthz and ready on /readyz when content, database and the disk under DATA_DIR answer', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { content: true, database: true, disk: true, scheduler: true } });
  });
});
