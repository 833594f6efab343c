// Configuration, read once from the environment and validated; a bad value stops the start
// with a message naming the key. Every key is listed in .env.example.
import { z } from 'zod/v4';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const idList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[0-9a-fA-F-]{8,}$|^[\w:.-]+$/, 'verwacht AAD object ids, gescheiden door komma’s')));

/** What a tenant id may look like (a GUID in Teams; tests use other ids): checked before it becomes a key. */
export const TENANT_ID_PATTERN = /^[\w.:-]{1,100}$/;

// Tenant ids, compared in lower case.
const tenantList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(TENANT_ID_PATTERN, 'verwacht tenant-id’s (GUID’s van Microsoft 365-organisaties), gescheiden door komma’s')))
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    // Default: 127.0.0.1 in local mode (this computer only), 0.0.0.0 with Bot Framework authentication.
    HOST: optionalText,
    // Local mode accepts unauthenticated requests: only from this computer unless this says otherwise.
    LOCAL_MODE_ALLOW_REMOTE: z
      .enum(['true', 'false', '1', '0', ''])
      .optional()
      .transform((v) => v === 'true' || v === '1'),
    // A blank value is refused, not read as "no app id": that would start without authentication.
    MicrosoftAppId: z
      .string()
      .trim()
      .pipe(z.guid('verwacht een GUID (de app-id van de Azure Bot-registratie); leeg of spaties zet de bot niet in lokale modus, laat de sleutel dan weg'))
      .optional(),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    DATA_DIR: z.string().min(1).default('./data'),
    // Checked as a URL here (the message never repeats it: it holds a password); whether the database
    // answers is checked at start (bot/start-failure.ts).
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'verwacht postgres://…')
        .refine((url) => URL.canParse(url) || URL.canParse(encodeURI(url)), 'geen geldige URL; verwacht postgres://gebruiker:wachtwoord@host:5432/database')
        .optional(),
    ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    COORDINATORS: idList,
    // The organisations (Microsoft 365 tenants) Meldwijzer serves; unset: the tenant of the first install.
    ALLOWED_TENANTS: tenantList,
    // How long masked questions and feedback are kept (days); a daily job deletes older rows.
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    TEAMS_APP_ID: optionalText.pipe(z.guid('verwacht een GUID').optional()),
    // How long SIGTERM may take: turns still running then are abandoned and the process exits.
    SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  })
  .superRefine((c, ctx) => {
    if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'verplicht als MicrosoftAppId is gezet' });
    }
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'verplicht bij MicrosoftAppType=SingleTenant' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** The Bot Framework settings: without a valid MicrosoftAppId the bot runs unauthenticated. */
export const BOT_FRAMEWORK_KEYS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const;

const spelledLoosely = (key: string) => key.toLowerCase().replace(/[_\-.\s]/g, '');

/**
 * Settings that would start the bot in local mode by mistake: a Bot Framework key under another
 * spelling (MICROSOFT_APP_ID, microsoftappid), or a password, tenant or app type without an app id.
 */
export function botFrameworkKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const has = (key: string) => (env[key] ?? '').trim() !== '';
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === '') continue;
    const meant = BOT_FRAMEWORK_KEYS.find((real) => real !== key && spelledLoosely(real) === spelledLoosely(key));
    if (meant) problems.push(`${key}: onbekende sleutel, bedoel je ${meant}? (let op hoofdletters; zonder ${meant} start Meldwijzer zonder authenticatie)`);
  }
  if (env.MicrosoftAppId === undefined) {
    for (const key of BOT_FRAMEWORK_KEYS.slice(1)) {
      if (has(key)) problems.push(`${key}: gezet zonder MicrosoftAppId; zet MicrosoftAppId of laat ook ${key} weg voor lokale modus`);
    }
  }
  return problems;
}

/** Parses the environment; throws ConfigError naming every bad key, on one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  const problems = botFrameworkKeyProblems(env);
  if (result.success && problems.length === 0) return result.data;
  if (!result.success) problems.unshift(...result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  throw new ConfigError(`Ongeldige configuratie — ${problems.join('; ')}`);
}

/** Local mode: no Bot Framework app id, so requests from local clients are accepted unauthenticated. */
export function isLocalMode(config: Pick<Config, 'MicrosoftAppId'>): boolean {
  return !config.MicrosoftAppId;
}

/** Where to listen: loopback in local mode unless HOST says otherwise; every interface with an app id. */
export function listenHost(config: Pick<Config, 'HOST' | 'MicrosoftAppId'>): string {
  return config.HOST ?? (isLocalMode(config) ? '127.0.0.1' : '0.0.0.0');
}
