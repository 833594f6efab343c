// What the HTTP edge does with bad input, authentication, health and installs.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, botAdded, channel, groupChat, message, personalChat } from '../helpers/activities';
import { cardOf, cardTexts, startBot, type BotHarness } from '../helpers/bot-harness';

describe('bad input on /api/messages', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.destroy();
  });

  async function stillAnswers() {
    const activity = message(bot.connector.serviceUrl, 'waar meld ik kindermishandeling');
    const before = bot.connector.sentTo(activity.conversation.id).length;
    expect((await bot.post(activity)).status).toBe(200);
    await bot.connector.waitFor(activity.conversation.id, before + 1);
  }

  it('answers a non-JSON body with 400, then keeps answering', async () => {
    const response = await bot.post('{"type": "message", oops');
    expect(response.status).toBe(400);
    await stillAnswers();
  });

  it('answers a body over 256 KB with 413, then keeps answering', async () => {
    const huge = message(bot.connector.serviceUrl, 'x'.repeat(300 * 1024));
    const response = await bot.post(huge);
    expect(response.status).toBe(413);
    await stillAnswers();
  });

  it.each([
    ['no type', (a: Record<string, unknown>) => ({ ...a, type: undefined })],
    ['no conversation', (a: Record<string, unknown>) => ({ ...a, conversation: undefined })],
    ['no serviceUrl', (a: Record<string, unknown>) => ({ ...a, serviceUrl: undefined })],
    ['a JSON array', () => [1, 2, 3]],
  ])('answers an activity with %s with 400, then keeps answering', async (_label, mutate) => {
    const response = await bot.post(mutate(message(bot.connector.serviceUrl, 'hallo')));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts/);
    await stillAnswers();
  });

  it.each([
    ['a message without from', (a: Record<string, unknown>) => ({ ...a, from: undefined }), 'from'],
    ['text as a number', (a: Record<string, unknown>) => ({ ...a, text: 42 }), 'text'],
    ['text as an object', (a: Record<string, unknown>) => ({ ...a, text: { $ne: '' } }), 'text'],
    ['value as a string', (a: Record<string, unknown>) => ({ ...a, value: 'verb' }), 'value'],
    ['value as an array', (a: Record<string, unknown>) => ({ ...a, value: [1] }), 'value'],
    ['an invoke without from', (a: Record<string, unknown>) => ({ ...a, type: 'invoke', name: 'adaptiveCard/action', value: {}, from: undefined }), 'from'],
    ['an invoke with value as a number', (a: Record<string, unknown>) => ({ ...a, type: 'invoke', name: 'adaptiveCard/action', value: 7 }), 'value'],
  ])('answers %s with 400 naming the field, before the adapter', async (_label, mutate, field) => {
    const calls = bot.connector.calls.length;
    const response = await bot.post(mutate(message(bot.connector.serviceUrl, 'hallo')));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'BadRequest', message: `Ongeldige activity: ${field}` });
    expect(bot.connector.calls.length).toBe(calls);
    await stillAnswers();
  });

  it('lets a conversationUpdate without from through: only what people send must name them', async () => {
    const conversation = channel('zonder-from');
    const added = { ...botAdded(bot.connector.serviceUrl, conversation), from: undefined };
    expect((await bot.post(added)).status).toBe(200);
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'text/plain; charset=utf-8'])(
    'answers a %s body with 415 and a fixed body, before the adapter',
    async (contentType) => {
      const activity = message(bot.connector.serviceUrl, 'waar meld ik kindermishandeling');
      const body = contentType.startsWith('application/x-www') ? `type=message&text=hallo&serviceUrl=${encodeURIComponent(activity.serviceUrl)}` : JSON.stringify(activity);
      const calls = bot.connector.calls.length;
      const response = await bot.post(body, { 'content-type': contentType });
      expect(response.status).toBe(415);
      expect(response.body).toEqual({ error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Meldwijzer accepteert alleen activities als application/json.' });
      expect(bot.connector.calls.length).toBe(calls);
    },
  );

  it('answers a body without a content type with 415, and accepts application/json with a charset', async () => {
    const activity = message(bot.connector.serviceUrl, 'waar meld ik kindermishandeling', { from: { id: '29:charset', name: 'Chris' }, conversation: personalChat({ id: '29:charset', name: 'Chris' }) });
    const bare = await fetch(`${bot.url}/api/messages`, { method: 'POST', body: new TextEncoder().encode(JSON.stringify(activity)) });
    expect(bare.status).toBe(415);
    expect((await bot.post(activity, { 'content-type': 'Application/JSON; charset=UTF-8' })).status).toBe(200);
    await bot.connector.waitFor(activity.conversation.id, 1);
  });

  it('says healthy once ready, and not while draining', async () => {
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    // A second server on the same runtime, drained: it says so until it is gone.
    const { createServer, edgeOptionsFrom } = await import('../../bot/server');
    const other = createServer(bot.runtime, bot.runtime.deps.logger, edgeOptionsFrom(bot.runtime.deps.config, bot.runtime));
    await new Promise<void>((resolve) => other.server.listen(0, '127.0.0.1', resolve));
    other.setReady();
    const url = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // A request that began before the drain (a probe already on the wire): the server closes its port at
    // once, but answers what it is in the middle of, and that answer must say it is stopping.
    const port = (other.server.address() as { port: number }).port;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const draining = other.drain();
    socket.write('\r\n');
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 503/);
    expect(response).toMatch(/connection: close/i);
    expect(response).toContain('"status":"stopping"');
    await draining;
    expect(await fetch(`${url}/healthz`).catch(() => null)).toBeNull();
  });
});

describe('installs', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.destroy();
  });

  it('sends one welcome card in a personal chat', async () => {
    const conversation = personalChat(ALICE);
    expect((await bot.post(botAdded(bot.connector.serviceUrl, conversation))).status).toBe(200);
    const sent = await bot.connector.waitFor(conversation.id, 1);
    expect(sent).toHaveLength(1);
    expect(cardTexts(cardOf(sent[0]))).toContain('Welkom bij Meldwijzer');
  });

  it('posts one card in a team channel naming who installed the bot, with the werkgroep\'s commands', async () => {
    const conversation = channel('zorg-en-veiligheid');
    await bot.post(botAdded(bot.connector.serviceUrl, conversation, ALICE));
    const sent = await bot.connector.waitFor(conversation.id, 1);
    expect(sent).toHaveLength(1);
    const texts = cardTexts(cardOf(sent[0]));
    expect(texts.slice(0, 2)).toEqual(['Meldwijzer is aan dit team toegevoegd', 'Toegevoegd door Alice de Vries.']);
    for (const command of ['mijlpalen', 'overleg plannen', 'agenda toevoegen', 'coordinator toevoegen', 'onbeantwoord', 'experts hier']) {
      expect(texts.join(' ')).toContain(`**${command}`);
    }
  });

  it('says "deze chat" in a group chat', async () => {
    const conversation = groupChat('werkgroep-chat');
    await bot.post(botAdded(bot.connector.serviceUrl, conversation, ALICE));
    const sent = await bot.connector.waitFor(conversation.id, 1);
    expect(cardTexts(cardOf(sent[0]))[0]).toBe('Meldwijzer is aan deze chat toegevoegd');
  });

  it('stays silent when someone else joins', async () => {
    const conversation = channel('ander-team');
    const joined = { ...botAdded(bot.connector.serviceUrl, conversation), membersAdded: [{ id: '29:nieuw' }] };
    expect((await bot.post(joined)).status).toBe(200);
    expect(bot.connector.sentTo(conversation.id)).toEqual([]);
  });
});

describe('with MicrosoftAppId set', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot({ env: { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'geheim' } });
  });
  afterAll(async () => {
    await bot.destroy();
  });

  it('refuses an unsigned request with 401 and sends nothing', async () => {
    const activity = message('https://smba.trafficmanager.net/emea/', 'waar meld ik kindermishandeling');
    const response = await bot.post(activity);
    expect(response.status).toBe(401);
    expect(bot.connector.sentTo(activity.conversation.id)).toEqual([]);
  });

  it('refuses a request with a forged token with 401', async () => {
    const activity = message('https://smba.trafficmanager.net/emea/', 'hallo');
    const response = await bot.post(activity, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(response.status).toBe(401);
  });
});
