import { TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { formatLocalDate, plainHhmm } from '../lib/format';
import type { SpokenTime } from './phone-time';

/** The time as typed, and under it, as it was understood, in words ("Abfahrt ab Dienstag, 1. Dezember, 9:30 Uhr"), to read back to the caller. */
export function WhenField(props: { text: string; when: SpokenTime | undefined; mode: 'departAfter' | 'arriveBy'; error?: string; onInput: (text: string) => void }) {
  const { t, lang } = useI18n();
  const { when } = props;
  let readBack = null;
  if (props.text.trim() !== '' && when) readBack = <strong>{t(`deskBooking.when.readBack.${props.mode}`, { day: formatLocalDate(when.date, lang), time: plainHhmm(when.time) })}</strong>;
  else if (props.text.trim() !== '' && !props.error) readBack = t('deskBooking.when.unread');
  return (
    <div class="phone-booking__when">
      <TextField id="when" label={t('deskBooking.when.label')} hint={t('deskBooking.when.hint')} value={props.text} onInput={props.onInput} error={props.error} autocomplete="off" />
      <p class="kern-body when-read" aria-live="polite" id="when-read">{readBack}</p>
    </div>
  );
}
