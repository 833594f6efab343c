// The content editor's CLI, run as a real process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths';

function ask(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'knowledge/ask-cli.ts'), ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run ask', () => {
  it('prints a readable answer for a content editor', () => {
    const { code, stdout } = ask(['waar meld ik kindermishandeling']);
    expect(code).toBe(0);
    expect(stdout).toContain('Antwoord: Vermoeden van huiselijk geweld of kindermishandeling melden');
    expect(stdout).toContain('Veilig Thuis: 0800-2000');
    expect(stdout).toContain('Bron: Veilig Thuis Utrecht — https://veiligthuisutrecht.nl/over-ons/wat-doet-veilig-thuis (primair)');
    expect(stdout).not.toMatch(/FACTS\.md|seeds\//);
    expect(stdout).toMatch(/score \d/);
    expect(stdout).toContain('Ook mogelijk: handelingskaders/meldcode');
  });

  it('prints one JSON object with --json, at most 5 results, best first', () => {
    const { code, stdout } = ask(['--json', 'huislijk gewelt']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(Object.keys(answer)).toEqual(['question', 'urgent', 'alert', 'results']);
    expect(answer.question).toBe('huislijk gewelt');
    expect(answer.urgent).toBe(false);
    expect(answer.results.length).toBeLessThanOrEqual(5);
    expect(answer.results[0]).toMatchObject({ id: 'meldroutes/huiselijk-geweld', type: 'meldroute' });
    expect(Object.keys(answer.results[0])).toEqual(['id', 'title', 'type', 'score']);
  });

  it('says with --json whether a question is urgent or an alert', () => {
    const { code, stdout } = ask([], 'hij zegt dat hij zijn ex gaat vermoorden\nhoe werkt het protocol bij een wapen\nwaar meld ik kindermishandeling\n');
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.urgent, a.alert])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('reads questions from stdin and answers one JSON line each, in order', () => {
    const { code, stdout } = ask([], 'klant heeft een mes\nwaar meld ik kindermishandeling\n\nwat is het weer morgen\n');
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(answers.map((a) => a.question)).toEqual(['klant heeft een mes', 'waar meld ik kindermishandeling', '', 'wat is het weer morgen']);
    expect(answers[0].urgent).toBe(true);
    expect(answers[0].results[0].id).toBe('meldroutes/acuut-gevaar');
    expect(answers[1].results[0].id).toBe('meldroutes/huiselijk-geweld');
    expect(answers[2].results).toEqual([]);
    expect(answers[3].results).toEqual([]);
  });

  it('answers for a gemeente with --gemeente and refuses an unknown one', () => {
    const known = ask(['--gemeente', 'Baarn', 'verward gedrag']);
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('Gemeente Baarn heeft het lokale meldpunt zorgwekkend gedrag nog niet ingevuld');
    const unknown = ask(['--gemeente', 'Atlantis', 'verward gedrag']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Gemeente 'Atlantis' staat niet in Meldwijzer");
  });
});
