import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { useI18n } from '../i18n';

export interface DeskArea {
  id: string;
  name: string;
  timeZone: string;
}

/** The area last chosen on this device, shared by the desk's pages; '' for all areas. */
const AREA_KEY = 'etb.desk.area';

function remembered(): string {
  try {
    return localStorage.getItem(AREA_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The areas this login may see (a scoped dispatcher's own, else all) and the one chosen, remembered on
 * the device. `areas` is null until the service answered; `chosen` is '' for all areas or one the
 * login may no longer see.
 */
export function useDeskArea(): { areas: DeskArea[] | null; chosen: string; choose: (id: string) => void } {
  const [areas, setAreas] = useState<DeskArea[] | null>(null);
  const [stored, setStored] = useState<string>(remembered);
  useEffect(() => {
    // Without the list the desk still works for a single area (the service picks it), so a failure leaves it empty.
    get<{ items: DeskArea[] }>('/v1/dispatch/areas').then((a) => setAreas(a.items), () => setAreas([]));
  }, []);
  const choose = (id: string) => {
    try {
      if (id) localStorage.setItem(AREA_KEY, id);
      else localStorage.removeItem(AREA_KEY);
    } catch {
      // no storage: the choice holds for this page only
    }
    setStored(id);
  };
  const chosen = areas?.some((a) => a.id === stored) ? stored : '';
  return { areas, chosen, choose };
}

/**
 * The area a day overview is read for: the chosen one, else the first (an overview is of one area).
 * null while the areas are not known; '' lets the service pick its only area.
 */
export function overviewAreaOf(areas: DeskArea[] | null, chosen: string): string | null {
  if (areas === null) return null;
  return chosen || (areas[0]?.id ?? '');
}

/** The area choice, shown only when there is more than one to choose from; "all" only where a page can show all. */
export function AreaSelect(props: { areas: DeskArea[] | null; value: string; onChange: (id: string) => void; all?: boolean }) {
  const { t } = useI18n();
  if (!props.areas || props.areas.length < 2) return null;
  return (
    <div class="kern-form-input desk-bar__area">
      <label class="kern-label" for="desk-area">{t('desk.area')}</label>
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id="desk-area" name="desk-area" value={props.value}
          onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
          {props.all && <option value="">{t('desk.areaAll')}</option>}
          {props.areas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
    </div>
  );
}
