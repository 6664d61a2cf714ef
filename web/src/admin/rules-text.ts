import type { Lang, Translate } from '../i18n';
import type { OperatingHours } from '../types';
import type { AdminRules } from './admin-api';

/** "30 Minuten", "2 Stunden", "1 Stunde 30 Minuten": how people say a lead time. */
export function durationText(t: Translate, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? '' : t(hours === 1 ? 'admin.units.hour' : 'admin.units.hours', { n: hours });
  const m = rest === 0 && hours > 0 ? '' : t(rest === 1 ? 'admin.units.minute' : 'admin.units.minutes', { n: rest });
  return [h, m].filter(Boolean).join(' ');
}

/**
 * The booking rules in the riders' words, as the operator types them: when one can book, how wide
 * the pickup window is, how long a ride may take (α × direct + β, shown on a 20-minute example).
 */
export function rulesInWords(t: Translate, rules: AdminRules, lang: Lang): string[] {
  const exampleMin = 20;
  return [
    t('admin.preview.booking', { lead: durationText(t, rules.minLeadMin), days: rules.maxHorizonDays }),
    t('admin.preview.window', { n: rules.pickupWindowMin }),
    t('admin.preview.rideTime', { alpha: rules.maxRideAlpha.toLocaleString(lang), beta: rules.maxRideBetaMin, direct: exampleMin, most: Math.round(exampleMin * rules.maxRideAlpha + rules.maxRideBetaMin) }),
    t('admin.preview.cancel', { cutoff: durationText(t, rules.cancellationCutoffMin) }),
    t('admin.preview.active', { n: rules.maxActiveBookingsPerRider }),
    rules.maxPartySize === undefined ? t('admin.preview.partyBus') : t('admin.preview.party', { n: rules.maxPartySize }),
  ];
}

const SPAN = /^([01]\d|2[0-4]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-4]):([0-5]\d)$/;

/** "06:00–12:00, 14:00–20:00" as spans; an empty field is a closed day; undefined when it cannot be read. */
export function parseSpans(text: string): Array<{ from: string; to: string }> | undefined {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const spans = parts.map((part) => {
    const found = SPAN.exec(part);
    return found ? { from: `${found[1]}:${found[2]}`, to: `${found[3]}:${found[4]}` } : undefined;
  });
  if (spans.some((s) => !s || s.from >= s.to)) return undefined;
  return spans as Array<{ from: string; to: string }>;
}

export const spansText = (spans: Array<{ from: string; to: string }> | undefined) => (spans ?? []).map((s) => `${s.from}–${s.to}`).join(', ');

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function parseHours(texts: Record<string, string>): OperatingHours | undefined {
  const hours: OperatingHours = {};
  for (const day of WEEKDAYS) {
    const spans = parseSpans(texts[day] ?? '');
    if (!spans) return undefined;
    hours[day] = spans;
  }
  return hours;
}
