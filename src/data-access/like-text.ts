/** Text for a LIKE pattern: `%` and `_` typed by a dispatcher are letters, not wildcards. */
export const likeText = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
