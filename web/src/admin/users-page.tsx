import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { Form } from '../components/form';
import { get } from '../api';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FormErrors } from '../lib/problems';
import { change, loadAdminAreas, loadVehicles, type AdminVehicle } from './admin-api';
import { DriverBusesForm } from './driver-buses-form';
import { AdminNav } from './admin-nav';
import { OneTimeSecret, type Secret } from './one-time-secret';
import { ReasonField } from './reason-field';
import { SavedNote } from './saved-note';
import { useLoad } from './use-load';
import { UserForm } from './user-form';

interface StaffUser { id: string; role: string; name: string; phone: string; deactivatedAt: string | null; vehicleIds: string[] }
type Action = { user: StaffUser; kind: 'reset' | 'deactivate' };

/** Staff logins: who may work at the desk, drive, or set the service up; new ones, new passwords, and ending a login. */
export default function UsersPage() {
  const { t } = useI18n();
  const users = useLoad(() => get<{ items: StaffUser[] }>('/v1/admin/users').then((a) => a.items), []);
  const areas = useLoad(loadAdminAreas, []);
  const vehicles = useLoad(async (): Promise<AdminVehicle[]> => (await Promise.all((await loadAdminAreas()).map((a) => loadVehicles(a.id)))).flat(), []);
  const [busesOf, setBusesOf] = useState<StaffUser | null>(null);
  const busesText = (user: StaffUser) => {
    if (user.role !== 'driver') return '';
    if (user.vehicleIds.length === 0) return t('admin.users.allBuses');
    return user.vehicleIds.map((id) => vehicles.data?.find((v) => v.id === id)?.label ?? '').filter(Boolean).join(', ');
  };
  const [secret, setSecret] = useState<Secret | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);

  const act = async () => {
    if (!action) return;
    if (!reason.trim()) return setErrors(localErrors([{ target: 'action-reason', text: t('admin.reason.error') }]));
    try {
      const answer = await change<{ user: StaffUser; password: string; token: string } | StaffUser>('POST', `/v1/admin/users/${action.user.id}/${action.kind}`, { reason: reason.trim() });
      if ('password' in answer) setSecret({ name: answer.user.name, phone: answer.user.phone, password: answer.password, token: answer.token });
      else setSaved(t('admin.users.deactivated', { name: action.user.name }));
      setAction(null);
      setReason('');
      setErrors(noErrors);
      users.reload();
    } catch (error) {
      setErrors(formErrors(error, { reason: { id: 'action-reason', textKey: 'admin.reason.error' } }, t));
    }
  };
  const start = (next: Action) => {
    setSaved(null);
    setSecret(null);
    setErrors(noErrors);
    setBusesOf(null);
    setAction(next);
  };

  return (
    <>
      <AdminNav />
      <h1 class="kern-heading-x-large">{t('admin.users.heading')}</h1>
      <SavedNote text={saved} />
      {secret && <OneTimeSecret secret={secret} onDone={() => setSecret(null)} />}
      {users.failed ? <p class="kern-body">{t('admin.loadFailed')}</p> : !users.data ? <p class="kern-body">{t('common.loading')}</p> : (
        <div class="admin-table-wrap">
          <table class="kern-table">
            <caption class="kern-title">{t('admin.users.caption', { n: users.data.length })}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                {['name', 'role', 'phone', 'buses', 'state', 'actions'].map((key) => <th key={key} scope="col" class="kern-table__header">{t(`admin.users.col.${key}`)}</th>)}
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {users.data.map((user) => (
                <tr class="kern-table__row" key={user.id}>
                  <td class="kern-table__cell">{user.name}</td>
                  <td class="kern-table__cell">{t(`admin.users.roles.${user.role}`)}</td>
                  <td class="kern-table__cell">{user.phone}</td>
                  <td class="kern-table__cell">{busesText(user)}</td>
                  <td class="kern-table__cell">{t(user.deactivatedAt ? 'admin.users.inactive' : 'admin.users.active')}</td>
                  <td class="kern-table__cell">
                    {!user.deactivatedAt && (
                      <div class="table-actions">
                        {user.role === 'driver' && vehicles.data && (
                          <Button kind="tertiary" onClick={() => { setAction(null); setSaved(null); setBusesOf(user); }}>{t('admin.users.setBuses')}<span class="sr-only"> {user.name}</span></Button>
                        )}
                        <Button kind="tertiary" onClick={() => start({ user, kind: 'reset' })}>{t('admin.users.reset')}<span class="sr-only"> {user.name}</span></Button>
                        <Button kind="tertiary" onClick={() => start({ user, kind: 'deactivate' })}>{t('admin.users.deactivate')}<span class="sr-only"> {user.name}</span></Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {action && (
        <section aria-labelledby="action-heading">
          <h2 class="kern-heading-medium" id="action-heading">{t(`admin.users.${action.kind}Heading`, { name: action.user.name })}</h2>
          <p class="kern-body">{t(`admin.users.${action.kind}Explain`)}</p>
          <Form errors={errors} onSubmit={() => void act()} label={t(`admin.users.${action.kind}Heading`, { name: action.user.name })}>
            <ReasonField id="action-reason" value={reason} error={errors.byId['action-reason']} onInput={setReason} />
            <div class="button-row">
              <Button type="submit">{t(`admin.users.${action.kind}Confirm`)}</Button>
              <Button kind="tertiary" onClick={() => setAction(null)}>{t('admin.stops.close')}</Button>
            </div>
          </Form>
        </section>
      )}
      {busesOf && vehicles.data && (
        <DriverBusesForm key={busesOf.id} user={busesOf} vehicles={vehicles.data} onClose={() => setBusesOf(null)}
          onSaved={() => { setSaved(t('admin.users.busesSaved', { name: busesOf.name })); setBusesOf(null); users.reload(); }} />
      )}
      {areas.data && <UserForm areas={areas.data} onCreated={(s) => { setSaved(null); setSecret(s); users.reload(); }} />}
    </>
  );
}
