import { useEffect, useState } from 'preact/hooks';
import { Button, Radios, TextField } from '../../components/fields';
import { Form } from '../../components/form';
import { useI18n } from '../../i18n';
import { updateDraft, useDraft } from '../../lib/booking-draft';
import { checkTime, earliestBookable, lastBookableDate, spansOn } from '../../lib/booking-rules';
import { loadAreas } from '../../lib/catalogue';
import { formatLocalDate, plainHhmm } from '../../lib/format';
import { formErrors, type FormErrors, localErrors, noErrors } from '../../lib/problems';
import { navigate } from '../../router';
import { rideMinutesGuess } from '../../lib/geo';
import { hhmmToMinutes, minutesToHhmm } from '../../lib/zoned-time';
import type { Area } from '../../types';
import { STEP_PATHS, StepHeader } from './step-header';

/** Leave after / arrive by, date and time: the earliest allowed time and the day's hours shown, refused times caught here. */
export function WhenStep() {
  const { t, lang } = useI18n();
  const draft = useDraft();
  const [area, setArea] = useState<Area | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  useEffect(() => {
    if (!draft.from || !draft.to) return navigate(STEP_PATHS.from, { replace: true });
    const areaId = draft.from.stop.areaId;
    loadAreas()
      .then((areas) => {
        const found = areas.find((a) => a.id === areaId) ?? null;
        setArea(found);
        const earliest = found && earliestBookable(found, new Date());
        // The default is the earliest time the rules allow, unless the rider chose one still allowed.
        if (earliest && (!draft.date || !draft.time || checkTime(found, draft.date, draft.time, new Date()) !== null)) updateDraft({ date: earliest.date, time: earliest.time });
      })
      .catch((error: unknown) => setErrors(formErrors(error, {}, t)));
  }, []);

  if (!area) return (<><StepHeader step="when" /><p class="kern-body" role="status">{t('common.loading')}</p></>);
  const now = new Date();
  const earliest = earliestBookable(area, now);
  const spans = draft.date ? spansOn(area, draft.date) : [];
  const hours = spans.map((s) => t('book.when.span', { from: plainHhmm(s.from), to: plainHhmm(s.to) })).join(', ');

  // "Arrive by" the earliest departure time cannot work: the ride itself takes time. Moved on by a guess of it.
  const suggestedTime = (mode: 'departAfter' | 'arriveBy') => {
    if (!earliest || !draft.from || !draft.to || draft.date !== earliest.date) return {};
    const ride = rideMinutesGuess(draft.from.stop, draft.to.stop);
    const shift = mode === 'arriveBy' && draft.time === earliest.time ? ride : mode === 'departAfter' && hhmmToMinutes(draft.time) - ride === hhmmToMinutes(earliest.time) ? -ride : 0;
    if (shift === 0) return {};
    const minutes = Math.ceil((hhmmToMinutes(draft.time) + shift) / 5) * 5;
    return minutes < 24 * 60 && minutes >= 0 ? { time: minutesToHhmm(minutes) } : {};
  };

  const submit = () => {
    const fail = (target: 'date' | 'time', text: string) => setErrors(localErrors([{ target, text }]));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) return fail('date', t('book.when.errors.date'));
    if (!/^\d{2}:\d{2}$/.test(draft.time)) return fail('time', t('book.when.errors.time'));
    const problem = checkTime(area, draft.date, draft.time, new Date());
    if (problem) {
      const params = { minutes: area.rules.minLeadMin, days: area.rules.maxHorizonDays, hours: hours || t('book.when.closed') };
      return fail(problem === 'horizon' ? 'date' : 'time', t(`errors.codes.${problem}`, params));
    }
    navigate(STEP_PATHS.details);
  };

  return (
    <>
      <StepHeader step="when" />
      {earliest && (
        <p class="kern-body">
          {t('book.when.earliest', { date: formatLocalDate(earliest.date, lang), time: plainHhmm(earliest.time), minutes: area.rules.minLeadMin })}
        </p>
      )}
      <Form errors={errors} onSubmit={submit}>
        <Radios
          id="mode"
          label={t('book.when.modeLabel')}
          value={draft.mode}
          options={[
            { value: 'departAfter', label: t('book.when.departAfter') },
            { value: 'arriveBy', label: t('book.when.arriveBy') },
          ]}
          onChange={(mode) => updateDraft({ mode, ...suggestedTime(mode) })}
        />
        <TextField
          id="date"
          type="date"
          label={t('book.when.date')}
          hint={draft.date ? t('book.when.hoursOn', { date: formatLocalDate(draft.date, lang), hours: hours || t('book.when.closed') }) : undefined}
          value={draft.date}
          min={earliest?.date}
          max={lastBookableDate(area, now)}
          onInput={(date) => updateDraft({ date })}
          error={errors.byId.date}
        />
        <TextField
          id="time"
          type="time"
          label={t(draft.mode === 'departAfter' ? 'book.when.timeDepart' : 'book.when.timeArrive')}
          value={draft.time}
          onInput={(time) => updateDraft({ time })}
          error={errors.byId.time}
          width="short"
        />
        <div class="button-row">
          <Button type="submit">{t('common.continue')}</Button>
          <Button kind="secondary" onClick={() => navigate(STEP_PATHS.to)}>{t('common.back')}</Button>
        </div>
      </Form>
    </>
  );
}
