// Configuration is checked once at start; a bad value names its key (npm-start.test.ts: as a process).
import { describe, expect, it } from 'vitest';
import { isLocalMode, loadConfig } from '../../bot/config';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('configuration', () => {
  it('has embedded defaults: port 3978, ./data, local mode', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.COORDINATORS).toEqual([]);
    expect(isLocalMode(config)).toBe(true);
  });

  it('reads a comma-separated coordinator list', () => {
    expect(loadConfig({ COORDINATORS: ' abc-1 , def-2,' }).COORDINATORS).toEqual(['abc-1', 'def-2']);
  });

  it.each([
    [{ PORT: 'zeventig' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MicrosoftAppType: 'Anders' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: APP_ID }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x' }, 'MicrosoftAppId'],
    [{ SHUTDOWN_DEADLINE_MS: '10' }, 'SHUTDOWN_DEADLINE_MS'],
    [{ SHUTDOWN_DEADLINE_MS: 'tien' }, 'SHUTDOWN_DEADLINE_MS'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TEAMS_APP_ID: 'geen-guid' }, 'TEAMS_APP_ID'],
  ])('refuses %o naming %s', (env, key) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`Ongeldige configuratie — .*${key}`));
  });

  it('waits at most 10 seconds for turns at shutdown unless SHUTDOWN_DEADLINE_MS says otherwise', () => {
    expect(loadConfig({}).SHUTDOWN_DEADLINE_MS).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_DEADLINE_MS: '1500' }).SHUTDOWN_DEADLINE_MS).toBe(1_500);
  });
});

describe('no accidental local mode', () => {
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`accepted ${JSON.stringify(env)}`);
  };

  it.each(['', ' ', '   \t'])('refuses a blank MicrosoftAppId (%j) instead of starting unauthenticated', (blank) => {
    const message = refusal({ MicrosoftAppId: blank, MicrosoftAppPassword: 'geheim' });
    expect(message).toMatch(/^Ongeldige configuratie — MicrosoftAppId: /);
    expect(message).not.toContain('\n');
  });

  it.each([
    ['MicrosoftAppPassword', 'geheim'],
    ['MicrosoftAppTenantId', '99999999-2222-3333-4444-555555555555'],
    ['MicrosoftAppType', 'SingleTenant'],
  ])('refuses %s without a MicrosoftAppId, naming it', (key, value) => {
    expect(refusal({ [key]: value })).toContain(`${key}: gezet zonder MicrosoftAppId`);
  });

  it.each([
    ['MICROSOFT_APP_ID', 'MicrosoftAppId'],
    ['microsoftappid', 'MicrosoftAppId'],
    ['MicrosoftAppID', 'MicrosoftAppId'],
    ['MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword'],
    ['microsoft_app_tenant_id', 'MicrosoftAppTenantId'],
    ['MICROSOFTAPPTYPE', 'MicrosoftAppType'],
  ])('refuses the misspelling %s, naming it and the key meant', (misspelled, meant) => {
    const value = meant === 'MicrosoftAppType' ? 'SingleTenant' : APP_ID;
    const message = refusal({ [misspelled]: value });
    expect(message).toContain(`${misspelled}: onbekende sleutel, bedoel je ${meant}?`);
    expect(message).not.toContain('\n');
  });

  it('refuses a misspelling beside the right key too, and names every problem on one line', () => {
    const message = refusal({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'geheim', MICROSOFT_APP_PASSWORD: 'oud', MICROSOFT_APP_TENANT_ID: 'x' });
    expect(message).toContain('MICROSOFT_APP_PASSWORD');
    expect(message).toContain('MICROSOFT_APP_TENANT_ID');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('starts in local mode with none of the keys, and with Bot Framework authentication with a valid set', () => {
    expect(isLocalMode(loadConfig({ MICROSOFT_APP_ID: '', OTHER_SETTING: 'x' }))).toBe(true);
    expect(isLocalMode(loadConfig({ MicrosoftAppId: ` ${APP_ID} `, MicrosoftAppPassword: 'geheim' }))).toBe(false);
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }).MicrosoftAppId).toBe(APP_ID);
  });
});
