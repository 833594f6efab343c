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
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    // A wrong path or a folder that cannot be read stops the start with one Dutch line, not a stack.
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContentError(path.basename(dir), '(map)', code === 'ENOENT' ? `de planningsmap ${dir} bestaat niet` : `de planningsmap ${dir} kan niet worden gelezen (${code ?? 'onbekende fout'})`);
  }
  const files = names.filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'));
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
