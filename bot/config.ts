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
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\//, 'verwacht postgres://…').optional()),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    COORDINATORS: idList,
    // How long masked questions and feedback are kept (days); a daily job deletes older rows.
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    TEAMS_APP_ID: optionalText.pipe(z.guid('verwacht een GUID').optional()),
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

/** Parses the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
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
