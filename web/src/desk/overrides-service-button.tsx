import { useI18n } from '../i18n';
import type { OverrideAction } from './overrides-actions';
import type { DeskBus } from './overview-live';

/** "Außer Dienst" for a bus in service, "Wieder in Dienst" for one out of it; the bus named for screen readers. */
export function ServiceButton(props: { bus: DeskBus; onAction: (action: OverrideAction) => void }) {
  const { t } = useI18n();
  const { bus } = props;
  const action: OverrideAction = bus.inService ? { kind: 'out-of-service', vehicleId: bus.id } : { kind: 'in-service', vehicleId: bus.id, previousReason: bus.outOfServiceReason };
  return (
    <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => props.onAction(action)}>
      <span class="kern-label">{t(bus.inService ? 'desk.buses.takeOut' : 'desk.buses.putBack')}<span class="sr-only"> ({bus.label})</span></span>
    </button>
  );
}
