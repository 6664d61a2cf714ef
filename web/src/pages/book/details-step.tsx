import { useEffect, useState } from 'preact/hooks';
import { Button, Checkbox, TextArea, TextField } from '../../components/fields';
import { Form } from '../../components/form';
import { useI18n } from '../../i18n';
import { updateDraft, useDraft } from '../../lib/booking-draft';
import { loadAreas } from '../../lib/catalogue';
import { type FormErrors, localErrors, noErrors } from '../../lib/problems';
import { navigate } from '../../router';
import { STEP_PATHS, StepHeader } from './step-header';

const NOTE_MAX = 500;

/** Who rides: how many people, a wheelchair, a note for the driver. */
export function DetailsStep() {
  const { t } = useI18n();
  const draft = useDraft();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [maxSeats, setMaxSeats] = useState(8);

  useEffect(() => {
    if (!draft.from || !draft.to || !draft.date) return navigate(STEP_PATHS.from, { replace: true });
    const areaId = draft.from.stop.areaId;
    loadAreas()
      .then((areas) => setMaxSeats(areas.find((a) => a.id === areaId)?.rules.maxSeats ?? 8))
      .catch(() => undefined);
  }, []);

  const submit = () => {
    const seats = Number(draft.seats);
    if (!Number.isInteger(seats) || seats < 1 || seats > maxSeats) {
      const text = t('book.details.errors.seats', { max: maxSeats });
      return setErrors(localErrors([{ target: 'seats', text }]));
    }
    if (draft.note.length > NOTE_MAX) {
      const text = t('book.details.errors.note', { max: NOTE_MAX });
      return setErrors(localErrors([{ target: 'note', text }]));
    }
    const wheelchairStopMissing = draft.wheelchair && [draft.from, draft.to].some((p) => p && !p.stop.wheelchairAccessible);
    if (wheelchairStopMissing) {
      const text = t('errors.codes.stop-not-accessible');
      return setErrors(localErrors([{ target: 'wheelchair', text }]));
    }
    navigate(STEP_PATHS.check);
  };

  return (
    <>
      <StepHeader step="details" />
      <Form errors={errors} onSubmit={submit}>
        <TextField
          id="seats"
          type="number"
          inputMode="numeric"
          width="short"
          min="1"
          max={String(maxSeats)}
          label={t('book.details.seats')}
          hint={t('book.details.seatsHint', { max: maxSeats })}
          value={draft.seats}
          onInput={(seats) => updateDraft({ seats })}
          error={errors.byId.seats}
        />
        <Checkbox
          id="wheelchair"
          label={t('book.details.wheelchair')}
          hint={t('book.details.wheelchairHint')}
          checked={draft.wheelchair}
          onChange={(wheelchair) => updateDraft({ wheelchair })}
          error={errors.byId.wheelchair}
        />
        <TextArea
          id="note"
          label={t('book.details.note')}
          hint={t('book.details.noteHint')}
          value={draft.note}
          maxLength={NOTE_MAX}
          onInput={(note) => updateDraft({ note })}
          error={errors.byId.note}
        />
        <div class="button-row">
          <Button type="submit">{t('common.continue')}</Button>
          <Button kind="secondary" onClick={() => navigate(STEP_PATHS.when)}>{t('common.back')}</Button>
        </div>
      </Form>
    </>
  );
}
