// Types for tools/build.mjs (plain JavaScript, so npm start needs no TypeScript).
export function buildBot(): Promise<void>;
