// The HTTP edge: restify with /api/messages and /healthz. Bad requests get a 4xx before they reach
// the adapter; in-flight turns are counted so shutdown can wait for them.
import restify from 'restify';
import { z } from 'zod/v4';
import type { Logger } from './logger';
import type { Runtime } from './runtime';

export const MAX_BODY_BYTES = 256 * 1024;

// The fields every Bot Framework activity must have for us to answer it.
const activitySchema = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }).optional(),
  recipient: z.looseObject({ id: z.string().min(1) }).optional(),
});

export interface Server {
  server: restify.Server;
  /** Marks content and storage ready: /healthz answers 200 from now on. */
  setReady(): void;
  /** Stops accepting requests and waits for the turns in flight. */
  drain(): Promise<void>;
}

export function createServer(runtime: Pick<Runtime, 'app' | 'adapter'>, logger: Logger): Server {
  let ready = false;
  const inFlight = new Set<Promise<unknown>>();
  const server = restify.createServer({ name: 'meldwijzer', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true }));

  server.get('/healthz', async (_req, res) => {
    res.send(ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
  });

  server.post('/api/messages', async (req, res) => {
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'body';
      res.send(400, { error: 'BadRequest', message: `Ongeldige activity: ${field}` });
      return;
    }
    const turn = runtime.adapter.process(req, res, async (context) => {
      await runtime.app.run(context);
    });
    inFlight.add(turn);
    try {
      await turn;
    } catch (error) {
      logger.error({ event: 'request-failed', err: { message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'InternalError' });
    } finally {
      inFlight.delete(turn);
    }
  });

  // restify's own errors (bad JSON 400, too large 413) keep their status; no stack traces leave.
  server.on('restifyError', (_req, _res, error, callback) => {
    logger.warn({ event: 'http-error', status: error.statusCode, name: error.name }, 'request refused');
    error.toJSON = () => ({ error: error.name, message: error.statusCode === 413 ? 'Bericht te groot' : 'Ongeldig verzoek' });
    return callback();
  });

  return {
    server,
    setReady: () => {
      ready = true;
    },
    drain: async () => {
      ready = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}
