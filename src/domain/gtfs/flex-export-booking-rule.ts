import type { BookingRules } from '../../../db/schema/service-area-json';

/** A booking_rules.txt row (a type, not an interface, so that it is a record of its fields). */
export type FlexBookingRule = {
  booking_rule_id: string;
  booking_type: 0 | 1;
  prior_notice_duration_min?: number;
  prior_notice_duration_max?: number;
  message: string;
  phone_number?: string;
  info_url?: string;
  booking_url?: string;
};

const minutes = (n: number) => (n === 1 ? '1 Minute' : `${n} Minuten`);
const days = (n: number) => (n === 1 ? '1 Tag' : `${n} Tage`);

/**
 * The area's booking rule as booking_rules.txt says it. Rides are booked from `minLeadMin` minutes up
 * to `maxHorizonDays` days ahead, on the day of travel too: booking_type 1 ("up to same-day booking
 * with advance notice") with both limits in minutes, the horizon exactly as the booking check counts
 * it (maxHorizonDays × 1440 minutes). Without a lead time it is real-time booking (type 0), for which
 * the reference forbids prior-notice fields. The message is German, as riders read it in the planner.
 */
export function flexBookingRule(input: {
  id: string;
  rules: Pick<BookingRules, 'minLeadMin' | 'maxHorizonDays'>;
  hotline: string | null;
  infoUrl: string | null;
  bookingUrl?: string;
  maxWalkM: number;
}): FlexBookingRule {
  const { minLeadMin, maxHorizonDays } = input.rules;
  const when = minLeadMin > 0
    ? `Bitte mindestens ${minutes(minLeadMin)} und höchstens ${days(maxHorizonDays)} vor der Fahrt buchen`
    : `Bitte höchstens ${days(maxHorizonDays)} vor der Fahrt buchen`;
  const how = [input.hotline && `telefonisch unter ${input.hotline}`, input.bookingUrl && 'online'].filter(Boolean).join(' oder ');
  const where = `Ein- und Ausstieg an der nächsten Rufbus-Haltestelle (höchstens ${input.maxWalkM} m Fußweg).`;
  return {
    booking_rule_id: input.id,
    booking_type: minLeadMin > 0 ? 1 : 0,
    prior_notice_duration_min: minLeadMin > 0 ? minLeadMin : undefined,
    prior_notice_duration_max: minLeadMin > 0 ? maxHorizonDays * 1440 : undefined,
    message: `${when}${how ? ` – ${how}` : ''}. ${where}`,
    phone_number: input.hotline ?? undefined,
    info_url: input.infoUrl ?? undefined,
    booking_url: input.bookingUrl,
  };
}
