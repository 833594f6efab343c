// Draws the app icons (a white signpost: "where do I report this?") and writes them next to the
// manifest. Run once with `npx tsx manifest/make-icons.ts`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The signpost in unit coordinates (0–1): a pole and an arrow-shaped sign pointing right. */
function isSignpost(u: number, v: number): boolean {
  const pole = u >= 0.44 && u <= 0.56 && v >= 0.22 && v <= 0.86;
  const board = u >= 0.22 && u <= 0.68 && v >= 0.28 && v <= 0.48;
  const arrowTip = u > 0.68 && u <= 0.8 && Math.abs(v - 0.38) <= 0.1 - (u - 0.68) * (0.1 / 0.12);
  const base = u >= 0.34 && u <= 0.66 && v >= 0.82 && v <= 0.88;
  return pole || board || arrowTip || base;
}

const TEAL = [0, 117, 106, 255] as const;
const CLEAR = [0, 0, 0, 0] as const;

// Four samples per pixel along each axis keep the small outline icon's edges clean enough.
function coverage(x: number, y: number, size: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (isSignpost((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

const color = encodePng(192, 192, (x, y) => {
  const c = coverage(x, y, 192);
  return c === 0 ? TEAL : ([Math.round(TEAL[0] + (255 - TEAL[0]) * c), Math.round(TEAL[1] + (255 - TEAL[1]) * c), Math.round(TEAL[2] + (255 - TEAL[2]) * c), 255] as const);
});
// Teams wants the outline icon white on transparent.
const outline = encodePng(32, 32, (x, y) => {
  const c = coverage(x, y, 32);
  return c === 0 ? CLEAR : ([255, 255, 255, Math.round(255 * c)] as const);
});

writeFileSync(path.join(here, 'color.png'), color);
writeFileSync(path.join(here, 'outline.png'), outline);
