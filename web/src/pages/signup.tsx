import { useState } from 'preact/hooks';
import { api } from '../api';
import { DemoCode } from '../components/demo-code';
import { TextField, Button } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { continueAfterLogin } from '../lib/after-login';
import { focusHeading } from '../lib/focus';
import { type FieldSpec, formErrors, type FormErrors, localErrors, noErrors } from '../lib/problems';
import { Link } from '../router';
import { useSession } from '../session';
import type { SessionAnswer } from '../types';

type Step = 'name' | 'phone' | 'password' | 'code';
const FIELDS: Record<string, FieldSpec & { step: Step }> = {
  name: { id: 'name', textKey: 'signup.errors.name', step: 'name' },
  phone: { id: 'phone', textKey: 'signup.errors.phone', step: 'phone' },
  password: { id: 'password', textKey: 'signup.errors.password', step: 'password' },
  code: { id: 'code', textKey: 'signup.errors.code', step: 'code' },
};

/** Sign up one question at a time: name, phone, password, then the code sent by SMS. */
export function SignupPage() {
  const { t } = useI18n();
  const session = useSession();
  const [step, setStep] = useState<Step>('name');
  const [values, setValues] = useState({ name: '', phone: '', password: '', code: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [signup, setSignup] = useState<{ signupId: string; demoCode?: string } | null>(null);

  const go = (next: Step) => {
    setErrors(noErrors);
    setStep(next);
    focusHeading();
  };
  const set = (field: keyof typeof values) => (value: string) => setValues({ ...values, [field]: value });
  const local = (field: Step, text: string) => setErrors(localErrors([{ target: field, text }]));
  const fromServer = (error: unknown) => {
    const shown = formErrors(error, FIELDS, t);
    const first = Object.values(FIELDS).find((f) => shown.byId[f.id]);
    if (first && first.step !== step) setStep(first.step);
    setErrors(shown);
  };

  const submit = async () => {
    if (step === 'name') return values.name.trim() ? go('phone') : local('name', t('signup.errors.nameMissing'));
    if (step === 'phone') return values.phone.replace(/\D/g, '').length >= 6 ? go('password') : local('phone', t('signup.errors.phone'));
    setBusy(true);
    try {
      if (step === 'password') {
        if (values.password.length < 10) return local('password', t('signup.errors.password'));
        const { body } = await api<{ signupId: string; demoCode?: string }>('POST', '/v1/signup', { name: values.name.trim(), phone: values.phone, password: values.password });
        setSignup(body);
        go('code');
      } else if (signup) {
        const { body } = await api<SessionAnswer>('POST', `/v1/signup/${encodeURIComponent(signup.signupId)}/verify`, { code: values.code.trim() });
        session.signedIn(body);
        continueAfterLogin();
      }
    } catch (error) {
      fromServer(error);
    } finally {
      setBusy(false);
    }
  };

  const stepNumber = ['name', 'phone', 'password', 'code'].indexOf(step) + 1;
  return (
    <>
      <p class="kern-preline">{t('signup.stepOf', { n: stepNumber, total: 4 })}</p>
      <h1 class="kern-heading-x-large">{t(`signup.${step}.heading`)}</h1>
      {step === 'code' && <DemoCode code={signup?.demoCode} />}
      <Form errors={errors} onSubmit={submit} busy={busy}>
        {step === 'name' && (
          <TextField id="name" label={t('signup.name.label')} hint={t('signup.name.hint')} value={values.name} onInput={set('name')} autocomplete="name" error={errors.byId.name} />
        )}
        {step === 'phone' && (
          <TextField id="phone" type="tel" label={t('signup.phone.label')} hint={t('signup.phone.hint')} value={values.phone} onInput={set('phone')} autocomplete="tel" error={errors.byId.phone} />
        )}
        {step === 'password' && (
          <TextField id="password" type="password" label={t('signup.password.label')} hint={t('signup.password.hint')} value={values.password} onInput={set('password')} autocomplete="new-password" error={errors.byId.password} />
        )}
        {step === 'code' && (
          <TextField id="code" label={t('signup.code.label')} hint={t('signup.code.hint', { phone: values.phone })} value={values.code} onInput={set('code')} autocomplete="one-time-code" inputMode="numeric" width="short" error={errors.byId.code} />
        )}
        <div class="button-row">
          <Button type="submit" disabled={busy}>{step === 'code' ? t('signup.finish') : t('common.continue')}</Button>
          {step !== 'name' && step !== 'code' && (
            <Button kind="secondary" onClick={() => go(step === 'password' ? 'phone' : 'name')}>{t('common.back')}</Button>
          )}
        </div>
      </Form>
      {step === 'name' && (
        <p class="kern-body">
          {t('signup.haveAccount')} <Link class="kern-link" href="/anmelden">{t('nav.login')}</Link>
        </p>
      )}
    </>
  );
}
