import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../components/fields';
import { Form } from '../../components/form';
import { StopCombobox } from '../../components/stop-combobox';
import { useI18n } from '../../i18n';
import { updateDraft, useDraft } from '../../lib/booking-draft';
import { loadStops } from '../../lib/catalogue';
import { nearestStop, walkingMinutes } from '../../lib/geo';
import { formErrors, type FormErrors, localErrors, noErrors } from '../../lib/problems';
import { navigate } from '../../router';
import type { Stop } from '../../types';
import { STEP_PATHS, StepHeader } from './step-header';

// The map's code loads only when someone opens it.
const StopMapPicker = lazy(() => import('../../components/stop-map-picker'));

/** Where from / where to: a stop found by typing its village or name, the one nearest the phone, or one chosen on a map. */
export function PlaceStep(props: { which: 'from' | 'to' }) {
  const { t, lang } = useI18n();
  const draft = useDraft();
  const [stops, setStops] = useState<Stop[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [locating, setLocating] = useState(false);
  const [located, setLocated] = useState('');
  const [mapOpen, setMapOpen] = useState(false);
  const place = draft[props.which];
  const id = props.which === 'from' ? 'pickup' : 'dropoff';

  useEffect(() => {
    if (props.which === 'to' && !draft.from) return navigate(STEP_PATHS.from, { replace: true });
    loadStops().then(setStops).catch((error: unknown) => setErrors(formErrors(error, {}, t)));
  }, [props.which]);

  const fail = (text: string) => setErrors(localErrors([{ target: id, text }]));
  const submit = () => {
    if (!place) return fail(t(`book.${props.which}.missing`));
    if (props.which === 'to' && draft.from && place.stop.id === draft.from.stop.id) return fail(t('errors.codes.same-stop'));
    navigate(props.which === 'from' ? STEP_PATHS.to : STEP_PATHS.when);
  };

  const useLocation = () => {
    if (!('geolocation' in navigator) || !stops) return fail(t('book.location.unavailable'));
    setLocating(true);
    setLocated(t('book.location.searching'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const found = nearestStop(stops, { lat: position.coords.latitude, lon: position.coords.longitude }, draft.wheelchair);
        if (!found) return fail(t('book.location.noStop'));
        updateDraft({ [props.which]: { stop: found.stop, fromLocationM: Math.round(found.distanceM) } });
        setErrors(noErrors);
        setLocated(t('book.location.found', { stop: found.stop.name, metres: Math.round(found.distanceM / 10) * 10, minutes: walkingMinutes(found.distanceM) }));
      },
      (error) => {
        setLocating(false);
        setLocated('');
        fail(t(error.code === error.PERMISSION_DENIED ? 'book.location.denied' : 'book.location.unavailable'));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <>
      <StepHeader step={props.which} />
      <Form errors={errors} onSubmit={submit}>
        {stops === null ? (
          <p class="kern-body" role="status">{t('common.loading')}</p>
        ) : (
          <StopCombobox
            id={id}
            label={t(`book.${props.which}.label`)}
            hint={t('book.placeHint')}
            error={errors.byId[id]}
            stops={stops}
            value={place?.stop ?? null}
            onSelect={(stop) => {
              setLocated('');
              updateDraft({ [props.which]: stop ? { stop } : null });
            }}
          />
        )}
        <div class="location">
          <Button kind="secondary" onClick={useLocation} disabled={locating || stops === null}>
            {t('book.location.button')}
          </Button>
          <Button kind="secondary" onClick={() => setMapOpen(!mapOpen)} disabled={stops === null} aria-expanded={mapOpen}>
            {t(mapOpen ? 'book.map.hide' : 'book.map.button')}
          </Button>
          <p class="kern-body" role="status" aria-live="polite">{located}</p>
        </div>
        {mapOpen && stops && (
          <Suspense fallback={<p class="kern-body">{t('common.loading')}</p>}>
            <StopMapPicker
              stops={stops}
              wheelchair={draft.wheelchair}
              chosen={place?.stop ?? null}
              onChoose={(stop, distanceM) => {
                updateDraft({ [props.which]: { stop } });
                setErrors(noErrors);
                setLocated(distanceM < 1000
                  ? t('book.map.chosen', { stop: stop.name, metres: Math.round(distanceM / 10) * 10 })
                  : t('book.map.chosenFar', { stop: stop.name, km: (distanceM / 1000).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }) }));
              }}
            />
          </Suspense>
        )}
        <div class="button-row">
          <Button type="submit">{t('common.continue')}</Button>
          {props.which === 'to' && <Button kind="secondary" onClick={() => navigate(STEP_PATHS.from)}>{t('common.back')}</Button>}
        </div>
      </Form>
    </>
  );
}
