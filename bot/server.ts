// The HTTP edge: restify with /api/messages, /healthz (live) and /readyz (ready). Bad requests get a
// 4xx before they reach the adapter; in local mode only this computer may talk to the bot; a 5xx never
// shows internals; in-flight turns are counted so shutdown can wait for them, up to a deadline.
import type http from 'node:http';
import { isIP } from 'node:net';
import restify from 'restify';
import { z } from 'zod/v4';
import type { Config } from './config';
import { isLocalMode } from './config';
import { ERRORS, type CodedError } from './errors';
import { dataDirReadiness } from './storage/data-dir';
import type { Logger } from './logger';
import type { Runtime } from './runtime';

export const MAX_BODY_BYTES = 256 * 1024;
const READY_CHECK_TIMEOUT_MS = 2_000;

// Activities a person sends: they need a sender, and their value (card data, a query) is an object.
const FROM_A_PERSON = new Set(['message', 'invoke']);
const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

// The fields every Bot Framework activity must have for us to answer it. Other types (conversationUpdate,
// event, …) have other shapes: only what every handler relies on is checked for them.
export const activitySchema = z
  .looseObject({
    type: z.string().min(1),
    serviceUrl: z.url(),
    channelId: z.string().min(1),
    conversation: z.looseObject({ id: z.string().min(1) }),
    from: z.looseObject({ id: z.string().min(1) }).optional(),
    recipient: z.looseObject({ id: z.string().min(1) }).optional(),
    text: z.string().nullish(),
    replyToId: z.string().nullish(),
  })
  .superRefine((activity, ctx) => {
    if (!FROM_A_PERSON.has(activity.type)) return;
    if (!activity.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'ontbreekt' });
    const value = (activity as { value?: unknown }).value;
    if (value !== undefined && value !== null && !isPlainObject(value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'moet een object zijn' });
  });

/** `application/json`, with at most a charset: anything else (a form post from a web page) never reaches the adapter. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return /^application\/json\s*(;\s*charset\s*=\s*"?[\w-]+"?\s*)?$/i.test((contentType ?? '').trim());
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (plain === '::1') return true;
  return isIP(plain) === 4 && plain.startsWith('127.');
}

/** https, or http to this computer in local mode (the Playground and tests run a local connector). */
export function isAllowedServiceUrl(serviceUrl: string, localMode: boolean): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return localMode && url.protocol === 'http:' && (host === 'localhost' || isLoopbackAddress(host));
}

export interface EdgeOptions {
  localMode: boolean;
  /** Local mode only: accept requests from other computers too (LOCAL_MODE_ALLOW_REMOTE). */
  allowRemote: boolean;
  /** Checked by /readyz: the database answers. */
  databaseReachable?: () => Promise<unknown>;
  /** Checked by /readyz when PGlite stores in DATA_DIR: the folder takes writes and has room (cached). */
  dataDirWritable?: () => Promise<boolean>;
  /** Where a request comes from (the socket's peer; tests stand in another computer). */
  peerAddress?: (req: restify.Request) => string | undefined;
}

export function edgeOptionsFrom(config: Config, runtime?: Pick<Runtime, 'deps'>): EdgeOptions {
  return {
    localMode: isLocalMode(config),
    allowRemote: config.LOCAL_MODE_ALLOW_REMOTE,
    databaseReachable: runtime ? () => runtime.deps.store.sql.query('select 1') : undefined,
    // On a full disk PGlite still reads (select 1 answers) while every write fails; a server database
    // reports its own disk through the database check.
    dataDirWritable: !config.DATABASE_URL && !config.DATA_DIR.startsWith('memory://') ? dataDirReadiness(config.DATA_DIR) : undefined,
  };
}

export interface Server {
  server: restify.Server;
  /** Content and storage are ready: /readyz may answer 200 from now on (`scheduler`: is it running?). */
  setReady(checks?: { scheduler?: () => boolean }): void;
  /**
   * Stops accepting requests (new connections, and new requests on kept-alive ones) and waits for the
   * turns in flight, at most `deadlineMs`: then they are abandoned and every connection is closed.
   */
  drain(deadlineMs?: number): Promise<{ abandoned: number }>;
}

type EdgeError = CodedError & { status: number };

/** What a client sees of a failure: the code and its Dutch sentence. The detail is in the log only. */
const edgeBody = (error: EdgeError) => ({ error: error.code, message: error.text });

export function createServer(runtime: Pick<Runtime, 'app' | 'adapter'>, logger: Logger, edge: EdgeOptions): Server {
  let ready = false;
  let draining = false;
  let schedulerRunning: () => boolean = () => true;
  const inFlight = new Set<Promise<unknown>>();
  const server = restify.createServer({ name: 'meldwijzer', handleUncaughtExceptions: false });
  const httpServer = server.server as http.Server;
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true }));

  const refuse = (res: restify.Response, error: EdgeError) => res.send(error.status, edgeBody(error));

  // In local mode nobody but this computer may drive the bot (it would act without authentication).
  server.pre((req, res, next) => {
    const peer = edge.peerAddress ? edge.peerAddress(req) : req.socket.remoteAddress;
    if (edge.localMode && !edge.allowRemote && !isLoopbackAddress(peer)) {
      logger.warn({ event: 'remote-peer-refused', code: ERRORS.LOCAL_MODE_REMOTE_PEER.code, peer }, 'local mode: request from another computer refused');
      refuse(res, ERRORS.LOCAL_MODE_REMOTE_PEER);
      return next(false);
    }
    return next();
  });

  // Stopping: a kept-alive connection would otherwise go on bringing new turns; every answer closes it.
  server.pre((req, res, next) => {
    if (!draining) return next();
    res.header('connection', 'close');
    if (req.method === 'POST') {
      refuse(res, ERRORS.TEMPORARILY_UNAVAILABLE);
      return next(false);
    }
    return next();
  });

  // Before the body is parsed: a form or text body is what a web page can send without a CORS preflight.
  server.pre((req, res, next) => {
    if (req.method !== 'POST' || req.getPath() !== '/api/messages' || isJsonContentType(req.headers['content-type'])) return next();
    logger.warn({ event: 'unsupported-media-type', code: ERRORS.UNSUPPORTED_MEDIA_TYPE.code, contentType: String(req.headers['content-type'] ?? 'geen').slice(0, 100) }, 'activity refused: not JSON');
    refuse(res, ERRORS.UNSUPPORTED_MEDIA_TYPE);
    return next(false);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(draining ? 503 : 200, { status: draining ? 'stopping' : 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const checks: { content: boolean; database: boolean; disk?: boolean; scheduler: boolean } = { content: ready, database: false, scheduler: ready && schedulerRunning() };
    if (edge.dataDirWritable) checks.disk = ready && !draining && (await edge.dataDirWritable());
    if (ready && !draining && edge.databaseReachable) {
      checks.database = await Promise.race([
        edge.databaseReachable().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS).unref()),
      ]);
    } else if (!edge.databaseReachable) {
      checks.database = ready;
    }
    const ok = !draining && checks.content && checks.database && checks.disk !== false && checks.scheduler;
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'not-ready', checks });
  });

  server.post('/api/messages', async (req, res) => {
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'body';
      res.send(400, { error: 'BadRequest', message: `Ongeldige activity: ${field}` });
      return;
    }
    if (!isAllowedServiceUrl(parsed.data.serviceUrl, edge.localMode)) {
      logger.warn({ event: 'bad-service-url', code: ERRORS.BAD_SERVICE_URL.code, scheme: safeScheme(parsed.data.serviceUrl) }, 'activity refused: serviceUrl scheme');
      refuse(res, ERRORS.BAD_SERVICE_URL);
      return;
    }
    // The adapter writes its own status and, on failure, the error's text: that text (a host name, a
    // stack) stays in the log; the client gets a fixed body.
    const guarded = guardedResponse(res, logger, () => draining);
    const turn = runtime.adapter.process(req, guarded, async (context) => {
      await runtime.app.run(context);
    });
    inFlight.add(turn);
    try {
      await turn;
    } catch (error) {
      logger.error({ event: 'request-failed', code: ERRORS.INTERNAL_ERROR.code, err: { message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) refuse(res, ERRORS.INTERNAL_ERROR);
    } finally {
      inFlight.delete(turn);
    }
  });

  // restify's own errors (bad JSON 400, too large 413) keep their status; no stack traces leave.
  server.on('restifyError', (_req, _res, error, callback) => {
    logger.warn({ event: 'http-error', status: error.statusCode, name: error.name }, 'request refused');
    const status = error.statusCode ?? 500;
    error.toJSON = () =>
      status >= 500
        ? edgeBody(ERRORS.INTERNAL_ERROR)
        : { error: error.name, message: status === 413 ? 'Bericht te groot' : 'Ongeldig verzoek' };
    return callback();
  });

  return {
    server,
    setReady: (checks = {}) => {
      ready = true;
      if (checks.scheduler) schedulerRunning = checks.scheduler;
    },
    drain: async (deadlineMs = Number.POSITIVE_INFINITY) => {
      draining = true;
      ready = false;
      const deadline = Date.now() + deadlineMs;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      httpServer.closeIdleConnections();
      const finished = await beforeDeadline(Promise.allSettled([...inFlight]), deadline);
      const abandoned = finished ? 0 : inFlight.size;
      if (abandoned > 0) logger.warn({ event: 'turns-abandoned', count: abandoned, deadlineMs }, 'stopping: turns still running at the deadline are abandoned');
      // Answers written while draining said "connection: close"; whatever is still open at the deadline is cut.
      httpServer.closeIdleConnections();
      if (!(await beforeDeadline(closed, deadline))) httpServer.closeAllConnections();
      return { abandoned };
    },
  };
}

/** Whether `work` settles before `deadline` (ms since the epoch); never waits longer. */
async function beforeDeadline(work: Promise<unknown>, deadline: number): Promise<boolean> {
  if (!Number.isFinite(deadline)) return work.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

function safeScheme(serviceUrl: string): string {
  return /^([a-z][a-z0-9+.-]{0,20}):/i.exec(serviceUrl)?.[1]?.toLowerCase() ?? 'onbekend';
}

/**
 * The response the adapter writes to: statuses pass, bodies of failures are replaced by a fixed Dutch
 * message and code. A refused authentication is logged with its reason (never the token).
 */
function guardedResponse(res: restify.Response, logger: Logger, draining: () => boolean) {
  let status = 200;
  let body: unknown;
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => res.header(name, value as string),
    status: (code: number) => {
      status = code;
    },
    send: (payload: unknown) => {
      body = payload;
    },
    end: () => {
      if (draining()) res.header('connection', 'close');
      if (status === 401) {
        logger.warn({ event: 'auth-refused', code: ERRORS.UNAUTHORIZED.code, reason: typeof body === 'string' ? body.slice(0, 200) : 'geen reden' }, 'authentication refused');
        res.send(ERRORS.UNAUTHORIZED.status, edgeBody(ERRORS.UNAUTHORIZED));
      } else if (status >= 500) {
        logger.error({ event: 'adapter-failed', code: ERRORS.TEMPORARILY_UNAVAILABLE.code, status, detail: typeof body === 'string' ? body.slice(0, 300) : undefined }, 'adapter failed');
        res.send(ERRORS.TEMPORARILY_UNAVAILABLE.status, edgeBody(ERRORS.TEMPORARILY_UNAVAILABLE));
      } else if (body === undefined) {
        res.send(status);
      } else {
        res.send(status, body);
      }
    },
  };
}
