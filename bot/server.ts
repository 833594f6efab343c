// The HTTP edge: restify with /api/messages, /healthz (live) and /readyz (ready). Bad requests get a
// 4xx before they reach the adapter; in local mode only this computer may talk to the bot; a 5xx never
// shows internals; in-flight turns are counted so shutdown can wait for them.
import { isIP } from 'node:net';
import restify from 'restify';
import { z } from 'zod/v4';
import type { Config } from './config';
import { isLocalMode } from './config';
import type { Logger } from './logger';
import type { Runtime } from './runtime';

export const MAX_BODY_BYTES = 256 * 1024;
const READY_CHECK_TIMEOUT_MS = 2_000;

// The fields every Bot Framework activity must have for us to answer it.
const activitySchema = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }).optional(),
  recipient: z.looseObject({ id: z.string().min(1) }).optional(),
});

/** Fixed bodies: what a client sees of a failure. The detail is in the log only. */
export const EDGE_ERRORS = {
  notLocal: { status: 403, code: 'LOCAL_MODE_REMOTE_PEER', message: 'Lokale modus: Meldwijzer accepteert alleen verzoeken van deze computer.' },
  badServiceUrl: { status: 400, code: 'BAD_SERVICE_URL', message: 'Ongeldige activity: serviceUrl moet https zijn.' },
  unauthorized: { status: 401, code: 'UNAUTHORIZED', message: 'Niet geautoriseerd: een geldig Bot Framework-token is nodig.' },
  unavailable: { status: 503, code: 'TEMPORARILY_UNAVAILABLE', message: 'Meldwijzer kan dit verzoek nu niet verwerken. Probeer het zo opnieuw.' },
  internal: { status: 500, code: 'INTERNAL_ERROR', message: 'Er ging iets mis in Meldwijzer. Probeer het zo opnieuw.' },
} as const;

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
  /** Where a request comes from (the socket's peer; tests stand in another computer). */
  peerAddress?: (req: restify.Request) => string | undefined;
}

export function edgeOptionsFrom(config: Config, runtime?: Pick<Runtime, 'deps'>): EdgeOptions {
  return {
    localMode: isLocalMode(config),
    allowRemote: config.LOCAL_MODE_ALLOW_REMOTE,
    databaseReachable: runtime ? () => runtime.deps.store.sql.query('select 1') : undefined,
  };
}

export interface Server {
  server: restify.Server;
  /** Content and storage are ready: /readyz may answer 200 from now on (`scheduler`: is it running?). */
  setReady(checks?: { scheduler?: () => boolean }): void;
  /** Stops accepting requests and waits for the turns in flight. */
  drain(): Promise<void>;
}

type Sendable = { status: number; code: string; message: string };

export function createServer(runtime: Pick<Runtime, 'app' | 'adapter'>, logger: Logger, edge: EdgeOptions): Server {
  let ready = false;
  let draining = false;
  let schedulerRunning: () => boolean = () => true;
  const inFlight = new Set<Promise<unknown>>();
  const server = restify.createServer({ name: 'meldwijzer', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true }));

  const refuse = (res: restify.Response, error: Sendable) => res.send(error.status, { error: error.code, message: error.message });

  // In local mode nobody but this computer may drive the bot (it would act without authentication).
  server.pre((req, res, next) => {
    const peer = edge.peerAddress ? edge.peerAddress(req) : req.socket.remoteAddress;
    if (edge.localMode && !edge.allowRemote && !isLoopbackAddress(peer)) {
      logger.warn({ event: 'remote-peer-refused', peer }, 'local mode: request from another computer refused');
      refuse(res, EDGE_ERRORS.notLocal);
      return next(false);
    }
    return next();
  });

  server.get('/healthz', async (_req, res) => {
    res.send(draining ? 503 : 200, { status: draining ? 'stopping' : 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const checks = { content: ready, database: false, scheduler: ready && schedulerRunning() };
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
    const ok = !draining && checks.content && checks.database && checks.scheduler;
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
      logger.warn({ event: 'bad-service-url', scheme: safeScheme(parsed.data.serviceUrl) }, 'activity refused: serviceUrl scheme');
      refuse(res, EDGE_ERRORS.badServiceUrl);
      return;
    }
    // The adapter writes its own status and, on failure, the error's text: that text (a host name, a
    // stack) stays in the log; the client gets a fixed body.
    const guarded = guardedResponse(res, logger);
    const turn = runtime.adapter.process(req, guarded, async (context) => {
      await runtime.app.run(context);
    });
    inFlight.add(turn);
    try {
      await turn;
    } catch (error) {
      logger.error({ event: 'request-failed', err: { message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) refuse(res, EDGE_ERRORS.internal);
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
        ? { error: EDGE_ERRORS.internal.code, message: EDGE_ERRORS.internal.message }
        : { error: error.name, message: status === 413 ? 'Bericht te groot' : 'Ongeldig verzoek' };
    return callback();
  });

  return {
    server,
    setReady: (checks = {}) => {
      ready = true;
      if (checks.scheduler) schedulerRunning = checks.scheduler;
    },
    drain: async () => {
      draining = true;
      ready = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

function safeScheme(serviceUrl: string): string {
  return /^([a-z][a-z0-9+.-]{0,20}):/i.exec(serviceUrl)?.[1]?.toLowerCase() ?? 'onbekend';
}

/**
 * The response the adapter writes to: statuses pass, bodies of failures are replaced by a fixed Dutch
 * message and code. A refused authentication is logged with its reason (never the token).
 */
function guardedResponse(res: restify.Response, logger: Logger) {
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
      if (status === 401) {
        logger.warn({ event: 'auth-refused', reason: typeof body === 'string' ? body.slice(0, 200) : 'geen reden' }, 'authentication refused');
        res.send(401, { error: EDGE_ERRORS.unauthorized.code, message: EDGE_ERRORS.unauthorized.message });
      } else if (status >= 500) {
        logger.error({ event: 'adapter-failed', status, detail: typeof body === 'string' ? body.slice(0, 300) : undefined }, 'adapter failed');
        const error = EDGE_ERRORS.unavailable;
        res.send(error.status, { error: error.code, message: error.message });
      } else if (body === undefined) {
        res.send(status);
      } else {
        res.send(status, body);
      }
    },
  };
}
