import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { FieldMessages } from './fields';
import { foldForSearch, matchesQuery } from '../lib/normalize';
import type { Stop } from '../types';

const MAX_SHOWN = 24;

interface Group {
  village: string;
  stops: Stop[];
}

/** Stops whose name or village matches what was typed, grouped by village, villages that start with it first. */
export function suggestStops(stops: Stop[], query: string): Group[] {
  const q = foldForSearch(query);
  if (!q) return [];
  const hits = stops.filter((s) => matchesQuery(foldForSearch(`${s.village} ${s.name}`), q));
  const byVillage = new Map<string, Stop[]>();
  for (const stop of hits.slice(0, MAX_SHOWN)) byVillage.set(stop.village, [...(byVillage.get(stop.village) ?? []), stop]);
  const starts = (v: string) => (foldForSearch(v).startsWith(q) ? 0 : 1);
  return [...byVillage]
    .map(([village, list]) => ({ village, stops: list.sort((a, b) => a.name.localeCompare(b.name, 'de')) }))
    .sort((a, b) => starts(a.village) - starts(b.village) || a.village.localeCompare(b.village, 'de'));
}

/** The attributes every editable combobox's input has (WAI-ARIA 1.2): its list, whether it is open, the option highlighted. */
export function comboboxInputAttributes(listId: string, expanded: boolean, activeOptionId: string | undefined) {
  return {
    type: 'text' as const,
    role: 'combobox' as const,
    autocomplete: 'off',
    spellcheck: false,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': expanded ? ('true' as const) : ('false' as const),
    'aria-controls': listId,
    'aria-activedescendant': expanded ? activeOptionId : undefined,
  };
}

/**
 * An editable combobox with a list of suggestions (WAI-ARIA 1.2 pattern): arrow keys move through the
 * suggestions, Enter takes one, Escape closes the list; the number found is announced.
 */
export function StopCombobox(props: {
  id: string; label: string; hint?: string; error?: string; stops: Stop[]; value: Stop | null; onSelect: (stop: Stop | null) => void;
  /** Enter with none highlighted takes the first suggestion (the desk's quick typing) instead of submitting the form. */
  enterTakesFirst?: boolean;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState(props.value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // A stop chosen elsewhere (the phone's position) shows in the field.
  useEffect(() => {
    if (props.value) setQuery(props.value.name);
  }, [props.value?.id]);
  const groups = useMemo(() => suggestStops(props.stops, query), [props.stops, query]);
  const flat = groups.flatMap((g) => g.stops);
  const listId = `${props.id}-list`;
  const optionId = (i: number) => `${props.id}-option-${i}`;
  const expanded = open && flat.length > 0;

  const choose = (stop: Stop) => {
    setQuery(stop.name);
    setOpen(false);
    setActive(-1);
    props.onSelect(stop);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      if (flat.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + flat.length) % flat.length);
    } else if (event.key === 'Enter' && expanded && (active >= 0 || props.enterTakesFirst)) {
      event.preventDefault();
      choose(flat[Math.max(active, 0)]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  let index = -1;

  return (
    <div class={`kern-form-input combobox${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={props.id}>{props.label}</label>
      <FieldMessages id={props.id} hint={props.hint} error={props.error} />
      <input
        class={`kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}`}
        id={props.id}
        {...comboboxInputAttributes(listId, expanded, active >= 0 ? optionId(active) : undefined)}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
        value={query}
        onInput={(e) => {
          setQuery((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
          setActive(-1);
          if (props.value) props.onSelect(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => !props.value && query.trim() && setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <div class="combobox__list" id={listId} role="listbox" aria-label={t('stops.suggestions')} hidden={!expanded}>
        {groups.map((group, g) => (
          <div role="group" aria-labelledby={`${props.id}-group-${g}`} key={group.village}>
            <div role="presentation" class="combobox__village" id={`${props.id}-group-${g}`}>{group.village}</div>
            {group.stops.map((stop) => {
              index += 1;
              const i = index;
              return (
                <div
                  key={stop.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active ? 'true' : 'false'}
                  class={`combobox__option${i === active ? ' combobox__option--active' : ''}`}
                  // mousedown, not click: the input keeps its focus and the list stays until the choice.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(stop);
                  }}
                >
                  {stop.name}
                  {stop.wheelchairAccessible && <span class="combobox__note"> · {t('stops.accessible')}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {open && query.trim() ? (flat.length === 0 ? t('stops.none') : t('stops.found', { n: flat.length })) : ''}
      </p>
    </div>
  );
}
