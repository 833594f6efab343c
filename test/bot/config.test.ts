// Configuration is checked once at start; a bad value names its key.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLocalMode, loadConfig } from '../../bot/config';
import { REPO_ROOT } from '../helpers/paths';

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
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TEAMS_APP_ID: 'geen-guid' }, 'TEAMS_APP_ID'],
  ])('refuses %o naming %s', (env, key) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`Ongeldige configuratie — .*${key}`));
  });

  it('stops npm start with a message naming the bad key', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'bot/index.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: 'zeventig' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});
