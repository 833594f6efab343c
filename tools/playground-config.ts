// The Agents Playground's configuration (.m365agentsplayground.yml at the repository root, the name the
// Playground looks for in its working directory): who the Playground's user is, so the bot started
// beside it can make that user a coordinator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';

export const PLAYGROUND_CONFIG = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.m365agentsplayground.yml');

const person = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string().min(1) });
const playgroundConfigSchema = z.object({
  bot: z.object({ id: z.string(), name: z.string() }),
  currentUser: person,
  users: z.array(person),
  team: z.object({ name: z.string(), channels: z.array(z.object({ id: z.string(), name: z.string() })) }),
});
export type PlaygroundConfig = z.infer<typeof playgroundConfigSchema>;

export function readPlaygroundConfig(file = PLAYGROUND_CONFIG): PlaygroundConfig {
  return playgroundConfigSchema.parse(parseYaml(readFileSync(file, 'utf8')));
}

/** COORDINATORS for the bot beside the Playground: what is configured, plus the Playground's user. */
export function coordinatorsWithPlaygroundUser(configured: string | undefined, config = readPlaygroundConfig()): string {
  const ids = (configured ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return [...new Set([...ids, config.currentUser.aadObjectId])].join(',');
}
