import { useState } from 'preact/hooks';
import { api } from '../api';
import { DemoCode } from '../components/demo-code';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { continueAfterLogin } from '../lib/after-login';
import { focusHeading } from '../lib/focus';
import { formErrors, noErrors, type FormErrors } from '../lib/problems';
import { useSession } from '../session';
import type { SessionAnswer } from '../types';

const FIELDS = {
  phone: { id: 'phone', textKey: 'signup.errors.phone' },
  code: { id: 'code', textKey: 'signup.errors.code' },
  password: { id: 'password', textKey: 'signup.errors.password' },
};

/** Forgotten password, or a phone caller's first access: a code by SMS, then a new password. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const session = useSession();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState<{ demoCode?: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      if (!sent) {
        const { body } = await api<{ demoCode?: string }>('POST', '/v1/access-code', { phone });
        setSent(body);
        setErrors(noErrors);
        focusHeading();
      } else {
        const { body } = await api<SessionAnswer>('POST', '/v1/access', { phone, code: code.trim(), password });
        session.signedIn(body);
        continueAfterLogin();
      }
    } catch (error) {
      setErrors(formErrors(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 class="kern-heading-x-large">{t(sent ? 'forgot.codeHeading' : 'forgot.title')}</h1>
      <p class="kern-body">{t(sent ? 'forgot.codeIntro' : 'forgot.intro')}</p>
      {sent && <DemoCode code={sent.demoCode} />}
      <Form errors={errors} onSubmit={submit} busy={busy}>
        {!sent ? (
          <TextField id="phone" type="tel" label={t('login.phone')} value={phone} onInput={setPhone} autocomplete="tel" error={errors.byId.phone} />
        ) : (
          <>
            <TextField id="code" label={t('signup.code.label')} value={code} onInput={setCode} autocomplete="one-time-code" inputMode="numeric" width="short" error={errors.byId.code} />
            <TextField id="password" type="password" label={t('forgot.newPassword')} hint={t('signup.password.hint')} value={password} onInput={setPassword} autocomplete="new-password" error={errors.byId.password} />
          </>
        )}
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t(sent ? 'forgot.save' : 'forgot.send')}</Button>
        </div>
      </Form>
    </>
  );
}
