import { useState } from 'preact/hooks';
import { Button, Checkbox, Radios, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { change, type AdminArea } from './admin-api';
import type { Secret } from './one-time-secret';
import { ReasonField } from './reason-field';

type Role = 'dispatcher' | 'driver' | 'admin';
interface Created { user: { name: string; phone: string }; password: string; token: string }

const FIELDS: Record<string, FieldSpec> = {
  role: { id: 'user-role', textKey: 'admin.users.errors.role' },
  name: { id: 'user-name', textKey: 'admin.users.errors.name' },
  phone: { id: 'user-phone', textKey: 'admin.users.errors.phone' },
  areaIds: { id: 'user-area-0', textKey: 'admin.users.errors.areas' },
  reason: { id: 'user-reason', textKey: 'admin.reason.error' },
};

/** A new staff login: dispatcher (optionally for some areas only), driver or admin. */
export function UserForm(props: { areas: AdminArea[]; onCreated: (secret: Secret) => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('dispatcher');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = [
      ...(name.trim() ? [] : [{ target: 'user-name', text: t('admin.users.errors.name') }]),
      ...(phone.trim() ? [] : [{ target: 'user-phone', text: t('admin.users.errors.phone') }]),
      ...(reason.trim() ? [] : [{ target: 'user-reason', text: t('admin.reason.error') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    setBusy(true);
    try {
      const scoped = role === 'dispatcher' && areaIds.length > 0 ? { areaIds } : {};
      const created = await change<Created>('POST', '/v1/admin/users', { role, name: name.trim(), phone: phone.trim(), ...scoped, reason: reason.trim() });
      setErrors(noErrors);
      setName('');
      setPhone('');
      setReason('');
      props.onCreated({ name: created.user.name, phone: created.user.phone, password: created.password, token: created.token });
    } catch (error) {
      setErrors(formErrors(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="user-form-heading">
      <h2 class="kern-heading-medium" id="user-form-heading">{t('admin.users.new')}</h2>
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={t('admin.users.new')}>
        <Radios id="user-role" label={t('admin.users.role')} value={role} error={errors.byId['user-role']} onChange={setRole}
          options={(['dispatcher', 'driver', 'admin'] as const).map((value) => ({ value, label: t(`admin.users.roles.${value}`) }))} />
        <TextField id="user-name" label={t('admin.users.name')} autocomplete="off" value={name} error={errors.byId['user-name']} onInput={setName} />
        <TextField id="user-phone" type="tel" label={t('admin.users.phone')} hint={t('admin.users.phoneHint')} autocomplete="off" value={phone} error={errors.byId['user-phone']} onInput={setPhone} />
        {role === 'dispatcher' && props.areas.length > 1 && (
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t('admin.users.areas')}</legend>
            <div class="kern-hint">{t('admin.users.areasHint')}</div>
            <div class="kern-fieldset__body">
              {props.areas.map((area, i) => (
                <Checkbox key={area.id} id={`user-area-${i}`} label={area.name} checked={areaIds.includes(area.id)}
                  onChange={(on) => setAreaIds(on ? [...areaIds, area.id] : areaIds.filter((a) => a !== area.id))} />
              ))}
            </div>
          </fieldset>
        )}
        <ReasonField id="user-reason" value={reason} error={errors.byId['user-reason']} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.users.create')}</Button>
        </div>
      </Form>
    </section>
  );
}
