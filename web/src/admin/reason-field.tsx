import { TextArea } from '../components/fields';
import { useI18n } from '../i18n';

/** Why the operator changes it: every change goes into the event log with a reason. */
export function ReasonField(props: { id: string; value: string; error?: string; onInput: (value: string) => void; label?: string }) {
  const { t } = useI18n();
  return <TextArea id={props.id} label={props.label ?? t('admin.reason.label')} hint={t('admin.reason.hint')} value={props.value} error={props.error} maxLength={500} onInput={props.onInput} />;
}
