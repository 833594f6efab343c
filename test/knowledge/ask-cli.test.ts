// The content editor's CLI, run as a real process (as npm run ask runs it). The runs start together
// before the tests: each spends most of its time loading code, and one run answers every stdin story.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'knowledge/ask-cli.ts'), ...args], { cwd: REPO_ROOT });
  const result: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (c: string) => (result.stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (result.stderr += c));
  child.stdin.end(input);
  return new Promise((resolve, reject) => child.on('error', reject).on('close', (code) => resolve({ ...result, code })));
}

/** Questions on stdin, one a line: the alert stories first, then the order story. */
const ALERTS = 'hij zegt dat hij zijn ex gaat vermoorden\nhoe werkt het protocol bij een wapen\nwaar meld ik kindermishandeling\n';
const IN_ORDER = 'klant heeft een mes\nwaar meld ik kindermishandeling\n\nwat is het weer morgen\n';

const runs: Record<'readable' | 'json' | 'stdin' | 'known' | 'unknown', Run> = {} as never;
beforeAll(async () => {
  const [readable, json, stdin, known, unknown] = await Promise.all([
    run(['waar meld ik kindermishandeling']),
    run(['--json', 'huislijk gewelt']),
    run([], ALERTS + IN_ORDER),
    run(['--gemeente', 'Baarn', 'verward gedrag']),
    run(['--gemeente', 'Atlantis', 'verward gedrag']),
  ]);
  Object.assign(runs, { readable, json, stdin, known, unknown });
}, 60_000);

/** The stdin run's answers (one JSON line each), split into the alert stories and the order story. */
function stdinAnswers() {
  const answers = runs.stdin.stdout.trim().split('\n').map((line) => JSON.parse(line));
  return { alerts: answers.slice(0, 3), inOrder: answers.slice(3) };
}

describe('npm run ask', () => {
  it('prints a readable answer for a content editor', () => {
    const { code, stdout } = runs.readable;
    expect(code).toBe(0);
    expect(stdout).toContain('Antwoord: Vermoeden van huiselijk geweld of kindermishandeling melden');
    expect(stdout).toContain('Veilig Thuis: 0800-2000');
    expect(stdout).toContain('Bron: Veilig Thuis Utrecht — https://veiligthuisutrecht.nl/over-ons/wat-doet-veilig-thuis (primair)');
    expect(stdout).not.toMatch(/FACTS\.md|seeds\//);
    expect(stdout).toMatch(/score \d/);
    expect(stdout).toContain('Ook mogelijk: handelingskaders/meldcode');
  });

  it('prints one JSON object with --json, at most 5 results, best first', () => {
    const { code, stdout } = runs.json;
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
    expect(runs.stdin.code).toBe(0);
    const answers = stdinAnswers().alerts;
    expect(answers.map((a) => a.question)).toEqual(ALERTS.trim().split('\n'));
    expect(answers.map((a) => [a.urgent, a.alert])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('reads questions from stdin and answers one JSON line each, in order', () => {
    expect(runs.stdin.code).toBe(0);
    expect(runs.stdin.stdout.trim().split('\n')).toHaveLength(7);
    const answers = stdinAnswers().inOrder;
    expect(answers.map((a) => a.question)).toEqual(['klant heeft een mes', 'waar meld ik kindermishandeling', '', 'wat is het weer morgen']);
    expect(answers[0].urgent).toBe(true);
    expect(answers[0].results[0].id).toBe('meldroutes/acuut-gevaar');
    expect(answers[1].results[0].id).toBe('meldroutes/huiselijk-geweld');
    expect(answers[2].results).toEqual([]);
    expect(answers[3].results).toEqual([]);
  });

  it('answers for a gemeente with --gemeente and refuses an unknown one', () => {
    const { known, unknown } = runs;
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('Gemeente Baarn heeft het lokale meldpunt zorgwekkend gedrag nog niet ingevuld');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Gemeente 'Atlantis' staat niet in Meldwijzer");
  });
});
