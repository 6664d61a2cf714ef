import { Button } from './fields';
import { useI18n } from '../i18n';
import { formatDate, formatTime } from '../lib/format';
import type { Alternative } from '../types';

/** Other times the service offered for a refused ride, one button each to book it. */
export function AlternativeTimes(props: { alternatives: Alternative[]; timeZone: string; busy: boolean; onTake: (alternative: Alternative) => void }) {
  const { t, lang } = useI18n();
  return (
    <ul class="alternatives">
      {props.alternatives.map((alternative) => {
        const iso = (alternative.departAfter ?? alternative.arriveBy)!;
        const params = { date: formatDate(iso, props.timeZone, lang), time: formatTime(iso, props.timeZone, lang) };
        return (
          <li key={iso}>
            <Button kind="secondary" onClick={() => props.onTake(alternative)} disabled={props.busy}>
              {t(alternative.departAfter ? 'answer.alternativeDepart' : 'answer.alternativeArrive', params)}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
