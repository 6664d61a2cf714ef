import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, noErrors, type FormErrors } from '../lib/problems';
import { navigate } from '../router';
import { useSession } from '../session';

/** Meine Daten: what is stored (download), password, logging out (here or everywhere), deleting the account. */
export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const user = session.user!;
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setNote(formErrors(error, {}, t).summary[0].text);
    } finally {
      setBusy(false);
    }
  };
  const download = () =>
    run(async () => {
      const response = await fetch('/v1/account/export', { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(new Blob([await response.text()], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'eifel-taxibus-meine-daten.json';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNote(t('account.downloaded'));
    });
  const logOut = (everywhere: boolean) =>
    run(async () => {
      await api('DELETE', everywhere ? '/v1/sessions' : '/v1/session');
      session.signedOut();
      navigate('/');
    });

  return (
    <>
      <h1 class="kern-heading-x-large">{t('account.title')}</h1>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('account.name')}</dt>
          <dd class="kern-description-list-item__value">{user.name}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('account.phone')}</dt>
          <dd class="kern-description-list-item__value">{user.phone}</dd>
        </div>
      </dl>
      <p class="kern-body" role="status" aria-live="polite">{note}</p>

      <section aria-labelledby="export-heading">
        <h2 class="kern-heading-medium" id="export-heading">{t('account.exportHeading')}</h2>
        <p class="kern-body">{t('account.exportText')}</p>
        <Button kind="secondary" onClick={() => void download()} disabled={busy}>{t('account.export')}</Button>
      </section>

      <PasswordChange />

      <section aria-labelledby="logout-heading">
        <h2 class="kern-heading-medium" id="logout-heading">{t('account.logoutHeading')}</h2>
        <div class="button-row">
          <Button kind="secondary" onClick={() => void logOut(false)} disabled={busy}>{t('account.logout')}</Button>
          <Button kind="secondary" onClick={() => void logOut(true)} disabled={busy}>{t('account.logoutEverywhere')}</Button>
        </div>
      </section>

      <DeleteAccount />
    </>
  );
}

function PasswordChange() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState(false);
  const fields = { currentPassword: { id: 'current-password', textKey: 'account.errors.currentPassword' }, newPassword: { id: 'new-password', textKey: 'signup.errors.password' } };
  const submit = async () => {
    setSaved(false);
    try {
      await api('POST', '/v1/account/password', { currentPassword: current, newPassword: next });
      setErrors(noErrors);
      setCurrent('');
      setNext('');
      setSaved(true);
    } catch (error) {
      setErrors(formErrors(error, fields, t));
    }
  };
  return (
    <section aria-labelledby="password-heading">
      <h2 class="kern-heading-medium" id="password-heading">{t('account.passwordHeading')}</h2>
      <Form errors={errors} onSubmit={() => void submit()} label={t('account.passwordHeading')}>
        <TextField id="current-password" type="password" label={t('account.currentPassword')} value={current} onInput={setCurrent} autocomplete="current-password" error={errors.byId['current-password']} />
        <TextField id="new-password" type="password" label={t('account.newPassword')} hint={t('signup.password.hint')} value={next} onInput={setNext} autocomplete="new-password" error={errors.byId['new-password']} />
        <div class="button-row"><Button type="submit">{t('account.savePassword')}</Button></div>
      </Form>
      <p class="kern-body" role="status">{saved ? t('account.passwordSaved') : ''}</p>
    </section>
  );
}

function DeleteAccount() {
  const { t } = useI18n();
  const session = useSession();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [asking, setAsking] = useState(false);
  const fields = { password: { id: 'delete-password', textKey: 'account.errors.currentPassword' } };
  const submit = async () => {
    try {
      await api('POST', '/v1/account/delete', { password });
      session.signedOut();
      navigate('/?konto=geloescht');
    } catch (error) {
      setErrors(formErrors(error, fields, t));
    }
  };
  return (
    <section aria-labelledby="delete-heading">
      <h2 class="kern-heading-medium" id="delete-heading">{t('account.deleteHeading')}</h2>
      <p class="kern-body">{t('account.deleteText')}</p>
      {!asking ? (
        <Button kind="secondary" onClick={() => setAsking(true)}>{t('account.delete')}</Button>
      ) : (
        <Form errors={errors} onSubmit={() => void submit()} label={t('account.deleteHeading')}>
          <TextField id="delete-password" type="password" label={t('account.deleteConfirm')} value={password} onInput={setPassword} autocomplete="current-password" error={errors.byId['delete-password']} />
          <div class="button-row">
            <Button type="submit">{t('account.deleteFinal')}</Button>
            <Button kind="secondary" onClick={() => setAsking(false)}>{t('common.back')}</Button>
          </div>
        </Form>
      )}
    </section>
  );
}
