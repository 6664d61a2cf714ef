import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { formatLocalDate } from '../lib/format';
import { AreaSelect, type DeskArea } from './desk-area';
import type { Connection, Overview } from './overview-live';

/** The day the desk page shows: `?tag=YYYY-MM-DD` in the address, else today (null). */
export function useDeskDay(): [string | null, (day: string | null) => void] {
  const [day, setDay] = useState<string | null>(() => {
    const asked = new URLSearchParams(location.search).get('tag');
    return asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : null;
  });
  const choose = (next: string | null) => {
    const url = new URL(location.href);
    if (next) url.searchParams.set('tag', next);
    else url.searchParams.delete('tag');
    history.replaceState(history.state, '', url);
    setDay(next);
  };
  return [day, choose];
}

export interface AreaChoice {
  areas: DeskArea[] | null;
  area: string | null;
  onArea: (id: string) => void;
}

/** Area and day choice and whether the page is live: a lost connection is said, and so is its return. */
export function OverviewHeader(props: { day: string | null; onDay: (day: string | null) => void; overview: Overview | null; connection: Connection } & AreaChoice) {
  const { t, lang } = useI18n();
  const shown = props.overview ? new Date(Date.parse(props.overview.day.from) + 12 * 3600_000).toLocaleDateString('sv-SE', { timeZone: props.overview.area.timeZone }) : props.day;
  return (
    <div class="desk-bar">
      <AreaSelect areas={props.areas} value={props.area ?? ''} onChange={props.onArea} />
      <div class="kern-form-input desk-bar__day">
        <label class="kern-label" for="desk-day">{t('desk.day')}</label>
        <input
          class="kern-form-input__input"
          id="desk-day"
          type="date"
          value={props.day ?? shown ?? ''}
          onChange={(e) => props.onDay((e.currentTarget as HTMLInputElement).value || null)}
        />
      </div>
      {shown && <p class="kern-body desk-bar__date">{formatLocalDate(shown, lang)}</p>}
      <p class={`kern-body desk-bar__live desk-bar__live--${props.connection}`}>
        <span class="desk-bar__dot" aria-hidden="true" />
        {/* Only the connection is announced; the time of each refresh would be read out every few seconds. */}
        <span role="status">{t(`desk.connection.${props.connection}`)}</span>
        {props.overview && props.connection === 'live' && ` · ${t('desk.connection.at', { time: new Date(props.overview.at).toLocaleTimeString(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: props.overview.area.timeZone }) })}`}
      </p>
    </div>
  );
}
