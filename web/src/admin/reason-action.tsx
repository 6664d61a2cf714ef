import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FormErrors } from '../lib/problems';
import { ReasonField } from './reason-field';

/**
 * A change that needs nothing but a reason (a bus out of service, a shift template ended, a shift
 * cancelled): the reason, the button, and the server's answer (`run` says it in words, or more).
 * `focus` moves the focus to its heading when it opens away from the button that opened it.
 */
export function ReasonAction<T = string>(props: { id: string; heading: string; confirm: string; focus?: boolean; run: (reason: string) => Promise<T>; onSaved: (result: T) => void; onClose: () => void }) {
  const { t } = useI18n();
  const id = `${props.id}-reason`;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus) heading.current?.focus();
  }, [props.focus, props.heading]);

  const save = async () => {
    if (!reason.trim()) return setErrors(localErrors([{ target: id, text: t('admin.reason.error') }]));
    setBusy(true);
    try {
      props.onSaved(await props.run(reason.trim()));
    } catch (error) {
      setErrors(formErrors(error, { reason: { id, textKey: 'admin.reason.error' } }, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={props.heading} class="template-form">
      <h3 class="kern-heading-small" ref={heading} tabIndex={props.focus ? -1 : undefined}>{props.heading}</h3>
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={props.heading}>
        <ReasonField id={id} value={reason} error={errors.byId[id]} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{props.confirm}</Button>
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
