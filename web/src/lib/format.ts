import type { Lang } from '../i18n';

/** Times and dates as people say them, in the area's time zone: "8:00", "Dienstag, 1. Dezember". */
export function formatTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

export function formatDate(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
}

/** A local calendar date (YYYY-MM-DD) in words. */
export function formatLocalDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`));
}

/** "05:30" → "5:30" */
export const plainHhmm = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');
