// A content file that cannot be used: names the file, the field and the reason,
// so a content editor can fix it without reading code.
export class ContentError extends Error {
  readonly code = 'CONTENT_INVALID';

  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: veld '${field}': ${reason}`);
    this.name = 'ContentError';
  }
}

/** Turns the first zod issue into a ContentError for that file. */
export function contentErrorFromIssues(
  file: string,
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): ContentError {
  const first = issues[0];
  const field = first && first.path.length > 0 ? first.path.map(String).join('.') : '(bestand)';
  const more = issues.length > 1 ? ` (en ${issues.length - 1} andere fout${issues.length > 2 ? 'en' : ''})` : '';
  return new ContentError(file, field, `${first?.message ?? 'ongeldig'}${more}`);
}
