import { useI18n } from '../i18n';
import type { BookingStatus } from '../types';

const KIND: Record<BookingStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  pending: 'info',
  offered: 'warning',
  confirmed: 'success',
  assigned: 'success',
  on_board: 'info',
  completed: 'info',
  rejected: 'danger',
  cancelled: 'danger',
  no_show: 'danger',
};

/** The status in words (KERN badge); the colour only repeats what the words say. */
export function StatusBadge(props: { status: BookingStatus }) {
  const { t } = useI18n();
  return (
    <span class={`kern-badge kern-badge--${KIND[props.status]}`}>
      <span class="kern-label">{t(`status.${props.status}`)}</span>
    </span>
  );
}
