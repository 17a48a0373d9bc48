// Completion inside a comment box: `#` for tags, `@` for people. Pure text work, unit-tested.

export type Trigger = '#' | '@';
export type Token = { trigger: Trigger; query: string; start: number; end: number };

/**
 * The `#word` or `@word` the caret is at the end of, or null. A trigger counts at the start of the
 * text or after a space or line break, so `a#b` or an e-mail address opens nothing.
 */
export function tokenAt(text: string, caret: number): Token | null {
  let i = caret - 1;
  while (i >= 0 && !/[\s#@]/.test(text[i])) i--;
  if (i < 0 || (text[i] !== '#' && text[i] !== '@')) return null;
  if (i > 0 && !/\s/.test(text[i - 1])) return null;
  const query = text.slice(i + 1, caret);
  if (query.length > 40) return null;
  return { trigger: text[i] as Trigger, query, start: i, end: caret };
}

/** Options whose name starts with the query first, then those containing it; at most `limit`. */
export function filterOptions<T extends { name: string }>(options: readonly T[], query: string, limit = 8): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return options.slice(0, limit);
  const starts: T[] = [];
  const contains: T[] = [];
  for (const option of options) {
    const name = option.name.toLowerCase();
    if (name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q))) starts.push(option);
    else if (name.includes(q)) contains.push(option);
  }
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the token replaced (a tag's `#query` by nothing, a mention's by `@Name `) and where the caret goes. */
export function replaceToken(text: string, token: Token, replacement: string): { text: string; caret: number } {
  const before = text.slice(0, token.start);
  const after = text.slice(token.end).replace(/^ /, '');
  const inserted = replacement ? `${replacement} ` : '';
  return { text: before + inserted + after, caret: before.length + inserted.length };
}
