/**
 * A form of a place name for matching what people type: case, accents and the German spellings
 * without umlauts fold together, so "Pruem", "prüm" and "PRUM" all find "Prüm", "Strasse" finds "Straße".
 */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether every word typed starts a word of the name (or appears inside it, for longer words). */
export function matchesQuery(foldedName: string, foldedQuery: string): boolean {
  if (!foldedQuery) return false;
  const words = foldedName.split(' ');
  return foldedQuery.split(' ').every((q) => words.some((w) => w.startsWith(q)) || (q.length >= 3 && foldedName.includes(q)));
}
