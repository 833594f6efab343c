// Types for tools/build.mjs (plain JavaScript, so npm start needs no TypeScript).
export function buildBot(): Promise<void>;
/** Writes dist/pglite-<hash>.tar unless it is there; returns its path. */
export function buildPgliteTemplate(): Promise<string>;
