import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { Button, TextField } from '../components/fields';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n';
import { loadAreas, loadStops } from '../lib/catalogue';
import { formErrors } from '../lib/problems';
import { localParts, zonedInstant } from '../lib/zoned-time';
import type { PageProps } from '../page-props';
import { Link, navigate } from '../router';
import type { Area, BookingStatus, Stop } from '../types';
import { spokenPhone, type DeskBooking } from './booking-api';
import { requestedIso, shortDateTime, zoneOf } from './booking-format';
import { AreaSelect, useDeskArea } from './desk-area';
import { DeskNav } from './desk-nav';
import './booking.css';

const STATUSES: BookingStatus[] = ['pending', 'offered', 'confirmed', 'assigned', 'on_board', 'completed', 'rejected', 'cancelled', 'no_show'];
const PAGE_SIZE = 25;

interface Filters {
  status: string;
  day: string;
  village: string;
  q: string;
}
const NO_FILTERS: Filters = { status: '', day: '', village: '', q: '' };
/** The filters live in the address (German names), so that Back from a booking returns to the same list. */
const PARAM_OF: Record<keyof Filters, string> = { status: 'status', day: 'tag', village: 'ort', q: 'suche' };

function filtersOf(query: URLSearchParams): Filters {
  return { status: query.get('status') ?? '', day: query.get('tag') ?? '', village: query.get('ort') ?? '', q: query.get('suche') ?? '' };
}

function addressOf(filters: Filters, riderId: string | null): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM_OF) as Array<keyof Filters>) if (filters[key].trim()) params.set(PARAM_OF[key], filters[key].trim());
  if (riderId) params.set('fahrgast', riderId);
  const text = params.toString();
  return text ? `/leitstelle/buchungen?${text}` : '/leitstelle/buchungen';
}

/** The list's query: the chosen area ('' all), a chosen day (the area's local day); without one, from the start of today on. */
function listQuery(filters: Filters, riderId: string | null, areaId: string, area: Area | undefined, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (areaId) params.set('areaId', areaId);
  if (filters.day) params.set('day', filters.day);
  else {
    const zone = area?.timeZone ?? 'Europe/Berlin';
    params.set('from', zonedInstant(localParts(new Date(), zone).date, '00:00', zone).toISOString());
  }
  if (filters.status) params.set('status', filters.status);
  if (filters.village) params.set('village', filters.village);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (riderId) params.set('riderId', riderId);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** All bookings for the desk: filtered by status, day, village and rider, searched, a page at a time. */
export default function BookingsPage(props: PageProps) {
  const { t, lang } = useI18n();
  const riderId = props.query.get('fahrgast');
  const [stops, setStops] = useState<Stop[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const filters = filtersOf(props.query);
  const filterKey = props.query.toString();
  const [draft, setDraft] = useState<Filters>(filters);
  const [items, setItems] = useState<DeskBooking[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { areas: deskAreas, chosen, choose } = useDeskArea();

  useEffect(() => {
    void Promise.all([loadStops(), loadAreas()]).then(([s, a]) => {
      setStops(s);
      setAreas(a);
    });
  }, []);
  const load = async (cursor: string | null) => {
    try {
      const page = await get<{ items: DeskBooking[]; nextCursor: string | null }>(`/v1/bookings?${listQuery(filters, riderId, chosen, areas.find((a) => a.id === chosen) ?? areas[0], cursor)}`);
      setItems((before) => (cursor && before ? [...before, ...page.items] : page.items));
      setNext(page.nextCursor);
      // After "more", the focus goes to the first booking that came (the button may be gone).
      if (cursor && items) {
        const first = items.length;
        requestAnimationFrame(() => document.querySelectorAll<HTMLAnchorElement>('.desk-table tbody a')[first]?.focus());
      }
      setError(null);
    } catch (e) {
      setError(formErrors(e, {}, t).summary[0].text);
    }
  };
  useEffect(() => {
    setDraft(filtersOf(props.query));
    if (areas.length > 0 && deskAreas) void load(null);
  }, [filterKey, areas, deskAreas, chosen]);

  const villages = [...new Set(stops.map((s) => s.village))].sort((a, b) => a.localeCompare(b, 'de'));
  const riderName = riderId ? items?.find((b) => b.riderId === riderId)?.rider?.name : undefined;
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });

  return (
    <>
      <DeskNav />
      <h1 class="kern-heading-x-large">{t('deskBooking.list.title')}</h1>
      <div class="desk-bar">
        <AreaSelect areas={deskAreas} value={chosen} onChange={choose} all />
      </div>
      <form
        class="desk-filters"
        aria-label={t('deskBooking.list.filters')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(addressOf(draft, riderId));
        }}
      >
        <TextField id="filter-q" label={t('deskBooking.list.search')} hint={t('deskBooking.list.searchHint')} value={draft.q} onInput={set('q')} autocomplete="off" />
        <Select id="filter-status" label={t('deskBooking.list.status')} value={draft.status} onChange={set('status')}
          options={[{ value: '', label: t('deskBooking.list.statusAll') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
        <TextField id="filter-day" label={t('deskBooking.list.day')} type="date" value={draft.day} onInput={set('day')} />
        <Select id="filter-village" label={t('deskBooking.list.village')} value={draft.village} onChange={set('village')}
          options={[{ value: '', label: t('deskBooking.list.villageAll') }, ...villages.map((v) => ({ value: v, label: v }))]} />
        <div class="button-row">
          <Button type="submit">{t('deskBooking.list.apply')}</Button>
          <Button kind="tertiary" onClick={() => navigate(addressOf(NO_FILTERS, riderId))}>{t('deskBooking.list.reset')}</Button>
        </div>
      </form>
      {riderId && (
        <p class="kern-body">
          {t('deskBooking.list.rider', { name: riderName ?? '…' })}{' '}
          <Link class="kern-link" href={addressOf(filters, null)}>{t('deskBooking.list.riderRemove')}</Link>
        </p>
      )}
      <p class="kern-body" role="status" aria-live="polite">
        {error ?? (items === null ? t('deskBooking.list.loading') : items.length === 0 ? t('deskBooking.list.none') : t('deskBooking.list.shown', { n: items.length }))}
      </p>
      {items && items.length > 0 && (
        <div class="kern-table-responsive" tabIndex={0} role="region" aria-label={t('deskBooking.list.caption')}>
        <table class="kern-table desk-table">
          <caption class="sr-only">{t('deskBooking.list.caption')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              {(['time', 'rider', 'trip', 'status'] as const).map((c) => <th class="kern-table__header" scope="col" key={c}>{t(`deskBooking.list.columns.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {items.map((b) => (
              <tr class="kern-table__row" key={b.id}>
                <td class="kern-table__cell">
                  <Link class="kern-link" href={`/leitstelle/buchungen/${b.id}`}>{shortDateTime(requestedIso(b), zoneOf(b, stops, areas), lang)}</Link>
                  {b.arriveBy && <> ({t('deskBooking.trip.arriveBy')})</>}
                </td>
                <td class="kern-table__cell">{b.rider?.name}<br /><span class="nowrap">{spokenPhone(b.rider?.phone)}</span></td>
                <td class="kern-table__cell">{b.pickup.name} → {b.dropoff.name}</td>
                <td class="kern-table__cell"><StatusBadge status={b.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {next && <div class="button-row"><Button kind="secondary" onClick={() => void load(next)}>{t('deskBooking.list.more')}</Button></div>}
    </>
  );
}

function Select(props: { id: string; label: string; value: string; options: Array<{ value: string; label: string }>; onChange: (value: string) => void }) {
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={props.id}>{props.label}</label>
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id={props.id} name={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
          {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
    </div>
  );
}
