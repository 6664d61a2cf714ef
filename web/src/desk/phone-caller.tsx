import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button, TextField } from '../components/fields';
import { comboboxInputAttributes } from '../components/stop-combobox';
import { useI18n } from '../i18n';
import { findRiders, spokenPhone, type FoundRider } from './booking-api';

/** Whom the booking is for: a known rider, or a new caller to be created with the booking. */
export type Caller = { kind: 'known'; rider: FoundRider } | { kind: 'new'; name: string; phone: string };

export const callerName = (caller: Caller | null) => (caller ? (caller.kind === 'known' ? caller.rider.name : caller.name) : '');

/** The caller taken: name and number (marked when new), a way to another caller, then what helps on this call. */
export function ChosenCaller(props: { caller: Caller; onChange: () => void; children: ComponentChildren }) {
  const { t } = useI18n();
  const { caller } = props;
  return (
    <>
      <p class="kern-body kern-body--large caller-chosen">
        <strong>{callerName(caller)}</strong> · <span class="nowrap">{caller.kind === 'known' ? spokenPhone(caller.rider.phone) : caller.phone}</span>
        {caller.kind === 'new' && <span class="kern-badge kern-badge--info"><span class="kern-label">{t('deskBooking.caller.newBadge')}</span></span>}
      </p>
      <Button kind="tertiary" onClick={props.onChange}>{t('deskBooking.caller.change')}</Button>
      {props.children}
    </>
  );
}

const SEARCH_DELAY_MS = 150;
const looksLikePhone = (text: string) => /^\+?[0-9 ()/-]+$/.test(text) && text.replace(/\D/g, '').length >= 3;

/**
 * Finds the caller as the dispatcher types the number or the name (WAI-ARIA combobox: arrows move,
 * Enter takes the highlighted or the first match); Enter with no match starts a new caller.
 */
export function CallerSearch(props: { onChosen: (caller: Caller) => void; error?: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundRider[]>([]);
  const [searched, setSearched] = useState('');
  const [active, setActive] = useState(-1);
  const [creating, setCreating] = useState<{ name: string; phone: string } | null>(null);
  const [newErrors, setNewErrors] = useState<{ name?: string; phone?: string }>({});
  const nameRef = useRef<HTMLDivElement>(null);
  // Enter pressed before the answer to the last keystroke arrived: acted on when it arrives, so the first match is the right one.
  const enterWaiting = useRef(false);

  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setFound([]);
      setSearched('');
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      findRiders(text)
        .then((items) => {
          if (!current) return;
          setFound(items);
          setSearched(text);
          setActive(-1);
          if (enterWaiting.current) {
            enterWaiting.current = false;
            if (items.length > 0) props.onChosen({ kind: 'known', rider: items[0] });
            else startNew(text);
          }
        })
        .catch(() => current && setFound([]));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const startNew = (text = query.trim()) => {
    setCreating(looksLikePhone(text) ? { name: '', phone: text } : { name: text, phone: '' });
    requestAnimationFrame(() => nameRef.current?.querySelector<HTMLInputElement>(looksLikePhone(text) ? '#caller-name' : '#caller-phone')?.focus());
  };
  const upToDate = searched === query.trim();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (found.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + found.length) % found.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!upToDate && query.trim().length >= 2) {
        enterWaiting.current = true;
        return;
      }
      if (found.length > 0) props.onChosen({ kind: 'known', rider: found[Math.max(active, 0)] });
      else if (query.trim()) startNew();
    } else if (event.key === 'Escape' && found.length > 0) {
      event.preventDefault();
      setFound([]);
    }
  };
  const takeNew = () => {
    if (!creating) return;
    const errors = { name: creating.name.trim() ? undefined : t('deskBooking.caller.nameMissing'), phone: creating.phone.trim() ? undefined : t('deskBooking.caller.phoneMissing') };
    setNewErrors(errors);
    if (errors.name || errors.phone) return;
    props.onChosen({ kind: 'new', name: creating.name.trim(), phone: creating.phone.trim() });
  };
  const expanded = found.length > 0 && !creating;

  return (
    <div class="caller-search">
      <div class={`kern-form-input combobox${props.error ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="caller">{t('deskBooking.caller.label')}</label>
        <div class="kern-hint" id="caller-hint">{t('deskBooking.caller.hint')}</div>
        {props.error && (
          <p class="kern-error" id="caller-error">
            <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
            <span class="kern-body">{props.error}</span>
          </p>
        )}
        <input
          class="kern-form-input__input"
          id="caller"
          {...comboboxInputAttributes('caller-list', expanded, active >= 0 ? `caller-option-${active}` : undefined)}
          aria-describedby={props.error ? 'caller-hint caller-error' : 'caller-hint'}
          aria-invalid={props.error ? 'true' : undefined}
          value={query}
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setCreating(null);
            enterWaiting.current = false;
          }}
          onKeyDown={onKeyDown}
        />
        <div class="combobox__list" id="caller-list" role="listbox" aria-label={t('deskBooking.caller.matches')} hidden={!expanded}>
          {found.map((rider, i) => (
            <div
              key={rider.id}
              id={`caller-option-${i}`}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={`combobox__option${i === active ? ' combobox__option--active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                props.onChosen({ kind: 'known', rider });
              }}
            >
              {rider.name} <span class="combobox__note">· {spokenPhone(rider.phone)}</span>
            </div>
          ))}
        </div>
        <p class="sr-only" role="status" aria-live="polite">
          {upToDate && searched ? (found.length === 0 ? t('deskBooking.caller.none') : t('deskBooking.caller.found', { n: found.length })) : ''}
        </p>
      </div>
      {upToDate && searched && found.length === 0 && !creating && (
        <p class="kern-body caller-search__none">
          {t('deskBooking.caller.noneHint')} <Button kind="secondary" onClick={() => startNew()}>{t('deskBooking.caller.new')}</Button>
        </p>
      )}
      {creating && (
        <div class="caller-new" ref={nameRef}>
          <h3 class="kern-heading-small">{t('deskBooking.caller.newHeading')}</h3>
          <div
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                takeNew();
              }
            }}
          >
            <TextField id="caller-name" label={t('deskBooking.caller.name')} value={creating.name} error={newErrors.name} autocomplete="off" onInput={(name) => setCreating({ ...creating, name })} />
            <TextField id="caller-phone" label={t('deskBooking.caller.phone')} type="tel" value={creating.phone} error={newErrors.phone} autocomplete="off" onInput={(phone) => setCreating({ ...creating, phone })} />
          </div>
          <Button kind="secondary" onClick={takeNew}>{t('deskBooking.caller.takeNew')}</Button>
        </div>
      )}
    </div>
  );
}
