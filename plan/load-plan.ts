// Reads the one uitvoeringsplan file in the folder the caller names (the bot passes knowledge/planning)
// and validates it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ContentError, contentErrorFromIssues } from '../knowledge/content-error';
import { Plan } from './plan';
import { planFileSchema } from './plan-schema';

/** The plan in `dir` (exactly one .yaml file); throws ContentError naming file, field and reason. */
export async function loadPlan(dir: string): Promise<Plan> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'));
  if (files.length !== 1) {
    throw new ContentError(path.basename(dir), '(bestanden)', `verwacht precies één planbestand (.yaml), gevonden: ${files.length}`);
  }
  const file = files[0]!;
  let data: unknown;
  try {
    data = parseYaml(await readFile(path.join(dir, file), 'utf8'));
  } catch (error) {
    throw new ContentError(`planning/${file}`, '(yaml)', (error as Error).message.split('\n')[0] ?? 'ongeldige YAML');
  }
  const parsed = planFileSchema.safeParse(data);
  if (!parsed.success) throw contentErrorFromIssues(`planning/${file}`, parsed.error.issues);
  return new Plan(parsed.data);
}
