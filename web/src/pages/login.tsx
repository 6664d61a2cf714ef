import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { continueAfterLogin } from '../lib/after-login';
import { formErrors, type FormErrors, localErrors, noErrors } from '../lib/problems';
import { Link } from '../router';
import { useSession } from '../session';
import type { SessionAnswer } from '../types';

const FIELDS = {
  phone: { id: 'phone', textKey: 'login.errors.phone' },
  password: { id: 'password', textKey: 'login.errors.password' },
};

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const missing = [!phone.trim() && FIELDS.phone, !password && FIELDS.password].filter((f) => f !== false);
    if (missing.length > 0) {
      return setErrors(localErrors(missing.map((f) => ({ target: f.id, text: t(f.textKey) }))));
    }
    setBusy(true);
    try {
      const { body } = await api<SessionAnswer>('POST', '/v1/session', { phone, password });
      session.signedIn(body);
      continueAfterLogin(body.user?.role);
    } catch (error) {
      setErrors(formErrors(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 class="kern-heading-x-large">{t('login.title')}</h1>
      <Form errors={errors} onSubmit={submit} busy={busy}>
        <TextField id="phone" type="tel" label={t('login.phone')} value={phone} onInput={setPhone} autocomplete="tel" error={errors.byId.phone} />
        <TextField id="password" type="password" label={t('login.password')} value={password} onInput={setPassword} autocomplete="current-password" error={errors.byId.password} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('login.submit')}</Button>
        </div>
      </Form>
      <p class="kern-body"><Link class="kern-link" href="/passwort-vergessen">{t('login.forgot')}</Link></p>
      <p class="kern-body">{t('login.noAccount')} <Link class="kern-link" href="/registrieren">{t('nav.signup')}</Link></p>
    </>
  );
}
