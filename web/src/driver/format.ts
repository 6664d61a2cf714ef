import { useI18n } from '../i18n';
import { formatTime } from '../lib/format';
import type { ManifestRider } from './manifest';

/** The tablet's way of saying times and riders. */
export function useTabletFormat(timeZone: string) {
  const { t, lang } = useI18n();
  const time = (iso: string) => formatTime(iso, timeZone, lang);
  const needs = (r: ManifestRider) =>
    [
      t(r.seats === 1 ? 'driver.rider.seats' : 'driver.rider.seatsMany', { count: r.seats }),
      r.wheelchairs === 1 ? t('driver.rider.wheelchair') : r.wheelchairs > 1 ? t('driver.rider.wheelchairs', { count: r.wheelchairs }) : '',
    ].filter(Boolean).join(', ');
  return { t, time, needs };
}
