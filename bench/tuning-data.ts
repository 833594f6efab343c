// The labelled questions that may be used for tuning, in one place for bench:search, bench:cv and
// tools/build-phrasings.ts: the tuning part of bench/eval/evaluation-set-2.yaml and the extra tuning files.
// The sealed part of evaluation-set-2.yaml is only ever read by bench:search, for its aggregate figures.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import { phrasingKey } from '../knowledge/phrasings';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EVALUATION_SET = path.join(here, 'eval', 'evaluation-set-2.yaml');
/** Own phrasings used for tuning besides the evaluation set's tuning part (older labelled sets included). */
export const EXTRA_TUNING_FILES = ['eval/tuning-18.yaml', 'eval/tuning-17.yaml', 'eval/tuning-16.yaml', 'eval/tuning-15.yaml', 'eval/tuning-14.yaml', 'eval/tuning-13.yaml', 'eval/tuning-12.yaml', 'eval/tuning-11.yaml', 'eval/tuning-10.yaml', 'eval/tuning-9.yaml', 'eval/tuning-8.yaml', 'eval/tuning-7.yaml', 'eval/tuning-6.yaml', 'eval/tuning-5.yaml', 'eval/tuning-4.yaml', 'eval/tuning-3.yaml', 'eval/evaluation-set.yaml', 'eval/tuning-extra.yaml', 'search-questions.yaml', 'search-questions-holdout.yaml'].map((f) => path.join(here, f));

export const questionSchema = z
  .object({
    q: z.string(),
    expect: z.string().nullable(),
    urgent: z.boolean().default(false),
    kind: z.string().optional(),
    style: z.string().optional(),
    split: z.enum(['tuning', 'sealed']).optional(),
  })
  .strict();
export type LabelledQuestion = z.infer<typeof questionSchema>;

export function readQuestions(file: string): LabelledQuestion[] {
  return z.array(questionSchema).parse(parseYaml(readFileSync(file, 'utf8')) ?? []);
}

/** Labelled questions from the extra tuning files that exist (tuning-3.yaml may not be there yet). */
export function readExtraTuning(): LabelledQuestion[] {
  return EXTRA_TUNING_FILES.filter((f) => existsSync(f)).flatMap(readQuestions);
}

/**
 * The questions whose folded text is not a sealed question of evaluation-set-2.yaml (older tuning files
 * hold a few identical short phrasings): what may be trained on. Compares only; prints nothing sealed.
 */
export function withoutSealed(questions: ReadonlyArray<LabelledQuestion>): { kept: LabelledQuestion[]; dropped: number } {
  const sealed = new Set(readQuestions(EVALUATION_SET).filter((q) => q.split === 'sealed').map((q) => phrasingKey(q.q)));
  const kept = questions.filter((q) => !sealed.has(phrasingKey(q.q)));
  return { kept, dropped: questions.length - kept.length };
}

/** The tuning part of evaluation-set-2.yaml: the sealed entries are dropped here, before anything sees them. */
export function readEvaluationTuning(): LabelledQuestion[] {
  return readQuestions(EVALUATION_SET).filter((q) => q.split === 'tuning');
}
